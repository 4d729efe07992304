import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseEnv, ROOT } from '../support/instances';

/**
 * A ticket's creation is validated with the content type's schema built once (database/entity-validation.ts),
 * where Strapi's entity validator builds it anew for every entry. The outcome must be Strapi's, value or
 * error, for every entry: this compares both on every content type of the app, with valid entries and
 * entries wrong in each way, as a draft and not. Validation reads no table for the entries compared, so one
 * database serves: a copy of the run's SQLite template (loading the app may write to it), no instance.
 */
describe('the cached creation validation', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spoc-validation-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives every entry exactly what Strapi's validateEntityCreation gives it", async () => {
    const template = inject('templates').find((candidate) => candidate.db.client === 'sqlite')!;
    const location = path.join(dir, 'main.db');
    copyFileSync(template.db.location, location);
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'tests', 'support', 'entity-validation-fidelity.cjs')], {
      cwd: ROOT,
      env: { ...process.env, ...databaseEnv({ client: 'sqlite', location }), SEED_DEMO: 'false', CRON_ENABLED: 'false', NOTIFICATIONS_WORKER: 'false', STRAPI_TELEMETRY_DISABLED: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const line = stdout.split('\n').find((text) => text.startsWith('FIDELITY '));
    expect(line, stdout.slice(-2000)).toBeTruthy();
    const result = JSON.parse(line!.slice('FIDELITY '.length)) as { contentTypes: number; cached: string[]; compared: number; differences: unknown[] };
    // The schema is cached for the ticket (what this is for) and for most of the app's content types, all compared.
    expect(result.cached).toContain('api::ticket.ticket');
    expect(result.cached.length).toBeGreaterThanOrEqual(15);
    expect(result.compared).toBeGreaterThanOrEqual(200);
    expect(result.differences).toEqual([]);
  }, 120_000);
});
