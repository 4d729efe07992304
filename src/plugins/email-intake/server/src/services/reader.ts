import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Core } from '@strapi/strapi';
import type { ImapFlow } from 'imapflow';
import { timestampType } from '../../../../../utils/dialect';
import { rawRows } from '../../../../../utils/raw-rows';
import type { IntakeConfig, MailboxSettings } from '../config';
import { imapClientFor } from '../imap-client';
import { describeImapError, mailboxFingerprint } from '../rules/mailbox-settings';
import { groupsSharingKeys, inGroups } from '../rules/thread-groups';
import type { IntakeService } from './intake';
import type { ActiveMailbox, MailboxesService } from './mailboxes';

export const LEASE_TABLE = 'intake_leases';

/** One mailbox being read by this instance, until its settings change or it is disabled or removed. */
interface Loop {
  key: string;
  fingerprint: string;
  halted: boolean;
  client: ImapFlow | null;
  /** Ends the loop's current wait (between passes, or before a retry) at once. */
  wake: (() => void) | null;
  /** New mail was announced while the loop was busy: its next wait ends at once. */
  nudged: boolean;
  done: Promise<void>;
}

/**
 * Reads the mailboxes: the environment's and those enabled in the admin panel, one loop each. With several
 * instances on one database, one reader per mailbox: a lease row names the holder until `lease_until`,
 * renewed while it works; when the holder dies the lease runs out and another instance takes over. Each
 * message is moved out of the folder only after its result is committed, so a crash in between leaves it
 * to be seen again, and the intake's record makes that harmless. IMAP IDLE between passes wakes the
 * reader when mail arrives; a poll timer covers servers without IDLE and dropped notifications. The list
 * of mailboxes is read again when the panel changes it on this instance, and every
 * `mailboxRefreshSeconds` for changes made on another.
 */
const reader = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::email-intake') as IntakeConfig;
  const intake = () => strapi.plugin('email-intake').service('intake') as IntakeService;
  const mailboxes = () => strapi.plugin('email-intake').service('mailboxes') as MailboxesService;
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let stopping = false;
  const loops = new Map<string, Loop>();
  let refreshing: Promise<void> = Promise.resolve();
  let refreshTimer: NodeJS.Timeout | null = null;

  /** Waits `ms`, or less when the loop is woken (halted, new mail, stop). */
  const pause = (loop: Loop, ms: number) =>
    new Promise<void>((resolve) => {
      if (loop.nudged) {
        loop.nudged = false;
        return resolve();
      }
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        if (loop.wake === done) loop.wake = null;
        resolve();
      };
      loop.wake = done;
    });

  const running = (loop: Loop) => !stopping && !loop.halted;

  return {
    holder,

    start() {
      void this.refresh();
      refreshTimer = setInterval(() => void this.refresh(), config().mailboxRefreshSeconds * 1000);
      refreshTimer.unref();
    },

    async stop() {
      stopping = true;
      if (refreshTimer) clearInterval(refreshTimer);
      await refreshing;
      await Promise.race([Promise.allSettled([...loops.values()].map((loop) => this.halt(loop))), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await strapi.db.connection(LEASE_TABLE).where({ holder }).delete().catch(() => undefined);
    },

    /** Brings the loops in line with the mailboxes to read; one refresh at a time. */
    refresh(): Promise<void> {
      refreshing = refreshing
        .then(() => this.reconcile())
        .catch((error) => {
          strapi.log.warn(`E-mail intake: the list of mailboxes could not be read: ${(error as Error).message}`);
        });
      return refreshing;
    },

    async reconcile() {
      if (stopping) return;
      const wanted = new Map<string, ActiveMailbox>();
      // One loop per mailbox on the server, whoever names it: two loops of one instance would share a lease.
      for (const mailbox of await mailboxes().active()) if (!wanted.has(mailbox.settings.name)) wanted.set(mailbox.settings.name, mailbox);
      for (const loop of [...loops.values()]) {
        const next = wanted.get(loop.key);
        if (!next || mailboxFingerprint(next.settings) !== loop.fingerprint) await this.halt(loop);
      }
      for (const [key, mailbox] of wanted) {
        if (stopping || loops.has(key)) continue;
        const loop: Loop = { key, fingerprint: mailboxFingerprint(mailbox.settings), halted: false, client: null, wake: null, nudged: false, done: Promise.resolve() };
        loops.set(key, loop);
        loop.done = this.loop(loop, mailbox);
      }
    },

    /** Ends a loop and gives its lease back, so that another instance (or its successor here) need not wait for it to run out. */
    async halt(loop: Loop) {
      loop.halted = true;
      loop.wake?.();
      // Closed, not logged out: a supervisor's request waits on this, and a stuck server must not hold it.
      loop.client?.close();
      await loop.done;
      loops.delete(loop.key);
      await strapi.db.connection(LEASE_TABLE).where({ mailbox: loop.key, holder }).delete().catch(() => undefined);
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

    async loop(loop: Loop, { settings, problem }: ActiveMailbox) {
      if (problem) {
        // Nothing to try until the settings change (a new password replaces this loop).
        await mailboxes().recordError(loop.key, problem).catch(() => undefined);
        strapi.log.warn(`E-mail intake ${loop.key}: ${problem.message}`);
        while (running(loop)) await pause(loop, 3_600_000);
        return;
      }
      let failures = 0;
      while (running(loop)) {
        let heldElsewhere = false;
        try {
          if (await this.acquire(loop.key)) {
            await this.session(loop, settings);
            failures = 0;
          } else heldElsewhere = true;
        } catch (error) {
          if (!running(loop)) return; // the error is our own closing of the connection
          failures++;
          const described = describeImapError(error, settings);
          strapi.log.warn(`E-mail intake ${loop.key}: ${described.message}`);
          await mailboxes().recordError(loop.key, described).catch(() => undefined);
        }
        // Another live instance reads this mailbox: look again four times per lease, so that a lease it loses
        // is taken over within a quarter of its length, without asking the database every second.
        const wait = heldElsewhere ? config().leaseSeconds * 250 : Math.min(config().pollSeconds * 1000, 1000 * 2 ** Math.min(failures, 5));
        if (running(loop)) await pause(loop, wait);
      }
    },

    /** One IMAP connection: drain the folder, then wait for new mail, until the connection or the lease is lost. */
    async session(loop: Loop, mailbox: MailboxSettings) {
      // The server may close an idle connection; we reconnect rather than let imapflow hang.
      const client = imapClientFor(mailbox, { socketTimeout: 5 * 60 * 1000 });
      loop.client = client;
      const nudge = () => {
        if (loop.wake) loop.wake();
        else loop.nudged = true;
      };
      client.on('exists', nudge);
      client.on('close', nudge);
      try {
        await client.connect();
        for (const folder of [mailbox.processedFolder, mailbox.quarantineFolder]) {
          await client.mailboxCreate(folder).catch(() => undefined); // exists already
        }
        const lock = await client.getMailboxLock(mailbox.folder);
        try {
          while (running(loop) && client.usable) {
            await this.drain(loop, client, mailbox);
            if (!running(loop)) return;
            await mailboxes().recordPoll(loop.key);
            if (!(await this.acquire(loop.key))) return;
            // imapflow does not IDLE by itself while a folder lock is held: we ask for it, so that the server
            // announces new mail (`exists`) at once; the next command ends it.
            void client.idle().catch(() => undefined);
            await pause(loop, config().pollSeconds * 1000);
          }
        } finally {
          lock.release();
        }
      } finally {
        loop.client = null;
        await client.logout().catch(() => client.close());
      }
    },

    /**
     * Works through the folder in batches: one FETCH for a batch's messages, then each is processed and
     * committed, then one MOVE per destination. Within a batch, messages of different threads and senders
     * are taken in side by side (`threadsAtOnce`), each thread's in the mailbox's order; batches are
     * processed one after the other, but the next one is fetched and parsed while one is processed, so that
     * the IMAP round trip does not leave the reader idle between batches (issue 17). A crash before the
     * MOVE leaves committed messages in the folder; their records make the next look at them a no-op.
     */
    async drain(loop: Loop, client: ImapFlow, mailbox: MailboxSettings) {
      const ownAddress = mailbox.user.includes('@') ? mailbox.user.toLowerCase() : undefined;
      const uids = ((await client.search({ all: true }, { uid: true })) || []) as number[];
      const batches: number[][] = [];
      const size = Math.max(1, config().batchSize);
      for (let start = 0; start < uids.length; start += size) batches.push(uids.slice(start, start + size));
      const fetchBatch = async (batch: number[]) => {
        const fetched = await client.fetchAll(batch.join(','), { uid: true, source: true, internalDate: true }, { uid: true });
        const messages = [];
        for (const message of fetched) {
          if (!message.source) continue;
          const receivedAt = message.internalDate ? new Date(message.internalDate) : new Date();
          messages.push({ uid: message.uid, receivedAt, received: await intake().read(message.source) });
        }
        return messages;
      };
      const prefetch = (index: number) => {
        if (index >= batches.length) return null;
        const fetching = fetchBatch(batches[index]);
        // Awaited when its turn comes; a batch left behind (the lease lost, the reader stopped) may fail unseen.
        fetching.catch(() => undefined);
        return fetching;
      };
      let next = prefetch(0);
      for (let index = 0; next; index++) {
        if (!running(loop)) return;
        const messages = await next;
        next = prefetch(index + 1);
        const moves: Record<string, number[]> = { [mailbox.processedFolder]: [], [mailbox.quarantineFolder]: [] };
        const threads = groupsSharingKeys(messages, (message) => intake().threadKeys(message.received));
        await inGroups(threads, config().threadsAtOnce, async (message) => {
          const result = await intake().handle(message.received, { mailbox: mailbox.name, receivedAt: message.receivedAt, ownAddress });
          moves[result.outcome === 'quarantined' ? mailbox.quarantineFolder : mailbox.processedFolder].push(message.uid);
        });
        for (const [folder, moved] of Object.entries(moves)) {
          if (moved.length > 0) await client.messageMove(moved.sort((a, b) => a - b).join(','), folder, { uid: true });
        }
        if (!(await this.acquire(loop.key))) return;
      }
    },

    async ensureSchema() {
      await strapi.db.connection.raw(
        `CREATE TABLE IF NOT EXISTS ${LEASE_TABLE} (mailbox varchar(255) PRIMARY KEY, holder varchar(255) NOT NULL, lease_until ${timestampType(strapi)} NOT NULL)`
      );
    },
  };
};

export type ReaderService = ReturnType<typeof reader>;
export default reader;
