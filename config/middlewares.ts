import { namedBodyError } from '../src/middlewares/input-safety';

export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  // A refused `__proto__` key is named like every other unsafe input (src/middlewares/input-safety.ts).
  { name: 'strapi::body', config: { onError: namedBodyError } },
  'global::input-safety',
  'strapi::session',
  'strapi::favicon',
  'global::signed-uploads',
  'global::portal-app',
  'strapi::public',
];
