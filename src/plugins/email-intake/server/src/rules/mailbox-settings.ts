/**
 * Intake mailboxes as settings: the one named by environment variables, and those a supervisor enters in
 * the admin panel. Pure: no Strapi import, so the config file and the unit tests use it as it is.
 */
import { z } from 'zod';
import type { MailboxSettings } from '../config';

export const DEFAULT_FOLDERS = { folder: 'INBOX', processedFolder: 'Processed', quarantineFolder: 'Quarantine' } as const;

/**
 * What identifies a mailbox on the server: its lease, its status and its messages' records are keyed by
 * it, so two entries naming the same account and folder are one mailbox, read by one reader at a time.
 */
export function mailboxKey(settings: Pick<MailboxSettings, 'user' | 'host' | 'folder'>): string {
  return `${settings.user}@${settings.host}/${settings.folder}`.slice(0, 255);
}

/** What a reader must restart for: any setting that changes how or what it reads. */
export function mailboxFingerprint(settings: MailboxSettings): string {
  const { host, port, secure, user, password, folder, processedFolder, quarantineFolder } = settings;
  return JSON.stringify([host, port, secure, user, password, folder, processedFolder, quarantineFolder]);
}

export type EnvReader = (name: string) => string | undefined;

function envBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, not "${value}"`);
}

/**
 * The mailbox of the environment, or null without a host. DESIGN.md's configuration contract names
 * IMAP_HOST, IMAP_PORT, IMAP_SECURE, IMAP_USER, IMAP_PASSWORD, IMAP_FOLDER; the INTAKE_IMAP_* names of the
 * first releases stay as aliases, each read only where its IMAP_* name is unset or empty.
 */
export function mailboxFromEnv(read: EnvReader): MailboxSettings | null {
  const variable = (suffix: string) => {
    for (const name of [`IMAP_${suffix}`, `INTAKE_IMAP_${suffix}`]) {
      const value = read(name);
      if (value !== undefined && value !== '') return { name, value };
    }
    return { name: `IMAP_${suffix}`, value: undefined };
  };
  const host = variable('HOST').value;
  if (!host) return null;
  const port = variable('PORT');
  const portNumber = port.value === undefined ? 993 : Number(port.value);
  if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) throw new Error(`${port.name} must be a port number, not "${port.value}"`);
  const secure = variable('SECURE');
  const user = variable('USER').value ?? '';
  const folder = variable('FOLDER').value ?? DEFAULT_FOLDERS.folder;
  return {
    name: mailboxKey({ user, host, folder }),
    host,
    port: portNumber,
    secure: envBoolean(secure.name, secure.value, true),
    user,
    password: variable('PASSWORD').value ?? '',
    folder,
    processedFolder: variable('PROCESSED_FOLDER').value ?? DEFAULT_FOLDERS.processedFolder,
    quarantineFolder: variable('QUARANTINE_FOLDER').value ?? DEFAULT_FOLDERS.quarantineFolder,
  };
}

// IMAP folder names: any printable text but the wildcards and the hierarchy quirks servers refuse.
const folderName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255)
  .refine((value) => !/[\x00-\x1f*%]/.test(value), 'must not contain control characters, * or %');

const fields = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  host: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(255)
    .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'must be a host name or an IP address'),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean(),
  user: z.string().trim().min(1, 'must not be empty').max(255),
  password: z.string().min(1, 'must not be empty').max(1024),
  folder: folderName,
  processedFolder: folderName,
  quarantineFolder: folderName,
  enabled: z.boolean(),
};

/** A new mailbox: name, host, user and password are required; the rest has the usual defaults. */
export const newMailboxInput = z.object({
  ...fields,
  port: fields.port.default(993),
  secure: fields.secure.default(true),
  folder: fields.folder.default(DEFAULT_FOLDERS.folder),
  processedFolder: fields.processedFolder.default(DEFAULT_FOLDERS.processedFolder),
  quarantineFolder: fields.quarantineFolder.default(DEFAULT_FOLDERS.quarantineFolder),
  enabled: fields.enabled.default(true),
});

/** A change: any of the fields; an empty or missing password keeps the stored one (the panel never has it). */
export const mailboxChangeInput = z
  .object(fields)
  .partial()
  .extend({ password: z.preprocess((value) => (value === '' || value === null ? undefined : value), fields.password.optional()) });

export type MailboxInput = z.output<typeof newMailboxInput>;

/** The field that makes a mailbox unreadable as a whole, with why; null when it is consistent. */
export function folderConflict(settings: Pick<MailboxSettings, 'folder' | 'processedFolder' | 'quarantineFolder'>): { field: string; message: string } | null {
  // Moving a message into the folder it is read from would read it again for ever.
  if (settings.processedFolder === settings.folder) return { field: 'processedFolder', message: 'processedFolder must differ from folder, the folder that is read' };
  if (settings.quarantineFolder === settings.folder) return { field: 'quarantineFolder', message: 'quarantineFolder must differ from folder, the folder that is read' };
  return null;
}

/** Why a connection to a mailbox failed, in a few words a supervisor can act on. */
export type ImapFailure = 'authentication' | 'refused' | 'host-not-found' | 'timeout' | 'tls' | 'certificate' | 'folder-missing' | 'password-unreadable' | 'closed' | 'other';

export interface ImapProblem {
  code: ImapFailure;
  message: string;
}

interface ErrorLike {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  serverResponseCode?: string;
}

/** Reads an error of imapflow or of Node's socket, TLS or DNS layers as an ImapProblem. */
export function describeImapError(error: unknown, target: { host: string; port: number }): ImapProblem {
  const e = (error ?? {}) as ErrorLike;
  const code = String(e.code ?? '');
  const detail = [e.responseText, e.message].find((text) => text && text !== 'Command failed') ?? code ?? 'unknown error';
  const where = `${target.host}:${target.port}`;
  if (e.serverResponseCode === 'NONEXISTENT') return { code: 'folder-missing', message: `the folder does not exist on the server (${detail})` };
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return { code: 'authentication', message: `authentication failed: the server refused the user name or password (${detail})` };
  }
  if (code === 'ECONNREFUSED') return { code: 'refused', message: `connection refused by ${where}: no IMAP server listens there` };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { code: 'host-not-found', message: `host ${target.host} not found` };
  if (/TIMEOUT$/.test(code) || code === 'ETIMEDOUT') return { code: 'timeout', message: `no answer from ${where} in time (${code})` };
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return { code: 'certificate', message: `the server's TLS certificate is not trusted (${code}: ${e.message ?? ''})` };
  if (/^ERR_SSL|^ERR_TLS|EPROTO/.test(code) || /wrong version number|SSL routines/i.test(e.message ?? '')) {
    return { code: 'tls', message: `TLS handshake with ${where} failed: check the TLS setting and the port (${e.message ?? code})` };
  }
  if (code === 'ClosedAfterConnectTLS' || code === 'ClosedAfterConnectText' || code === 'NoConnection' || code === 'EConnectionClosed' || code === 'ECONNRESET') {
    return { code: 'closed', message: `the server closed the connection (${e.message ?? code})` };
  }
  return { code: 'other', message: String(detail) };
}
