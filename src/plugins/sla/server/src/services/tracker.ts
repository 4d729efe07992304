import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { Actor } from '../../../../../api/ticket-event/hash-chain';
import { SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import { getTimelineService } from '../../../../../utils/services';
import { FINAL_STATES, type ClockService, type LoadedPolicy, type TicketFacts } from './clock';
import type { Priority } from '../rules/clock-state';

export interface RefreshOptions {
  now?: Date;
  /** Choose the policy again by the match rules (organization, category or kind changed). */
  rematch?: boolean;
  /** Why the clocks are recomputed; with a reason, a change of policy or dues enters the ticket's SLA ledger. */
  reason?: string;
  actor?: Actor;
  /** Leave restored, closed and cancelled tickets as they are (policy and calendar edits). */
  keepFinal?: boolean;
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);

/**
 * Keeps each ticket's SLA clock row current: the SLA plugin's side of every ticket change. Called by the
 * ticket's own code inside the transaction of the change it follows.
 */
const tracker = ({ strapi }: { strapi: Core.Strapi }) => {
  const clock = () => strapi.plugin('sla').service('clock') as ClockService;

  return {
    /**
     * Chooses and stores the policy and clocks of a ticket just inserted. Returns what its `created` event
     * records, and the clock row written (for the opening e-mail and the response, which would otherwise
     * read it back). With `alongside`, the row's INSERT is left there for the caller's next statement.
     */
    async start(ticketId: number, now = new Date(), alongside?: Knex.Sql[]) {
      return strapi.db.transaction(async ({ trx }) => {
        const facts = await clock().facts(ticketId, trx);
        const policy = await clock().choose(facts);
        if (!policy) return null;
        const { values } = await clock().compute(facts, policy, trx, now, true);
        const row = await clock().save(ticketId, values, trx, alongside);
        const recorded = {
          policy: policy.name,
          calendar: policy.calendar.name,
          takeChargeMinutes: values.takeChargeMinutes,
          restoreMinutes: values.restoreMinutes,
          takeChargeDueAt: values.takeChargeDueAt.toISOString(),
          restoreDueAt: values.restoreDueAt?.toISOString() ?? null,
        };
        return { recorded, row };
      });
    },

    /** Recomputes a ticket's clocks; with a reason, records a change of policy, priority or dues in its timeline. */
    async refresh(ticketId: number, options: RefreshOptions = {}) {
      const now = options.now ?? new Date();
      return strapi.db.transaction(async ({ trx }) => {
        const facts = await clock().facts(ticketId, trx);
        if (options.keepFinal && FINAL_STATES.includes(facts.state)) return false;
        const stored = await clock().stored(ticketId, trx);
        const policies = await clock().policies(facts.policiesVersion);
        const kept = !options.rematch && stored ? policies.find((policy) => policy.id === Number(stored.policy_id)) : undefined;
        const policy: LoadedPolicy | null = kept ?? (await clock().choose(facts));
        if (!policy) return false;
        const { values } = await clock().compute(facts, policy, trx, now);
        await clock().save(ticketId, values, trx);

        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const compare = (key: string, from: unknown, to: unknown) => {
          if (String(from ?? '') !== String(to ?? '')) changes[key] = { from: from ?? null, to: to ?? null };
        };
        compare('policy', stored?.policy_name, values.policyName);
        compare('calendar', stored?.calendar_name, values.calendarName);
        compare('priority', stored?.priority, values.priority);
        compare('takeChargeDueAt', iso(stored?.take_charge_due_at), values.takeChargeDueAt.toISOString());
        compare('restoreDueAt', iso(stored?.restore_due_at), values.restoreDueAt?.toISOString() ?? null);
        if (options.reason && stored && Object.keys(changes).length > 0) {
          await getTimelineService(strapi).append(
            { id: facts.id, documentId: facts.documentId },
            { type: 'sla.recomputed', at: now, data: { reason: options.reason, changes } },
            options.actor ?? SYSTEM_ACTOR
          );
        }
        return true;
      });
    },

    /**
     * The clocks a ticket would have with another priority, kind or category, computed as `refresh` with
     * `rematch` would compute them after that change, at `now`; nothing is stored. Null when no policy applies.
     */
    async preview(ticketId: number, change: { priority?: Priority; kind?: string; categoryId?: number | null }, now = new Date()) {
      const facts = await clock().facts(ticketId);
      const next: TicketFacts = {
        ...facts,
        ...(change.priority ? { priority: change.priority } : {}),
        ...(change.kind ? { kind: change.kind } : {}),
        ...(change.categoryId !== undefined ? { categoryId: change.categoryId } : {}),
      };
      const policy = await clock().choose(next);
      if (!policy) return null;
      const { values } = await clock().compute(next, policy, undefined, now);
      return { stored: await clock().stored(ticketId), values };
    },

    /** After a policy or calendar edit: recompute every open ticket, each in its own transaction. */
    async refreshOpenTickets(reason: string, actor: Actor) {
      const rows = (await strapi.db.query('api::ticket.ticket').findMany({
        where: { state: { $notIn: FINAL_STATES } },
        select: ['id'],
      })) as Array<{ id: number }>;
      let changed = 0;
      for (const row of rows) {
        if (await this.refresh(row.id, { rematch: true, reason, actor, keepFinal: true })) changed++;
      }
      return changed;
    },
  };
};

export type TrackerService = ReturnType<typeof tracker>;
export default tracker;
