import { DEFAULT_BLOCKED_TYPES } from '../../../../api/ticket/attachment-policy';

export interface MailboxSettings {
  /** The mailbox's key (`mailboxKey`: user@host/folder): its lease, status and message records use it. */
  name: string;
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  folder: string;
  processedFolder: string;
  quarantineFolder: string;
}

export interface IntakeConfig {
  /** The mailbox of the environment (IMAP_HOST, or its alias INTAKE_IMAP_HOST); the admin panel adds more. */
  mailboxes: MailboxSettings[];
  /** How often an instance looks for mailboxes added, changed or removed in the panel on another instance. */
  mailboxRefreshSeconds: number;
  /** Our own sending addresses: mail from them is never taken in. */
  ownAddresses: string[];
  defaultPriority: 'P1' | 'P2' | 'P3' | 'P4';
  /** Polling interval where IDLE is not available, and the longest wait between passes. */
  pollSeconds: number;
  /** A reader holds a mailbox this long without renewing before another instance takes over. */
  leaseSeconds: number;
  /** A larger message is quarantined whole. */
  maxMessageBytes: number;
  /** A larger attachment is not stored; the ticket lists it with the reason. */
  maxAttachmentBytes: number;
  blockedFileTypes: string[];
  /** More tickets and follow-ups than this from one sender in an hour: the rest is held in quarantine. */
  maxPerSenderPerHour: number;
  /**
   * Messages of different threads and senders one reader takes in at once; each thread's and each
   * sender's messages still go one after the other, in the mailbox's order (rules/thread-groups.ts).
   */
  threadsAtOnce: number;
  /**
   * Messages fetched from the server in one FETCH, handled between two renewals of the lease and moved out
   * of the folder together once processed; the next batch is fetched while one is processed.
   */
  batchSize: number;
  /** A reply this many days after the restore reopens the ticket; a later one is only added to it. */
  reopenWindowDays: number;
}

export default {
  default: {
    mailboxes: [],
    mailboxRefreshSeconds: 15,
    ownAddresses: [],
    defaultPriority: 'P3',
    pollSeconds: 30,
    leaseSeconds: 60,
    maxMessageBytes: 25 * 1024 * 1024,
    maxAttachmentBytes: 10 * 1024 * 1024,
    blockedFileTypes: DEFAULT_BLOCKED_TYPES,
    maxPerSenderPerHour: 30,
    threadsAtOnce: 4,
    batchSize: 20,
    reopenWindowDays: 10,
  } satisfies IntakeConfig,
  validator() {},
};
