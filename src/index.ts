import type { Core } from '@strapi/strapi';
import { skipApiTokenLookupOfJwts } from './access/api-token-lookup';
import { listenForAccessChanges, registerAccessCache, stopListeningForAccessChanges } from './access/cached-access';
import { registerFollowUpDocumentMiddleware } from './api/follow-up/document-middleware';
import { registerMaintenanceDocumentMiddleware } from './api/maintenance-log/document-middleware';
import { registerTicketDocumentMiddleware } from './api/ticket/document-middleware';
import { registerHtmlFieldSigning } from './api/ticket/html-fields';
import { registerTimelineDocumentMiddleware } from './api/ticket-event/document-middleware';
import { ensureDatabaseIndexes } from './bootstrap/database-indexes';
import { ensureAdminRoles } from './bootstrap/admin-roles';
import { applyContentManagerViews } from './bootstrap/content-manager-views';
import { ensurePortalRoles } from './bootstrap/portal-roles';
import { seedDemo } from './bootstrap/seed-demo';
import { addPortalToStartupBanner } from './bootstrap/startup-banner';
import { registerSessionEnds } from './extensions/users-permissions/sessions';
import { getFileService } from './utils/services';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerTicketDocumentMiddleware(strapi);
    registerTimelineDocumentMiddleware(strapi);
    registerFollowUpDocumentMiddleware(strapi);
    registerMaintenanceDocumentMiddleware(strapi);
    registerHtmlFieldSigning(strapi);
    registerSessionEnds(strapi);
    skipApiTokenLookupOfJwts(strapi);
    registerAccessCache(strapi);
    addPortalToStartupBanner(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await ensureDatabaseIndexes(strapi);
    await getFileService(strapi).moveLegacyUploads();
    await ensurePortalRoles(strapi);
    await ensureAdminRoles(strapi);
    await applyContentManagerViews(strapi);
    await seedDemo(strapi);
    listenForAccessChanges(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopListeningForAccessChanges(strapi);
  },
};
