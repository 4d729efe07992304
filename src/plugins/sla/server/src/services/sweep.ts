import type { Core } from '@strapi/strapi';
import { SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import { isPostgres } from '../../../../../utils/dialect';
import { getOutbox, getTimelineService } from '../../../../../utils/services';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { CLOCK_TABLE, MARK_TABLE, type ClockService } from './clock';

/**
 * Raises SLA warnings and breaches as their instants pass: exactly one `sla.warning` per threshold and one
 * `sla.breached` per clock and ticket, with any number of instances sweeping the same database and across
 * restarts. Each alarm is claimed by inserting its row in sla_marks (primary key: ticket, clock, kind,
 * threshold) in the same transaction as its timeline event; a second sweeper's insert does nothing.
 */
/** The first key of the sweep's advisory locks (the second is the ticket id): "SLA" in ASCII. */
const SWEEP_LOCK_SPACE = 0x534c41;

const sweep = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => strapi.plugin('sla').service('clock') as ClockService;

  return {
    async run(now = new Date(), limit = 500): Promise<{ checked: number; raised: number }> {
      const due = await onCurrentTransaction(
        strapi,
        strapi.db.connection(CLOCK_TABLE).where('next_check_at', '<=', now).orderBy('next_check_at', 'asc').limit(limit).select('ticket_id')
      );
      let raised = 0;
      for (const row of due) raised += await this.check(Number(row.ticket_id), now);
      return { checked: due.length, raised };
    },

    /** Raises what is due for one ticket. Returns how many alarms this call raised. */
    async check(ticketId: number, now = new Date()): Promise<number> {
      return strapi.db.transaction(async ({ trx }) => {
        if (isPostgres(strapi)) {
          // Another sweeper already on this ticket raises its alarms: skip it rather than queue. Only sweepers
          // take this lock: a writer holding the ticket row (an operator's action, the timeline append of a
          // sent e-mail) is waited for below, not skipped, or the alarm would wait for the next tick.
          const claimed = rawRows(await strapi.db.connection.raw('SELECT pg_try_advisory_xact_lock(?, ?) AS claimed', [SWEEP_LOCK_SPACE, ticketId]).transacting(trx));
          if (!claimed[0]?.claimed) return 0;
          await strapi.db.connection('tickets').transacting(trx).where({ id: ticketId }).forNoKeyUpdate().first('id');
        }
        const facts = await clock().facts(ticketId, trx);
        const stored = await clock().stored(ticketId, trx);
        const policy = (await clock().policies(facts.policiesVersion)).find((candidate) => candidate.id === Number(stored?.policy_id));
        if (!stored || !policy) return 0;
        const { values, pendingAlarms } = await clock().compute(facts, policy, trx, now);
        let raised = 0;
        // What the alert e-mails need is loaded once per ticket, not once per alarm.
        let prepared: Awaited<ReturnType<ReturnType<typeof getOutbox>['prepare']>> | null = null;
        for (const alarm of pendingAlarms.filter((candidate) => candidate.at.getTime() <= now.getTime())) {
          const claimed = rawRows(
            await strapi.db.connection
              .raw(
                `INSERT INTO ${MARK_TABLE} (ticket_id, clock, kind, threshold, raised_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT DO NOTHING RETURNING ticket_id`,
                [ticketId, alarm.clock, alarm.kind, String(alarm.threshold), now]
              )
              .transacting(trx)
          );
          if (claimed.length === 0) continue;
          const target = alarm.clock === 'takeCharge' ? values.takeChargeMinutes : values.restoreMinutes;
          const dueAt = alarm.clock === 'takeCharge' ? values.takeChargeDueAt : values.restoreDueAt;
          const delayMs = alarm.kind === 'breach' && dueAt ? Math.max(0, now.getTime() - dueAt.getTime()) : 0;
          await getTimelineService(strapi).append(
            { id: facts.id, documentId: facts.documentId },
            {
              type: alarm.kind === 'breach' ? 'sla.breached' : 'sla.warning',
              visibility: 'internal',
              at: now,
              data: {
                clock: alarm.clock,
                threshold: alarm.threshold,
                targetMinutes: target,
                thresholdAt: alarm.at.toISOString(),
                dueAt: dueAt?.toISOString() ?? null,
                delayMs,
              },
            },
            SYSTEM_ACTOR
          );
          // The supervisors and the assignee hear of it by e-mail, recorded with the alarm itself.
          const outbox = getOutbox(strapi);
          prepared ??= await outbox.prepare(ticketId, { staff: true });
          await outbox.enqueue(alarm.kind === 'breach' ? 'sla.breached' : 'sla.warning', prepared, {
            alert: { clock: alarm.clock, threshold: alarm.threshold, dueAt: dueAt ?? null, delayMs },
          });
          raised++;
        }
        // The marks just written move the next check to the following alarm.
        const refreshed = raised > 0 ? (await clock().compute(facts, policy, trx, now)).values : values;
        await clock().save(ticketId, refreshed, trx);
        return raised;
      });
    },
  };
};

export type SweepService = ReturnType<typeof sweep>;
export default sweep;
