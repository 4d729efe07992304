import type { Core } from '@strapi/strapi';
import { fieldValidationError } from '../../../../../access/field-errors';
import type { Actor } from '../../../../../api/ticket-event/hash-chain';
import { asTicketWriteError } from '../../../../../api/ticket/ticket-creation';
import { getCallService, getTicketService, getTimelineService } from '../../../../../utils/services';
import { assertFromCall, registrationTime, type RegistrationTime } from '../rules/registration-rules';
import { categoryId } from './workspace';

const ORGANIZATION = 'api::organization.organization';
const USER = 'plugin::users-permissions.user';

export interface RegistrationInput {
  organization: string;
  requester?: string;
  requesterName?: string;
  requesterEmail?: string;
  requesterPhone?: string;
  title: string;
  description: string;
  category?: string | null;
  kind: 'incident' | 'request';
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  channel: 'phone' | 'email' | 'api';
  reportedAt?: string;
  reportedAtReason?: string;
  /** The call this ticket is registered from: its start is `reportedAt`, the channel is phone (D7). */
  call?: string;
}

/** "Nuova richiesta": a ticket registered by an operator while the call is on, through the one creation path. */
const registration = ({ strapi }: { strapi: Core.Strapi }) => ({
  async register(input: RegistrationInput, actor: Actor, now = new Date()) {
    let time: RegistrationTime;
    try {
      if (input.call) assertFromCall(input);
      time = registrationTime(input, now);
    } catch (error) {
      throw asTicketWriteError(error);
    }
    const organization = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId: input.organization }, select: ['id'] })) as { id: number } | null;
    if (!organization) throw fieldValidationError('organization', 'organization: no such organization');
    const requester = input.requester ? await this.requesterOf(organization.id, input.requester) : null;
    if (!requester && !input.requesterName?.trim()) throw fieldValidationError('requester', 'requester: choose a user of the organization, or give requesterName');
    const data = {
      organization: organization.id,
      ...(requester ? { requester: requester.id } : { requesterName: input.requesterName, requesterEmail: input.requesterEmail || null, requesterPhone: input.requesterPhone || null }),
      title: input.title,
      description: input.description,
      category: input.category ? await categoryId(strapi, input.category) : null,
      kind: input.kind,
      priority: input.priority,
      channel: input.channel,
      reportedAt: time.reportedAt,
    };
    return strapi.db.transaction(async () => {
      // A call's ticket: the call is locked until commit, so that it becomes one ticket only.
      const call = input.call ? await getCallService(strapi).lockUnlinked(input.call) : null;
      if (call) time = { reportedAt: new Date(call.startedAt), reason: null };
      const ticket = await getTicketService(strapi).register({ data: { ...data, reportedAt: time.reportedAt } });
      if (call) await getCallService(strapi).link(call, ticket, actor);
      // Why the call is registered late, beside the `created` event that says when it came (D7).
      if (time.reason) {
        await getTimelineService(strapi).append(
          { id: ticket.id, documentId: ticket.documentId },
          { type: 'ticket.reported-at-declared', visibility: 'internal', data: { reportedAt: time.reportedAt.toISOString(), reason: time.reason } },
          actor
        );
      }
      return {
        documentId: ticket.documentId,
        number: ticket.number,
        title: ticket.title,
        state: ticket.state,
        kind: ticket.kind,
        priority: ticket.priority,
        channel: ticket.channel,
        reportedAt: time.reportedAt.toISOString(),
        registeredAt: new Date(ticket.registeredAt as string).toISOString(),
      };
    });
  },

  /** A portal user of the organization, or 400 naming `requester`. */
  async requesterOf(organizationId: number, documentId: string) {
    const user = (await strapi.db.query(USER).findOne({ where: { documentId, organization: { id: organizationId } }, select: ['id'] })) as { id: number } | null;
    if (!user) throw fieldValidationError('requester', 'requester: no such user in the organization');
    return user;
  },
});

export type RegistrationService = ReturnType<typeof registration>;
export default registration;
