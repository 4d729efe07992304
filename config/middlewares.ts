import type { Core } from '@strapi/strapi';
import { allowedOrigins } from '../src/access/cors-origins';

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // Credentialed CORS for the listed origins only: any other Origin (`null` included) gets no CORS headers.
  { name: 'strapi::cors', config: { origin: allowedOrigins(env('PUBLIC_URL', 'http://localhost:1337'), env('CORS_ORIGINS', '')), credentials: true } },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'global::signed-uploads',
  'global::portal-app',
  'strapi::public',
];
