import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { scopedReads, type ScopeRules } from '../../../access/scoped-controller';

const ORGANIZATION = 'api::organization.organization';

/** A portal user sees its own organization only. */
const rules: ScopeRules = {
  uid: ORGANIZATION,
  scope: (organizationId) => ({ id: organizationId }),
  populate: () => ({}),
};

export default factories.createCoreController(ORGANIZATION, ({ strapi }: { strapi: Core.Strapi }) => ({
  ...scopedReads(strapi, rules),
}));
