import type { Core } from '@strapi/strapi';
import { getLiveUpdates } from '../../../../utils/services';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  getLiveUpdates(strapi).start();
};
