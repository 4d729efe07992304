import type { Core } from '@strapi/strapi';
import { SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import { timestampType } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { getOutbox, getTimelineService } from '../../../../../utils/services';
import { IN_PROGRESS_STATES, noticeAt, noticesDue, progressInterval, wantsPhoneNotice, type ProgressPolicy } from '../rules/progress';

/** One row per ticket: how many progress notices it has had. Claiming notice n is raising last_count to n. */
export const PROGRESS_TABLE = 'notif_progress';
const CALLBACK = 'plugin::notifications.callback';

type Row = Record<string, any>; // rows of our own tables, read field by field

/**
 * Progress notices to the organization's referent while an intervention drags on (the clause's "informativa
 * sullo stato di avanzamento"), at the interval the ticket's SLA policy sets for its priority, and a call-back
 * task for the operators where the policy wants the notice given by phone too. Safe with several instances
 * sweeping at once: a notice is claimed by a conditional upsert in the same transaction as its e-mail,
 * timeline event and task.
 */
const progress = ({ strapi }: { strapi: Core.Strapi }) => ({
  async run(now = new Date()): Promise<{ checked: number; sent: number }> {
    const [open, policies] = await Promise.all([
      onCurrentTransaction(
        strapi,
        strapi.db
          .connection('tickets as t')
          .join('sla_clocks as c', 'c.ticket_id', 't.id')
          .leftJoin(`${PROGRESS_TABLE} as p`, 'p.ticket_id', 't.id')
          .whereIn('t.state', IN_PROGRESS_STATES as unknown as string[])
          .select('t.id', 't.reported_at', 't.priority', 'c.policy_id', 'p.last_count')
      ) as Promise<Row[]>,
      strapi.db.query('plugin::sla.policy').findMany({}) as Promise<Array<ProgressPolicy & { id: number }>>,
    ]);
    const byId = new Map(policies.map((policy) => [policy.id, policy]));
    let sent = 0;
    for (const ticket of open) {
      const policy = byId.get(Number(ticket.policy_id));
      const interval = progressInterval(policy, ticket.priority);
      const due = noticesDue(new Date(ticket.reported_at), interval, now);
      if (due > Number(ticket.last_count ?? 0)) sent += await this.notify(Number(ticket.id), due, policy ?? null, now);
    }
    return { checked: open.length, sent };
  },

  /** Sends notice `count` of one ticket unless another sweeper already did; returns 1 when this call sent it. */
  async notify(ticketId: number, count: number, policy: ProgressPolicy | null, now: Date): Promise<number> {
    return strapi.db.transaction(async ({ trx }) => {
      // The ticket may have been restored since the candidates were read.
      const current = await strapi.db.connection('tickets').transacting(trx).where({ id: ticketId }).first('state');
      if (!current || !(IN_PROGRESS_STATES as readonly string[]).includes(current.state)) return 0;
      // Claimed first: a sweeper that lost the race to another instance loads nothing more.
      const claimed = rawRows(
        await strapi.db.connection
          .raw(
            `INSERT INTO ${PROGRESS_TABLE} (ticket_id, last_count, last_at) VALUES (?, ?, ?)
             ON CONFLICT (ticket_id) DO UPDATE SET last_count = excluded.last_count, last_at = excluded.last_at
             WHERE ${PROGRESS_TABLE}.last_count < excluded.last_count
             RETURNING ticket_id`,
            [ticketId, count, now]
          )
          .transacting(trx)
      );
      if (claimed.length === 0) return 0;

      const outbox = getOutbox(strapi);
      const prepared = await outbox.prepare(ticketId, { followUps: true });
      const { ticket, organization } = prepared;
      const interval = progressInterval(policy, ticket.priority);
      const byPhone = wantsPhoneNotice(policy, ticket.priority) && Boolean(organization?.referentPhone);
      const nextAt = noticeAt(new Date(ticket.reportedAt), interval, count + 1);
      const mails = await outbox.enqueue('ticket.progress', prepared, { progress: { count, nextAt, byPhone } });
      // An organization with no referent to write or phone to is told nothing: nothing to record either.
      if (mails === 0 && !byPhone) return 0;
      if (byPhone) {
        await strapi.db.query(CALLBACK).create({
          data: { ticket: ticketId, noticeCount: count, state: 'open', dueAt: now, contactName: organization?.referentName ?? null, contactPhone: organization?.referentPhone },
        });
      }
      await getTimelineService(strapi).append(
        { id: ticket.id, documentId: ticket.documentId },
        {
          type: 'progress.notice',
          visibility: 'internal',
          at: now,
          data: { count, intervalMinutes: interval, emails: mails, phoneCallback: byPhone, referent: organization?.referentName ?? null },
        },
        SYSTEM_ACTOR
      );
      return 1;
    });
  },

  async ensureSchema() {
    const time = timestampType(strapi);
    await strapi.db.connection.raw(
      `CREATE TABLE IF NOT EXISTS ${PROGRESS_TABLE} (ticket_id integer PRIMARY KEY, last_count integer NOT NULL, last_at ${time} NOT NULL)`
    );
  },
});

export type ProgressService = ReturnType<typeof progress>;
export default progress;
