import type { Core } from '@strapi/strapi';
import { allowedOrigins } from '../src/access/cors-origins';
import { publicUrlOf } from '../src/utils/portal-links';
import { namedBodyError } from '../src/middlewares/input-safety';

export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  // Credentialed CORS for the listed origins only: any other Origin (`null` included) gets no CORS headers.
  { name: 'strapi::cors', config: { origin: allowedOrigins(publicUrlOf({ PUBLIC_URL: env('PUBLIC_URL'), PORT: env('PORT') }), env('CORS_ORIGINS', '')), credentials: true } },
  'strapi::poweredBy',
  'strapi::query',
  // A refused `__proto__` key is named like every other unsafe input (src/middlewares/input-safety.ts).
  { name: 'strapi::body', config: { onError: namedBodyError } },
  'global::input-safety',
  'strapi::session',
  'strapi::favicon',
  'global::portal-app',
  'strapi::public',
];
