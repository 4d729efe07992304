import type { Core } from '@strapi/strapi';
import { getPortalService } from './services/get-service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  getPortalService(strapi, 'live').start();
};
