/**
 * `npm run bench`: ticket creation throughput and latency on PostgreSQL, measured in one run against two
 * baselines: creating a maintenance log through its generated endpoint (a collection type with none of
 * our logic: the ratio is the cost of numbering, timeline and checks) and a raw single-row INSERT with pg
 * (the floor). A benchmark, not a test: it prints figures and asserts nothing.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openSessions, Api } from '../tests/support/http';
import { ROOT, createPostgresDatabase, dropPostgresDatabase, startInstance } from '../tests/support/instances';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);

interface Figures {
  label: string;
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarize(label: string, latencies: number[], seconds: number, errors: number): Figures {
  const sorted = [...latencies].sort((x, y) => x - y);
  return { label, requests: latencies.length, throughput: latencies.length / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), errors };
}

/** autocannon for the load; each response's own time is kept, since autocannon reports no p95. */
async function httpLoad(label: string, url: string, token: string, body: unknown, seconds = DURATION_S): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      },
      (error, finished) => (error ? reject(error) : resolve(finished))
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 201 || statusCode === 200) latencies.push(responseTime);
      else errors++;
    });
  });
  return summarize(label, latencies, result.duration, errors + result.errors + result.timeouts);
}

/** The floor: the same number of concurrent clients doing single-row INSERTs straight into PostgreSQL. */
async function rawInsertLoad(connectionString: string, seconds = DURATION_S): Promise<Figures> {
  const pool = new pg.Pool({ connectionString, max: CONNECTIONS });
  await pool.query('CREATE TABLE bench_rows (id serial PRIMARY KEY, title text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await pool.query('INSERT INTO bench_rows (title) VALUES ($1)', ['Postazione bloccata']);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    })
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  await pool.end();
  return summarize('raw INSERT with pg (floor)', latencies, elapsed, 0);
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  await require('@strapi/strapi').compileStrapi();
  const dbName = `spoc_bench_${process.pid}`;
  const location = await createPostgresDatabase(dbName);
  const instance = await startInstance({ client: 'postgres', location }, { DATABASE_POOL_MAX: '10' });
  try {
    const sessions = await openSessions(instance.url);
    const tool = new Api(instance.url, sessions.tool);
    const orgs = await tool.get('/api/organizations?filters[code]=AZERO');
    const organization = orgs.body.data[0].documentId as string;
    const ticketBody = { data: { title: 'Postazione bloccata', kind: 'incident', priority: 'P3', channel: 'phone', organization } };
    const logBody = { data: { title: 'Riavvio programmato', type: 'planned', status: 'planned', organization } };

    // Warm-up: JIT, connection pools, caches.
    await httpLoad('warm-up', `${instance.url}/api/tickets`, sessions.tool, ticketBody, 2);
    await httpLoad('warm-up', `${instance.url}/api/maintenance-logs`, sessions.tool, logBody, 2);

    const ticket = await httpLoad('ticket creation (POST /api/tickets)', `${instance.url}/api/tickets`, sessions.tool, ticketBody);
    const log = await httpLoad('maintenance-log creation (generated endpoint)', `${instance.url}/api/maintenance-logs`, sessions.tool, logBody);
    const raw = await rawInsertLoad(location);

    console.log(`\nSPOC Desk benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on 127.0.0.1`);
    console.log(`load: ${CONNECTIONS} connections, ${DURATION_S} s each\n`);
    console.log('| what | requests | req/s | p50 ms | p95 ms | p99 ms | errors |');
    console.log('|---|---|---|---|---|---|---|');
    for (const f of [ticket, log, raw]) {
      console.log(`| ${f.label} | ${f.requests} | ${fmt(f.throughput)} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.p99)} | ${f.errors} |`);
    }
    const ratio = ticket.throughput / log.throughput;
    console.log(`\nticket / maintenance-log throughput: ${fmt(ratio * 100)}% (target ≥ 60%: ${ratio >= 0.6 ? 'met' : 'NOT met'})`);
    console.log(`ticket / raw INSERT throughput: ${fmt((ticket.throughput / raw.throughput) * 100)}%`);
    console.log(`ticket creation p95: ${fmt(ticket.p95)} ms (target < 100 ms: ${ticket.p95 < 100 ? 'met' : 'NOT met'})`);
  } finally {
    await instance.stop();
    await dropPostgresDatabase(dbName);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
