import type { Core } from '@strapi/strapi';
import { publicUrlOf } from '../src/utils/portal-links';
import { mailboxFromEnv } from '../src/plugins/email-intake/server/src/rules/mailbox-settings';
import { deliveryOf, type MailDelivery } from '../src/plugins/notifications/server/src/rules/delivery';
import { resolveCaptureDir } from 'strapi-provider-email-capture/files';

/**
 * Local plugins are TypeScript compiled with the app itself (tsconfig includes src/plugins), so they are
 * resolved from the compiled output in dist/ and need no build step of their own.
 */
const localPlugin = (name: string) => ({ enabled: true, resolve: `./dist/src/plugins/${name}` });

/** The email plugin's provider for where mail goes: SMTP, the capture folder, or (missing) nothing. */
function emailProvider(env: Core.Config.Shared.ConfigParams['env'], delivery: MailDelivery) {
  if (delivery.mode === 'capture') return { provider: 'strapi-provider-email-capture', providerOptions: { directory: delivery.directory } };
  return {
    provider: 'nodemailer',
    providerOptions: {
      // With no SMTP_HOST (production) the outbox worker sends nothing: this host is never reached.
      host: delivery.mode === 'smtp' ? delivery.host : '127.0.0.1',
      port: delivery.mode === 'smtp' ? delivery.port : 25,
      secure: delivery.mode === 'smtp' && delivery.secure,
      // Pooled connections: the outbox worker sends several messages at once without a handshake each.
      pool: env.bool('SMTP_POOL', true),
      maxConnections: env.int('SMTP_MAX_CONNECTIONS', 5),
      ...(env('SMTP_USER', '') ? { auth: { user: env('SMTP_USER'), pass: env('SMTP_PASSWORD', '') } } : {}),
    },
  };
}

/** The intake mailbox of the environment (IMAP_*, or the INTAKE_IMAP_* aliases), or null. */
const envMailbox = (env: Core.Config.Shared.ConfigParams['env']) => mailboxFromEnv((name) => env(name));

export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const publicUrl = publicUrlOf({ PUBLIC_URL: env('PUBLIC_URL'), PORT: env('PORT') });
  const delivery = deliveryOf(
    {
      NODE_ENV: env('NODE_ENV'),
      SMTP_HOST: env('SMTP_HOST'),
      SMTP_PORT: env('SMTP_PORT'),
      SMTP_SECURE: env('SMTP_SECURE'),
      SMTP_USER: env('SMTP_USER'),
      MAIL_CAPTURE_DIR: env('MAIL_CAPTURE_DIR'),
    },
    (dir) => resolveCaptureDir(dir, process.cwd())
  );
  return {
  'ticket-numbering': {
    ...localPlugin('ticket-numbering'),
    config: {
      prefix: env('TICKET_NUMBER_PREFIX', 'HD'),
      timeZone: 'Europe/Rome',
    },
  },
  sla: {
    ...localPlugin('sla'),
    config: { sweepCron: env('SLA_SWEEP_CRON', '* * * * *') },
  },
  notifications: {
    ...localPlugin('notifications'),
    config: {
      publicUrl,
      adminUrl: env('ADMIN_URL', `${publicUrl}/admin`),
      messageIdDomain: env('MAIL_MESSAGE_ID_DOMAIN', (env('MAIL_FROM', 'spoc@spoc-desk.local').split('@')[1] || 'spoc-desk.local').replace(/>$/, '')),
      threadSecret: env('MAIL_THREAD_SECRET', env.array('APP_KEYS', ['spoc-desk-dev-key-1'])[0]),
      workerEnabled: env.bool('NOTIFICATIONS_WORKER', true),
      workerCron: env('NOTIFICATIONS_WORKER_CRON', '*/5 * * * * *'),
      progressCron: env('NOTIFICATIONS_PROGRESS_CRON', '0 * * * * *'),
      maxAttempts: env.int('NOTIFICATIONS_MAX_ATTEMPTS', 8),
      retryBaseSeconds: env.int('NOTIFICATIONS_RETRY_BASE_SECONDS', 30),
      concurrency: env.int('SMTP_MAX_CONNECTIONS', 5),
      delivery,
    },
  },
  'email-intake': {
    ...localPlugin('email-intake'),
    config: {
      // IMAP_* as DESIGN.md names them, INTAKE_IMAP_* as aliases; more mailboxes come from the admin panel.
      mailboxes: envMailbox(env) ? [envMailbox(env)] : [],
      mailboxRefreshSeconds: env.int('INTAKE_MAILBOX_REFRESH_SECONDS', 15),
      // Our own sending addresses: their mail is never taken in (no loops with our notifications).
      ownAddresses: [env('MAIL_FROM', ''), env('MAIL_REPLY_TO', ''), envMailbox(env)?.user ?? '']
        .map((value: string) => (/<([^>]+)>/.exec(value)?.[1] ?? value).trim().toLowerCase())
        .filter((value: string) => value.includes('@')),
      defaultPriority: env('INTAKE_DEFAULT_PRIORITY', 'P3'),
      pollSeconds: env.int('INTAKE_POLL_SECONDS', 30),
      leaseSeconds: env.int('INTAKE_LEASE_SECONDS', 60),
      maxMessageBytes: env.int('INTAKE_MAX_MESSAGE_BYTES', 25 * 1024 * 1024),
      maxAttachmentBytes: env.int('INTAKE_MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024),
      ...(env('INTAKE_BLOCKED_FILE_TYPES') ? { blockedFileTypes: env.array('INTAKE_BLOCKED_FILE_TYPES') } : {}),
      maxPerSenderPerHour: env.int('INTAKE_MAX_PER_SENDER_PER_HOUR', 30),
      threadsAtOnce: env.int('INTAKE_THREADS_AT_ONCE', 4),
      batchSize: env.int('INTAKE_BATCH_SIZE', 20),
      reopenWindowDays: env.int('INTAKE_REOPEN_WINDOW_DAYS', 10),
    },
  },
  'spoc-console': localPlugin('spoc-console'),
  portal: {
    ...localPlugin('portal'),
    config: {
      passwordReset: {
        perAddress: env.int('PORTAL_RESET_MAX_PER_ADDRESS', 3),
        perIp: env.int('PORTAL_RESET_MAX_PER_IP', 20),
        windowMinutes: env.int('PORTAL_RESET_WINDOW_MINUTES', 60),
      },
    },
  },
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'spoc-desk-dev-jwt-secret'),
      // A portal session's lifetime: the portal answers an expired token's 401 by asking to sign in again.
      jwt: { expiresIn: env('PORTAL_JWT_EXPIRES_IN', env('JWT_EXPIRES_IN', '8h')) },
      register: { allowedFields: [] },
      // Sign-ins per client address (users-permissions counts all of one address's sign-ins together).
      ratelimit: { interval: env.int('AUTH_RATELIMIT_INTERVAL_MS', 60_000), max: env.int('AUTH_RATELIMIT_MAX', 10) },
    },
  },
  upload: {
    config: {
      provider: 'strapi-provider-upload-signed-local',
      providerOptions: {
        secret: env('UPLOAD_URL_SECRET', env.array('APP_KEYS', ['spoc-desk-dev-key-1'])[0]),
        urlTtlSeconds: env.int('UPLOAD_URL_TTL_SECONDS', 3600),
        // Outside public/: the files are served only by src/api/file, on a signed link. Relative to the project root.
        directory: env('UPLOADS_DIR', 'private/uploads'),
      },
      sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 25 * 1024 * 1024),
    },
  },
  email: {
    config: {
      ...emailProvider(env, delivery),
      settings: {
        defaultFrom: env('MAIL_FROM', 'spoc@localhost'),
        defaultReplyTo: env('MAIL_REPLY_TO', env('MAIL_FROM', 'spoc@localhost')),
      },
    },
  },
};
};
