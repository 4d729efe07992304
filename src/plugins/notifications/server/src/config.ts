import type { MailDelivery } from './rules/delivery';

export interface NotificationsConfig {
  /** Base address of links in e-mails (the portal). */
  publicUrl: string;
  /** Base address of the admin panel, for the links in the SPOC staff's alerts. */
  adminUrl: string;
  /** Right-hand side of the Message-IDs we make: the ticket thread root is <ticket.DOCUMENTID@domain>. */
  messageIdDomain: string;
  /** Key of the signed ticket reference in our subjects and footers (`rules/thread-token.ts`). */
  threadSecret: string;
  /**
   * Whether this instance sends mail. Off on API-only instances of a deployment that keeps a separate
   * worker instance: they still record every message in the outbox, the worker sends them.
   */
  workerEnabled: boolean;
  /** Cron rule of the outbox pass that catches what the post-commit kick missed. */
  workerCron: string;
  /** Cron rule of the progress-notice sweep; empty turns it off (the endpoint still runs it). */
  progressCron: string;
  maxAttempts: number;
  leaseSeconds: number;
  /** Messages sent at once by one worker (match the SMTP pool size). */
  concurrency: number;
  /** First retry delay; each further retry waits twice as long, up to an hour. */
  retryBaseSeconds: number;
  /** Where mail goes (config/plugins.ts, from SMTP_HOST and NODE_ENV): SMTP, the capture folder, or nowhere. */
  delivery: MailDelivery;
}

export default {
  default: {
    publicUrl: 'http://localhost:1337',
    adminUrl: 'http://localhost:1337/admin',
    messageIdDomain: 'spoc-desk.local',
    threadSecret: 'spoc-desk-dev-key-1',
    workerEnabled: true,
    workerCron: '*/5 * * * * *',
    progressCron: '0 * * * * *',
    maxAttempts: 8,
    leaseSeconds: 120,
    retryBaseSeconds: 30,
    concurrency: 5,
    // Deny by default: a config that does not say where mail goes sends nothing.
    delivery: { mode: 'missing' },
  } satisfies NotificationsConfig,
  validator() {},
};
