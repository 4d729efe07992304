import { rmSync, mkdirSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  ROOT,
  createPostgresDatabase,
  dropPostgresDatabase,
  postgresReachable,
  startInstance,
  type Backend,
  type RunningInstance,
} from './instances';
import { openSessions } from './http';
import { ensureAdminBuild, ensurePortalBuild } from './ui-builds';
import { startSmtpSink } from './smtp-sink';
import { dovecotAvailable, startDovecot, type ImapEndpoint, type ImapServer } from './dovecot';
import { smtpEnv } from './instances';

declare module 'vitest' {
  export interface ProvidedContext {
    backends: Backend[];
    /** Where the shared SMTP sink stores what the instances send. */
    mailDir: string;
    smtpPort: number;
    /** The shared Dovecot, or null where it is not installed (its suites skip). */
    imap: ImapEndpoint | null;
  }
}

/**
 * Compiles the app once and starts one Strapi on SQLite and one on PostgreSQL, shared by all integration
 * files. Without PostgreSQL the suite runs on SQLite only, unless REQUIRE_ALL=1 (CI), where it fails.
 * The same goes for Dovecot, the IMAP server of the e-mail intake tests: without it their suites skip.
 */
/**
 * Twice a clean-clone CI run ended with exit code 1 and no summary: Vitest's main process was gone while a
 * worker was still in a file, and nothing said why. These lines say it next time: an exception that is about
 * to end the main process, and the code it ends with. Written synchronously, as the process may be ending;
 * they change nothing of how it ends (a monitor, not a handler).
 */
function reportHowTheMainProcessEnds() {
  const say = (line: string) => writeSync(2, `[test main process ${process.pid}] ${line}\n`);
  process.on('uncaughtExceptionMonitor', (error, origin) => say(`${origin}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  process.on('exit', (code) => {
    if (code !== 0) say(`exits with code ${code}`);
  });
}

export default async function setup(project: TestProject) {
  reportHowTheMainProcessEnds();
  // First, so that a CI machine without Dovecot fails before a minute of compiling (throws under REQUIRE_ALL=1).
  const withDovecot = dovecotAvailable();
  // Strapi's ESM build does not load under Node's resolver; its CommonJS build does.
  const { compileStrapi } = createRequire(path.join(ROOT, 'package.json'))('@strapi/strapi');
  await compileStrapi();
  ensureAdminBuild();
  ensurePortalBuild();

  const runId = `${process.pid}`;
  const dataDir = path.join(ROOT, '.tmp', `test-${runId}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const sink = await startSmtpSink(path.join(dataDir, 'mail'));
  project.provide('mailDir', sink.dir);
  project.provide('smtpPort', sink.port);
  // Before the instances, so that they can be pointed at it.
  let imap: ImapServer | null = null;
  if (withDovecot) {
    try {
      imap = await startDovecot();
    } catch (error) {
      await sink.stop();
      throw error;
    }
  } else {
    console.warn('Dovecot not installed: the IMAP suites skip');
  }
  project.provide('imap', imap && { host: imap.host, port: imap.port, usersDir: imap.usersDir });
  const mailEnv = smtpEnv(sink.port);
  const instances: RunningInstance[] = [];
  const backends: Backend[] = [];
  const pgName = `spoc_test_${runId}`;
  let pgCreated = false;

  const sqliteDb = { client: 'sqlite' as const, location: path.join(dataDir, 'main.db') };
  const withPostgres = await postgresReachable();
  if (!withPostgres && process.env.REQUIRE_ALL === '1') {
    throw new Error('PostgreSQL is not reachable at 127.0.0.1:5432 and REQUIRE_ALL=1: the PostgreSQL suites may not skip');
  }
  if (!withPostgres) console.warn('PostgreSQL not reachable: integration tests run on SQLite only');

  const starts: Promise<void>[] = [
    startInstance(sqliteDb, mailEnv).then(async (instance) => {
      instances.push(instance);
      backends.push({ name: 'sqlite', url: instance.url, db: sqliteDb, sessions: await openSessions(instance.url) });
    }),
  ];
  if (withPostgres) {
    starts.push(
      (async () => {
        const location = await createPostgresDatabase(pgName);
        pgCreated = true;
        const pgDb = { client: 'postgres' as const, location };
        const instance = await startInstance(pgDb, mailEnv);
        instances.push(instance);
        backends.push({ name: 'postgres', url: instance.url, db: pgDb, sessions: await openSessions(instance.url) });
      })()
    );
  }
  const outcomes = await Promise.allSettled(starts);
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failure) {
    await Promise.all(instances.map((instance) => instance.stop()));
    await sink.stop();
    await imap?.stop();
    if (pgCreated) await dropPostgresDatabase(pgName);
    throw failure.reason;
  }
  backends.sort((a, b) => a.name.localeCompare(b.name));
  project.provide('backends', backends);

  return async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await sink.stop();
    await imap?.stop();
    if (pgCreated) await dropPostgresDatabase(pgName);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
