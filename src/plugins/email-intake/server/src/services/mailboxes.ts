import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { timestampType } from '../../../../../utils/dialect';
import type { IntakeConfig, MailboxSettings } from '../config';
import type { ConnectionTest, MailboxView } from '../mailbox-view';
import { imapClientFor } from '../imap-client';
import { describeImapError, folderConflict, mailboxFingerprint, mailboxKey, type ImapProblem, type MailboxInput } from '../rules/mailbox-settings';
import { openSecret, sealSecret } from '../rules/secret-box';
import type { ReaderService } from './reader';

const MAILBOX = 'plugin::email-intake.mailbox';
export const STATUS_TABLE = 'intake_mailbox_status';
/** The id of the mailbox of the environment in the panel's list and routes. */
export const ENV_MAILBOX = 'env';

type Row = Record<string, any>; // mailbox rows, read field by field

/** A mailbox to read: its settings, or the problem that keeps it from being read (a password we cannot decrypt). */
export interface ActiveMailbox {
  settings: MailboxSettings;
  problem: ImapProblem | null;
}

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | number | Date).toISOString());

/**
 * The intake mailboxes: the one of the environment (read-only here) and those supervisors manage in the
 * panel, stored with the password encrypted (rules/secret-box.ts says why). Every change is picked up by
 * this instance's reader at once and by the others at their next refresh. The password never leaves:
 * no answer carries it, encrypted or not.
 */
const mailboxes = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::email-intake') as IntakeConfig;
  const reader = () => strapi.plugin('email-intake').service('reader') as ReaderService;
  const keyMaterial = () => String(strapi.config.get('admin.secrets.encryptionKey') ?? '');

  const settingsOf = (row: Row, password: string): MailboxSettings => ({
    name: mailboxKey(row as MailboxSettings),
    host: row.host,
    port: row.port,
    secure: Boolean(row.secure),
    user: row.user,
    password,
    folder: row.folder,
    processedFolder: row.processedFolder,
    quarantineFolder: row.quarantineFolder,
  });

  const find = async (documentId: string) => {
    const row = (await strapi.db.query(MAILBOX).findOne({ where: { documentId } })) as Row | null;
    if (!row) throw new errors.NotFoundError('Mailbox not found');
    return row;
  };

  /** The checks a whole mailbox must pass: folders that make sense, a name and an account/folder of its own. */
  const checkUnique = async (settings: MailboxInput, except: number | null) => {
    const conflict = folderConflict(settings);
    if (conflict) throw fieldValidationError(conflict.field, conflict.message);
    const others = ((await strapi.db.query(MAILBOX).findMany({ select: ['id', 'name', 'user', 'host', 'folder'] })) as Row[]).filter((row) => row.id !== except);
    if (others.some((row) => row.name.toLowerCase() === settings.name.toLowerCase())) throw fieldValidationError('name', `name: a mailbox named "${settings.name}" exists already`);
    const key = mailboxKey(settings);
    const same = [...others.map((row) => ({ name: row.name as string, key: mailboxKey(row as MailboxSettings) })), ...config().mailboxes.map((m) => ({ name: 'IMAP_* (environment)', key: m.name }))].find(
      (other) => other.key === key
    );
    if (same) throw fieldValidationError('folder', `folder: ${key} is read by the mailbox "${same.name}" already`);
  };

  const statuses = async (): Promise<Map<string, Row>> => {
    const rows = (await strapi.db.connection(STATUS_TABLE).select('*')) as Row[];
    return new Map(rows.map((row) => [row.mailbox, row]));
  };

  const view = (base: Omit<MailboxView, 'status' | 'key'> & { key: string }, status: Row | undefined): MailboxView => {
    const lastPollAt = toDate(status?.last_poll_at);
    const lastErrorAt = toDate(status?.last_error_at);
    const failing = Boolean(lastErrorAt && (!lastPollAt || lastErrorAt >= lastPollAt));
    return {
      ...base,
      status: {
        state: !base.enabled ? 'disabled' : failing ? 'error' : lastPollAt ? 'ok' : 'waiting',
        lastPollAt,
        lastErrorAt,
        lastError: status?.last_error ?? null,
        lastErrorCode: status?.last_error_code ?? null,
      },
    };
  };

  const rowView = (row: Row, status: Row | undefined) =>
    view(
      {
        id: row.documentId,
        documentId: row.documentId,
        source: 'panel',
        name: row.name,
        host: row.host,
        port: row.port,
        secure: Boolean(row.secure),
        user: row.user,
        folder: row.folder,
        processedFolder: row.processedFolder,
        quarantineFolder: row.quarantineFolder,
        enabled: Boolean(row.enabled),
        key: mailboxKey(row as MailboxSettings),
        hasPassword: Boolean(row.password),
      },
      status
    );

  return {
    async list(): Promise<MailboxView[]> {
      const status = await statuses();
      const fromEnv = config().mailboxes.map((m) => {
        const { password, name: key, ...fields } = m;
        return view({ ...fields, id: ENV_MAILBOX, documentId: null, source: 'env', name: 'IMAP_* (environment)', enabled: true, key, hasPassword: Boolean(password) }, status.get(key));
      });
      const rows = (await strapi.db.query(MAILBOX).findMany({ orderBy: { name: 'asc' } })) as Row[];
      return [...fromEnv, ...rows.map((row) => rowView(row, status.get(mailboxKey(row as MailboxSettings))))];
    },

    async create(input: MailboxInput): Promise<MailboxView> {
      await checkUnique(input, null);
      const row = (await strapi.db.query(MAILBOX).create({ data: { ...input, password: sealSecret(input.password, keyMaterial()) } })) as Row;
      await this.forget(mailboxKey(input));
      await reader().refresh();
      return rowView(row, undefined);
    },

    async update(documentId: string, change: Partial<MailboxInput>): Promise<MailboxView> {
      const row = await find(documentId);
      const merged = { ...(row as MailboxInput), ...change, password: change.password ?? '' };
      await checkUnique(merged, row.id);
      const data: Record<string, unknown> = { ...change };
      if (change.password) data.password = sealSecret(change.password, keyMaterial());
      else delete data.password;
      const updated = (await strapi.db.query(MAILBOX).update({ where: { id: row.id }, data })) as Row;
      // New account, server, folders or password: an earlier error says nothing of the new settings.
      if (change.password || mailboxFingerprint(settingsOf(row, '')) !== mailboxFingerprint(settingsOf(updated, ''))) await this.forget(mailboxKey(updated as MailboxSettings));
      await reader().refresh();
      return rowView(updated, (await statuses()).get(mailboxKey(updated as MailboxSettings)));
    },

    async remove(documentId: string): Promise<{ documentId: string }> {
      const row = await find(documentId);
      await strapi.db.query(MAILBOX).delete({ where: { id: row.id } });
      await reader().refresh();
      await this.forget(mailboxKey(row as MailboxSettings));
      return { documentId };
    },

    /** What the readers read: the environment's mailbox first (it wins over a panel entry for the same folder), then the enabled ones. */
    async active(): Promise<ActiveMailbox[]> {
      const rows = (await strapi.db.query(MAILBOX).findMany({ where: { enabled: true }, orderBy: { id: 'asc' } })) as Row[];
      return [
        ...config().mailboxes.map((settings) => ({ settings, problem: null })),
        ...rows.map((row) => {
          try {
            return { settings: settingsOf(row, openSecret(row.password ?? '', keyMaterial())), problem: null };
          } catch (error) {
            return { settings: settingsOf(row, ''), problem: { code: 'password-unreadable' as const, message: (error as Error).message } };
          }
        }),
      ];
    },

    /** The stored settings of a mailbox (`env` for the environment's), with unsaved changes from the form over them. */
    async settingsFor(id: string, change: Partial<MailboxInput> = {}): Promise<MailboxSettings> {
      if (id === ENV_MAILBOX) {
        const env = config().mailboxes[0];
        if (!env) throw new errors.NotFoundError('No mailbox is configured in the environment');
        return env;
      }
      const row = await find(id);
      const password = change.password ?? openSecret(row.password ?? '', keyMaterial());
      const settings = settingsOf({ ...row, ...change }, password);
      const conflict = folderConflict(settings);
      if (conflict) throw fieldValidationError(conflict.field, conflict.message);
      return settings;
    },

    /**
     * Logs in and looks for the folders, changing nothing on the server: the answer says in words what
     * failed (a 200 either way: a refused login is the test's finding, not an error of the request).
     */
    async test(settings: Omit<MailboxSettings, 'name'>): Promise<ConnectionTest> {
      // A supervisor is waiting: an unreachable server is reported in seconds, not imapflow's 90.
      const client = imapClientFor(settings, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
      const roles = ['folder', 'processedFolder', 'quarantineFolder'] as const;
      try {
        await client.connect();
        const paths = new Set((await client.list()).map((folder) => folder.path));
        // Folder names are case-sensitive on the server, but for INBOX.
        const exists = (path: string) => paths.has(path) || (path.toUpperCase() === 'INBOX' && [...paths].some((p) => p.toUpperCase() === 'INBOX'));
        const folders = roles.map((role) => ({ role, path: settings[role], exists: exists(settings[role]) }));
        if (!folders[0].exists) {
          return { ok: false, code: 'folder-missing', message: `logged in as ${settings.user}, but the folder "${settings.folder}" does not exist on the server`, folders };
        }
        const status = await client.status(settings.folder, { messages: true });
        const messages = status ? status.messages : 0;
        const missing = folders.filter((folder) => !folder.exists).map((folder) => `"${folder.path}"`);
        const created = missing.length ? `; ${missing.join(' and ')} will be created at the first reading` : '';
        return { ok: true, code: null, message: `logged in as ${settings.user}; "${settings.folder}" holds ${messages ?? 0} messages${created}`, folders };
      } catch (error) {
        const problem = describeImapError(error, settings);
        return { ok: false, code: problem.code, message: problem.message, folders: [] };
      } finally {
        await client.logout().catch(() => client.close());
      }
    },

    /** A reading pass of a mailbox completed. */
    async recordPoll(key: string) {
      const now = new Date();
      await strapi.db.connection(STATUS_TABLE).insert({ mailbox: key, last_poll_at: now }).onConflict('mailbox').merge(['last_poll_at']);
    },

    async recordError(key: string, problem: ImapProblem) {
      const now = new Date();
      await strapi.db
        .connection(STATUS_TABLE)
        .insert({ mailbox: key, last_error_at: now, last_error: problem.message.slice(0, 1000), last_error_code: problem.code })
        .onConflict('mailbox')
        .merge(['last_error_at', 'last_error', 'last_error_code']);
    },

    async forget(key: string) {
      await strapi.db.connection(STATUS_TABLE).where({ mailbox: key }).delete();
    },

    /** Written by every reader on every pass: its own table, outside the schema sync. */
    async ensureSchema() {
      const time = timestampType(strapi);
      await strapi.db.connection.raw(
        `CREATE TABLE IF NOT EXISTS ${STATUS_TABLE} (mailbox varchar(255) PRIMARY KEY, last_poll_at ${time}, last_error_at ${time}, last_error varchar(1000), last_error_code varchar(40))`
      );
    },
  };
};

export type MailboxesService = ReturnType<typeof mailboxes>;
export default mailboxes;
