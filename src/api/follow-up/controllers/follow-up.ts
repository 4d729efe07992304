import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../access/field-errors';
import { portalOrganizationId } from '../../../access/portal-access';
import { asRoute, coreHelpers, scopedQuery, scopedReads, type KoaContext, type ScopeRules } from '../../../access/scoped-controller';
import { conflict } from '../../../utils/http-errors';
import { requestData, requestFiles } from '../../../utils/request-body';
import { getAttachmentsService } from '../../../utils/services';
import { OPEN_FOR_REQUESTER } from '../../ticket/lifecycle-rules';
import { checkWrite } from '../../../access/write-check';

const FOLLOW_UP = 'api::follow-up.follow-up';
const TICKET = 'api::ticket.ticket';

/** Portal users read the public follow-ups of their organization's tickets. */
const rules: ScopeRules = {
  uid: FOLLOW_UP,
  scope: (organizationId) => ({ ticket: { organization: { id: organizationId } }, visibility: 'public' }),
  populate: () => ({ attachments: true, ticket: { fields: ['number', 'title', 'state'] } }),
};

export default factories.createCoreController(FOLLOW_UP, ({ strapi }: { strapi: Core.Strapi }) => ({
  ...scopedReads(strapi, rules),

  async create(ctx: KoaContext) {
    const core = coreHelpers(this);
    const route = asRoute(ctx);
    const data = requestData(ctx);
    if (!data.ticket) throw fieldValidationError('ticket', 'ticket is required');
    if (typeof data.body !== 'string' || !data.body.trim()) throw fieldValidationError('body', 'body is required');
    // The HTML of a mail as received, sanitized by the intake: nobody writes it through REST.
    if ('bodyHtml' in data) throw fieldValidationError('bodyHtml', 'bodyHtml is set by the e-mail intake and cannot be given');
    const organizationId = await portalOrganizationId(strapi, route);
    if (organizationId) {
      for (const field of ['visibility', 'authorType', 'authorUser', 'authorAdmin', 'authorName', 'channel'] as const) {
        if (field in data) throw fieldValidationError(field, `${field} is set by the portal and cannot be given`);
      }
    }
    // The ticket is named once, in any shape Strapi accepts; a portal user's must be of its organization.
    const [ticketId, ...more] = (await checkWrite(strapi, 'follow-up.create', data, { uid: FOLLOW_UP, organizationId })).get('ticket') ?? [];
    if (!ticketId || more.length > 0) throw fieldValidationError('ticket', 'ticket must name one ticket');
    const ticket = (await strapi.db.query(TICKET).findOne({
      where: { id: ticketId },
      select: ['id', 'state'],
      populate: { organization: { select: ['id'] } },
    })) as { id: number; state: string; organization?: { id: number } | null } | null;
    if (!ticket || (organizationId && ticket.organization?.id !== organizationId)) throw new errors.NotFoundError('Ticket not found');

    if (organizationId) {
      if (!OPEN_FOR_REQUESTER.includes(ticket.state as never)) {
        throw conflict(`Cannot add a follow-up to a ticket in state "${ticket.state}"`, { state: ticket.state });
      }
    }
    delete data.ticket;
    await core.validateInput(data, ctx);
    const input = (await core.sanitizeInput(data, ctx)) as Record<string, unknown>;
    input.ticket = ticket.id;
    if (organizationId) {
      const user = route.state.user as { id: number; username?: string };
      Object.assign(input, { visibility: 'public', authorType: 'requester', authorUser: user.id, authorName: user.username, channel: 'portal' });
    } else {
      input.authorType = input.authorType ?? 'operator';
      input.channel = input.channel ?? 'api';
    }
    const query = await scopedQuery(strapi, core, ctx, rules);
    const followUp = await getAttachmentsService(strapi).storeWhile(requestFiles(ctx), (files) => {
      if (files.length > 0) input.attachments = files.map((file) => file.id);
      return strapi.service(FOLLOW_UP).create({ ...query, data: input });
    });
    ctx.status = 201;
    return core.transformResponse(await core.sanitizeOutput(followUp, ctx));
  },
}));
