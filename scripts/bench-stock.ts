/**
 * The stock Strapi of `npm run bench` (issue 17): an app made by `create-strapi` of the version we pin, with one
 * collection type of the ticket's scalar fields (bench/stock-strapi) and none of our code, started in
 * production mode on the same PostgreSQL server. What it costs to create a row there is what Strapi itself
 * costs; every ratio of the bench is taken against it.
 * Made once into .tmp/bench/stock-strapi (create-strapi copies its bundled template, no network; `npm install`
 * takes its packages from npm's cache when they are there) and reused while the pinned version stays.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, LOG_DIR, freePort, logTail } from '../tests/support/instances';

export const STOCK_DIR = path.join(ROOT, '.tmp', 'bench', 'stock-strapi');
const SOURCES = path.join(ROOT, 'bench', 'stock-strapi');
const READY_MARK = path.join(STOCK_DIR, '.bench-ready');
const ADMIN = { email: 'bench@stock.test', password: 'StockBench2026!', firstname: 'Bench', lastname: 'Stock' };

export interface StockStrapi {
  url: string;
  child: ChildProcess;
  /** A full-access API token: the stock app's requests go the way our bench's API-token requests go. */
  token: string;
  stop(): Promise<void>;
}

/** The `@strapi/strapi` version of our package.json: the stock app is made with the same. */
function pinnedVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  return pkg.dependencies['@strapi/strapi'];
}

/** Makes the stock app if it is not there (or was made with another version), and lays our one content type in it. */
export function ensureStockStrapi(): void {
  const version = pinnedVersion();
  if (!existsSync(READY_MARK) || readFileSync(READY_MARK, 'utf8').trim() !== version) {
    console.log(`stock Strapi: creating it with create-strapi@${version} in ${path.relative(ROOT, STOCK_DIR)} (once)`);
    rmSync(STOCK_DIR, { recursive: true, force: true });
    mkdirSync(path.dirname(STOCK_DIR), { recursive: true });
    const run = (command: string, args: string[], cwd: string) =>
      execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });
    // JavaScript and no example: the smallest app create-strapi makes. The database is given at start.
    run('npx', ['-y', `create-strapi@${version}`, STOCK_DIR, '--js', '--no-example', '--skip-cloud', '--no-git-init', '--no-install', '--no-run', '--use-npm', '--dbclient', 'postgres', '--dbhost', '127.0.0.1', '--dbport', '5432', '--dbname', 'stock', '--dbusername', 'postgres', '--dbpassword', 'postgres'], path.dirname(STOCK_DIR));
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], STOCK_DIR);
    writeFileSync(READY_MARK, `${version}\n`);
  }
  // Each run: the content type as the repository has it now.
  cpSync(path.join(SOURCES, 'src'), path.join(STOCK_DIR, 'src'), { recursive: true });
}

/**
 * Starts the stock app on `databaseUrl` (production mode, a pool of `poolMax`), with an admin and an API token of
 * its own; `execArgv` as for our instances (BENCH_CPU_PROF's `--cpu-prof`).
 */
export async function startStockStrapi(databaseUrl: string, poolMax: number, execArgv: string[] = []): Promise<StockStrapi> {
  const port = await freePort();
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `stock-strapi-${process.pid}-${port}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...execArgv, path.join(STOCK_DIR, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
    cwd: STOCK_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_CLIENT: 'postgres',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: String(poolMax),
      STRAPI_TELEMETRY_DISABLED: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stock Strapi exited with code ${child.exitCode}; see ${logFile}:\n${logTail(logFile)}`);
    const health = await fetch(`${url}/_health`).catch(() => null);
    if (health?.status === 204) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stock Strapi did not start within 120 s; see ${logFile}:\n${logTail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    log.end();
  };
  try {
    return { url, child, token: await fullAccessToken(url), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The first admin, registered as the admin panel's first screen does, and a full-access API token it creates. */
async function fullAccessToken(url: string): Promise<string> {
  const post = async (route: string, body: unknown, jwt?: string) => {
    const res = await fetch(url + route, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data?: Record<string, unknown> };
    if (!res.ok) throw new Error(`stock Strapi ${route} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
    return json.data ?? {};
  };
  // Each bench run starts the stock app on a database of its own: its first admin is always to be registered.
  const registered = await post('/admin/register-admin', ADMIN);
  const token = await post('/admin/api-tokens', { name: `bench ${Date.now()}`, type: 'full-access', lifespan: null, description: '' }, registered.token as string);
  return token.accessKey as string;
}
