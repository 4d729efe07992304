import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { IncomingFile } from '../../../../../utils/request-body';
import { SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import { rawRows } from '../../../../../utils/raw-rows';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { getAttachmentsService, getLifecycleService, getOutbox, getTicketService, getTimelineService } from '../../../../../utils/services';
import { classify } from '../rules/classify';
import { headerBlock, parseMail, type InboundMail } from '../rules/parse';
import { bouncedMessageIds, deliveryStatus, referencedIds, threadClues, type ThreadClues } from '../rules/threading';
import { threadKeys } from '../rules/thread-groups';
import { chooseIdentity, type SenderIdentity } from '../rules/sender-identity';
import { senderCandidates } from '../sender-lookup';
import { checkAttachment, isInlineImage } from '../../../../../api/ticket/attachment-policy';
import { htmlToPlainText, replyHtml, replyText, sanitizeMailHtml, textToHtml, titleFromSubject } from '../rules/body';
import { isPostgres, timestampType } from '../../../../../utils/dialect';
import type { IntakeConfig } from '../config';

export const RECORD_TABLE = 'intake_records';
const QUARANTINE = 'plugin::email-intake.quarantine';
const TICKET = 'api::ticket.ticket';
const FOLLOW_UP = 'api::follow-up.follow-up';

/** How the description of a new ticket names the earlier one a reply answered. */
const PREVIOUS_STATE: Record<string, string> = { closed: 'già chiusa', cancelled: 'annullata', restored: 'ripristinata da più giorni di quelli previsti per riaprirla' };

type Row = Record<string, any>; // rows of our schemas, read field by field

export type Outcome = 'ticket' | 'follow-up' | 'reopened' | 'quarantined' | 'ignored' | 'bounce' | 'duplicate';

export interface IntakeResult {
  outcome: Outcome;
  reason: string;
  ticketNumber?: string | null;
}

interface Meta {
  mailbox: string;
  receivedAt: Date;
  /** The address of the mailbox being read, never taken in (as the environment's, in ownAddresses). */
  ownAddress?: string;
}

class Quarantine extends Error {}

/** The message's record was written by another reader while this one worked on it: this one's work is undone. */
class RecordedElsewhere extends Error {
  constructor(key: string) {
    super(`already processed (${key})`);
  }
}

/** A message as read by `intake.read`: parsed (or its header only), with its thread clues, or why it cannot be taken in. */
export interface ReceivedMessage {
  raw: Buffer;
  mail: InboundMail | null;
  clues: ThreadClues | null;
  /** Set when the message goes to quarantine as it is (too large, unreadable). */
  problem: string | null;
}

/** The key of a message's record: its Message-ID, or a hash of its bytes when it has none. */
const recordKeyOf = (raw: Buffer, mail: InboundMail | null) =>
  mail?.messageId ? `mid:${mail.messageId}`.slice(0, 255) : `sha256:${createHash('sha256').update(raw).digest('hex')}`;

/**
 * Turns one inbound message into exactly one result: a ticket, a follow-up (reopening a restored ticket),
 * a quarantine record, or an ignored auto-reply or bounce. The result is committed together with the
 * message's record, keyed by Message-ID (or a hash of the bytes): a message seen again after a crash
 * between commit and the move on the IMAP server finds its record and changes nothing.
 */
const intake = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::email-intake') as IntakeConfig;
  const notificationsConfig = () => strapi.config.get('plugin::notifications') as { messageIdDomain: string; threadSecret: string };
  const numberPrefix = () => (strapi.config.get('plugin::ticket-numbering') as { prefix: string }).prefix;

  return {
    /** Takes one message in: read, then handled. */
    async process(raw: Buffer, meta: Meta): Promise<IntakeResult> {
      return this.handle(await this.read(raw), meta);
    },

    /**
     * Parses a message once, for both the reader (which messages share a thread: `threadKeys`) and
     * `handle`. A message too large is read by its header only, so that the supervisor sees who wrote and
     * about what; one that cannot be parsed is kept with the reason.
     */
    async read(raw: Buffer): Promise<ReceivedMessage> {
      if (raw.length > config().maxMessageBytes) {
        const head = await parseMail(headerBlock(raw)).catch(() => null);
        return { raw, mail: head, clues: null, problem: `message too large: ${raw.length} bytes, the limit is ${config().maxMessageBytes}` };
      }
      try {
        const mail = await parseMail(raw);
        return { raw, mail, clues: this.cluesOf(mail), problem: null };
      } catch (error) {
        return { raw, mail: null, clues: null, problem: `unreadable message: ${(error as Error).message}` };
      }
    },

    /** Evidence of a reply: our Message-IDs in the headers, our signed reference (subject, quoted footer, recipients), a bare ticket number in the subject. */
    cluesOf(mail: InboundMail): ThreadClues {
      const { messageIdDomain, threadSecret } = notificationsConfig();
      const body = [mail.to.join(' '), mail.text, mail.html ?? ''].join('\n');
      return threadClues({ inReplyTo: mail.inReplyTo, references: mail.references, subject: mail.subject, body }, messageIdDomain, numberPrefix(), threadSecret);
    },

    /** What links a message read to others of its mailbox, which must then be taken in after it (rules/thread-groups.ts). */
    threadKeys({ raw, mail, clues }: ReceivedMessage): string[] {
      if (!mail) return [recordKeyOf(raw, null)];
      return threadKeys({
        sender: mail.from?.address ?? null,
        messageId: mail.messageId,
        referencedIds: referencedIds(mail.inReplyTo, mail.references),
        ticketNumbers: clues ? [...clues.numbers, ...clues.signedNumbers, ...clues.forgedNumbers] : [],
        ticketDocumentIds: clues?.ticketDocumentIds ?? [],
      });
    },

    async handle(received: ReceivedMessage, meta: Meta): Promise<IntakeResult> {
      const { raw, mail, clues, problem } = received;
      if (problem || !mail || !clues) return this.quarantine(raw, mail, meta, problem ?? 'unreadable message');
      const key = recordKeyOf(raw, mail);
      try {
        return await strapi.db.transaction(async ({ trx }) => {
          const sender = mail.from?.address ?? null;
          const history = await this.history(key, sender, trx);
          if (history.seen) return { outcome: 'duplicate' as const, reason: `already processed (${key})` };
          const result = await this.decide(raw, mail, clues, meta, history.recentFromSender);
          // The record goes in with the result, in the result's transaction. Another reader that recorded the
          // same message meanwhile (it reached two of our mailboxes) wins: ours is undone.
          const recorded = rawRows(
            await strapi.db.connection
              .raw(
                `INSERT INTO ${RECORD_TABLE} (message_key, mailbox, received_at, sender, subject, outcome, reason, ticket_number, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (message_key) DO NOTHING RETURNING id`,
                [key, meta.mailbox, meta.receivedAt, sender, mail.subject.slice(0, 500), result.outcome, result.reason.slice(0, 1000), result.ticketNumber ?? null, new Date()]
              )
              .transacting(trx)
          );
          if (recorded.length === 0) throw new RecordedElsewhere(key);
          return result;
        });
      } catch (error) {
        if (error instanceof RecordedElsewhere) return { outcome: 'duplicate', reason: `already processed (${key})` };
        // Whatever failed rolled back; the message is kept for a supervisor instead of retried forever.
        const reason = error instanceof Quarantine ? error.message : `could not be processed: ${(error as Error).message}`;
        if (!(error instanceof Quarantine)) strapi.log.warn(`E-mail intake: message ${key} quarantined, ${reason}`);
        return this.quarantine(raw, mail, meta, reason, key);
      }
    },

    async decide(raw: Buffer, mail: InboundMail, clues: ThreadClues, meta: Meta, recentFromSender: number): Promise<IntakeResult> {
      const sender = mail.from?.address ?? null;
      const kind = classify(mail.headers, sender, meta.ownAddress ? [...config().ownAddresses, meta.ownAddress] : config().ownAddresses);
      if (kind.kind === 'bounce') return this.bounce(raw, kind.reason);
      if (kind.kind !== 'message') return { outcome: 'ignored', reason: kind.reason };
      if (!sender) throw new Quarantine('no sender address');
      // A sender writing faster than a person does (a loop with a machine we did not recognise) is held.
      if (recentFromSender >= config().maxPerSenderPerHour) throw new Quarantine(`held: more than ${config().maxPerSenderPerHour} messages in an hour from ${sender}`);

      // The evidence of a reply, strongest first.
      const byHeaders = await this.ticketByHeaders(clues.ticketDocumentIds, clues.messageIds);
      const bySignature = byHeaders ? null : await this.ticketByNumber(clues.signedNumbers);
      const bySubject = byHeaders || bySignature ? null : await this.ticketByNumber(clues.numbers);
      const identity = await this.identify(sender);

      if (bySubject && !(await this.isParticipant(bySubject, sender, identity))) {
        const forged = clues.forgedNumbers.includes(bySubject.number) ? ' with a reference that does not verify' : '';
        throw new Quarantine(`the subject names ${bySubject.number}${forged}, but ${sender} is not one of its participants`);
      }
      const ticket = byHeaders ?? bySignature ?? bySubject;
      if (ticket && this.takesReplies(ticket)) return this.reply(ticket, mail, identity, sender);

      if (!identity.organizationId) throw new Quarantine(`unknown sender ${sender}: no portal user and no organization with its domain`);
      return this.newTicket(mail, meta, identity, sender, ticket);
    },

    /**
     * Whether a reply is added to the ticket: not to a closed or cancelled one, nor to one restored longer
     * ago than the reopen window. Those get a new ticket that names them: a late answer reopening a ticket
     * would rewrite an SLA result long settled, and appended to a ticket nobody works on it would go unread.
     */
    takesReplies(ticket: Row): boolean {
      if (['closed', 'cancelled'].includes(ticket.state)) return false;
      return ticket.state !== 'restored' || this.withinReopenWindow(ticket);
    },

    withinReopenWindow(ticket: Row): boolean {
      return Boolean(ticket.restoredAt) && Date.now() - new Date(ticket.restoredAt).getTime() <= config().reopenWindowDays * 86_400_000;
    },

    /**
     * Whether this message was recorded already, and how many tickets and follow-ups its sender opened in the
     * last hour (the hourly limit): one read of the records, by the unique key and the sender's index.
     */
    async history(key: string, sender: string | null, trx: Knex.Transaction): Promise<{ seen: boolean; recentFromSender: number }> {
      const since = new Date(Date.now() - 3_600_000);
      const row = rawRows(
        await strapi.db.connection
          .raw(
            `SELECT COALESCE(SUM(CASE WHEN sender = ? AND created_at >= ? AND outcome IN ('ticket', 'follow-up', 'reopened') THEN 1 ELSE 0 END), 0) AS recent,
                    COALESCE(MAX(CASE WHEN message_key = ? THEN 1 ELSE 0 END), 0) AS seen
             FROM ${RECORD_TABLE} WHERE (sender = ? AND created_at >= ?) OR message_key = ?`,
            [sender, since, key, sender, since, key]
          )
          .transacting(trx)
      )[0] as Row | undefined;
      return { seen: Number(row?.seen ?? 0) > 0, recentFromSender: Number(row?.recent ?? 0) };
    },

    async ticketByHeaders(documentIds: string[], messageIds: string[]): Promise<Row | null> {
      if (documentIds.length > 0) {
        const found = await strapi.db.query(TICKET).findOne({ where: { documentId: { $in: documentIds } }, populate: { organization: { select: ['id'] }, requester: { select: ['id', 'email'] } } });
        if (found) return found as Row;
      }
      if (messageIds.length === 0) return null;
      const outbox = await onCurrentTransaction(strapi, strapi.db.connection('notif_outbox').whereIn('message_id', messageIds).whereNotNull('ticket_id').first('ticket_id'));
      if (!outbox) return null;
      return (await strapi.db.query(TICKET).findOne({ where: { id: outbox.ticket_id }, populate: { organization: { select: ['id'] }, requester: { select: ['id', 'email'] } } })) as Row | null;
    },

    async ticketByNumber(numbers: string[]): Promise<Row | null> {
      if (numbers.length === 0) return null;
      return (await strapi.db.query(TICKET).findOne({ where: { number: { $in: numbers } }, populate: { organization: { select: ['id'] }, requester: { select: ['id', 'email'] } } })) as Row | null;
    },

    /**
     * Who wrote: the portal user with this address; else a known contact (the requester of an earlier
     * ticket, with that ticket's organization); else the organization whose allowed domains include it.
     */
    /** Who wrote: a portal user, an earlier correspondent, or an organization by the address's domain (rules/sender-identity.ts). */
    async identify(address: string): Promise<SenderIdentity> {
      return chooseIdentity(await senderCandidates(strapi, address), address);
    },

    /** The requester, the ticket organization's users, and whoever already wrote about it. */
    async isParticipant(ticket: Row, sender: string, identity: { organizationId: number | null }): Promise<boolean> {
      if ([ticket.requesterEmail, ticket.requester?.email].some((email) => email && String(email).toLowerCase() === sender)) return true;
      if (identity.organizationId && identity.organizationId === ticket.organization?.id) return true;
      const earlier = await onCurrentTransaction(
        strapi,
        strapi.db.connection(RECORD_TABLE).where({ sender, ticket_number: ticket.number }).whereIn('outcome', ['ticket', 'follow-up', 'reopened']).first('id')
      );
      return Boolean(earlier);
    },

    async reply(ticket: Row, mail: InboundMail, identity: { userId: number | null; name: string | null }, sender: string): Promise<IntakeResult> {
      let outcome: Outcome = 'follow-up';
      if (ticket.state === 'restored') {
        await getLifecycleService(strapi).perform(ticket.documentId, 'reopen', { reason: `Risposta via e-mail di ${sender}` }, SYSTEM_ACTOR);
        outcome = 'reopened';
      }
      const body = replyText(mail.text || htmlToPlainText(mail.html ?? '')) || '(messaggio senza testo)';
      const rejected = await this.withAttachments(mail, (ids, inlineImages) =>
        strapi.documents(FOLLOW_UP).create({
          data: {
            ticket: ticket.documentId,
            body,
            bodyHtml: mail.html ? replyHtml(sanitizeMailHtml(mail.html, { inlineImages, dropQuotes: true }), body) : null,
            visibility: 'public',
            authorType: 'requester',
            authorName: mail.from?.name || identity.name || sender,
            authorUser: identity.userId ?? undefined,
            channel: 'email',
            ...(ids.length ? { attachments: ids } : {}),
          } as never,
        })
      );
      await this.recordRejected(ticket, rejected.rejected);
      return { outcome, reason: `reply from ${sender}`, ticketNumber: ticket.number };
    },

    async newTicket(mail: InboundMail, meta: Meta, identity: { userId: number | null; name: string | null; organizationId: number | null }, sender: string, previous: Row | null): Promise<IntakeResult> {
      const text = mail.text.trim();
      const lead = previous ? `Seguito della richiesta ${previous.number}, ${PREVIOUS_STATE[previous.state] ?? 'già chiusa'}.\n\n` : '';
      const { result: ticket, rejected } = await this.withAttachments(mail, (ids, inlineImages) => {
        const html = mail.html ? sanitizeMailHtml(mail.html, { inlineImages }) : null;
        return getTicketService(strapi).register({
          data: {
            title: titleFromSubject(mail.subject, 'Messaggio senza oggetto'),
            description: lead + (text || htmlToPlainText(html ?? '') || '(messaggio senza testo)'),
            descriptionHtml: html ? (lead ? textToHtml(lead) + '\n' : '') + html : null,
            kind: 'incident',
            priority: config().defaultPriority,
            channel: 'email',
            reportedAt: meta.receivedAt,
            requesterEmail: sender,
            requesterName: mail.from?.name || identity.name || null,
            ...(ids.length ? { attachments: ids } : {}),
          },
          // Both were just read from the database by `identify`: not looked up and counted again.
          checkedLinks: {
            ...(identity.organizationId ? { organization: [identity.organizationId] } : {}),
            ...(identity.userId ? { requester: [identity.userId] } : {}),
          },
        }) as Promise<Row>;
      });
      await this.recordRejected(ticket, rejected);
      return { outcome: 'ticket', reason: previous ? `new request after ${previous.number} was closed` : `new request from ${sender}`, ticketNumber: ticket.number };
    },

    /**
     * Attachments and inline images stored through the upload plugin, with the record they belong to;
     * those the policy refuses are returned with the reason, for the ticket to list.
     */
    async withAttachments<T>(
      mail: InboundMail,
      use: (fileIds: number[], inlineImages: Record<string, string>) => Promise<T>
    ): Promise<{ result: T; rejected: Array<{ name: string; reason: string }> }> {
      const policy = { maxBytes: config().maxAttachmentBytes, blockedTypes: config().blockedFileTypes };
      const rejected: Array<{ name: string; reason: string }> = [];
      const named = mail.attachments
        .filter((part) => part.content?.length && part.contentType !== 'message/delivery-status')
        .map((part, index) => ({ part, name: (part.filename || `allegato-${index + 1}`).replace(/[/\\]/g, '_').slice(0, 200) }));
      const parts = named.filter(({ part, name }) => {
        const verdict = checkAttachment(part.content, policy);
        if (!verdict.accepted) rejected.push({ name, reason: verdict.reason });
        return verdict.accepted;
      });
      if (parts.length === 0) return { result: await use([], {}), rejected };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'spoc-intake-'));
      try {
        const files: IncomingFile[] = [];
        for (const [index, { part, name }] of parts.entries()) {
          const filepath = path.join(dir, `${index}`);
          await writeFile(filepath, part.content);
          files.push({ filepath, originalFilename: name, mimetype: part.contentType || 'application/octet-stream', size: part.size ?? part.content.length });
        }
        // One at a time: a part the upload plugin refuses (a broken image) is listed, not fatal to the message.
        const service = getAttachmentsService(strapi);
        const stored: Awaited<ReturnType<typeof service.store>> = [];
        // Inline images by Content-ID, for the HTML to show the stored copy (its unsigned /api/files/ URL):
        // only raster images by their bytes, the types the file route shows inline; any other part stays a
        // download and its place in the HTML a placeholder.
        const inlineImages: Record<string, string> = {};
        for (const [index, file] of files.entries()) {
          try {
            const [saved] = await service.store([file]);
            stored.push(saved);
            const contentId = parts[index].part.contentId?.trim().replace(/^<|>$/g, '');
            if (contentId && saved.url && isInlineImage(parts[index].part.content)) inlineImages[contentId] = saved.url.split('?')[0];
          } catch (error) {
            rejected.push({ name: file.originalFilename ?? 'allegato', reason: `could not be stored: ${(error as Error).message}` });
          }
        }
        let result: T;
        try {
          result = await use(stored.map((file) => file.id), inlineImages);
        } catch (error) {
          await service.discard(stored);
          throw error;
        }
        // The caller's transaction may still be undone (the message recorded by another reader meanwhile): its
        // file rows go with it, and the stored files then follow.
        if (strapi.db.inTransaction()) {
          await strapi.db.transaction(async ({ onRollback }) => onRollback(() => void service.discard(stored)));
        }
        return { result, rejected };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },

    /** Each refused attachment is listed on the ticket with its reason, where requester and SPOC see it. */
    async recordRejected(ticket: Row, rejected: Array<{ name: string; reason: string }>) {
      for (const attachment of rejected) {
        await getTimelineService(strapi).append(
          { id: ticket.id, documentId: ticket.documentId },
          { type: 'attachment.rejected', visibility: 'public', data: attachment },
          SYSTEM_ACTOR
        );
      }
    },

    async bounce(raw: Buffer, reason: string): Promise<IntakeResult> {
      const text = raw.subarray(0, 1_000_000).toString('latin1');
      const ids = bouncedMessageIds(text, notificationsConfig().messageIdDomain);
      const status = deliveryStatus(text);
      let marked = 0;
      for (const id of ids) marked += await getOutbox(strapi).markUndelivered(id, status);
      return { outcome: 'bounce', reason: marked ? `${reason}; ${marked} of our messages undelivered (${ids.join(', ')})` : reason };
    },

    async quarantine(raw: Buffer, mail: InboundMail | null, meta: Meta, reason: string, key?: string): Promise<IntakeResult> {
      const messageKey = key ?? recordKeyOf(raw, null);
      return strapi.db.transaction(async ({ trx }) => {
        const claimed = rawRows(
          await strapi.db.connection
            .raw(
              `INSERT INTO ${RECORD_TABLE} (message_key, mailbox, received_at, sender, subject, outcome, reason, created_at) VALUES (?, ?, ?, ?, ?, 'quarantined', ?, ?)
               ON CONFLICT (message_key) DO NOTHING RETURNING id`,
              [messageKey, meta.mailbox, meta.receivedAt, mail?.from?.address ?? null, (mail?.subject ?? '').slice(0, 500), reason.slice(0, 1000), new Date()]
            )
            .transacting(trx)
        );
        if (claimed.length === 0) return { outcome: 'duplicate' as const, reason: `already processed (${messageKey})` };
        await strapi.db.query(QUARANTINE).create({
          data: {
            messageKey,
            mailbox: meta.mailbox,
            receivedAt: meta.receivedAt,
            sender: mail?.from?.address ?? null,
            subject: (mail?.subject ?? '').slice(0, 500),
            reason: reason.slice(0, 1000),
            state: 'held',
            raw: raw.toString('base64'),
          },
        });
        return { outcome: 'quarantined' as const, reason };
      });
    },

    /** The record of every message seen: its own table, since it is written by raw upserts only. */
    async ensureSchema() {
      const pg = isPostgres(strapi);
      const time = timestampType(strapi);
      await strapi.db.connection.raw(
        `CREATE TABLE IF NOT EXISTS ${RECORD_TABLE} (
           id ${pg ? 'serial PRIMARY KEY' : 'integer PRIMARY KEY AUTOINCREMENT'},
           message_key varchar(255) NOT NULL UNIQUE, mailbox varchar(255), received_at ${time},
           sender varchar(320), subject varchar(500), outcome varchar(20) NOT NULL, reason varchar(1000), ticket_number varchar(40),
           created_at ${time} NOT NULL)`
      );
      // The rate limit counts a sender's recent results for every message it reads.
      await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${RECORD_TABLE}_sender_idx ON ${RECORD_TABLE} (sender, created_at)`);
    },
  };
};

export type IntakeService = ReturnType<typeof intake>;
export default intake;
