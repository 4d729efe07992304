import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../access/field-errors';
import { isPortalUser, portalOrganizationId } from '../../../access/portal-access';
import {
  asRoute,
  coreHelpers,
  scopedFindOne,
  scopedQuery,
  type CoreHelpers,
  type KoaContext,
  scopedReads,
  type ScopeRules,
} from '../../../access/scoped-controller';
import { actorFromState } from '../../ticket-event/actor';
import { getAttachmentsService, getLifecycleService, getSlaClock, getTicketService, getTimelineService } from '../../../utils/services';
import { requestData, requestFiles } from '../../../utils/request-body';
import { conflict } from '../../../utils/http-errors';
import { OPEN_FOR_REQUESTER } from '../lifecycle-rules';
import { toHttpError } from '../http-errors';
import { checkWrite } from '../../../access/write-check';
import type { LifecycleAction } from '../lifecycle-rules';

const TICKET = 'api::ticket.ticket';
const EVENT = 'api::ticket-event.ticket-event';

/** Portal users: their organization's tickets; populate nothing that leads elsewhere or to internal notes. */
const rules: ScopeRules = {
  uid: TICKET,
  scope: (organizationId) => ({ organization: { id: organizationId } }),
  // The portal's "My requests": the tickets the user reported.
  narrow: { param: 'mine', link: (userId, value) => (value === 'true' ? { relation: 'requester', id: userId } : null) },
  populate: (organizationId) => ({
    category: true,
    organization: { fields: ['name', 'code'] },
    attachments: true,
    followUps: { filters: { visibility: 'public' }, populate: { attachments: true } },
    maintenanceLogs: { filters: { organization: { id: organizationId } } },
  }),
  // The portal's list sorts: its default page is found without Strapi's scope joins (access/scoped-page.ts).
  plainPageSort: ['reportedAt', 'createdAt', 'updatedAt', 'number', 'priority', 'state', 'title'],
  decorate: attachSlaState,
};

/** Every ticket in a response carries its SLA state (take-in-charge and restore clocks, D7). */
async function attachSlaState(strapi: Core.Strapi, entities: Array<Record<string, unknown>>, known: Array<Record<string, unknown>> = []) {
  const tickets = entities.filter((entity) => typeof entity?.id === 'number') as Array<{ id: number; state: string } & Record<string, unknown>>;
  const states = await getSlaClock(strapi).stateFor(tickets, new Date(), known);
  for (const ticket of tickets) {
    const sla = (states.get(ticket.id) ?? null) as { takeCharge: { dueAt: string | null }; restore: { dueAt: string | null } } | null;
    ticket.sla = sla;
    // The two dues also at the top level, where reports and integrations look for them first.
    ticket.takeChargeDueAt = sla?.takeCharge.dueAt ?? null;
    ticket.restoreDueAt = sla?.restore.dueAt ?? null;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function optionalBoolean(data: Record<string, unknown>, field: string): boolean | null {
  if (data[field] === undefined || data[field] === null) return null;
  if (typeof data[field] !== 'boolean') throw fieldValidationError(field, `${field} must be true or false`);
  return data[field] as boolean;
}

export default factories.createCoreController(TICKET, ({ strapi }: { strapi: Core.Strapi }) => {
  const respond = async (core: CoreHelpers, ctx: KoaContext, ticket: unknown) => {
    // A ticket just created comes with the clock row its creation wrote.
    const written = ticket && typeof ticket === 'object' ? getSlaClock(strapi).writtenFor(ticket) : undefined;
    const sanitized = (await core.sanitizeOutput(ticket, ctx)) as Record<string, unknown>;
    await attachSlaState(strapi, [sanitized], written ? [written] : []);
    return core.transformResponse(sanitized);
  };

  const runAction = async (core: CoreHelpers, ctx: KoaContext, action: LifecycleAction) => {
    const data = requestData(ctx);
    const route = asRoute(ctx);
    const organizationId = await portalOrganizationId(strapi, route);
    await checkWrite(strapi, 'ticket.action', data, { uid: TICKET, organizationId });
    try {
      const ticket = await getLifecycleService(strapi).perform(
        route.params.id,
        action,
        { reason: text(data.reason), resolution: text(data.resolution), attributableToAdministration: optionalBoolean(data, 'attributableToAdministration') },
        actorFromState(route.state),
        { organizationId }
      );
      return respond(core, ctx, ticket);
    } catch (error) {
      throw toHttpError(error);
    }
  };

  return {
    ...scopedReads(strapi, rules),

    async create(ctx: KoaContext) {
      const core = coreHelpers(this);
      const route = asRoute(ctx);
      const data = requestData(ctx);
      const organizationId = await portalOrganizationId(strapi, route);
      // The HTML of a mail as received, sanitized by the intake: nobody writes it through REST.
      if ('descriptionHtml' in data) throw fieldValidationError('descriptionHtml', 'descriptionHtml is set by the e-mail intake and cannot be given');
      if (organizationId) {
        // The portal registers the request as it is submitted, for the user's own organization (D7).
        for (const field of ['reportedAt', 'organization', 'requester'] as const) {
          if (field in data) throw fieldValidationError(field, `${field} is set by the portal and cannot be given`);
        }
        if (data.channel !== undefined && data.channel !== 'portal') {
          throw fieldValidationError('channel', 'channel must be "portal" for portal requests');
        }
      } else if (!data.organization) {
        throw fieldValidationError('organization', 'organization is required');
      }
      const linked = await checkWrite(strapi, 'ticket.create', data, { uid: TICKET, organizationId });
      await core.validateInput(data, ctx);
      const input = (await core.sanitizeInput(data, ctx)) as Record<string, unknown>;
      // The relations checkWrite resolved go in by id, unread again (a creation connects what it names).
      // Attachments stay in the data: the creation records them in its timeline event as evidence.
      const checkedLinks: Record<string, number[]> = {};
      for (const [field, ids] of linked) {
        if (!(field in input) || field === 'attachments') continue;
        delete input[field];
        checkedLinks[field] = ids;
      }
      if (organizationId) {
        Object.assign(checkedLinks, { organization: [organizationId], requester: [route.state.user!.id] });
        input.channel = 'portal';
      } else {
        input.channel = input.channel ?? 'api';
      }
      const query = await scopedQuery(strapi, core, ctx, rules);
      const ticket = await getAttachmentsService(strapi).storeWhile(requestFiles(ctx), (files) => {
        if (files.length > 0) input.attachments = files.map((file) => file.id);
        return getTicketService(strapi).register({ data: input, checkedLinks, populate: query.populate, fields: query.fields });
      });
      ctx.status = 201;
      return respond(core, ctx, ticket);
    },

    /** Documents or forms added to an open ticket (D4), by its requester's organization or by a tool. */
    async addAttachments(ctx: KoaContext) {
      const core = coreHelpers(this);
      const route = asRoute(ctx);
      const organizationId = await portalOrganizationId(strapi, route);
      const ticket = (await strapi.db.query(TICKET).findOne({
        where: { documentId: route.params.id },
        select: ['id', 'documentId', 'state'],
        populate: { organization: { select: ['id'] } },
      })) as { id: number; documentId: string; state: string; organization?: { id: number } | null } | null;
      if (!ticket || (organizationId && ticket.organization?.id !== organizationId)) throw new errors.NotFoundError('Ticket not found');
      if (organizationId && !OPEN_FOR_REQUESTER.includes(ticket.state as never)) {
        throw conflict(`Cannot add attachments to a ticket in state "${ticket.state}"`, { state: ticket.state });
      }
      await checkWrite(strapi, 'ticket.attachments', requestData(ctx), { uid: TICKET, organizationId });
      const incoming = requestFiles(ctx);
      if (incoming.length === 0) throw fieldValidationError('files', 'files is required: send one or more files as multipart/form-data');
      const attachments = getAttachmentsService(strapi);
      await attachments.storeWhile(incoming, (files) => attachments.attachToTicket(ticket, files, actorFromState(route.state)));
      const query = await scopedQuery(strapi, core, ctx, rules);
      const updated = await strapi.service(TICKET).findOne(ticket.documentId, { ...query, populate: { attachments: true } });
      ctx.status = 201;
      return respond(core, ctx, updated);
    },

    /** Tools edit a ticket through Strapi's own update, once the body holds only what they may write and link. */
    async update(ctx: KoaContext) {
      const route = asRoute(ctx);
      const organizationId = await portalOrganizationId(strapi, route);
      const current = (await strapi.db.query(TICKET).findOne({
        where: { documentId: route.params.id },
        select: ['id'],
        populate: { organization: { select: ['id'] } },
      })) as { id: number; organization?: { id: number } | null } | null;
      if (!current) throw new errors.NotFoundError('Ticket not found');
      const data = requestData(ctx);
      await checkWrite(strapi, 'ticket.update', data, { uid: TICKET, organizationId, current: { id: current.id, organizationId: current.organization?.id ?? null } });
      const core = coreHelpers(this);
      await core.validateInput(data, ctx);
      const input = await core.sanitizeInput(data, ctx);
      const query = await scopedQuery(strapi, core, ctx, rules);
      return respond(core, ctx, await strapi.service(TICKET).update(route.params.id, { ...query, data: input }));
    },

    takeCharge(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'take-charge');
    },
    suspend(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'suspend');
    },
    resume(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'resume');
    },
    restore(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'restore');
    },
    reopen(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'reopen');
    },
    close(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'close');
    },
    cancel(ctx: KoaContext) {
      return runAction(coreHelpers(this), ctx, 'cancel');
    },

    /** Supervisor correction of the report time, with a reason; recorded in the timeline. */
    async correctReportedAt(ctx: KoaContext) {
      const core = coreHelpers(this);
      const route = asRoute(ctx);
      if (isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
      const data = requestData(ctx);
      try {
        const ticket = await getLifecycleService(strapi).correctReportedAt(
          route.params.id,
          { reportedAt: data.reportedAt, reason: text(data.reason) },
          actorFromState(route.state)
        );
        return respond(core, ctx, ticket);
      } catch (error) {
        throw toHttpError(error);
      }
    },

    /** Recomputes the ticket's timeline chain: any edit or deletion made behind the application shows here. */
    /**
     * The portal's page of one request in one round trip (issue 17): the ticket as `findOne` gives it with
     * its category, attachments, public follow-ups and SLA state, and its timeline, oldest first, as
     * `/api/ticket-events` gives it to the same reader. The page's shape is fixed: its query string is not read.
     */
    async page(ctx: KoaContext) {
      ctx.query = { populate: ['category', 'attachments', 'followUps'] };
      // One transaction for both reads: Strapi's Document Service opens one per read otherwise (two
      // statements fewer; in one snapshot's worth of time).
      const [ticket, events] = await strapi.db.transaction(async () => {
        const { data } = (await scopedFindOne(strapi, coreHelpers(this), ctx, rules)) as { data: { id: number } & Record<string, unknown> };
        return [data, await getTimelineService(strapi).readableTimeline(data.id, await portalOrganizationId(strapi, asRoute(ctx)))] as const;
      });
      const timeline = await strapi.contentAPI.sanitize.output(events, strapi.getModel(EVENT), { auth: asRoute(ctx).state.auth });
      return { data: { ticket, timeline } };
    },

    async verifyTimeline(ctx: KoaContext) {
      const route = asRoute(ctx);
      if (isPortalUser(route)) throw new errors.ForbiddenError('Forbidden');
      ctx.body = { data: await getTimelineService(strapi).verify(route.params.id) };
    },
  };
});
