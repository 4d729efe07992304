import type { Core } from '@strapi/strapi';
import { ACTIONS } from './permissions';
import { getConsoleService } from './services/get-service';

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.service('admin::permission').actionProvider.registerMany(ACTIONS);
  getConsoleService(strapi, 'live').start();
};
