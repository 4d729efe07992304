import type { Core } from '@strapi/strapi';
import { getPortalService } from './services/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getPortalService(strapi, 'live').stop();
  await getPortalService(strapi, 'passwordReset').stop();
};
