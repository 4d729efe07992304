import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DateTime } from 'luxon';
import { isPostgres } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { joinTable } from '../../../../../utils/schema-metadata';
import { compliance, penaltyTotals, roundCents, type ClockName, type Contract } from '../rules/penalties';
import { PRIORITIES } from '../rules/clock-state';
import { DEFAULT_CONTRACT } from '../defaults';

const TIME_ZONE = 'Europe/Rome';

export interface ReportQuery {
  /** Local dates, inclusive: 'YYYY-MM-DD'. */
  from: string;
  to: string;
  organizationId: number | null;
}

type Row = Record<string, any>; // raw SQL rows, read column by column below

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const minutes = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);

/**
 * The contract compliance report (D5, D7): per priority, how many tickets met each clock against the
 * threshold, elapsed statistics, the breaches with their delay and penalty, registration lag per channel
 * and suspensions per reason. Every figure is aggregated in SQL over the stored clocks; only the
 * aggregates and the list of breaches come back to JavaScript.
 */
const report = ({ strapi }: { strapi: Core.Strapi }) => {
  const pg = () => isPostgres(strapi);
  const link = (uid: string, attribute: string) => joinTable(strapi, uid, attribute);
  const ceil = (expression: string) =>
    pg() ? `CEIL(${expression})` : `(CAST(${expression} AS INTEGER) + CASE WHEN ${expression} > CAST(${expression} AS INTEGER) THEN 1 ELSE 0 END)`;
  const minutesSince = (column: string) => (pg() ? `EXTRACT(EPOCH FROM (CAST(? AS timestamp) - ${column})) / 60.0` : `(? - ${column}) / 60000.0`);
  const secondsBetween = (later: string, earlier: string) => (pg() ? `EXTRACT(EPOCH FROM (${later} - ${earlier}))` : `(${later} - ${earlier}) / 1000.0`);
  const jsonText = (column: string, key: string) => (pg() ? `${column}->>'${key}'` : `json_extract(${column}, '$.${key}')`);

  return {
    parsePeriod(from: unknown, to: unknown): { start: Date; end: Date; from: string; to: string } {
      const parse = (field: string, value: unknown) => {
        const date = typeof value === 'string' ? DateTime.fromISO(value, { zone: TIME_ZONE }) : null;
        if (!date?.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(String(value))) {
          throw new errors.ValidationError(`${field} must be a date YYYY-MM-DD`, { errors: [{ path: [field], message: `${field} must be a date YYYY-MM-DD` }] });
        }
        return date.startOf('day');
      };
      const today = DateTime.now().setZone(TIME_ZONE);
      const start = from === undefined ? today.startOf('month') : parse('from', from);
      const last = to === undefined ? today.endOf('month').startOf('day') : parse('to', to);
      if (last < start) throw new errors.ValidationError('to must not be before from', { errors: [{ path: ['to'], message: 'to must not be before from' }] });
      return { start: start.toJSDate(), end: last.plus({ days: 1 }).toJSDate(), from: start.toISODate()!, to: last.toISODate()! };
    },

    async contract(): Promise<Contract> {
      const stored = (await strapi.db.query('plugin::sla.contract').findOne({})) as Partial<Contract> | null;
      const merged = { ...DEFAULT_CONTRACT, ...(stored ?? {}) };
      return {
        contractValue: Number(merged.contractValue ?? 0),
        capShare: Number(merged.capShare ?? 0.1),
        complianceThreshold: Number(merged.complianceThreshold ?? 95),
        takeChargePenaltyPerHour: (merged.takeChargePenaltyPerHour ?? {}) as Record<string, number>,
        restorePenaltyPerHour: (merged.restorePenaltyPerHour ?? {}) as Record<string, number>,
        penaltyPerPointBelowThreshold: Number(merged.penaltyPerPointBelowThreshold ?? 0),
      };
    },

    async build(query: { from?: unknown; to?: unknown; organizationId: number | null }, now = new Date()) {
      const period = this.parsePeriod(query.from, query.to);
      const contract = await this.contract();
      const org = link('api::ticket.ticket', 'organization');
      const events = link('api::ticket-event.ticket-event', 'ticket');
      const baseSql = `SELECT t.id, t.number, t.priority, t.channel, t.reported_at, t.registered_at,
          c.take_charge_minutes AS tc_target, c.restore_minutes AS rs_target,
          c.take_charge_elapsed_minutes AS tc_elapsed, c.restore_elapsed_minutes AS rs_elapsed,
          c.take_charge_met AS tc_met, c.restore_met AS rs_met,
          c.take_charge_breached AS tc_breached, c.restore_breached AS rs_breached,
          c.take_charge_due_at AS tc_due, c.restore_due_at AS rs_due
        FROM tickets t JOIN sla_clocks c ON c.ticket_id = t.id
        ${query.organizationId ? `JOIN ${org.name} o ON o.${org.joinColumn.name} = t.id AND o.${org.inverseJoinColumn.name} = ?` : ''}
        WHERE t.reported_at >= ? AND t.reported_at < ? AND t.state <> 'cancelled'`;
      const baseBindings = [...(query.organizationId ? [query.organizationId] : []), period.start, period.end];
      // `sql` is the main SELECT, or further CTEs starting with a comma followed by it.
      const withBase = (sql: string, bindings: unknown[] = []) => ({ sql: `WITH base AS (${baseSql}) ${sql}`, bindings: [...baseBindings, ...bindings] });
      const failed = (p: string) => `(${p}_met IS NOT NULL AND NOT ${p}_met) OR (${p}_met IS NULL AND ${p}_breached)`;
      const percentiles = (column: string, partition: string, source = 'base') => `
        SELECT ${partition} AS k, MIN(CASE WHEN rn >= cnt * 0.5 THEN v END) AS median, MIN(CASE WHEN rn >= cnt * 0.9 THEN v END) AS p90
        FROM (SELECT ${partition}, ${column} AS v, ROW_NUMBER() OVER (PARTITION BY ${partition} ORDER BY ${column}) AS rn,
                     COUNT(*) OVER (PARTITION BY ${partition}) AS cnt
              FROM ${source} WHERE ${column} IS NOT NULL) ranked
        GROUP BY ${partition}`;
      const rate = (clock: ClockName) => {
        const rates = clock === 'takeCharge' ? contract.takeChargePenaltyPerHour : contract.restorePenaltyPerHour;
        return { sql: `CASE priority ${PRIORITIES.map(() => 'WHEN ? THEN ?').join(' ')} ELSE 0 END`, bindings: PRIORITIES.flatMap((p) => [p, Number(rates[p] ?? 0)]) };
      };
      const takeRate = rate('takeCharge');
      const restoreRate = rate('restore');

      const queries = {
        summary: withBase(`SELECT priority, COUNT(*) AS tickets,
            SUM(CASE WHEN tc_met THEN 1 ELSE 0 END) AS tc_within, SUM(CASE WHEN ${failed('tc')} THEN 1 ELSE 0 END) AS tc_failed,
            SUM(CASE WHEN rs_met THEN 1 ELSE 0 END) AS rs_within, SUM(CASE WHEN ${failed('rs')} THEN 1 ELSE 0 END) AS rs_failed,
            AVG(tc_elapsed) AS tc_mean, AVG(rs_elapsed) AS rs_mean
          FROM base GROUP BY priority ORDER BY priority`),
        takeChargePercentiles: withBase(percentiles('tc_elapsed', 'priority')),
        restorePercentiles: withBase(percentiles('rs_elapsed', 'priority')),
        breaches: withBase(
          `, breaches AS (
              SELECT number, priority, 'takeCharge' AS clock, tc_target AS target, tc_elapsed AS elapsed,
                     CASE WHEN tc_elapsed IS NOT NULL THEN tc_elapsed - tc_target ELSE ${minutesSince('tc_due')} END AS delay
              FROM base WHERE ${failed('tc')}
              UNION ALL
              SELECT number, priority, 'restore' AS clock, rs_target, rs_elapsed,
                     CASE WHEN rs_elapsed IS NOT NULL THEN rs_elapsed - rs_target ELSE ${minutesSince('rs_due')} END
              FROM base WHERE ${failed('rs')}
            )
            SELECT number, priority, clock, target, elapsed, delay, ${ceil('delay / 60.0')} AS started_hours,
                   ${ceil('delay / 60.0')} * (CASE WHEN clock = 'takeCharge' THEN (${takeRate.sql}) ELSE (${restoreRate.sql}) END) AS amount
            FROM breaches ORDER BY number, clock`,
          [now, now, ...takeRate.bindings, ...restoreRate.bindings]
        ),
        registrationLag: withBase(
          `, lag AS (SELECT channel, ${secondsBetween('registered_at', 'reported_at')} AS lag_seconds FROM base),
             stats AS (SELECT channel, COUNT(*) AS tickets, AVG(lag_seconds) AS mean, MAX(lag_seconds) AS max FROM lag GROUP BY channel),
             pct AS (${percentiles('lag_seconds', 'channel', 'lag')})
           SELECT stats.channel, stats.tickets, stats.mean, stats.max, pct.median, pct.p90 FROM stats LEFT JOIN pct ON pct.k = stats.channel ORDER BY stats.channel`
        ),
        suspensions: withBase(
          `SELECT ${jsonText('e.data', 'reason')} AS reason, ${jsonText('e.data', 'attributableToAdministration')} AS attributable, COUNT(*) AS n
           FROM ticket_events e JOIN ${events.name} l ON l.${events.joinColumn.name} = e.id JOIN base b ON b.id = l.${events.inverseJoinColumn.name}
           WHERE e.type = 'ticket.suspend' GROUP BY 1, 2 ORDER BY 3 DESC, 1`
        ),
      };

      const run = async (q: { sql: string; bindings: unknown[] }) => rawRows<Row>(await onCurrentTransaction(strapi, strapi.db.connection.raw(q.sql, q.bindings as never[])));
      const cancelledCount = async () => {
        let q = strapi.db.connection('tickets as t').where('t.state', 'cancelled').andWhere('t.reported_at', '>=', period.start).andWhere('t.reported_at', '<', period.end);
        if (query.organizationId) q = q.join(`${org.name} as o`, `o.${org.joinColumn.name}`, 't.id').andWhere(`o.${org.inverseJoinColumn.name}`, query.organizationId);
        const rows = await onCurrentTransaction(strapi, q.count({ n: '*' }));
        return Number((rows[0] as Row).n);
      };

      const [summary, tcPct, rsPct, breaches, lag, suspensions, cancelled] = await Promise.all([
        run(queries.summary),
        run(queries.takeChargePercentiles),
        run(queries.restorePercentiles),
        run(queries.breaches),
        run(queries.registrationLag),
        run(queries.suspensions),
        cancelledCount(),
      ]);

      const pctOf = (rows: Row[], priority: string) => rows.find((row) => row.k === priority) ?? {};
      const priorities = summary.map((row) => {
        const clockOf = (prefix: 'tc' | 'rs', pct: Row) => {
          const within = Number(row[`${prefix}_within`]);
          const failedCount = Number(row[`${prefix}_failed`]);
          return {
            ...compliance(within, failedCount, Number(row.tickets) - within - failedCount, contract),
            meanMinutes: minutes(row[`${prefix}_mean`]),
            medianMinutes: minutes(pct.median),
            p90Minutes: minutes(pct.p90),
          };
        };
        return {
          priority: row.priority as string,
          tickets: Number(row.tickets),
          takeCharge: clockOf('tc', pctOf(tcPct, row.priority)),
          restore: clockOf('rs', pctOf(rsPct, row.priority)),
        };
      });

      const breachList = breaches.map((row) => ({
        number: row.number as string,
        priority: row.priority as string,
        clock: row.clock as ClockName,
        targetMinutes: Number(row.target),
        elapsedMinutes: minutes(row.elapsed),
        open: row.elapsed === null,
        delayMinutes: minutes(row.delay),
        startedHours: Number(row.started_hours),
        penalty: roundCents(Number(row.amount)),
      }));
      const delayPenalties = breachList.reduce((sum, breach) => sum + breach.penalty, 0);
      const pointPenalties = priorities.reduce((sum, p) => sum + p.takeCharge.pointPenalty + p.restore.pointPenalty, 0);

      return {
        period: { from: period.from, to: period.to, timeZone: TIME_ZONE },
        organizationId: query.organizationId,
        generatedAt: now.toISOString(),
        contract,
        totals: {
          tickets: priorities.reduce((sum, p) => sum + p.tickets, 0),
          cancelled,
          breaches: breachList.length,
        },
        priorities,
        breaches: breachList,
        registrationLag: lag.map((row) => ({
          channel: row.channel as string,
          tickets: Number(row.tickets),
          meanSeconds: num(row.mean),
          medianSeconds: num(row.median),
          p90Seconds: num(row.p90),
          maxSeconds: num(row.max),
        })),
        suspensions: suspensions.map((row) => ({
          reason: (row.reason as string | null) ?? '',
          attributableToAdministration: !(row.attributable === false || row.attributable === 0 || row.attributable === 'false'),
          count: Number(row.n),
        })),
        penalties: penaltyTotals(delayPenalties, pointPenalties, contract),
      };
    },
  };
};

export type ReportService = ReturnType<typeof report>;
export type SlaReport = Awaited<ReturnType<ReportService['build']>>;
export default report;
