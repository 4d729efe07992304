import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { actors, backends } from '../support/api';
import { databaseEnv, ROOT } from '../support/instances';

/**
 * A portal request's user is read in one statement with its role and organization (access/authenticated-user.ts),
 * where users-permissions reads it with the Query Engine. Every field and type must be the same, or a check
 * that reads one (blocked, confirmed, the role, the session stamp) would decide on something else.
 */
describe.each(backends())('the authenticated user read on $name', (backend) => {
  it("gives every user exactly as users-permissions' own read does, role included, and nothing for an unknown id", async () => {
    // Users of every shape: with and without an organization, blocked, with a phone and a language.
    const a = await actors(backend);
    const roles = await a.admin.get('/users-permissions/roles');
    const staff = (roles.body.roles as Array<{ id: number; type: string }>).find((role) => role.type === 'staff')!;
    const made = await a.admin.post('/content-manager/collection-types/plugin::users-permissions.user', {
      username: `bloccato-${Date.now()}`,
      email: `bloccato-${Date.now()}@azero.veneto.it`,
      password: 'Una-Password-Lunga-2026',
      confirmed: false,
      blocked: true,
      phone: '+39 049 000000',
      language: 'en',
      role: staff.id,
    });
    expect([200, 201], JSON.stringify(made.body)).toContain(made.status);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'tests', 'support', 'authenticated-user-fidelity.cjs')], {
      cwd: ROOT,
      env: { ...process.env, ...databaseEnv(backend.db), SEED_DEMO: 'false', CRON_ENABLED: 'false', NOTIFICATIONS_WORKER: 'false', STRAPI_TELEMETRY_DISABLED: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = stdout.split('\n').find((text) => text.startsWith('FIDELITY '));
    expect(line, stdout.slice(-2000)).toBeTruthy();
    const result = JSON.parse(line!.slice('FIDELITY '.length)) as { users: number; differences: unknown[] };
    expect(result.users).toBeGreaterThanOrEqual(4);
    expect(result.differences).toEqual([]);
  }, 120_000);
});
