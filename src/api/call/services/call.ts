import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Actor } from '../../ticket-event/hash-chain';
import { FieldError } from '../../ticket/input-rules';
import { isPostgres } from '../../../utils/dialect';
import { conflict } from '../../../utils/http-errors';
import { onCurrentTransaction } from '../../../utils/knex-in-transaction';
import { getTicketService, getTimelineService } from '../../../utils/services';
import { checkCallInput } from '../call-rules';
import { toE164, writtenForms } from '../phone-number';

const CALL = 'api::call.call';
const TICKET = 'api::ticket.ticket';
/** What the operator adds to what the call already says. */
type Row = Record<string, any>; // call, ticket and user rows, read field by field

export interface CallerMatch {
  requester: { id: number; documentId: string; username: string; email: string } | null;
  requesterName: string | null;
  requesterEmail: string | null;
  organization: { id: number; documentId: string; name: string } | null;
}

/**
 * Phone intake (D7): the call is recorded when the telephony system (or the operator) reports it, and a
 * ticket registered from it starts its SLA clocks at the call's start, not at the typing.
 */
const callService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Records a call, or completes the one with the same `callId` (the PBX reports the hang-up with the
   * same id): returns the call and whether it is new. A repeated report changes nothing but the end.
   */
  async record(data: Record<string, unknown>, operatorId: number | null, options: { numberRequired?: boolean } = {}): Promise<{ call: Row; created: boolean }> {
    const input = checkCallInput(data, new Date(), options);
    const operatorEmail = typeof data.operatorEmail === 'string' ? data.operatorEmail.trim().toLowerCase() : null;
    const operator =
      operatorId ?? (operatorEmail ? ((await strapi.db.query('admin::user').findOne({ where: { email: operatorEmail }, select: ['id'] })) as Row | null)?.id ?? null : null);
    const attempt = () =>
      strapi.db.transaction(async () => {
        const existing = input.callId ? ((await strapi.db.query(CALL).findOne({ where: { callId: input.callId } })) as Row | null) : null;
        if (existing) {
          if (new Date(existing.startedAt).getTime() !== input.startedAt.getTime()) {
            throw new FieldError('startedAt', `call ${input.callId} is already recorded as started at ${new Date(existing.startedAt).toISOString()}`);
          }
          const call = input.endedAt && !existing.endedAt ? await strapi.db.query(CALL).update({ where: { id: existing.id }, data: { endedAt: input.endedAt } }) : existing;
          return { call: call as Row, created: false };
        }
        const call = await strapi.db.query(CALL).create({
          data: { ...input, callerNumberE164: toE164(input.callerNumber), operator },
        });
        return { call: call as Row, created: true };
      });
    try {
      return await attempt();
    } catch (error) {
      // Two reports of one call at the same moment: the unique index let one in, the other completes it.
      if (input.callId && /unique|UNIQUE/.test((error as Error).message)) return attempt();
      throw error;
    }
  },

  /** The requester a caller's number points to: a portal user with that phone, else the latest ticket's contact. */
  async matchCaller(callerNumber: string | null): Promise<CallerMatch> {
    const forms = writtenForms(callerNumber);
    const none: CallerMatch = { requester: null, requesterName: null, requesterEmail: null, organization: null };
    if (!toE164(callerNumber)) return none;
    const user = (await strapi.db.query('plugin::users-permissions.user').findOne({
      where: { phone: { $in: forms }, blocked: false },
      select: ['id', 'documentId', 'username', 'email'],
      populate: { organization: { select: ['id', 'documentId', 'name'] } },
    })) as Row | null;
    if (user) return { requester: { id: user.id, documentId: user.documentId, username: user.username, email: user.email }, requesterName: user.username, requesterEmail: user.email, organization: user.organization ?? null };
    const earlier = (await strapi.db.query(TICKET).findOne({
      where: { requesterPhone: { $in: forms } },
      orderBy: { id: 'desc' },
      select: ['requesterName', 'requesterEmail'],
      populate: { organization: { select: ['id', 'documentId', 'name'] }, requester: { select: ['id', 'documentId', 'username', 'email'] } },
    })) as Row | null;
    if (!earlier) return none;
    return {
      requester: earlier.requester ?? null,
      requesterName: earlier.requesterName ?? earlier.requester?.username ?? null,
      requesterEmail: earlier.requesterEmail ?? earlier.requester?.email ?? null,
      organization: earlier.organization ?? null,
    };
  },

  /** Channel and reportedAt come from the call; what else a call's ticket may carry is the write rule `call.ticket` (access/write-rules.ts). */
  assertTicketFields(data: Record<string, unknown>): void {
    for (const field of ['channel', 'reportedAt']) {
      if (field in data) throw new FieldError(field, `${field} is set from the call and cannot be given`);
    }
  },

  /**
   * Registers the ticket of a call: channel `phone`, `reportedAt` the call's start, the caller's contact
   * from what is known of the number unless given; the call is linked to the ticket in the same transaction.
   */
  async registerTicket(callDocumentId: string, data: Record<string, unknown>, actor: Actor): Promise<Row> {
    this.assertTicketFields(data);
    return strapi.db.transaction(async () => {
      const call = await this.lockUnlinked(callDocumentId);
      const match = await this.matchCaller(call.callerNumber);
      const organization = data.organization ?? match.organization?.documentId;
      if (!organization) throw new FieldError('organization', 'organization is required: the caller number matches no known requester');
      const ticket = (await getTicketService(strapi).register({
        data: {
          requesterName: match.requesterName,
          requesterEmail: match.requesterEmail,
          requester: match.requester?.id,
          requesterPhone: call.callerNumber,
          ...data,
          organization,
          channel: 'phone',
          reportedAt: new Date(call.startedAt).toISOString(),
        },
      })) as Row;
      await this.link(call, ticket as { id: number; documentId: string }, actor);
      return ticket;
    });
  },

  /**
   * The call, locked until the transaction ends, that no ticket records yet: a second registration of the
   * same call waits here, then sees the first (409). Call inside a transaction.
   */
  async lockUnlinked(callDocumentId: string): Promise<Row> {
    const query = strapi.db.connection('calls').where({ document_id: callDocumentId });
    const locked = await onCurrentTransaction(strapi, (isPostgres(strapi) ? query.forUpdate() : query).first('id'));
    if (!locked) throw new errors.NotFoundError('Call not found');
    const call = (await strapi.db.query(CALL).findOne({ where: { id: locked.id }, populate: { ticket: { select: ['number'] } } })) as Row;
    if (call.ticket) throw conflict(`The call is already "registered" as ticket ${call.ticket.number}`, { state: 'registered', ticket: call.ticket.number });
    return call;
  },

  /** Records a locked call on its ticket: the link and the timeline's `call.linked`, in the caller's transaction. */
  async link(call: Row, ticket: { id: number; documentId: string }, actor: Actor): Promise<void> {
    await strapi.db.query(CALL).update({ where: { id: call.id }, data: { ticket: ticket.id } });
    await getTimelineService(strapi).append(
      { id: ticket.id, documentId: ticket.documentId },
      {
        type: 'call.linked',
        visibility: 'internal',
        data: { call: call.documentId, callId: call.callId ?? null, callerNumber: call.callerNumber ?? null, startedAt: new Date(call.startedAt).toISOString(), endedAt: call.endedAt ? new Date(call.endedAt).toISOString() : null },
      },
      actor
    );
  },
});

export type CallService = ReturnType<typeof callService>;
export default factories.createCoreService(CALL, callService);
