import type { Core } from '@strapi/strapi';
import type { ReportService } from '../../../../sla/server/src/services/report';
import { STATUS_TABLE } from '../../../../email-intake/server/src/services/mailboxes';
import { QUEUE_STATES } from '../rules/queue-rules';
import { boardPeriods, overallCompliance } from '../rules/board-rules';
import { romeDayBounds, romeToday } from '../rules/phone-desk-rules';
import { getConsoleService } from './get-service';

const TICKET = 'api::ticket.ticket';

type Row = Record<string, any>; // raw aggregate rows, read column by column

/**
 * The supervisors' board ("Cruscotto", issue 16): today's and this month's figures. The SLA figures are the
 * SLA report's own (services/report.ts in the sla plugin, for the same periods), so the board and the report
 * cannot disagree; the rest are counts of the outbox, the intake, the call-backs and the open tickets.
 */
const board = ({ strapi }: { strapi: Core.Strapi }) => ({
  async figures(now = new Date()) {
    const report = strapi.plugin('sla').service('report') as ReportService;
    const periods = boardPeriods(romeToday(now));
    const today = romeDayBounds(periods.day.from);
    const monthStart = romeDayBounds(periods.month.from).from;
    const [month, openTickets, breachesToday, mail, backlog, mailboxes, callbacks] = await Promise.all([
      report.build({ from: periods.month.from, to: periods.month.to, organizationId: null }, now),
      this.openTickets(),
      this.breachesBetween(today.from, today.to),
      this.mailFailures(monthStart, today.from),
      this.outboxBacklog(now),
      this.intakeReadings(now),
      getConsoleService(strapi, 'phoneDesk').callbacks(now),
    ]);
    const threshold = month.contract.complianceThreshold;
    return {
      generatedAt: now.toISOString(),
      periods,
      openTickets,
      breachesToday,
      compliance: {
        takeCharge: overallCompliance(month.priorities.map((p) => p.takeCharge), threshold),
        restore: overallCompliance(month.priorities.map((p) => p.restore), threshold),
        byPriority: month.priorities.map((p) => ({ priority: p.priority, tickets: p.tickets, takeCharge: p.takeCharge.sharePercent, restore: p.restore.sharePercent })),
      },
      penalties: month.penalties,
      breachesThisMonth: month.totals.breaches,
      mail: { ...mail, backlog },
      intake: mailboxes,
      callbacksOverdue: callbacks.overdue,
      registrationLag: month.registrationLag,
    };
  },

  /** Open tickets (new, in charge, suspended, restored) by priority and state. */
  async openTickets() {
    const rows = (await strapi.db.connection('tickets').whereIn('state', [...QUEUE_STATES]).select('priority', 'state').count({ n: '*' }).groupBy('priority', 'state')) as Row[];
    return rows.map((row) => ({ priority: String(row.priority), state: String(row.state), count: Number(row.n) })).sort((a, b) => a.priority.localeCompare(b.priority) || a.state.localeCompare(b.state));
  },

  /** Clocks that went past their due time within the period (a ticket can breach both). */
  async breachesBetween(from: Date, to: Date) {
    const count = async (clock: 'take_charge' | 'restore') =>
      Number(((await strapi.db.connection('sla_clocks').where(`${clock}_breached`, true).andWhere(`${clock}_due_at`, '>=', from).andWhere(`${clock}_due_at`, '<', to).count({ n: '*' })) as Row[])[0].n);
    const [takeCharge, restore] = await Promise.all([count('take_charge'), count('restore')]);
    return { takeCharge, restore, total: takeCharge + restore };
  },

  /** E-mails that could not be delivered (failed after their attempts, or bounced), today and this month. */
  async mailFailures(monthStart: Date, todayStart: Date) {
    const count = async (since: Date) =>
      Number(((await strapi.db.connection('notif_outbox').whereIn('state', ['failed', 'undelivered']).andWhere('updated_at', '>=', since).count({ n: '*' })) as Row[])[0].n);
    const [today, month] = await Promise.all([count(todayStart), count(monthStart)]);
    return { failedToday: today, failedThisMonth: month };
  },

  /** Messages waiting to go, and how long the oldest has waited. */
  async outboxBacklog(now: Date) {
    const row = ((await strapi.db.connection('notif_outbox').whereIn('state', ['pending', 'sending']).count({ n: '*' }).min({ oldest: 'created_at' })) as Row[])[0];
    const oldest = row?.oldest ? new Date(row.oldest) : null;
    return { waiting: Number(row?.n ?? 0), oldestSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null };
  },

  /** Each mailbox's last reading, and how long ago it was: a reader that stopped shows as a growing lag. */
  async intakeReadings(now: Date) {
    if (!(await strapi.db.connection.schema.hasTable(STATUS_TABLE))) return [];
    const rows = (await strapi.db.connection(STATUS_TABLE).select('mailbox', 'last_poll_at', 'last_error_at', 'last_error').orderBy('mailbox')) as Row[];
    return rows.map((row) => {
      const last = row.last_poll_at ? new Date(row.last_poll_at) : null;
      return { mailbox: String(row.mailbox), lastReadAt: last?.toISOString() ?? null, lagSeconds: last ? Math.max(0, Math.round((now.getTime() - last.getTime()) / 1000)) : null, lastError: row.last_error ?? null };
    });
  },
});

export type BoardService = ReturnType<typeof board>;
export default board;
