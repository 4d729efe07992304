/**
 * `npm run bench`: ticket creation throughput, latency and CPU on PostgreSQL, measured in one run against a
 * stock Strapi's create of the ticket's scalar fields (scripts/bench-stock.ts: none of our code, the
 * baseline of issue 17's ratios), our own maintenance log's generated create (what our global code costs)
 * and a raw single-row INSERT with pg (the floor); then the portal list, the console queue, the SLA report,
 * the outbox and the e-mail intake. A benchmark, not a test: it prints figures and ratios, asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openSessions, Api } from '../tests/support/http';
import { ROOT, createPostgresDatabase, dropPostgresDatabase, smtpEnv, startInstance } from '../tests/support/instances';
import { startSmtpSink } from '../tests/support/smtp-sink';
import { startDovecot } from '../tests/support/dovecot';
import { loadPortalTickets, PORTAL_LIST_PATH, portalListStatements } from './bench-portal';
import { ensureStockStrapi, startStockStrapi, type StockStrapi } from './bench-stock';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/**
 * Ticket and maintenance-log loads alternate in this many rounds (DURATION_S in all for each): on a machine
 * whose speed drifts, two back-to-back 10 s runs would measure the drift as much as the ratio.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/**
 * `npm run bench -- creation report` runs only the parts named (all but scale when none is): creation
 * (tickets, maintenance logs, raw INSERT), report, outbox, intake (needs Dovecot), portal, console (the
 * operators' queue); scale (only when named: the SLA report's cost at 10k, 100k and 1M tickets, and the
 * portal's figures over 1M tickets; about ten minutes of loading).
 */
const PARTS = ['creation', 'report', 'outbox', 'intake', 'portal', 'console', 'scale'] as const;
const chosen = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
for (const part of chosen) if (!(PARTS as readonly string[]).includes(part)) throw new Error(`unknown part "${part}": one of ${PARTS.join(', ')}`);
const runs = (part: (typeof PARTS)[number]) => (chosen.length === 0 ? part !== 'scale' : chosen.includes(part));
/**
 * Our instances run as deployed, in production mode, as the stock Strapi does (startInstance's default is the
 * tests' development mode). The demo seed is asked for by name (SEED_DEMO), as production does not seed.
 */
const PRODUCTION = {
  NODE_ENV: 'production',
  // The access cache's production lifetime (config/server.ts), not the tests' hour (TEST_ACCESS_CACHE_TTL_MS).
  ACCESS_CACHE_TTL_MS: '1000',
};
/** BENCH_CPU_PROF=dir: the API instance, the stock Strapi and the intake's reader write a V8 CPU profile there when they stop (open it in Chrome's DevTools). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

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

/**
 * autocannon for the load (a POST of `body`, or a GET without one); each response's own time is kept, since
 * autocannon reports no p95. Several URLs share the connections in turn (autocannon's round robin).
 */
async function httpLoad(label: string, url: string | string[], token: string, body: unknown, seconds = DURATION_S): Promise<Figures & { latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        // autocannon takes a list of URLs too (its README); its type declarations name only a string.
        url: url as string,
        method: body === undefined ? 'GET' : 'POST',
        connections: CONNECTIONS,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      (error, finished) => (error ? reject(error) : resolve(finished))
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 201 || statusCode === 200) latencies.push(responseTime);
      else errors++;
    });
  });
  return { ...summarize(label, latencies, result.duration, errors + result.errors + result.timeouts), latencies, seconds: result.duration };
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux as built by Debian). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux); null elsewhere. On a machine shared
 * with other tenants, the CPU a request costs the Strapi process moves much less than its throughput does.
 */
function processCpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The floor: the same number of concurrent clients doing single-row INSERTs straight into PostgreSQL. */
async function rawInsertLoad(connectionString: string, seconds = DURATION_S): Promise<Figures> {
  const pool = new pg.Pool({ connectionString, max: CONNECTIONS });
  await pool.query('CREATE TABLE bench_rows (id serial PRIMARY KEY, title text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const figures = await timedLoad('raw INSERT with pg (floor)', () => pool.query('INSERT INTO bench_rows (title) VALUES ($1)', ['Postazione bloccata']), seconds);
  await pool.end();
  return figures;
}

/** CONNECTIONS clients repeating `work` on a pg pool for `seconds`, each call timed. */
/** CONNECTIONS loops doing `work` over and over for `seconds`, each run timed: for loads autocannon cannot make. */
async function timedLoad(label: string, work: () => Promise<unknown>, seconds = DURATION_S): Promise<Figures> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await work();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    })
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return summarize(label, latencies, elapsed, 0);
}

/**
 * Loads synthetic closed and open tickets with their SLA clocks straight into PostgreSQL (March 2025, a
 * period nothing else touches), and times the compliance report at each size (10,000 and 100,000; to
 * 1,000,000 for scale).
 */
async function reportScaling(connectionString: string, baseUrl: string, token: string, sizes: readonly number[] = [10_000, 100_000]) {
  const client = new pg.Client({ connectionString });
  // The database is dropped with FORCE at the end; a late notice of that is not this function's failure.
  client.on('error', () => {});
  await client.connect();
  const load = async (first: number, last: number) => {
    await client.query(
      `WITH s AS (
         SELECT g, timestamp '2025-03-01' + (g % 28) * interval '1 day' + (g % 1440) * interval '1 minute' AS ts,
                'P' || (1 + g % 4) AS priority
         FROM generate_series($1::int, $2::int) g
       ), t AS (
         INSERT INTO tickets (document_id, number, title, kind, priority, channel, state, reported_at, registered_at,
                              taken_in_charge_at, restored_at, created_at, updated_at, published_at, timeline_length)
         SELECT 'bench-' || g, 'BN-2025-' || lpad(g::text, 7, '0'), 'Bench', 'incident', priority,
                (ARRAY['phone','email','portal','api'])[1 + g % 4], CASE WHEN g % 10 = 0 THEN 'in_charge' ELSE 'closed' END,
                ts, ts + (g % 90) * interval '1 second', ts + interval '20 minutes', CASE WHEN g % 10 = 0 THEN NULL ELSE ts + interval '3 hours' END,
                now(), now(), now(), 0
         FROM s RETURNING id, priority, state
       )
       INSERT INTO sla_clocks (document_id, ticket_id, policy_id, policy_name, calendar_name, priority, take_charge_minutes, restore_minutes,
                               take_charge_elapsed_minutes, take_charge_met, take_charge_breached,
                               restore_elapsed_minutes, restore_met, restore_breached, restore_paused_minutes, created_at, updated_at, published_at)
       SELECT 'bench-clock-' || id, id, 1, 'Predefinita H24', 'H24', priority, tc, rs,
              (id::bigint * 7919) % (tc + tc / 10), (id::bigint * 7919) % (tc + tc / 10) <= tc, (id::bigint * 7919) % (tc + tc / 10) > tc,
              CASE WHEN state = 'closed' THEN (id::bigint * 104729) % (rs + rs / 5) END,
              CASE WHEN state = 'closed' THEN (id::bigint * 104729) % (rs + rs / 5) <= rs END,
              state = 'closed' AND (id::bigint * 104729) % (rs + rs / 5) > rs, 0, now(), now(), now()
       FROM (SELECT id, priority, state,
                    CASE priority WHEN 'P1' THEN 30 WHEN 'P2' THEN 60 WHEN 'P3' THEN 240 ELSE 480 END AS tc,
                    CASE priority WHEN 'P1' THEN 240 WHEN 'P2' THEN 480 WHEN 'P3' THEN 1440 ELSE 4320 END AS rs
             FROM t) x`,
      [first, last]
    );
    await client.query('ANALYZE tickets; ANALYZE sla_clocks');
  };
  const time = async () => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/sla/report?from=2025-03-01&to=2025-03-31`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      const body = (await res.json()) as { data: { totals: { tickets: number; breaches: number } } };
      runs.push(performance.now() - t0);
      if (i === 0) console.log(`  report over ${body.data.totals.tickets} tickets: ${body.data.totals.breaches} breaches listed`);
    }
    return runs.sort((x, y) => x - y)[1];
  };
  const curve: Array<{ tickets: number; ms: number }> = [];
  let loaded = 0;
  for (const size of sizes) {
    // In slices of 100,000: one statement for a million rows holds a million-row transaction's memory.
    for (let first = loaded + 1; first <= size; first += 100_000) await load(first, Math.min(size, first + 99_999));
    loaded = size;
    curve.push({ tickets: size, ms: await time() });
  }
  await client.end();
  const at = (tickets: number) => curve.find((point) => point.tickets === tickets)?.ms ?? NaN;
  const points = curve.map((point) => `${point.tickets.toLocaleString('en')} tickets ${fmt(point.ms, 0)} ms`).join('; ');
  const largest = curve[curve.length - 1];
  console.log(`\nSLA compliance report (GET /api/sla/report, median of 3, all tickets in the month reported): ${points} (target < 2000 ms: ${largest.ms < 2000 ? 'met' : 'NOT met'})`);
  if (sizes.includes(1_000_000)) {
    const growth = at(1_000_000) / at(100_000);
    console.log(`SLA report at 1,000,000 ÷ at 100,000: ${fmt(growth, 2)} (target ≤ 10: ${growth <= 10 ? 'met' : 'NOT met'}); per 10× tickets: ${curve.slice(1).map((point, i) => fmt(point.ms / curve[i].ms, 2)).join(', ')}`);
  }
}

/** A worker instance started on the same database sends the e-mails the API instance recorded. */
async function outboxDrain(connectionString: string, smtpPort: number, timeoutMs = 300_000) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const count = async () => (await client.query(`SELECT COUNT(*)::int AS n FROM notif_outbox WHERE state IN ('pending', 'sending')`)).rows[0].n as number;
  const queued = await count();
  const worker = await startInstance({ client: 'postgres', location: connectionString }, { ...PRODUCTION, SEED_DEMO: 'false', NOTIFICATIONS_WORKER_CRON: '* * * * * *', ...smtpEnv(smtpPort) });
  const t0 = performance.now();
  const deadline = Date.now() + timeoutMs;
  try {
    while ((await count()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    const seconds = (performance.now() - t0) / 1000;
    console.log(`\noutbox worker: ${queued} e-mails sent over SMTP (with their timeline events) in ${fmt(seconds)} s: ${fmt(queued / seconds)} per second`);
  } finally {
    await worker.stop();
    await client.end();
  }
}

/** 500 messages waiting in a real Dovecot mailbox; a reader instance starts; time until each has its result. */
async function intakeThroughput(connectionString: string, smtpPort: number, execArgv: string[], total = 500, timeoutMs = 600_000): Promise<number> {
  const server = await startDovecot();
  const account = await server.addMailbox('bench');
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (let i = 0; i < total; i++) {
      // Distinct senders of Azienda Zero's domain: organization by domain, and no sender over the rate limit.
      const raw = [
        `From: Utente ${i} <utente${i}@azero.veneto.it>`,
        'To: helpdesk@spoc-desk.test',
        `Subject: Richiesta di prova ${i}`,
        `Message-ID: <bench-${process.pid}-${i}@azero.veneto.it>`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `La postazione ${i} non si avvia.`,
        '',
      ].join('\r\n');
      await server.append(account, raw);
    }
    const mailbox = `${account.user}@${server.host}/INBOX`;
    const t0 = performance.now();
    const reader = await startInstance(
      { client: 'postgres', location: connectionString },
      { ...PRODUCTION, SEED_DEMO: 'false', NOTIFICATIONS_WORKER: 'false', ...smtpEnv(smtpPort), INTAKE_IMAP_HOST: server.host, INTAKE_IMAP_PORT: String(server.port), INTAKE_IMAP_SECURE: 'false', INTAKE_IMAP_USER: account.user, INTAKE_IMAP_PASSWORD: account.password },
      execArgv
    );
    const booted = performance.now();
    const cpuAtBoot = processCpuMs(reader.child.pid);
    try {
      const done = async () => (await client.query(`SELECT COUNT(*)::int AS n FROM intake_records WHERE mailbox = $1 AND outcome <> 'processing'`, [mailbox])).rows[0].n as number;
      const deadline = Date.now() + timeoutMs;
      while ((await done()) < total && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      const seconds = (performance.now() - booted) / 1000;
      const tickets = (await client.query(`SELECT COUNT(*)::int AS n FROM intake_records WHERE mailbox = $1 AND outcome = 'ticket'`, [mailbox])).rows[0].n as number;
      const rate = (await done()) / seconds;
      const cpuNow = processCpuMs(reader.child.pid);
      const cpuPerMessage = cpuAtBoot !== null && cpuNow !== null ? fmt((cpuNow - cpuAtBoot) / total) : '-';
      console.log(
        `\ne-mail intake: ${total} messages in the mailbox → ${tickets} tickets in ${fmt(seconds)} s after the reader was up (boot ${fmt((booted - t0) / 1000)} s): ${fmt(rate)} messages per second, ${cpuPerMessage} ms of the reader's CPU each`
      );
      return rate;
    } finally {
      await reader.stop();
    }
  } finally {
    await client.end();
    await server.stop();
  }
}

/** `load`'s result, with the CPU time (ms) the API process spent meanwhile: NaN where /proc is not there. */
async function withCpu<T>(pid: number | undefined, load: () => Promise<T>): Promise<{ result: T; cpuMs: number }> {
  const before = processCpuMs(pid);
  const result = await load();
  const after = processCpuMs(pid);
  return { result, cpuMs: before !== null && after !== null ? after - before : NaN };
}

/**
 * The portal's request list: a Staff user's first page of 25, newest first, with 100,000 tickets (1,000,000 for scale) in the
 * database. Beside it, what Strapi's own generated endpoints do on the same instance at the same load, with
 * none of our list logic: a 25-row page of maintenance logs (an API token's request goes Strapi's own way)
 * and its smallest read, one category for the same Staff user. They show which part of the latency is ours.
 */
async function portalList(connectionString: string, baseUrl: string, sessions: { tool: string; staff: string }, pid: number | undefined) {
  const tool = new Api(baseUrl, sessions.tool);
  const inOrganization = await loadBenchTickets(connectionString, tool);
  const logs = (await tool.get('/api/maintenance-logs?pagination[pageSize]=1')).body.meta.pagination.total as number;
  for (let i = logs; i < 25; i++) await tool.post('/api/maintenance-logs', { data: { title: `Intervento ${i + 1}`, type: 'planned', state: 'planned' } });
  const total = (await tool.get('/api/tickets?pagination[pageSize]=1')).body.meta.pagination.total as number;
  const check = await new Api(baseUrl, sessions.staff).get(PORTAL_LIST_PATH);
  if (check.status !== 200 || check.body.data.length !== 25) throw new Error(`portal list answered ${check.status}: ${JSON.stringify(check.body).slice(0, 300)}`);
  const loads = [
    { label: 'portal list (GET /api/tickets, 25 newest, as a Staff user)', path: PORTAL_LIST_PATH, token: sessions.staff },
    { label: "Strapi's generated list: 25 maintenance logs, newest first (API token)", path: '/api/maintenance-logs?pagination[pageSize]=25&sort=createdAt:desc', token: sessions.tool },
    { label: "Strapi's smallest read: 1 category (Staff user)", path: '/api/categories?pagination[pageSize]=1', token: sessions.staff },
  ];
  const measured = [];
  for (const load of loads) {
    await httpLoad('warm-up', baseUrl + load.path, load.token, undefined, 2);
    const { result, cpuMs } = await withCpu(pid, () => httpLoad(load.label, baseUrl + load.path, load.token, undefined));
    measured.push({ ...result, cpuPerRequest: cpuMs / result.requests });
  }
  // The database's share: the page and count statements Strapi sends for that request, straight through pg.
  const pool = new pg.Pool({ connectionString, max: CONNECTIONS });
  const organizationId = (await pool.query(`SELECT id FROM organizations WHERE code = 'AZERO'`)).rows[0].id as number;
  const sql = portalListStatements(organizationId);
  const run = (statements: typeof sql.plain) => () => Promise.all(statements.map((statement) => pool.query(statement.text, statement.values)));
  const floors = [
    await timedLoad("  its page and total as sent now (plain page), alone with pg", run(sql.plain)),
    await timedLoad("  Strapi's own page and total for it, alone with pg", run(sql.strapi)),
  ];
  await pool.end();
  console.log(`\nportal list: ${total} tickets in the database, ${inOrganization} of the user's organization (${check.body.meta.pagination.total} visible to it)`);
  console.log('| what | requests | req/s | p50 ms | p95 ms | p99 ms | errors | API CPU ms/request |');
  console.log('|---|---|---|---|---|---|---|---|');
  // The pg-only rows cost the API instance nothing: their CPU column reads '-'.
  for (const row of [...measured, ...floors.map((floor) => ({ ...floor, cpuPerRequest: NaN }))]) {
    console.log(`| ${row.label} | ${row.requests} | ${fmt(row.throughput)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${row.errors} | ${fmt(row.cpuPerRequest)} |`);
  }
  const [portal, generated, smallest] = measured;
  const ratio = portal.p95 / generated.p95;
  console.log(`portal list p95 ÷ Strapi's generated 25-row list p95: ${fmt(ratio, 2)} (target ≤ 1.0: ${ratio <= 1 ? 'met' : 'NOT met'}); ${fmt(portal.p95)} ms against ${fmt(generated.p95)} ms, its smallest read ${fmt(smallest.p95)} ms`);
  await portalTicketPage(baseUrl, sessions, pid);
}

/**
 * The portal's page of one request, as the page asks it (the ticket with its category, attachments and
 * public follow-ups, and its SLA state; its timeline: one request), for a ticket with a history, against
 * Strapi's generated findOne of a maintenance log on the same instance; and, for comparison, the same page
 * as the two reads the portal made before. All timed by the same loop (autocannon cannot pair two requests).
 */
async function portalTicketPage(baseUrl: string, sessions: { tool: string; staff: string }, pid: number | undefined) {
  const tool = new Api(baseUrl, sessions.tool);
  const organizations = await tool.get('/api/organizations?filters[code][$eq]=AZERO');
  const created = await tool.post('/api/tickets', {
    data: { title: 'Stampante di reparto non raggiungibile', description: 'La stampante del reparto non risponde dalla rete.', kind: 'incident', priority: 'P2', organization: organizations.body.data[0].documentId },
  });
  if (created.status !== 201) throw new Error(`ticket for the page: ${created.status} ${JSON.stringify(created.body).slice(0, 300)}`);
  const documentId = created.body.data.documentId as string;
  await tool.post(`/api/tickets/${documentId}/take-charge`, {});
  for (let i = 1; i <= 3; i++) await tool.post('/api/follow-ups', { data: { ticket: documentId, body: `Aggiornamento ${i}: verifica in corso.`, visibility: 'public' } });
  const logs = await tool.get('/api/maintenance-logs?pagination[pageSize]=1');
  const logId = logs.body.data[0].documentId as string;
  const ticketPath = `/api/tickets/${documentId}?populate[0]=category&populate[1]=attachments&populate[2]=followUps`;
  const timelinePath = `/api/ticket-events?filters[ticket][documentId][$eq]=${documentId}&sort[0]=seq:asc&pagination[pageSize]=200`;
  const get = async (path: string, token: string) => {
    const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return response.json() as Promise<{ data: unknown }>;
  };
  const timeline = (await get(timelinePath, sessions.staff)).data as unknown[];
  const loads = [
    { label: 'portal ticket page (GET /api/tickets/:id/page: the ticket with follow-ups and SLA, and its timeline; Staff user)', work: () => get(`/api/tickets/${documentId}/page`, sessions.staff) },
    { label: "Strapi's generated findOne: 1 maintenance log (API token)", work: () => get(`/api/maintenance-logs/${logId}`, sessions.tool) },
    { label: '  the same page as two reads at once (findOne with populate, and the timeline list), as the portal asked before', work: () => Promise.all([get(ticketPath, sessions.staff), get(timelinePath, sessions.staff)]) },
  ];
  const measured = [];
  for (const load of loads) {
    await timedLoad('warm-up', load.work, 2);
    const { result, cpuMs } = await withCpu(pid, () => timedLoad(load.label, load.work));
    measured.push({ ...result, cpuPerRequest: cpuMs / result.requests });
  }
  console.log(`
portal ticket page: one request with 3 public follow-ups and ${timeline.length} timeline events`);
  console.log('| what | pages | pages/s | p50 ms | p95 ms | p99 ms | errors | API CPU ms/page |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const row of measured) console.log(`| ${row.label} | ${row.requests} | ${fmt(row.throughput)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${row.errors} | ${fmt(row.cpuPerRequest)} |`);
  const [page, findOne] = measured;
  const ratio = page.p95 / findOne.p95;
  console.log(`portal ticket page p95 ÷ Strapi's generated findOne p95: ${fmt(ratio, 2)} (target ≤ 1.0: ${ratio <= 1 ? 'met' : 'NOT met'}); ${fmt(page.p95)} ms against ${fmt(findOne.p95)} ms`);
}

/** The tickets of the list figures (100,000; 1,000,000 for scale), loaded once for the portal's and the console's. */
let benchTickets: Promise<number> | null = null;
const LIST_TICKETS = runs('scale') ? 1_000_000 : 100_000;
const loadBenchTickets = (connectionString: string, tool: Api) => (benchTickets ??= loadPortalTickets(connectionString, tool, 'AZERO', LIST_TICKETS));

/**
 * The console's queue (issue 15): the first page of open tickets with their running SLA clock, most urgent
 * first, against the Content Manager's own list of tickets, in the same admin session, at the same load.
 */
async function consoleQueue(connectionString: string, baseUrl: string, sessions: { tool: string; admin: string }, pid: number | undefined) {
  await loadBenchTickets(connectionString, new Api(baseUrl, sessions.tool));
  const admin = new Api(baseUrl, sessions.admin);
  const queuePath = '/spoc-console/queue?tab=open&page=1&pageSize=20';
  const listPath = '/content-manager/collection-types/api::ticket.ticket?page=1&pageSize=20';
  for (const path of [queuePath, listPath]) {
    const check = await admin.get(path);
    if (check.status !== 200 || check.body.results?.length === 0 || check.body.data?.length === 0) throw new Error(`${path} answered ${check.status}: ${JSON.stringify(check.body).slice(0, 300)}`);
  }
  const loads = [
    { label: 'console queue, first page of 20 open tickets by SLA due (GET /spoc-console/queue)', path: queuePath },
    { label: "Content Manager's list of tickets, first page of 20", path: listPath },
  ];
  // Alternating rounds, as for creation: a drifting machine would otherwise measure its drift.
  const latencies: number[][] = [[], []];
  const cpu = [0, 0];
  let seconds = [0, 0];
  for (const load of loads) await httpLoad('warm-up', baseUrl + load.path, sessions.admin, undefined, 2);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, load] of loads.entries()) {
      const { result, cpuMs } = await withCpu(pid, () => httpLoad(load.label, baseUrl + load.path, sessions.admin, undefined, DURATION_S / ROUNDS));
      latencies[i].push(...result.latencies);
      cpu[i] += cpuMs;
      seconds[i] += result.seconds;
    }
  }
  seconds = seconds.map((s) => s || 1);
  const figures = loads.map((load, i) => ({ ...summarize(load.label, latencies[i], seconds[i], 0), cpuPerRequest: cpu[i] / latencies[i].length }));
  const total = (await admin.get(queuePath)).body.meta.pagination.total as number;
  console.log(`\nconsole queue: ${total} open tickets of 100,000 in the database`);
  console.log('| what | requests | req/s | p50 ms | p95 ms | p99 ms | API CPU ms/request |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of figures) console.log(`| ${row.label} | ${row.requests} | ${fmt(row.throughput)} | ${fmt(row.p50)} | ${fmt(row.p95)} | ${fmt(row.p99)} | ${fmt(row.cpuPerRequest)} |`);
  const ratio = figures[0].p95 / figures[1].p95;
  console.log(`console queue first page p95 ÷ Content Manager list p95: ${fmt(ratio, 2)}× (target ≤ 1.0: ${ratio <= 1 ? 'met' : 'NOT met'})`);
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  const require = createRequire(path.join(ROOT, 'package.json'));
  await require('@strapi/strapi').compileStrapi();
  const withCreation = runs('creation') || runs('outbox');
  if (withCreation) ensureStockStrapi();
  const dbName = `spoc_bench_${process.pid}`;
  const location = await createPostgresDatabase(dbName);
  // The stock app's database: on the same server, a database of its own (its schema is not ours).
  const stockDbName = `spoc_bench_stock_${process.pid}`;
  const execArgv = CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [];
  // An API instance as deployed beside a worker instance: it records every opening e-mail in the outbox
  // within the ticket's transaction (measured here) and leaves the sending to the worker (timed apart).
  const sink = await startSmtpSink(path.join(ROOT, '.tmp', `bench-mail-${process.pid}`));
  let stock: StockStrapi | null = null;
  let instance: Awaited<ReturnType<typeof startInstance>> | null = null;
  try {
    if (withCreation) stock = await startStockStrapi(await createPostgresDatabase(stockDbName), 10, execArgv);
    instance = await startInstance({ client: 'postgres', location }, { ...PRODUCTION, DATABASE_POOL_MAX: '10', NOTIFICATIONS_WORKER: 'false', ...smtpEnv(sink.port) }, execArgv);
    const sessions = await openSessions(instance.url);
    console.log(`\nSPOC Desk benchmark — ${new Date().toISOString()}`);
    console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on 127.0.0.1`);
    // The outbox part drains what the creation part recorded.
    const creation = stock ? await creationLoad(instance.url, sessions.tool, location, instance.child.pid, sink.port, stock) : null;
    if (runs('portal')) await portalList(location, instance.url, sessions, instance.child.pid);
    if (runs('console')) await consoleQueue(location, instance.url, sessions, instance.child.pid);
    if (runs('report')) await reportScaling(location, instance.url, sessions.tool);
    if (runs('scale')) {
      await portalList(location, instance.url, sessions, instance.child.pid);
      await reportScaling(location, instance.url, sessions.tool, [10_000, 100_000, 1_000_000]);
    }
    if (runs('outbox')) await outboxDrain(location, sink.port);
    const intakeRate = runs('intake') ? await intakeThroughput(location, sink.port, execArgv) : null;

    if (creation) printCreationRatios(creation);
    if (creation && intakeRate !== null) {
      const ratio = intakeRate / creation.ticket.throughput;
      console.log(`e-mail intake messages/s ÷ REST ticket creation/s: ${fmt(ratio, 2)} (target ≥ 0.8: ${ratio >= 0.8 ? 'met' : 'NOT met'})`);
    }
  } finally {
    await instance?.stop();
    await stock?.stop();
    await sink.stop();
    if (!process.env.BENCH_KEEP_DB) {
      await dropPostgresDatabase(dbName);
      await dropPostgresDatabase(stockDbName);
    }
  }
}

type CreationKind = 'ticket' | 'log' | 'stock';

/**
 * Ticket creation against its baselines: the stock Strapi's create of the ticket's scalar fields and our own
 * maintenance log's generated create, in alternating rounds; then the raw INSERT.
 */
async function creationLoad(url: string, token: string, location: string, pid: number | undefined, smtpPort: number, stock: StockStrapi) {
  const orgs = await new Api(url, token).get('/api/organizations?filters[code]=AZERO');
  const organization = orgs.body.data[0].documentId as string;
  const ticketBody = { data: { title: 'Postazione bloccata', kind: 'incident', priority: 'P3', channel: 'phone', organization } };
  // No organization: a log of nobody's sends no maintenance e-mail, so the baseline stays a plain write.
  const logBody = { data: { title: 'Riavvio programmato', type: 'planned', state: 'planned' } };
  // What a client sends for a ticket, but the organization (the stock app has no relation).
  const stockBody = { data: { title: 'Postazione bloccata', kind: 'incident', priority: 'P3', channel: 'phone' } };
  const loads: Array<{ kind: CreationKind; url: string; token: string; body: unknown; pid: number | undefined }> = [
    { kind: 'ticket', url: `${url}/api/tickets`, token, body: ticketBody, pid },
    { kind: 'log', url: `${url}/api/maintenance-logs`, token, body: logBody, pid },
    { kind: 'stock', url: `${stock.url}/api/bench-tickets`, token: stock.token, body: stockBody, pid: stock.child.pid },
  ];

  // Warm-up: JIT, connection pools, caches.
  for (const load of loads) await httpLoad('warm-up', load.url, load.token, load.body, 2);

  const rounds: Record<CreationKind, Array<Awaited<ReturnType<typeof httpLoad>>>> = { ticket: [], log: [], stock: [] };
  // The serving process's CPU time spent on each kind of load: the cost of a request, whatever the neighbours do.
  const cpu: Record<CreationKind, number> = { ticket: 0, log: 0, stock: 0 };
  for (let i = 0; i < ROUNDS; i++) {
    for (const load of loads) {
      const { result, cpuMs } = await withCpu(load.pid, () => httpLoad(load.kind, load.url, load.token, load.body, DURATION_S / ROUNDS));
      cpu[load.kind] += cpuMs;
      rounds[load.kind].push(result);
    }
  }
  const pooled = (label: string, runs: typeof rounds.ticket) =>
    summarize(label, runs.flatMap((run) => run.latencies), runs.reduce((sum, run) => sum + run.seconds, 0), runs.reduce((sum, run) => sum + run.errors, 0));
  const ticket = pooled('ticket creation (POST /api/tickets)', rounds.ticket);
  const log = pooled('maintenance-log creation (our generated endpoint)', rounds.log);
  const stockCreate = pooled('stock Strapi create, the ticket\'s scalar fields (no code of ours)', rounds.stock);
  const raw = await rawInsertLoad(location);
  const twoInstances = await ticketsOnTwoInstances(location, url, token, ticketBody, smtpPort);

  const cpuPerRequest = (kind: CreationKind, figures: Figures) => cpu[kind] / figures.requests;
  console.log(`load: ${CONNECTIONS} connections, ${DURATION_S} s each (ticket, maintenance log and stock create alternating in ${ROUNDS} rounds)\n`);
  console.log(`per round, ticket / stock throughput: ${rounds.ticket.map((run, i) => fmt(run.throughput / rounds.stock[i].throughput, 2)).join(', ')}\n`);
  console.log('| what | requests | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/request |');
  console.log('|---|---|---|---|---|---|---|---|');
  const rows: Array<[Figures, number]> = [
    [ticket, cpuPerRequest('ticket', ticket)],
    [log, cpuPerRequest('log', log)],
    [stockCreate, cpuPerRequest('stock', stockCreate)],
    [raw, NaN],
    [twoInstances, NaN],
  ];
  for (const [f, cpuMs] of rows) console.log(`| ${f.label} | ${f.requests} | ${fmt(f.throughput)} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${fmt(f.p99)} | ${f.errors} | ${fmt(cpuMs)} |`);
  console.log(`ticket creation on two API instances / on one: ${fmt((twoInstances.throughput / ticket.throughput) * 100)}% of the throughput`);
  return { ticket, log, stock: stockCreate, raw, cpu: { ticket: cpuPerRequest('ticket', ticket), log: cpuPerRequest('log', log), stock: cpuPerRequest('stock', stockCreate) } };
}

/** Issue 17's creation targets, each against the stock Strapi measured in the same rounds. */
function printCreationRatios({ ticket, log, stock, raw, cpu }: Awaited<ReturnType<typeof creationLoad>>) {
  const ratio = (label: string, value: number, target: number, atMost = false) =>
    console.log(`${label}: ${fmt(value, 2)} (target ${atMost ? '≤' : '≥'} ${target}: ${(atMost ? value <= target : value >= target) ? 'met' : 'NOT met'})`);
  console.log('');
  ratio('ticket creation throughput ÷ stock Strapi create', ticket.throughput / stock.throughput, 1.0);
  ratio('our maintenance-log create ÷ stock Strapi create (what our global code costs every request)', log.throughput / stock.throughput, 0.95);
  ratio('ticket creation CPU per request ÷ stock Strapi\'s', cpu.ticket / cpu.stock, 1.0, true);
  ratio('ticket creation p95 ÷ stock Strapi\'s p95', ticket.p95 / stock.p95, 1.25, true);
  console.log(`ticket / raw INSERT throughput: ${fmt((ticket.throughput / raw.throughput) * 100)}%`);
}

/**
 * The same ticket load spread over a second API instance on the same database (as a load balancer would):
 * whether another process adds capacity on this machine, or its cores are already full.
 */
async function ticketsOnTwoInstances(location: string, url: string, token: string, body: unknown, smtpPort: number) {
  const second = await startInstance({ client: 'postgres', location }, { ...PRODUCTION, SEED_DEMO: 'false', DATABASE_POOL_MAX: '10', NOTIFICATIONS_WORKER: 'false', ...smtpEnv(smtpPort) });
  try {
    const urls = [`${url}/api/tickets`, `${second.url}/api/tickets`];
    await httpLoad('warm-up', urls, token, body, 2);
    return await httpLoad('ticket creation, two API instances (round robin)', urls, token, body, DURATION_S / 2);
  } finally {
    await second.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
