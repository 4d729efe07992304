import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET', 'spoc-desk-dev-admin-jwt-secret'),
    // How long an admin access token lives before the panel refreshes it; Strapi's default, 30 minutes.
    sessions: { accessTokenLifespan: env.int('ADMIN_ACCESS_TOKEN_LIFESPAN', 30 * 60) },
  },
  apiToken: {
    salt: env('API_TOKEN_SALT', 'spoc-desk-dev-api-token-salt'),
  },
  transfer: {
    token: { salt: env('TRANSFER_TOKEN_SALT', 'spoc-desk-dev-transfer-token-salt') },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY', 'spoc-desk-dev-encryption-key'),
  },
  // Tests and headless deployments run without the built panel; the admin API still answers.
  serveAdminPanel: env.bool('SERVE_ADMIN_PANEL', true),
  flags: {
    nps: false,
    promoteEE: false,
  },
});
