/** What the admin routes of the intake mailboxes answer: shared by the server and the admin page. */
import type { ImapFailure } from './rules/mailbox-settings';

/** A mailbox as the panel sees it: every setting but the password, and how its reading goes. */
export interface MailboxView {
  /** The documentId, or `env` for the mailbox of the environment. */
  id: string;
  documentId: string | null;
  source: 'panel' | 'env';
  name: string;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  folder: string;
  processedFolder: string;
  quarantineFolder: string;
  enabled: boolean;
  key: string;
  hasPassword: boolean;
  status: {
    state: 'ok' | 'error' | 'waiting' | 'disabled';
    lastPollAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    lastErrorCode: ImapFailure | null;
  };
}

/** The answer of "test connection": a finding, not an error of the request. */
export interface ConnectionTest {
  ok: boolean;
  code: ImapFailure | null;
  message: string;
  folders: Array<{ role: 'folder' | 'processedFolder' | 'quarantineFolder'; path: string; exists: boolean }>;
}
