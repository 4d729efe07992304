import type { Core } from '@strapi/strapi';
import type { NumberingService } from './services/numbering';

interface Services {
  numbering: NumberingService;
}

export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] =>
  strapi.plugin('ticket-numbering').service(name) as Services[K];
