import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { joinTable } from '../../../../../utils/schema-metadata';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import type { ReportService } from '../../../../sla/server/src/services/report';
import { byMaintenanceState, monthsOf, overlapsPeriod, periodProblem, REPORT_TIME_ZONE } from '../rules/activity';
import { getPortalService } from './get-service';

const TICKET = 'api::ticket.ticket';
const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';
const CHANNELS = ['phone', 'email', 'portal', 'api'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const MAX_RESOLUTIONS = 200;
const MAINTENANCE_FIELDS = ['documentId', 'title', 'type', 'state', 'scheduledStart', 'scheduledEnd', 'actualStart', 'actualEnd', 'outcome'] as const;

type Row = Record<string, any>; // raw SQL rows, read column by column

const count = (value: unknown) => Number(value ?? 0);
/** Sorting key of a maintenance item: when it started, else when it is due to; undated ones last. */
const startOf = (item: { actualStart: string | null; scheduledStart: string | null }) => item.actualStart ?? item.scheduledStart ?? '~';
const instant = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | number).toISOString());

/**
 * The referent's view of a period (D5: evidence of activities, resolutions and maintenance planned, in
 * progress and completed) for its own organization. SLA compliance per month comes from the SLA plugin's
 * report, one call a month, so that both reports always agree.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const slaReport = () => strapi.plugin('sla').service('report') as ReportService;

  /** The organization's tickets: `tickets t` joined to its organization link. */
  const organizationTickets = (organizationId: number) => {
    const link = joinTable(strapi, TICKET, 'organization');
    return strapi.db
      .connection('tickets as t')
      .join(`${link.name} as o`, `o.${link.joinColumn.name}`, 't.id')
      .where(`o.${link.inverseJoinColumn.name}`, organizationId);
  };

  const ticketFigures = async (organizationId: number, start: Date, end: Date) => {
    const within = (column: string) => `SUM(CASE WHEN t.${column} >= ? AND t.${column} < ? THEN 1 ELSE 0 END)`;
    const [totals] = (await onCurrentTransaction(
      strapi,
      organizationTickets(organizationId).select(
        strapi.db.connection.raw(
          `${within('reported_at')} AS opened, ${within('taken_in_charge_at')} AS taken, ${within('restored_at')} AS restored,
           ${within('closed_at')} AS closed, ${within('cancelled_at')} AS cancelled,
           SUM(CASE WHEN t.reported_at < ? AND (t.closed_at IS NULL OR t.closed_at >= ?) AND (t.cancelled_at IS NULL OR t.cancelled_at >= ?) THEN 1 ELSE 0 END) AS still_open`,
          [start, end, start, end, start, end, start, end, start, end, end, end, end]
        )
      )
    )) as Row[];
    const opened = (await onCurrentTransaction(
      strapi,
      organizationTickets(organizationId)
        .where('t.reported_at', '>=', start)
        .andWhere('t.reported_at', '<', end)
        .select('t.channel', 't.priority')
        .count({ n: '*' })
        .groupBy('t.channel', 't.priority')
    )) as Row[];
    const tally = <K extends string>(keys: readonly K[], column: 'channel' | 'priority') =>
      Object.fromEntries(keys.map((key) => [key, opened.filter((row) => row[column] === key).reduce((sum, row) => sum + count(row.n), 0)])) as Record<K, number>;
    return {
      opened: count(totals?.opened),
      takenInCharge: count(totals?.taken),
      restored: count(totals?.restored),
      closed: count(totals?.closed),
      cancelled: count(totals?.cancelled),
      open: count(totals?.still_open),
      byChannel: tally(CHANNELS, 'channel'),
      byPriority: tally(PRIORITIES, 'priority'),
    };
  };

  /** Restored or closed in the period, the latest first. */
  const resolutions = async (organizationId: number, start: Date, end: Date) => {
    const rows = (await onCurrentTransaction(
      strapi,
      organizationTickets(organizationId)
        .where((q) => q.where((r) => r.where('t.restored_at', '>=', start).andWhere('t.restored_at', '<', end)).orWhere((c) => c.where('t.closed_at', '>=', start).andWhere('t.closed_at', '<', end)))
        .select('t.document_id', 't.number', 't.title', 't.priority', 't.restored_at', 't.closed_at', 't.resolution')
        .orderByRaw('COALESCE(t.closed_at, t.restored_at) DESC, t.id DESC')
        .limit(MAX_RESOLUTIONS)
    )) as Row[];
    return rows.map((row) => ({
      documentId: row.document_id as string,
      number: row.number as string,
      title: row.title as string,
      priority: row.priority as string,
      restoredAt: instant(row.restored_at),
      closedAt: instant(row.closed_at),
      resolution: (row.resolution as string | null) ?? null,
    }));
  };

  const maintenance = async (organizationId: number, start: Date, end: Date) => {
    // Coarse in SQL (the organization's, not ended before the period), exact in the rule.
    const logs = (await strapi.db.query(MAINTENANCE_LOG).findMany({
      where: { organization: { id: organizationId }, state: { $ne: 'cancelled' }, $or: [{ actualEnd: null }, { actualEnd: { $gte: start } }] },
      select: [...MAINTENANCE_FIELDS],
    })) as Array<Record<(typeof MAINTENANCE_FIELDS)[number], any>>;
    const overlapping = logs
      .filter((log) => overlapsPeriod(log, start, end))
      .map((log) => ({
        documentId: log.documentId as string,
        title: log.title as string,
        type: log.type as string,
        state: log.state as string,
        scheduledStart: instant(log.scheduledStart),
        scheduledEnd: instant(log.scheduledEnd),
        actualStart: instant(log.actualStart),
        actualEnd: instant(log.actualEnd),
        outcome: (log.outcome as string | null) ?? null,
      }))
      .sort((x, y) => startOf(x).localeCompare(startOf(y)));
    return byMaintenanceState(overlapping);
  };

  /** SLA compliance per month and priority: the SLA report of each month (clipped to the period). */
  const monthly = async (organizationId: number, from: string, to: string) => {
    const rows = [];
    for (const month of monthsOf(from, to)) {
      const report = await slaReport().build({ from: month.from, to: month.to, organizationId });
      for (const priority of report.priorities) {
        rows.push({
          month: month.month,
          priority: priority.priority,
          tickets: priority.tickets,
          takeChargeMetPercent: priority.takeCharge.sharePercent,
          restoreMetPercent: priority.restore.sharePercent,
        });
      }
    }
    return rows;
  };

  return {
    /** For a Referente only, on its own organization. */
    async build(userId: number, query: { from?: unknown; to?: unknown }) {
      const account = await getPortalService(strapi, 'account').get(userId);
      if (account.role !== 'Referente') throw new errors.ForbiddenError("I report sono riservati al Referente / Reports are for the organization's referent");
      const problem = periodProblem(query.from, query.to);
      if (problem) throw fieldValidationError(problem.field, problem.message);
      const period = slaReport().parsePeriod(query.from, query.to);
      const organizationId = account.organization.id;
      const [tickets, resolved, works, compliance] = [
        await ticketFigures(organizationId, period.start, period.end),
        await resolutions(organizationId, period.start, period.end),
        await maintenance(organizationId, period.start, period.end),
        await monthly(organizationId, period.from, period.to),
      ];
      return {
        period: { from: period.from, to: period.to, timeZone: REPORT_TIME_ZONE },
        tickets,
        resolutions: resolved,
        maintenance: works,
        monthly: compliance,
      };
    },
  };
};
