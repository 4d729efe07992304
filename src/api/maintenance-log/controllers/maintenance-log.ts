import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { portalOrganizationId } from '../../../access/portal-access';
import { asRoute, coreHelpers, scopedQuery, scopedReads, type KoaContext, type ScopeRules } from '../../../access/scoped-controller';
import { checkWrite } from '../../../access/write-check';
import { requestData } from '../../../utils/request-body';

const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';

/** Portal users (Referente) read the maintenance of their organization; related tickets stay within it. */
const rules: ScopeRules = {
  uid: MAINTENANCE_LOG,
  scope: (organizationId) => ({ organization: { id: organizationId } }),
  populate: (organizationId) => ({
    attachments: true,
    organization: { fields: ['name', 'code'] },
    tickets: { filters: { organization: { id: organizationId } }, fields: ['number', 'title', 'state'] },
  }),
};

export default factories.createCoreController(MAINTENANCE_LOG, ({ strapi }: { strapi: Core.Strapi }) => {
  /** Tools write logs through Strapi's own create and update, once the body holds only what they may write and link. */
  const write = async (core: ReturnType<typeof coreHelpers>, ctx: KoaContext, documentId: string | null) => {
    const route = asRoute(ctx);
    const organizationId = await portalOrganizationId(strapi, route);
    const current = documentId
      ? ((await strapi.db.query(MAINTENANCE_LOG).findOne({ where: { documentId }, select: ['id'], populate: { organization: { select: ['id'] } } })) as {
          id: number;
          organization?: { id: number } | null;
        } | null)
      : null;
    if (documentId && !current) throw new errors.NotFoundError('Maintenance log not found');
    const data = requestData(ctx);
    await checkWrite(strapi, documentId ? 'maintenance-log.update' : 'maintenance-log.create', data, {
      uid: MAINTENANCE_LOG,
      organizationId,
      current: current && { id: current.id, organizationId: current.organization?.id ?? null },
    });
    await core.validateInput(data, ctx);
    const input = await core.sanitizeInput(data, ctx);
    const query = await scopedQuery(strapi, core, ctx, rules);
    const service = strapi.service(MAINTENANCE_LOG);
    const log = documentId ? await service.update(documentId, { ...query, data: input }) : await service.create({ ...query, data: input });
    return core.transformResponse(await core.sanitizeOutput(log, ctx));
  };

  return {
    ...scopedReads(strapi, rules),
    async create(ctx: KoaContext) {
      const body = await write(coreHelpers(this), ctx, null);
      ctx.status = 201;
      return body;
    },
    update(ctx: KoaContext) {
      return write(coreHelpers(this), ctx, asRoute(ctx).params.id);
    },
  };
});
