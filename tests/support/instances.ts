/**
 * Starting and stopping real Strapi processes for the integration tests, on SQLite or PostgreSQL.
 * Each test run gets databases of its own, created here and dropped at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Sessions } from './http';

export const ROOT = path.resolve(__dirname, '..', '..');
export const LOG_DIR = path.join(ROOT, '.tmp', 'test-logs');

export type DbClient = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  client: DbClient;
  /** SQLite file path, or PostgreSQL connection string. */
  location: string;
}

export interface Backend {
  name: DbClient;
  url: string;
  db: DatabaseTarget;
  sessions: Sessions;
}

/** A seeded database made by the global setup, and the demo accounts' sessions, valid on every copy of it. */
export interface BackendTemplate {
  name: DbClient;
  db: DatabaseTarget;
  sessions: Sessions;
}

export interface RunningInstance {
  url: string;
  port: number;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
  kill(): void;
}

/**
 * The API-token salt every test instance runs with, named here so that a developer's .env (which Strapi reads,
 * without overriding what the environment already has) cannot change it, and tests that store a key by hand
 * (rest-api/bearer-tokens.ts) hash it as the instance does.
 */
export const TEST_API_TOKEN_SALT = 'spoc-desk-test-api-token-salt';
/** The instances' thread secret (MAIL_THREAD_SECRET): config/plugins.ts's default, as the tests set neither variable. */
export const TEST_THREAD_SECRET = process.env.MAIL_THREAD_SECRET ?? process.env.APP_KEYS?.split(',')[0] ?? 'spoc-desk-dev-key-1';

/**
 * How long the test instances may serve API tokens, role permissions and the settings from memory (src/access/
 * cached-access.ts): an hour, so that every test which changes a token, a role or a setting through Strapi and
 * then relies on it checks the change signal, not the lifetime (1 s in production).
 */
export const TEST_ACCESS_CACHE_TTL_MS = 60 * 60 * 1000;

export const ADMIN_PG_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Ports for the servers tests start (Strapi, Dovecot, sinks) come from below the kernel's ephemeral range
 * (32768-60999 here), drawn at random and checked free. A port from `listen(0)` is an ephemeral one: in the
 * seconds between checking it and Strapi listening on it, any outgoing connection of any process (a test's
 * HTTP request, a pool's PostgreSQL connection) may take it as its local port, and Strapi then exits on
 * EADDRINUSE. Nothing connects from below the range, so only two test servers could meet there, by chance.
 */
const TEST_PORTS = { first: 15_000, last: 32_000 };

export async function freePort(): Promise<number> {
  for (;;) {
    const port = TEST_PORTS.first + Math.floor(Math.random() * (TEST_PORTS.last - TEST_PORTS.first));
    if (await canListen(port)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The end of a log file, for an error that points at it: CI keeps the message, not the file. */
export function logTail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function databaseEnv(db: DatabaseTarget): Record<string, string> {
  return db.client === 'sqlite'
    ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: db.location }
    : { DATABASE_CLIENT: 'postgres', DATABASE_URL: db.location };
}

/** What an instance needs to send its mail to a test SMTP sink. */
export function smtpEnv(port: number): Record<string, string> {
  return {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(port),
    SMTP_SECURE: 'false',
    MAIL_FROM: 'SPOC Desk <spoc@spoc-desk.test>',
    MAIL_REPLY_TO: 'helpdesk@spoc-desk.test',
  };
}

let started = 0;

/** Forks one Strapi on the compiled app and resolves when it listens. */
export async function startInstance(db: DatabaseTarget, extraEnv: Record<string, string> = {}, execArgv: string[] = []): Promise<RunningInstance> {
  const port = await freePort();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${db.client}-${process.pid}-${++started}-${port}.log`);
  const log = createWriteStream(logFile);
  const child = fork(path.join(ROOT, 'tests', 'support', 'strapi-process.cjs'), [], {
    cwd: ROOT,
    execArgv,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      SEED_DEMO: 'true',
      STRAPI_TELEMETRY_DISABLED: 'true',
      STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
      BROWSER: 'none',
      // Tests drive the progress sweep through its endpoint, so that notices fall when a test expects them.
      NOTIFICATIONS_PROGRESS_CRON: '',
      // Every test signs in from 127.0.0.1: the production limit (10 a minute) would throttle the suite.
      AUTH_RATELIMIT_MAX: '100',
      // The demo accounts sign in once, on the template (global-setup.ts); a run slowed down by a loaded machine
      // outlasted Strapi's 30-minute admin access token, and every admin request after it answered 401.
      ADMIN_ACCESS_TOKEN_LIFESPAN: String(4 * 60 * 60),
      API_TOKEN_SALT: TEST_API_TOKEN_SALT,
      ACCESS_CACHE_TTL_MS: String(TEST_ACCESS_CACHE_TTL_MS),
      // Started without SMTP_HOST, an instance captures its mail (.eml files): into a folder of its own, never the project's .tmp/mail.
      MAIL_CAPTURE_DIR: path.join(LOG_DIR, `${path.basename(logFile, '.log')}-mail`),
      ...databaseEnv(db),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Two streams into one file: neither may end it (the later one would write after the end); the close of the child does.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const logClosed = new Promise<void>((resolve) => child.once('close', () => log.end(resolve)));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Strapi did not start within 120 s; see ${logFile}:\n${logTail(logFile)}`)), 120_000);
    child.on('message', (message: { type?: string }) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Read the file once the child's last lines are in it.
      void logClosed.then(() => reject(new Error(`Strapi exited with code ${code} before it was ready; see ${logFile}:\n${logTail(logFile)}`)));
    });
  });

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    logFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** A new database, empty or a copy of `template` (a file copy inside PostgreSQL: a fraction of a second). */
export async function createPostgresDatabase(name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Drops every database whose name is LIKE the pattern: what test files of an interrupted run left behind. */
export async function dropPostgresDatabases(pattern: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [pattern]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The database name of a PostgreSQL connection string. */
export const postgresDatabaseName = (location: string) => new URL(location).pathname.slice(1);
