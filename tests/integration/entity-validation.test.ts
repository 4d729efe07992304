import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runFidelityScript } from '../support/fidelity';

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
    const result = await runFidelityScript<{ contentTypes: number; cached: string[]; compared: number; differences: unknown[] }>('entity-validation-fidelity.cjs', { client: 'sqlite', location });
    // The schema is cached for the ticket (what this is for) and for most of the app's content types, all compared.
    expect(result.cached).toContain('api::ticket.ticket');
    expect(result.cached.length).toBeGreaterThanOrEqual(15);
    expect(result.compared).toBeGreaterThanOrEqual(200);
    expect(result.differences).toEqual([]);
  }, 120_000);
});
