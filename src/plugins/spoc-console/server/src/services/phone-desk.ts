import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../../../../../api/ticket-event/hash-chain';
import { adminName } from '../../../../../api/ticket-event/actor';
import { toE164, writtenForms } from '../../../../../api/call/phone-number';
import { textToHtml } from '../../../../email-intake/server/src/rules/body';
import { conflict } from '../../../../../utils/http-errors';
import { getCallService } from '../../../../../utils/services';
import { QUEUE_STATES } from '../rules/queue-rules';
import { CLOSED_TICKETS_SHOWN, PENDING_CALL_WINDOW_MS, romeDayBounds } from '../rules/phone-desk-rules';
import { getConsoleService } from './get-service';
import { ticketRef } from './workspace';

const CALL = 'api::call.call';
const TICKET = 'api::ticket.ticket';

type Row = Record<string, any>; // call, ticket and admin rows, read field by field

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
const TICKET_FIELDS = ['documentId', 'number', 'title', 'state', 'priority', 'reportedAt', 'closedAt'];
const ticketSummary = (ticket: Row) => ({
  documentId: ticket.documentId,
  number: ticket.number,
  title: ticket.title,
  state: ticket.state,
  priority: ticket.priority,
  reportedAt: iso(ticket.reportedAt),
  closedAt: iso(ticket.closedAt),
});
const callSummary = (call: Row) => ({
  documentId: call.documentId,
  callId: call.callId ?? null,
  callerNumber: call.callerNumber ?? null,
  startedAt: iso(call.startedAt),
  endedAt: iso(call.endedAt),
  dismissedAt: iso(call.dismissedAt),
  operator: call.operator ? { id: call.operator.id, name: adminName(call.operator) } : null,
  ticket: call.ticket ? ticketSummary(call.ticket) : null,
});

/**
 * The phone desk (issue 16): the calls waiting on an operator (reported by the PBX naming them, or answered
 * in the console with no PBX), who is calling and what they asked before, and what the call became: a new
 * ticket (registration, services/registration.ts), an update of an open one, or nothing.
 */
const phoneDesk = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** What the operator's console polls, on every page: their waiting calls, and the call-backs due. */
  async status(operatorId: number, now = new Date()) {
    const calls = (await strapi.db.query(CALL).findMany({
      where: { operator: { id: operatorId }, ticket: { id: { $null: true } }, dismissedAt: { $null: true }, startedAt: { $gte: new Date(now.getTime() - PENDING_CALL_WINDOW_MS) } },
      select: ['documentId', 'callId', 'callerNumber', 'startedAt', 'endedAt', 'dismissedAt'],
      orderBy: { startedAt: 'asc' },
      limit: 20,
    })) as Row[];
    return { calls: calls.map(callSummary), callbacks: await this.callbacks(now) };
  },

  /** Open call-backs and how many of them are overdue, in one read: every operator's panel asks every 1.5 s. */
  async callbacks(now = new Date()): Promise<{ open: number; overdue: number }> {
    const row = (await strapi.db
      .connection('notif_callbacks')
      .where({ state: 'open' })
      .count({ open: '*' })
      .select(strapi.db.connection.raw('SUM(CASE WHEN due_at <= ? THEN 1 ELSE 0 END) AS overdue', [now]))
      .first()) as { open: number | string; overdue: number | string | null } | undefined;
    return { open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
  },

  /** A call with who is calling (as known from the number) and their open tickets and last closed ones. */
  async call(documentId: string) {
    const call = await this.find(documentId);
    const caller = await getCallService(strapi).matchCaller(call.callerNumber ?? null);
    const forms = writtenForms(call.callerNumber);
    const by: Row[] = [];
    if (caller.requester) by.push({ requester: { id: caller.requester.id } });
    if (forms.length > 0 && call.callerNumber) by.push({ requesterPhone: { $in: forms } });
    const tickets = async (where: Row, orderBy: Row, limit: number) =>
      by.length === 0 ? [] : ((await strapi.db.query(TICKET).findMany({ where: { $and: [{ $or: by }, where] }, select: TICKET_FIELDS, orderBy, limit })) as Row[]).map(ticketSummary);
    return {
      call: callSummary(call),
      caller,
      openTickets: await tickets({ state: { $in: [...QUEUE_STATES] } }, { reportedAt: 'desc' }, 20),
      closedTickets: await tickets({ state: 'closed' }, { closedAt: 'desc' }, CLOSED_TICKETS_SHOWN),
    };
  },

  /** "Chiamata in corso" with no PBX: the call starts now, by the server's clock, the number may come later. */
  async answer(operatorId: number, callerNumber: string | null, now = new Date()) {
    const { call } = await getCallService(strapi).record({ callerNumber, startedAt: now.toISOString() }, operatorId, { numberRequired: false });
    return callSummary(await this.find(call.documentId));
  },

  /** The operator's own waiting call: its number once known, its end when they hang up (the start never moves). */
  async update(documentId: string, operatorId: number, input: { callerNumber?: string; ended?: boolean }, now = new Date()) {
    const call = await this.ownPending(documentId, operatorId, 'update');
    const data: Row = {};
    if (input.callerNumber !== undefined) {
      if (call.callerNumber && call.callerNumber !== input.callerNumber) throw conflict('The call\'s number is already "known": it was reported with the call', { state: 'known' });
      data.callerNumber = input.callerNumber;
      data.callerNumberE164 = toE164(input.callerNumber);
    }
    if (input.ended && !call.endedAt) data.endedAt = now;
    if (Object.keys(data).length > 0) await strapi.db.query(CALL).update({ where: { id: call.id }, data });
    return callSummary(await this.find(documentId));
  },

  /** "Nessuna richiesta": the call needed no ticket (a wrong number, a question answered at once). */
  async dismiss(documentId: string, operatorId: number, now = new Date()) {
    const call = await this.ownPending(documentId, operatorId, 'dismiss');
    await strapi.db.query(CALL).update({ where: { id: call.id }, data: { dismissedAt: now, ...(call.endedAt ? {} : { endedAt: now }) } });
    return callSummary(await this.find(documentId));
  },

  /**
   * "Aggiungi a HD-…": the call is recorded on an open ticket (its timeline's `call.linked`) and, when the
   * operator wrote one, their note as an internal follow-up, all in one transaction.
   */
  async attach(documentId: string, ticketKey: string, note: string | null, actor: Actor) {
    return strapi.db.transaction(async () => {
      // The operator may type the number the caller reads out (HD-2026-000123) instead of picking the ticket.
      const byNumber = (await strapi.db.query(TICKET).findOne({ where: { number: ticketKey.toUpperCase() }, select: ['documentId'] })) as Row | null;
      const ticket = await ticketRef(strapi, byNumber?.documentId ?? ticketKey);
      if (!(QUEUE_STATES as readonly string[]).includes(ticket.state)) throw conflict(`Cannot add a call to a ticket in state "${ticket.state}"`, { action: 'add-call', state: ticket.state });
      const call = await getCallService(strapi).lockUnlinked(documentId);
      await getCallService(strapi).link(call, ticket, actor);
      if (note) await getConsoleService(strapi, 'followUps').add(ticket.documentId, { visibility: 'internal', bodyHtml: textToHtml(note) }, []);
      return callSummary(await this.find(documentId));
    });
  },

  /** The calls of a Rome day, newest first, with the operator and the ticket each produced; one operator's if given. */
  async list(day: string, operatorId?: number) {
    const { from, to } = romeDayBounds(day);
    const calls = (await strapi.db.query(CALL).findMany({
      where: { startedAt: { $gte: from, $lt: to }, ...(operatorId ? { operator: { id: operatorId } } : {}) },
      populate: { operator: { select: ['id', 'firstname', 'lastname', 'email'] }, ticket: { select: TICKET_FIELDS } },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      limit: 1000,
    })) as Row[];
    return calls.map(callSummary);
  },

  async find(documentId: string): Promise<Row> {
    const call = (await strapi.db.query(CALL).findOne({
      where: { documentId },
      populate: { operator: { select: ['id', 'firstname', 'lastname', 'email'] }, ticket: { select: TICKET_FIELDS } },
    })) as Row | null;
    if (!call) throw new errors.NotFoundError('Call not found');
    return call;
  },

  /** A call of this operator's that still waits on them; another's is 404, a handled one 409 naming its state. */
  async ownPending(documentId: string, operatorId: number, action: string): Promise<Row> {
    const call = await this.find(documentId);
    if (call.operator?.id !== operatorId) throw new errors.NotFoundError('Call not found');
    if (call.ticket) throw conflict(`Cannot ${action} a call already "registered" as ticket ${call.ticket.number}`, { action, state: 'registered', ticket: call.ticket.number });
    if (call.dismissedAt) throw conflict(`Cannot ${action} a call already "dismissed"`, { action, state: 'dismissed' });
    return call;
  },
});

export type PhoneDeskService = ReturnType<typeof phoneDesk>;
export default phoneDesk;
