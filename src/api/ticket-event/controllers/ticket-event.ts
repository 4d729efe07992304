import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { coreHelpers, scopedFind, scopedFindOne, type ScopeRules } from '../../../access/scoped-controller';

const EVENT = 'api::ticket-event.ticket-event';

/** Portal users read the public events of their organization's tickets. */
const rules: ScopeRules = {
  uid: EVENT,
  scope: (organizationId) => ({ ticket: { organization: { id: organizationId } }, visibility: 'public' }),
  populate: () => ({ ticket: { fields: ['number', 'title'] } }),
};

export default factories.createCoreController(EVENT, ({ strapi }: { strapi: Core.Strapi }) => ({
  find(ctx) {
    return scopedFind(strapi, coreHelpers(this), ctx, rules);
  },
  findOne(ctx) {
    return scopedFindOne(strapi, coreHelpers(this), ctx, rules);
  },
}));
