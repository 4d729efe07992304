import { rmSync, mkdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  ROOT,
  createPostgresDatabase,
  dropPostgresDatabase,
  dropPostgresDatabases,
  postgresReachable,
  smtpEnv,
  startInstance,
  type BackendTemplate,
  type DatabaseTarget,
} from './instances';
import { connect } from './database';
import { openSessions } from './http';
import { ensureAdminBuild, ensurePortalBuild, ensureServerBuild } from './builds';
import { startSmtpSink } from './smtp-sink';
import { dovecotAvailable, startDovecot, type ImapEndpoint, type ImapServer } from './dovecot';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded databases each test file copies for instances of its own (test-instances.ts). */
    templates: BackendTemplate[];
    /** Names the run's databases: a test file's are `spoc_f_<runId>_…`, dropped at the end of the run if a file left one. */
    runId: string;
    /** The shared Dovecot, or null where it is not installed (its suites skip). */
    imap: ImapEndpoint | null;
  }
}

/**
 * Twice a clean-clone CI run ended with exit code 1 and no summary: Vitest's main process was gone while a
 * worker was still in a file, and nothing said why (the SMTP sink's unheard errors, since fixed). These
 * lines say it next time: an exception that is about to end the main process, and the code it ends with.
 * Written synchronously, as the process may be ending; they change nothing of how it ends (a monitor).
 */
function reportHowTheMainProcessEnds() {
  const say = (line: string) => writeSync(2, `[test main process ${process.pid}] ${line}\n`);
  process.on('uncaughtExceptionMonitor', (error, origin) => say(`${origin}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
  process.on('exit', (code) => {
    if (code !== 0) say(`exits with code ${code}`);
  });
}

/**
 * Compiles the app if stale, builds the admin panel and the portal if stale, starts Dovecot, and makes one seeded
 * database per backend (SQLite, and PostgreSQL when reachable) with a Strapi that is stopped again: the
 * template each test file copies for a database and instances of its own, so that files cannot see each
 * other's rows, leases, crons or mail (issue 13). The demo accounts are signed in once, on the template:
 * their sessions and the API token live in the database, so every copy accepts them.
 * Without PostgreSQL the suite runs on SQLite only, unless REQUIRE_ALL=1 (CI), where it fails; the same goes
 * for Dovecot, the IMAP server of the e-mail intake tests.
 */
export default async function setup(project: TestProject) {
  reportHowTheMainProcessEnds();
  // First, so that a CI machine without Dovecot fails before a minute of compiling (throws under REQUIRE_ALL=1).
  const withDovecot = dovecotAvailable();
  await ensureServerBuild();
  ensureAdminBuild();
  ensurePortalBuild();

  const runId = `${process.pid}`;
  project.provide('runId', runId);
  const dataDir = path.join(ROOT, '.tmp', `test-${runId}`);
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const withPostgres = await postgresReachable();
  if (!withPostgres && process.env.REQUIRE_ALL === '1') {
    throw new Error('PostgreSQL is not reachable at 127.0.0.1:5432 and REQUIRE_ALL=1: the PostgreSQL suites may not skip');
  }
  if (!withPostgres) console.warn('PostgreSQL not reachable: integration tests run on SQLite only');

  let imap: ImapServer | null = null;
  if (withDovecot) imap = await startDovecot();
  else console.warn('Dovecot not installed: the IMAP suites skip');
  project.provide('imap', imap && { host: imap.host, port: imap.port, usersDir: imap.usersDir });

  const pgTemplate = `spoc_tpl_${runId}`;
  const cleanUp = async () => {
    await imap?.stop();
    if (withPostgres) {
      await dropPostgresDatabase(pgTemplate);
      await dropPostgresDatabases(`spoc_f_${runId}_%`);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const targets: DatabaseTarget[] = [{ client: 'sqlite', location: path.join(dataDir, 'template.db') }];
    if (withPostgres) targets.push({ client: 'postgres', location: await createPostgresDatabase(pgTemplate) });
    const templates = await Promise.all(targets.map((db) => makeTemplate(db, dataDir)));
    project.provide('templates', templates.sort((a, b) => a.name.localeCompare(b.name)));
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}

/**
 * Boots a Strapi on an empty database (schema, demo seed, our tables), signs the demo accounts in, lets its
 * outbox send the seed's e-mails (to a sink of its own), and stops it: what is left is the template.
 */
async function makeTemplate(db: DatabaseTarget, dataDir: string): Promise<BackendTemplate> {
  const sink = await startSmtpSink(path.join(dataDir, `template-mail-${db.client}`));
  try {
    const instance = await startInstance(db, smtpEnv(sink.port));
    try {
      const sessions = await openSessions(instance.url);
      await outboxSettled(db);
      return { name: db.client, db, sessions };
    } finally {
      await instance.stop();
    }
  } finally {
    await sink.stop();
  }
}

/** Until the seed's e-mails are sent, so that no copy of the template sends them again. */
async function outboxSettled(db: DatabaseTarget) {
  const sql = await connect(db);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const [{ n }] = await sql.query<{ n: number | string }>("SELECT count(*) AS n FROM notif_outbox WHERE state IN ('pending', 'sending')");
      if (Number(n) === 0) return;
      if (Date.now() > deadline) throw new Error(`the template's outbox still holds ${n} messages after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await sql.close();
  }
}
