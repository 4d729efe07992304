import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { scopedReads, type ScopeRules } from '../../../access/scoped-controller';

const EVENT = 'api::ticket-event.ticket-event';

/** Portal users read the public events of their organization's tickets. */
const rules: ScopeRules = {
  uid: EVENT,
  scope: (organizationId) => ({ ticket: { organization: { id: organizationId } }, visibility: 'public' }),
  populate: () => ({ ticket: { fields: ['number', 'title'] } }),
};

export default factories.createCoreController(EVENT, ({ strapi }: { strapi: Core.Strapi }) => ({
  ...scopedReads(strapi, rules),
}));
