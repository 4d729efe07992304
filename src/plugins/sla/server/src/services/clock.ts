import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Knex } from 'knex';
import { assertValidCalendarSpec, workingIntervalsBetween, workingMinutesBetween, type CalendarSpec, type Weekday } from '../../../engine';
import { alarmKey, type Alarm } from '../rules/alarms';
import { clockState, computeClock, PRIORITIES, type AppliedPolicy, type ClockValues, type Priority, type TicketTimes } from '../rules/clock-state';
import { choosePolicy, type PolicyRules } from '../rules/policy-match';
import { suspensionsFromTimeline, type TimelineEntry } from '../rules/suspensions';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { joinTable } from '../../../../../utils/schema-metadata';

const POLICY = 'plugin::sla.policy';
const TICKET = 'api::ticket.ticket';
export const CLOCK_TABLE = 'sla_clocks';
export const MARK_TABLE = 'sla_marks';
/** States whose stored SLA results are final: editing a policy or calendar never changes them. */
const FINAL_STATES = ['restored', 'closed', 'cancelled'];
const SLA_EVENT_TYPES = ['ticket.suspend', 'ticket.resume', 'ticket.restore', 'ticket.reopen', 'ticket.close', 'ticket.cancel'];

export type LoadedPolicy = AppliedPolicy & PolicyRules & { complianceThreshold: number };

export interface TicketFacts extends TicketTimes {
  /** The state of all policies and calendars when the facts were read (see `policies`). */
  policiesVersion: string;
  id: number;
  documentId: string;
  kind: string;
  organizationId: number | null;
  categoryId: number | null;
}

/** Changes whenever any policy or calendar is created, edited or deleted. */
const POLICIES_VERSION_COLUMNS = `(SELECT MAX(updated_at) FROM sla_policies) AS sla_p, (SELECT COUNT(*) FROM sla_policies) AS sla_pn,
  (SELECT MAX(updated_at) FROM sla_calendars) AS sla_c, (SELECT COUNT(*) FROM sla_calendars) AS sla_cn`;

function versionOf(row: Record<string, unknown>): string {
  return [row.sla_p, row.sla_pn, row.sla_c, row.sla_cn].map((value) => String(value instanceof Date ? value.getTime() : value)).join('|');
}

const toDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

const clock = ({ strapi }: { strapi: Core.Strapi }) => {
  let cache: { version: string; policies: LoadedPolicy[] } | null = null;
  // Clock rows written for ticket entities on their way back to a caller; held by the entity, so never stale.
  const written = new WeakMap<object, Record<string, any>>();

  return {
    /**
     * Every policy with its calendar, cached per instance and reloaded whenever any policy or calendar
     * changed in the database (one cheap query), so that instances never apply a stale policy.
     */
    async policies(knownVersion?: string): Promise<LoadedPolicy[]> {
      const version =
        knownVersion ??
        versionOf(
          rawRows<Record<string, unknown>>(
            await onCurrentTransaction(strapi, strapi.db.connection.raw(`SELECT ${POLICIES_VERSION_COLUMNS}`))
          )[0]
        );
      if (cache?.version === version) return cache.policies;
      const rows = (await strapi.db.query(POLICY).findMany({
        populate: { calendar: true, organizations: { select: ['id'] }, categories: { select: ['id'] } },
        orderBy: { id: 'asc' },
      })) as Array<Record<string, any>>; // rows of our own schema; fields are read one by one below
      const policies = rows.filter((policy) => policy.calendar).map((policy) => toLoadedPolicy(policy));
      cache = { version, policies };
      return policies;
    },

    /** The ticket's fields that SLA depends on, relations included, in one query. */
    async facts(ticketId: number, trx?: Knex.Transaction): Promise<TicketFacts> {
      const knex = strapi.db.connection;
      const org = joinTable(strapi, TICKET, 'organization');
      const cat = joinTable(strapi, TICKET, 'category');
      const query = knex('tickets')
        .where('tickets.id', ticketId)
        .first(
          'id',
          'document_id',
          'state',
          'priority',
          'kind',
          'reported_at',
          'taken_in_charge_at',
          'restored_at',
          'cancelled_at',
          knex(org.name).select(org.inverseJoinColumn.name).where(org.joinColumn.name, knex.ref('tickets.id')).limit(1).as('organization_id'),
          knex(cat.name).select(cat.inverseJoinColumn.name).where(cat.joinColumn.name, knex.ref('tickets.id')).limit(1).as('category_id'),
          // The policies' version rides along, so that choosing a policy costs no query of its own.
          knex.raw(POLICIES_VERSION_COLUMNS)
        );
      const row = await onCurrentTransaction(strapi, query, trx);
      if (!row) throw new errors.NotFoundError('Ticket not found');
      return {
        id: row.id,
        documentId: row.document_id,
        state: row.state,
        priority: (PRIORITIES as readonly string[]).includes(row.priority) ? row.priority : 'P3',
        kind: row.kind,
        reportedAt: toDate(row.reported_at)!,
        takenInChargeAt: toDate(row.taken_in_charge_at),
        restoredAt: toDate(row.restored_at),
        cancelledAt: toDate(row.cancelled_at),
        organizationId: row.organization_id ?? null,
        categoryId: row.category_id ?? null,
        policiesVersion: versionOf(row),
      };
    },

    /** The timeline entries that shape the clocks (suspensions and the actions that end them). */
    async timeline(ticketId: number, trx?: Knex.Transaction): Promise<TimelineEntry[]> {
      const knex = strapi.db.connection;
      const link = joinTable(strapi, 'api::ticket-event.ticket-event', 'ticket');
      const query = knex('ticket_events as e')
        .join(`${link.name} as l`, `l.${link.joinColumn.name}`, 'e.id')
        .where(`l.${link.inverseJoinColumn.name}`, ticketId)
        .whereIn('e.type', SLA_EVENT_TYPES)
        .orderBy('e.seq', 'asc')
        .select('e.type', 'e.at', 'e.data');
      const rows = await onCurrentTransaction(strapi, query, trx);
      return rows.map((row: { type: string; at: unknown; data: unknown }) => ({
        type: row.type,
        at: toDate(row.at)!,
        data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown> | null,
      }));
    },

    async raisedAlarms(ticketId: number, trx?: Knex.Transaction): Promise<Set<string>> {
      const query = strapi.db.connection(MARK_TABLE).where({ ticket_id: ticketId }).select('clock', 'kind', 'threshold');
      const rows = await onCurrentTransaction(strapi, query, trx);
      return new Set(rows.map((row: { clock: string; kind: string; threshold: string | number }) => alarmKey({ clock: row.clock as Alarm['clock'], kind: row.kind as Alarm['kind'], threshold: Number(row.threshold) })));
    },

    async choose(facts: Pick<TicketFacts, 'organizationId' | 'categoryId' | 'kind' | 'policiesVersion'>): Promise<LoadedPolicy | null> {
      return choosePolicy(await this.policies(facts.policiesVersion), facts);
    },

    /** Computes the clocks of a ticket at `now` with the given policy (or the one stored for it). */
    async compute(facts: TicketFacts, policy: LoadedPolicy, trx?: Knex.Transaction, now = new Date(), fresh = false) {
      // A ticket inserted a moment ago has no suspensions and no alarms raised yet: no need to ask.
      const [entries, raised] = fresh
        ? [[] as TimelineEntry[], new Set<string>()]
        : await Promise.all([this.timeline(facts.id, trx), this.raisedAlarms(facts.id, trx)]);
      const suspensions = suspensionsFromTimeline(entries);
      return { ...computeClock(policy, facts, suspensions, raised, now), suspensions };
    },

    async stored(ticketId: number, trx?: Knex.Transaction): Promise<Record<string, any> | null> {
      // A row of our own table, read column by column by the callers.
      const query = strapi.db.connection(CLOCK_TABLE).where({ ticket_id: ticketId }).first();
      return ((await onCurrentTransaction(strapi, query, trx)) as Record<string, any> | undefined) ?? null;
    },

    /**
     * Inserts or replaces a ticket's clock row; returns the columns written, for a caller that would read them
     * back. With `alongside`, the statement is left there for the caller to send with its own next one.
     */
    async save(ticketId: number, values: ClockValues, trx?: Knex.Transaction, alongside?: Knex.Sql[]): Promise<Record<string, any>> {
      const now = new Date();
      const row = {
        ticket_id: ticketId,
        policy_id: values.policyId,
        policy_name: values.policyName,
        calendar_id: values.calendarId,
        calendar_name: values.calendarName,
        priority: values.priority,
        take_charge_minutes: values.takeChargeMinutes,
        restore_minutes: values.restoreMinutes,
        warning_fractions: JSON.stringify(values.warningFractions),
        take_charge_due_at: values.takeChargeDueAt,
        take_charge_warn_at: values.takeChargeWarnAt,
        take_charge_elapsed_minutes: values.takeChargeElapsedMinutes,
        take_charge_met: values.takeChargeMet,
        take_charge_breached: values.takeChargeBreached,
        restore_due_at: values.restoreDueAt,
        restore_warn_at: values.restoreWarnAt,
        restore_elapsed_minutes: values.restoreElapsedMinutes,
        restore_paused_minutes: values.restorePausedMinutes,
        restore_met: values.restoreMet,
        restore_breached: values.restoreBreached,
        next_check_at: values.nextCheckAt,
        computed_at: now,
        updated_at: now,
      };
      const query = strapi.db
        .connection(CLOCK_TABLE)
        .insert({ ...row, document_id: `sla-clock-${ticketId}`, created_at: now, published_at: now })
        .onConflict('ticket_id')
        .merge(row);
      if (alongside) alongside.push(query.toSQL());
      else await onCurrentTransaction(strapi, query, trx);
      return row;
    },

    /**
     * How one ticket's clocks are computed, for a supervisor: the policy and calendar, the working
     * intervals counted, the suspensions and which of them paused the restore clock, alarms raised.
     */
    async explain(documentId: string, now = new Date()) {
      const ticket = (await strapi.db.query(TICKET).findOne({ where: { documentId }, select: ['id', 'number'] })) as { id: number; number: string } | null;
      if (!ticket) throw new errors.NotFoundError('Ticket not found');
      const facts = await this.facts(ticket.id);
      const stored = await this.stored(ticket.id);
      const policy = (await this.policies(facts.policiesVersion)).find((candidate) => candidate.id === Number(stored?.policy_id));
      if (!policy) throw new errors.NotFoundError('No SLA policy applies to this ticket');
      const { values, pendingAlarms, suspensions } = await this.compute(facts, policy, undefined, now);
      const raised = await strapi.db.connection(MARK_TABLE).where({ ticket_id: ticket.id }).orderBy('raised_at').select('clock', 'kind', 'threshold', 'raised_at');
      const spec = policy.calendar.spec;
      const span = (from: Date, to: Date) => {
        const intervals = workingIntervalsBetween(spec, from, to);
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          workingMinutes: workingMinutesBetween(spec, from, to),
          intervals: intervals.map(({ start, end }) => ({ start: start.toISOString(), end: end.toISOString(), minutes: (end.getTime() - start.getTime()) / 60_000 })),
        };
      };
      const takeChargeEnd = facts.takenInChargeAt ?? facts.cancelledAt ?? now;
      const restoreEnd = facts.restoredAt ?? facts.cancelledAt ?? now;
      return {
        ticket: { documentId, number: ticket.number, state: facts.state, priority: facts.priority, reportedAt: facts.reportedAt.toISOString() },
        policy: { name: policy.name, calendar: { name: policy.calendar.name, ...spec }, warningFractions: values.warningFractions },
        takeCharge: {
          targetMinutes: values.takeChargeMinutes,
          ...span(facts.reportedAt, takeChargeEnd),
          dueAt: values.takeChargeDueAt.toISOString(),
          met: values.takeChargeMet,
          breached: values.takeChargeBreached,
        },
        restore: {
          targetMinutes: values.restoreMinutes,
          ...span(facts.reportedAt, restoreEnd),
          suspensions: suspensions.map((period) => ({
            from: period.from.toISOString(),
            to: period.to?.toISOString() ?? null,
            reason: period.reason,
            attributableToAdministration: period.attributable,
            workingMinutes: workingMinutesBetween(spec, period.from, period.to ?? restoreEnd),
          })),
          pausedMinutes: values.restorePausedMinutes,
          elapsedMinutes: values.restoreElapsedMinutes ?? workingMinutesBetween(spec, facts.reportedAt, restoreEnd) - values.restorePausedMinutes,
          dueAt: values.restoreDueAt?.toISOString() ?? null,
          met: values.restoreMet,
          breached: values.restoreBreached,
        },
        alarms: {
          raised: raised.map((row: Record<string, unknown>) => ({ clock: row.clock, kind: row.kind, threshold: Number(row.threshold), raisedAt: toDate(row.raised_at)?.toISOString() })),
          pending: pendingAlarms.map((alarm) => ({ clock: alarm.clock, kind: alarm.kind, threshold: alarm.threshold, at: alarm.at.toISOString() })),
        },
        computedAt: now.toISOString(),
      };
    },

    /** Notes the clock row written for a ticket entity that is about to be answered (see `writtenFor`). */
    rememberWritten(entity: object, row: Record<string, any>) {
      written.set(entity, row);
    },

    /** The clock row written for this very entity in this process, if any: its response needs no read back. */
    writtenFor(entity: object): Record<string, any> | undefined {
      return written.get(entity);
    },

    /** SLA state of tickets for API responses, from the stored rows alone; `known`: rows the caller just wrote. */
    async stateFor(tickets: Array<{ id: number; state: string }>, now = new Date(), known: Array<Record<string, any>> = []) {
      if (tickets.length === 0) return new Map<number, unknown>();
      const byId = new Map(known.map((row) => [Number(row.ticket_id), row]));
      const missing = tickets.filter((ticket) => !byId.has(ticket.id)).map((ticket) => ticket.id);
      if (missing.length > 0) {
        const rows = await onCurrentTransaction(strapi, strapi.db.connection(CLOCK_TABLE).whereIn('ticket_id', missing).select());
        for (const row of rows as Array<Record<string, any>>) byId.set(Number(row.ticket_id), row);
      }
      return new Map(
        tickets.map((ticket) => {
          const row = byId.get(ticket.id) as Record<string, any> | undefined;
          return [ticket.id, row ? presentClock(row, ticket.state, now) : null];
        })
      );
    },
  };
};

function toLoadedPolicy(policy: Record<string, any>): LoadedPolicy {
  const calendar = policy.calendar as Record<string, any>;
  const spec: CalendarSpec = {
    timeZone: calendar.timeZone ?? 'Europe/Rome',
    alwaysOpen: !!calendar.alwaysOpen,
    hours: (calendar.hours ?? undefined) as Partial<Record<Weekday, Array<[string, string]>>> | undefined,
    italianHolidays: !!calendar.italianHolidays,
    patronDay: calendar.patronDay || undefined,
    closedDates: Array.isArray(calendar.closedDates) ? calendar.closedDates : undefined,
  };
  assertValidCalendarSpec(spec);
  const targets = Object.fromEntries(
    PRIORITIES.map((priority) => {
      const p = priority.toLowerCase();
      return [priority, { takeChargeMinutes: Number(policy[`${p}TakeChargeMinutes`]), restoreMinutes: Number(policy[`${p}RestoreMinutes`]) }];
    })
  ) as Record<Priority, { takeChargeMinutes: number; restoreMinutes: number }>;
  return {
    id: policy.id,
    name: policy.name,
    isDefault: !!policy.isDefault,
    rank: Number(policy.rank ?? 100),
    organizationIds: (policy.organizations ?? []).map((org: { id: number }) => org.id),
    categoryIds: (policy.categories ?? []).map((category: { id: number }) => category.id),
    kind: policy.kind ?? null,
    calendar: { id: calendar.id, name: calendar.name, spec },
    targets,
    warningFractions: Array.isArray(policy.warningFractions) ? policy.warningFractions.map(Number) : [],
    complianceThreshold: Number(policy.complianceThreshold ?? 95),
  };
}

/** The `sla` block of a ticket in API responses. */
function presentClock(row: Record<string, any>, state: string, now: Date) {
  const cancelled = state === 'cancelled';
  const one = (prefix: 'take_charge' | 'restore', stopped: boolean) => {
    const dueAt = toDate(row[`${prefix}_due_at`]);
    const warnAt = toDate(row[`${prefix}_warn_at`]);
    const met = row[`${prefix}_met`] === null || row[`${prefix}_met`] === undefined ? null : !!row[`${prefix}_met`];
    const breached = !!row[`${prefix}_breached`];
    return {
      targetMinutes: Number(row[prefix === 'take_charge' ? 'take_charge_minutes' : 'restore_minutes']),
      dueAt: dueAt?.toISOString() ?? null,
      elapsedMinutes: row[`${prefix}_elapsed_minutes`] === null ? null : Number(row[`${prefix}_elapsed_minutes`]),
      met,
      breached,
      state: clockState({ dueAt, warnAt, met, breached, stopped }, cancelled, now),
      remainingMs: !stopped && dueAt ? dueAt.getTime() - now.getTime() : null,
    };
  };
  return {
    policy: row.policy_name,
    calendar: row.calendar_name,
    takeCharge: one('take_charge', row.take_charge_elapsed_minutes !== null),
    restore: { ...one('restore', row.restore_elapsed_minutes !== null), pausedMinutes: Number(row.restore_paused_minutes ?? 0) },
  };
}

export type ClockService = ReturnType<typeof clock>;
export { FINAL_STATES };
export default clock;
