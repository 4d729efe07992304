/**
 * The IMAP test harness itself: the Dovecot shared by the run and one started here behave as the e-mail
 * intake will need them to (separate mailboxes, delivery dates, folders, restarts, IDLE).
 */
import { once } from 'node:events';
import type { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { imapAvailable, imapClient, INTAKE_FOLDERS, sharedImap, startDovecot, type ImapServer } from '../support/imap';

let sent = 0;

/** A message as a mail server would store it: CRLF lines, a unique Message-ID. */
function message(subjectHeader: string, extraHeaders: string[] = []) {
  const messageId = `<harness-${process.pid}-${++sent}@example.org>`;
  const raw = [
    'From: Mario Rossi <mario.rossi@example.org>',
    'To: helpdesk@spoc-desk.test',
    `Subject: ${subjectHeader}`,
    `Message-ID: ${messageId}`,
    'Date: Tue, 05 Mar 2024 09:15:00 +0100',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    ...extraHeaders,
    '',
    'The printer on the second floor does not print.',
    '',
  ].join('\r\n');
  return { raw, messageId };
}

/** Resolves with the next 'exists' event of a client, or fails after a bound. */
async function nextExists(client: ImapFlow, timeoutMs = 15_000): Promise<{ path: string; count: number; prevCount: number }> {
  const [event] = await once(client, 'exists', { signal: AbortSignal.timeout(timeoutMs) });
  return event;
}

describe.skipIf(!imapAvailable())('IMAP test harness (Dovecot)', () => {
  describe('the Dovecot shared by the run', () => {
    it('gives each mailbox its own messages, and its own password', async () => {
      const imap = sharedImap();
      const first = await imap.addMailbox('first');
      const { raw, messageId } = message('Only for the first mailbox');
      await imap.append(first, raw);
      // Added right after another user's login: Dovecot takes new users at any moment.
      const second = await imap.addMailbox('second');
      expect(second.user).not.toBe(first.user);

      expect((await imap.list(first)).map((listed) => listed.messageId)).toEqual([messageId]);
      expect(await imap.list(second)).toEqual([]);

      // Each user logs in with its own password only.
      const wrongPassword = imapClient(imap, { user: first.user, password: second.password });
      await expect(wrongPassword.connect()).rejects.toThrow();
      wrongPassword.close();
    });

    it('stores a message with the INTERNALDATE it is given, its headers and bytes intact, unseen', async () => {
      const imap = sharedImap();
      const account = await imap.addMailbox('dates');
      // Not the Date header: INTERNALDATE is when the server received the message, which the intake uses.
      const receivedAt = new Date('2024-03-05T08:17:42Z');
      const { raw, messageId } = message('=?UTF-8?Q?Stampante_guasta_=E2=80=94_piano_2?=', ['X-Spoc-Test: harness']);
      const uid = await imap.append(account, raw, { internalDate: receivedAt });

      const [listed] = await imap.list(account);
      expect(listed).toEqual({ uid, flags: [], internalDate: receivedAt, subject: 'Stampante guasta — piano 2', messageId });

      const client = imapClient(imap, account);
      await client.connect();
      try {
        const lock = await client.getMailboxLock('INBOX');
        try {
          const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
          expect(fetched && fetched.source?.toString('utf8')).toBe(raw);
          const parsed = await simpleParser(fetched ? fetched.source! : Buffer.alloc(0));
          expect(parsed.headers.get('x-spoc-test')).toBe('harness');
          expect(parsed.from?.value[0]).toMatchObject({ name: 'Mario Rossi', address: 'mario.rossi@example.org' });
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }
    });

    it('creates and subscribes the intake folders, and moves a message to Processed', async () => {
      const imap = sharedImap();
      const account = await imap.addMailbox('folders');
      const kept = message('Stays in the inbox');
      const moved = message('Goes to Processed');
      await imap.append(account, kept.raw);
      const uid = await imap.append(account, moved.raw, { flags: ['\\Seen'] });

      const client = imapClient(imap, account);
      await client.connect();
      try {
        const folders = await client.list();
        for (const name of INTAKE_FOLDERS) {
          expect(folders.find((folder) => folder.path === name), name).toMatchObject({ subscribed: true });
        }
        const lock = await client.getMailboxLock('INBOX');
        try {
          expect(await client.messageMove(String(uid), 'Processed', { uid: true })).toBeTruthy();
        } finally {
          lock.release();
        }
      } finally {
        await client.logout();
      }

      expect((await imap.list(account)).map((listed) => listed.messageId)).toEqual([kept.messageId]);
      const processed = await imap.list(account, 'Processed');
      expect(processed.map((listed) => [listed.messageId, listed.flags])).toEqual([[moved.messageId, ['\\Seen']]]);
      expect(await imap.list(account, 'Quarantine')).toEqual([]);
    });
  });

  describe('a Dovecot restarted under its clients', () => {
    let server: ImapServer;
    const clients: ImapFlow[] = [];
    beforeAll(async () => {
      server = await startDovecot();
    });
    afterEach(async () => {
      await Promise.all(clients.splice(0).map((client) => (client.usable ? client.logout() : client.close())));
    });
    afterAll(() => server?.stop());

    async function connected(account: { user: string; password: string }) {
      const client = imapClient(server, account);
      clients.push(client);
      await client.connect();
      return client;
    }

    it('keeps mailboxes, messages, UIDs and UIDVALIDITY across a restart on the same port', async () => {
      const account = await server.addMailbox('restart');
      await server.append(account, message('Before the restart, 1').raw, { internalDate: new Date('2024-03-01T10:00:00Z') });
      await server.append(account, message('Before the restart, 2').raw, { flags: ['\\Seen'] });
      const before = await server.list(account);
      const client = await connected(account);
      const uidValidity = (await client.mailboxOpen('INBOX')).uidValidity;

      const port = server.port;
      const closed = once(client, 'close');
      await server.restart();
      await closed;
      expect(client.usable).toBe(false);
      expect(server.port).toBe(port);

      const after = await connected(account);
      expect((await after.mailboxOpen('INBOX')).uidValidity).toBe(uidValidity);
      expect(await server.list(account)).toEqual(before);
    });

    it('lets an IDLE-ing client, once it has reconnected, find the message delivered while it was cut off', async () => {
      const account = await server.addMailbox('idle');
      const watcher = await connected(account);
      await watcher.mailboxOpen('INBOX');
      // idle() returns only when IDLE ends: here, when the connection drops.
      const idleEnded = watcher.idle();
      const firstUid = await Promise.all([nextExists(watcher), server.append(account, message('While idling').raw)]).then(([event, uid]) => {
        expect(event).toMatchObject({ path: 'INBOX', count: 1, prevCount: 0 });
        return uid;
      });

      // imapflow does not reconnect: it reports the dropped connection with 'close' and is done.
      const closed = once(watcher, 'close');
      await server.restart();
      await closed;
      await idleEnded;
      expect(watcher.usable).toBe(false);
      expect(watcher.idlingAtClose).toBe(true);
      expect(watcher.closedByClient).toBe(false);
      const lateUid = await server.append(account, message('Delivered during the outage').raw);

      // What the intake does: a new client, the folder again, everything above the last UID it handled.
      const reconnected = await connected(account);
      await reconnected.mailboxOpen('INBOX');
      const missed = await reconnected.fetchAll(`${firstUid + 1}:*`, { uid: true, envelope: true }, { uid: true });
      // 'n:*' also returns the last message when none is above n (RFC 3501): the UID filter is needed.
      expect(missed.filter((found) => found.uid > firstUid).map((found) => [found.uid, found.envelope?.subject])).toEqual([[lateUid, 'Delivered during the outage']]);

      // And the new connection is told of the next delivery while it idles.
      const idleAgain = reconnected.idle();
      const [event] = await Promise.all([nextExists(reconnected), server.append(account, message('After reconnecting').raw)]);
      expect(event).toMatchObject({ path: 'INBOX', count: 3, prevCount: 2 });
      await reconnected.logout();
      await idleAgain;
    });
  });
});
