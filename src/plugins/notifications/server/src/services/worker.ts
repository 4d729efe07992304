import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { getTimelineService } from '../../../../../utils/services';
import { SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import { OUTBOX_TABLE } from './outbox';
import { retryDelayMs } from '../rules/retry';
import { isAccountEvent } from '../rules/variables';
import type { NotificationsConfig } from '../config';

type Row = Record<string, any>; // outbox rows, read field by field

const REDACTED = '[contenuto rimosso dopo la consegna: conteneva un collegamento personale / content removed after delivery: it held a personal link]';


/**
 * Sends what the outbox holds. A batch is claimed in one statement (FOR UPDATE SKIP LOCKED on PostgreSQL)
 * with a lease, so two instances never send the same message, and a message claimed by an instance that
 * died is claimed again when its lease runs out. A message keeps the Message-ID it was recorded with, so a
 * send repeated after a crash is recognisably the same message.
 */
const worker = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::notifications') as NotificationsConfig;
  let running: Promise<number> | null = null;

  return {
    /**
     * Sends what a change recorded as soon as that change is committed (when this instance sends at all);
     * the periodic pass catches anything this misses.
     */
    async runAfterCommit() {
      if (!config().workerEnabled) return;
      await strapi.db.transaction(({ onCommit }) => {
        onCommit(() => setImmediate(() => this.run().catch(() => undefined)));
      });
    },

    /** One pass; overlapping calls in one instance share the pass in progress. */
    run(): Promise<number> {
      if (!running) running = this.pass().finally(() => (running = null));
      return running;
    },

    async pass(): Promise<number> {
      // No SMTP in production: messages wait in the outbox, attempts untouched, until SMTP_HOST is set.
      if (config().delivery.mode === 'missing') return 0;
      let sent = 0;
      for (;;) {
        const batch = await this.claim(20);
        if (batch.length === 0) return sent;
        // As many at once as the SMTP pool has connections.
        for (let i = 0; i < batch.length; i += config().concurrency) {
          const results = await Promise.all(batch.slice(i, i + config().concurrency).map((message) => this.deliver(message)));
          sent += results.filter(Boolean).length;
        }
      }
    },

    async claim(limit: number): Promise<Row[]> {
      const now = new Date();
      const leaseUntil = new Date(now.getTime() + config().leaseSeconds * 1000);
      const lock = isPostgres(strapi) ? 'FOR UPDATE SKIP LOCKED' : '';
      // One statement, atomic by itself: claimed rows are never handed to two instances.
      return rawRows<Row>(
        await onCurrentTransaction(
          strapi,
          strapi.db.connection.raw(
            `UPDATE ${OUTBOX_TABLE} SET state = 'sending', lease_until = ?, attempts = attempts + 1, updated_at = ?
             WHERE id IN (
               SELECT id FROM ${OUTBOX_TABLE}
               WHERE (state = 'pending' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until < ?)
               ORDER BY id LIMIT ? ${lock})
             RETURNING *`,
            [leaseUntil, now, now, now, limit]
          )
        )
      );
    },

    async deliver(message: Row): Promise<boolean> {
      try {
        const info = (await strapi.plugin('email').service('email').send({
          to: message.recipient,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.message_id,
          ...(message.in_reply_to ? { inReplyTo: message.in_reply_to, references: [message.in_reply_to] } : {}),
          // Automatic mail: no vacation replies back, and the intake recognises it as ours.
          headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All', 'X-SPOC-Event': message.event },
        })) as { response?: string; captured?: boolean } | undefined;
        // The capture provider (development, no SMTP_HOST) wrote a file: say so, never that it was sent.
        await this.record(message, { state: info?.captured ? 'captured' : 'sent', response: info?.response ?? null });
        return true;
      } catch (error) {
        const attempts = Number(message.attempts);
        const final = attempts >= config().maxAttempts;
        await this.record(message, { state: final ? 'failed' : 'pending', error: (error as Error).message, retryAt: new Date(Date.now() + retryDelayMs(attempts, config().retryBaseSeconds)) });
        return false;
      }
    },

    /**
     * The outcome and its timeline event, together: what the Administration was told, and when. Only the
     * holder of the current lease records, so a late sender whose lease ran out changes nothing.
     */
    async record(message: Row, outcome: { state: 'sent' | 'captured' | 'pending' | 'failed'; response?: string | null; error?: string; retryAt?: Date }) {
      const done = outcome.state === 'sent' || outcome.state === 'captured';
      await strapi.db.transaction(async ({ trx }) => {
        const now = new Date();
        const updated = await strapi.db
          .connection(OUTBOX_TABLE)
          .transacting(trx)
          .where({ id: message.id, state: 'sending', lease_until: message.lease_until })
          .update({
            state: outcome.state,
            lease_until: null,
            updated_at: now,
            ...(done ? { sent_at: now, smtp_response: outcome.response ?? null, last_error: null } : {}),
            // An account message carries a secret (a reset link): once delivered, the outbox keeps no copy of it.
            ...(done && isAccountEvent(message.event) ? { text: REDACTED, html: REDACTED } : {}),
            ...(!done ? { last_error: outcome.error ?? null, next_attempt_at: outcome.retryAt ?? now } : {}),
          });
        if (!updated || outcome.state === 'pending') return;
        if (!message.ticket_id) return;
        const ticket = await strapi.db.connection('tickets').transacting(trx).where({ id: message.ticket_id }).first('id', 'document_id');
        if (!ticket) return;
        await getTimelineService(strapi).append(
          { id: ticket.id, documentId: ticket.document_id },
          {
            // A captured message reached no mailbox: an internal note, not the requester's evidence of an e-mail.
            type: `email.${outcome.state}`,
            visibility: outcome.state === 'sent' ? 'public' : 'internal',
            at: now,
            data: {
              event: message.event,
              recipient: message.recipient,
              messageId: message.message_id,
              ...(done ? { smtpResponse: outcome.response ?? null } : { error: outcome.error ?? null, attempts: Number(message.attempts) }),
            },
          },
          SYSTEM_ACTOR
        );
      });
    },
  };
};

export type WorkerService = ReturnType<typeof worker>;
export default worker;
