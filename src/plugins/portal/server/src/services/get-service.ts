import type { Core } from '@strapi/strapi';
import type services from './index';

type Services = typeof services;
export type PortalServices = { [K in keyof Services]: ReturnType<Services[K]> };

/** The portal plugin's services by name, typed. */
export const getPortalService = <K extends keyof PortalServices>(strapi: Core.Strapi, name: K) =>
  strapi.plugin('portal').service(name) as PortalServices[K];
