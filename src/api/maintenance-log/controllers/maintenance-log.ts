import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { scopedReads, type ScopeRules } from '../../../access/scoped-controller';

const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';

/** Portal users (Referente) read the maintenance of their organization; related tickets stay within it. */
const rules: ScopeRules = {
  uid: MAINTENANCE_LOG,
  scope: (organizationId) => ({ organization: { id: organizationId } }),
  populate: (organizationId) => ({
    attachments: true,
    organization: { fields: ['name', 'code'] },
    tickets: { filters: { organization: { id: organizationId } }, fields: ['number', 'title', 'status'] },
  }),
};

export default factories.createCoreController(MAINTENANCE_LOG, ({ strapi }: { strapi: Core.Strapi }) => ({
  ...scopedReads(strapi, rules),
}));
