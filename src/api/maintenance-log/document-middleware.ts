import type { Core } from '@strapi/strapi';
import { maintenanceStep } from '../../plugins/notifications/server/src/rules/maintenance';
import { getOutbox } from '../../utils/services';

const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';

/**
 * The organization hears of its maintenance when it is planned, when it starts and when it is completed:
 * the e-mail is recorded in the outbox in the same transaction as the change of state.
 */
export function registerMaintenanceDocumentMiddleware(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== MAINTENANCE_LOG || !['create', 'update'].includes(context.action)) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };

    return strapi.db.transaction(async () => {
      const before =
        context.action === 'update' && params.documentId
          ? ((await strapi.db.query(MAINTENANCE_LOG).findOne({ where: { documentId: params.documentId }, select: ['state'] })) as { state: string } | null)
          : null;
      const result = await next();
      const saved = result as { id: number; state?: string } | null;
      if (!saved) return result;
      const after = saved.state ?? ((await strapi.db.query(MAINTENANCE_LOG).findOne({ where: { id: saved.id }, select: ['state'] })) as { state: string }).state;
      const step = maintenanceStep(before?.state ?? null, after);
      // A log created without an organization has nobody to tell: its read (with the organization) is skipped.
      const nobodyToTell = context.action === 'create' && params.data?.organization == null;
      if (step && !nobodyToTell) await getOutbox(strapi).enqueueMaintenance(step, saved.id);
      return result;
    });
  });
}
