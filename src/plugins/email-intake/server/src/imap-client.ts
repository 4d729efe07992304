import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { MailboxSettings } from './config';

/**
 * An imapflow client for a mailbox, not yet connected, quiet. Its `error` events are swallowed: the next
 * command rejects with the same error, and that is where the reader and the connection test handle it.
 */
export function imapClientFor(settings: Omit<MailboxSettings, 'name'>, options: Partial<ImapFlowOptions> = {}): ImapFlow {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    ...options,
  });
  client.on('error', () => undefined);
  return client;
}
