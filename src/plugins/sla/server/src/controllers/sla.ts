import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { asRoute, type KoaContext } from '../../../../../access/scoped-controller';
import { isPortalUser, portalOrganizationId } from '../../../../../access/portal-access';
import { fieldValidationError } from '../../../../../access/field-errors';
import type { ReportService } from '../services/report';
import { toCsv, toPdf, toXlsx } from '../services/report-export';
import type { ClockService } from '../services/clock';
import type { SweepService } from '../services/sweep';

const READABLE = { calendars: 'plugin::sla.calendar', policies: 'plugin::sla.policy' } as const;

/** Thin edge: calendars and policies for API tools, and the sweep on demand. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const forbidPortal = (ctx: KoaContext) => {
    if (isPortalUser(asRoute(ctx))) throw new errors.ForbiddenError('Forbidden');
  };

  /** An organization named by documentId or code. */
  const organizationIdOf = async (value: string): Promise<number> => {
    const found = (await strapi.db.query('api::organization.organization').findOne({
      where: { $or: [{ documentId: value }, { code: value }] },
      select: ['id'],
    })) as { id: number } | null;
    if (!found) throw fieldValidationError('organization', 'organization not found');
    return found.id;
  };
  const sameOrganization = async (value: string, id: number) => {
    const found = (await strapi.db.query('api::organization.organization').findOne({ where: { $or: [{ documentId: value }, { code: value }] }, select: ['id'] })) as { id: number } | null;
    return found?.id === id;
  };

  return {
    async list(ctx: KoaContext) {
      forbidPortal(ctx);
      const uid = READABLE[asRoute(ctx).params.collection as keyof typeof READABLE];
      if (!uid) throw new errors.NotFoundError('Not found');
      const populate = uid === 'plugin::sla.policy' ? { calendar: true, organizations: { fields: ['name', 'code'] }, categories: { fields: ['name', 'code'] } } : undefined;
      ctx.body = { data: await strapi.documents(uid).findMany({ populate } as never) };
    },

    async explain(ctx: KoaContext) {
      forbidPortal(ctx);
      ctx.body = { data: await (strapi.plugin('sla').service('clock') as ClockService).explain(asRoute(ctx).params.id) };
    },

    /** The compliance report: JSON, or a CSV, XLSX or PDF file. A referent gets its own organization's. */
    async report(ctx: KoaContext) {
      const route = asRoute(ctx);
      const query = ctx.query as Record<string, string | undefined>;
      const format = query.format ?? 'json';
      if (!['json', 'csv', 'xlsx', 'pdf'].includes(format)) throw fieldValidationError('format', 'format must be json, csv, xlsx or pdf');
      let organizationId = await portalOrganizationId(strapi, route);
      if (organizationId) {
        if (query.organization && !(await sameOrganization(query.organization, organizationId))) {
          throw new errors.ForbiddenError("A referent sees the report of its own organization only");
        }
      } else if (query.organization) {
        organizationId = await organizationIdOf(query.organization);
      }
      const report = await (strapi.plugin('sla').service('report') as ReportService).build({ from: query.from, to: query.to, organizationId });
      if (format === 'json') {
        ctx.body = { data: report };
        return;
      }
      const name = `report-sla-${report.period.from}_${report.period.to}.${format}`;
      ctx.set('Content-Disposition', `attachment; filename="${name}"`);
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.body = toCsv(report);
      } else if (format === 'xlsx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.body = await toXlsx(report);
      } else {
        ctx.type = 'application/pdf';
        ctx.body = await toPdf(report);
      }
    },

    async sweep(ctx: KoaContext) {
      forbidPortal(ctx);
      ctx.body = { data: await (strapi.plugin('sla').service('sweep') as SweepService).run() };
    },
  };
};
