/**
 * What IMAP test files use: the Dovecot shared by the whole run (started by the global setup), reached
 * through what vitest can pass to a test file, its address and the folder of its passwd-files.
 */
import { inject } from 'vitest';
import { addPasswdUser, appendMessage, listMessages, type ImapMailboxes } from './dovecot';

export { imapClient, startDovecot, INTAKE_FOLDERS } from './dovecot';
export type { AppendOptions, ImapAccount, ImapMailboxes, ImapServer, ListedMessage } from './dovecot';

/** For `describe.skipIf(!imapAvailable())`: false where Dovecot is not installed (never under REQUIRE_ALL=1, whose setup fails). */
export function imapAvailable(): boolean {
  return inject('imap') !== null;
}

/** The shared Dovecot. Each test file adds mailboxes of its own, so files do not see each other's mail. */
export function sharedImap(): ImapMailboxes {
  const endpoint = inject('imap');
  if (!endpoint) throw new Error('No shared Dovecot in this run: guard the suite with imapAvailable()');
  return {
    host: endpoint.host,
    port: endpoint.port,
    addMailbox: async (name) => addPasswdUser(endpoint.usersDir, name),
    append: (account, raw, options) => appendMessage(endpoint, account, raw, options),
    list: (account, folder) => listMessages(endpoint, account, folder),
  };
}

/** The environment of an instance that reads `account` on the shared Dovecot, as deployed (polling every 2 s). */
export function intakeEnv(account: { user: string; password: string }, extra: Record<string, string> = {}): Record<string, string> {
  const { host, port } = sharedImap();
  return {
    INTAKE_IMAP_HOST: host,
    INTAKE_IMAP_PORT: String(port),
    INTAKE_IMAP_SECURE: 'false',
    INTAKE_IMAP_USER: account.user,
    INTAKE_IMAP_PASSWORD: account.password,
    INTAKE_POLL_SECONDS: '2',
    ...extra,
  };
}
