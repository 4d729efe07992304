import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // What strapi::public serves (the built portal); files of versions before the private store are looked for in its uploads/.
  dirs: { public: env('PUBLIC_DIR', './public') },
  app: {
    keys: env.array('APP_KEYS', ['spoc-desk-dev-key-1', 'spoc-desk-dev-key-2']),
  },
  // Our periodic jobs register themselves and are written to be safe in several instances.
  cron: { enabled: env.bool('CRON_ENABLED', true) },
  // How long API tokens, role permissions and users-permissions' settings are served from memory at most: the
  // bound on an instance honouring a removed permission when the change signal is lost (src/access/cached-access.ts).
  accessCache: { ttlMs: env.int('ACCESS_CACHE_TTL_MS', 1000) },
});
