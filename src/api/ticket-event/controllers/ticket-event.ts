import { factories } from '@strapi/strapi';
import type { Core } from '@strapi/strapi';
import { scopedReads } from '../../../access/scoped-controller';
import { timelineScope } from '../portal-scope';

const EVENT = 'api::ticket-event.ticket-event';

/** Portal users read the public events of their organization's tickets (portal-scope.ts). */
export default factories.createCoreController(EVENT, ({ strapi }: { strapi: Core.Strapi }) => ({
  ...scopedReads(strapi, timelineScope),
}));
