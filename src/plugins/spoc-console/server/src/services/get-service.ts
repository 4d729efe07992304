import type { Core } from '@strapi/strapi';
import type services from './index';

type Services = typeof services;
export type ConsoleServices = { [K in keyof Services]: ReturnType<Services[K]> };

/** The console plugin's services by name, typed. */
export const getConsoleService = <K extends keyof ConsoleServices>(strapi: Core.Strapi, name: K) =>
  strapi.plugin('spoc-console').service(name) as ConsoleServices[K];
