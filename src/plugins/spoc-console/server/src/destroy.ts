import type { Core } from '@strapi/strapi';
import { getConsoleService } from './services/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getConsoleService(strapi, 'live').stop();
};
