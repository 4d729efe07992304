import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::maintenance-log.maintenance-log');
