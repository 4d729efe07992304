import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { databaseEnv, ROOT, type DatabaseTarget } from './instances';

/** Runs a fidelity script (tests/support/*-fidelity.cjs, on fidelity-run.cjs) on a database and returns its result. */
export async function runFidelityScript<T>(script: string, db: DatabaseTarget): Promise<T> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'tests', 'support', script)], {
    cwd: ROOT,
    env: { ...process.env, ...databaseEnv(db), SEED_DEMO: 'false', CRON_ENABLED: 'false', NOTIFICATIONS_WORKER: 'false', STRAPI_TELEMETRY_DISABLED: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((text) => text.startsWith('FIDELITY '));
  expect(line, stdout.slice(-2000)).toBeTruthy();
  return JSON.parse(line!.slice('FIDELITY '.length)) as T;
}
