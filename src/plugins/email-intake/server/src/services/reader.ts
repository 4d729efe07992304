import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import { ImapFlow } from 'imapflow';
import { isPostgres } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import type { IntakeConfig, MailboxSettings } from '../config';
import type { IntakeService } from './intake';

export const LEASE_TABLE = 'intake_leases';
/** Messages fetched at once, and handled between two renewals of the lease. */
const BATCH = 20;

/**
 * Reads the configured mailboxes. With several instances on one database, one reader per mailbox: a lease
 * row names the holder until `lease_until`, renewed while it works; when the holder dies the lease runs
 * out and another instance takes over. Each message is moved out of the folder only after its result is
 * committed, so a crash in between leaves it to be seen again, and the intake's record makes that harmless.
 * IMAP IDLE (imapflow idles by itself between commands) wakes the reader when mail arrives; a poll timer
 * covers servers without IDLE and dropped notifications.
 */
const reader = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::email-intake') as IntakeConfig;
  const intake = () => strapi.plugin('email-intake').service('intake') as IntakeService;
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let stopping = false;
  const loops: Promise<void>[] = [];
  const wakers = new Set<() => void>();
  const clients = new Set<ImapFlow>();

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakers.add(done);
    });

  return {
    holder,

    start() {
      for (const mailbox of config().mailboxes) loops.push(this.loop(mailbox));
    },

    async stop() {
      stopping = true;
      for (const wake of [...wakers]) wake();
      await Promise.all([...clients].map((client) => client.logout().catch(() => client.close())));
      await Promise.race([Promise.allSettled(loops), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await strapi.db.connection(LEASE_TABLE).where({ holder }).delete().catch(() => undefined);
    },

    /** Takes or renews the lease of a mailbox; false while another live instance holds it. */
    async acquire(mailbox: string): Promise<boolean> {
      const now = new Date();
      const until = new Date(now.getTime() + config().leaseSeconds * 1000);
      const rows = rawRows(
        await strapi.db.connection.raw(
          `INSERT INTO ${LEASE_TABLE} (mailbox, holder, lease_until) VALUES (?, ?, ?)
           ON CONFLICT (mailbox) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
           WHERE ${LEASE_TABLE}.holder = excluded.holder OR ${LEASE_TABLE}.lease_until < ?
           RETURNING holder`,
          [mailbox, holder, until, now]
        )
      );
      return rows.length > 0;
    },

    async loop(mailbox: MailboxSettings) {
      let failures = 0;
      while (!stopping) {
        try {
          if (await this.acquire(mailbox.name)) {
            await this.session(mailbox);
            failures = 0;
          }
        } catch (error) {
          failures++;
          strapi.log.warn(`E-mail intake ${mailbox.name}: ${(error as Error).message}`);
        }
        if (!stopping) await pause(Math.min(config().pollSeconds * 1000, 1000 * 2 ** Math.min(failures, 5)));
      }
    },

    /** One IMAP connection: drain the folder, then wait for new mail, until the connection or the lease is lost. */
    async session(mailbox: MailboxSettings) {
      const client = new ImapFlow({
        host: mailbox.host,
        port: mailbox.port,
        secure: mailbox.secure,
        auth: { user: mailbox.user, pass: mailbox.password },
        logger: false,
        // The server may close an idle connection; we reconnect rather than let imapflow hang.
        socketTimeout: 5 * 60 * 1000,
      });
      clients.add(client);
      let wake: (() => void) | null = null;
      const nudge = () => wake?.();
      client.on('exists', nudge);
      client.on('close', nudge);
      client.on('error', () => undefined); // surfaced by the next command, which throws
      try {
        await client.connect();
        for (const folder of [mailbox.processedFolder, mailbox.quarantineFolder]) {
          await client.mailboxCreate(folder).catch(() => undefined); // exists already
        }
        const lock = await client.getMailboxLock(mailbox.folder);
        try {
          while (!stopping && client.usable) {
            await this.drain(client, mailbox);
            if (!(await this.acquire(mailbox.name))) return;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(() => done(), config().pollSeconds * 1000);
              const done = () => {
                clearTimeout(timer);
                wakers.delete(done);
                wake = null;
                resolve();
              };
              wake = done;
              wakers.add(done);
            });
          }
        } finally {
          lock.release();
        }
      } finally {
        clients.delete(client);
        await client.logout().catch(() => client.close());
      }
    },

    /**
     * Works through the folder in batches: one FETCH for a batch's messages, then each is processed and
     * committed, then one MOVE per destination. A crash before the MOVE leaves committed messages in the
     * folder; their records make the next look at them a no-op.
     */
    async drain(client: ImapFlow, mailbox: MailboxSettings) {
      const uids = ((await client.search({ all: true }, { uid: true })) || []) as number[];
      for (let start = 0; start < uids.length; start += BATCH) {
        if (stopping) return;
        const batch = uids.slice(start, start + BATCH);
        const messages = await client.fetchAll(batch.join(','), { uid: true, source: true, internalDate: true }, { uid: true });
        const moves: Record<string, number[]> = { [mailbox.processedFolder]: [], [mailbox.quarantineFolder]: [] };
        for (const message of messages) {
          if (!message.source) continue;
          const receivedAt = message.internalDate ? new Date(message.internalDate) : new Date();
          const result = await intake().process(message.source, { mailbox: mailbox.name, receivedAt });
          moves[result.outcome === 'quarantined' ? mailbox.quarantineFolder : mailbox.processedFolder].push(message.uid);
        }
        for (const [folder, moved] of Object.entries(moves)) {
          if (moved.length > 0) await client.messageMove(moved.join(','), folder, { uid: true });
        }
        if (!(await this.acquire(mailbox.name))) return;
      }
    },

    async ensureSchema() {
      await strapi.db.connection.raw(
        `CREATE TABLE IF NOT EXISTS ${LEASE_TABLE} (mailbox varchar(255) PRIMARY KEY, holder varchar(255) NOT NULL, lease_until ${
          isPostgres(strapi) ? 'timestamptz' : 'datetime'
        } NOT NULL)`
      );
    },
  };
};

export type ReaderService = ReturnType<typeof reader>;
export default reader;
