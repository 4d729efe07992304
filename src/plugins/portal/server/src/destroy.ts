import type { Core } from '@strapi/strapi';
import { getLiveUpdates } from '../../../../utils/services';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getLiveUpdates(strapi).stop();
};
