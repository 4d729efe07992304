export interface MailboxSettings {
  /** A name for logs and records: user@host/folder. */
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
  /** The mailboxes read; none when INTAKE_IMAP_HOST is not set. */
  mailboxes: MailboxSettings[];
  /** Our own sending addresses: mail from them is never taken in. */
  ownAddresses: string[];
  defaultPriority: 'P1' | 'P2' | 'P3' | 'P4';
  /** Polling interval where IDLE is not available, and the longest wait between passes. */
  pollSeconds: number;
  /** A reader holds a mailbox this long without renewing before another instance takes over. */
  leaseSeconds: number;
}

export default {
  default: { mailboxes: [], ownAddresses: [], defaultPriority: 'P3', pollSeconds: 30, leaseSeconds: 60 } satisfies IntakeConfig,
  validator() {},
};
