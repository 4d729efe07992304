import { describe, expect, it } from 'vitest';
import { actors, backends } from '../support/api';
import { runFidelityScript } from '../support/fidelity';

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
    const result = await runFidelityScript<{ users: number; differences: unknown[] }>('authenticated-user-fidelity.cjs', backend.db);
    expect(result.users).toBeGreaterThanOrEqual(4);
    expect(result.differences).toEqual([]);
  }, 120_000);
});
