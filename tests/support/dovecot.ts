/**
 * A real IMAP server for the e-mail intake tests: Debian's Dovecot, started by the tests with a
 * configuration of their own in a temporary folder, on a loopback port, with users in passwd-files.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { LOG_DIR, freePort } from './instances';

export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** Folders every mailbox has from its first login, as the intake expects to find them. */
export const INTAKE_FOLDERS = ['Processed', 'Quarantine', 'Rejected'] as const;

/** Where a running Dovecot is and where its users live: serializable, so that vitest can provide it. */
export interface ImapEndpoint {
  host: string;
  port: number;
  /** The folder of passwd-files, one per user, that Dovecot authenticates against: a new file is a new user. */
  usersDir: string;
}

export interface ImapAccount {
  user: string;
  password: string;
}

export interface AppendOptions {
  folder?: string;
  internalDate?: Date;
  flags?: string[];
}

export interface ListedMessage {
  uid: number;
  flags: string[];
  internalDate: Date;
  subject: string | undefined;
  messageId: string | undefined;
}

/** What a test needs of an IMAP server it did not start: mailboxes of its own, delivery, reading back. */
export interface ImapMailboxes {
  host: string;
  port: number;
  addMailbox(name?: string): Promise<ImapAccount>;
  append(account: ImapAccount, raw: string | Buffer, options?: AppendOptions): Promise<number>;
  list(account: ImapAccount, folder?: string): Promise<ListedMessage[]>;
}

export interface ImapServer extends ImapMailboxes {
  /** The temporary folder holding configuration, passwd-files, mail, state and log. */
  dir: string;
  usersDir: string;
  logFile: string;
  /** Stops Dovecot (dropping every connection) and starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops Dovecot, keeps its log in the test logs folder and removes the temporary folder. */
  stop(): Promise<void>;
}

/** Without Dovecot the IMAP suites skip, except under REQUIRE_ALL=1 (CI), where they fail. */
export function dovecotAvailable(): boolean {
  if (existsSync(DOVECOT)) return true;
  if (process.env.REQUIRE_ALL === '1') throw new Error(`Dovecot not found at ${DOVECOT} and REQUIRE_ALL=1: install Debian's dovecot-imapd`);
  return false;
}

/**
 * Adds a user, with a unique name (the given one is a prefix) and a random password, as a passwd-file of
 * its own: Dovecot opens a user's file at that user's first login, so this works from any process while
 * Dovecot runs. (One shared file would not do: Dovecot checks it for changes at most once a second, and
 * a user added within that second would fail to log in.)
 */
export function addPasswdUser(usersDir: string, name = 'box'): ImapAccount {
  // Dovecot's default auth_username_chars, less '@': a plain local name needs no domain handling.
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) throw new Error(`Unsuitable IMAP user name prefix: ${name}`);
  // Random, not a counter: vitest runs each test file in a fresh module registry within the same process.
  const user = `${name}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  // 'wx': never overwrite an existing user. Readable by Dovecot's auth process, which runs as dovecot.
  writeFileSync(path.join(usersDir, user), `${user}:{PLAIN}${password}::::::\n`, { flag: 'wx', mode: 0o644 });
  return { user, password };
}

/** An imapflow client for an account, not yet connected; quiet, plain IMAP as the test server speaks it. */
export function imapClient(endpoint: { host: string; port: number }, account: ImapAccount): ImapFlow {
  return new ImapFlow({
    host: endpoint.host,
    port: endpoint.port,
    secure: false,
    auth: { user: account.user, pass: account.password },
    logger: false,
  });
}

async function withClient<T>(endpoint: { host: string; port: number }, account: ImapAccount, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(endpoint, account);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Delivers a message into a folder with IMAP APPEND, as a mail server's delivery agent would; returns its UID. */
export async function appendMessage(endpoint: { host: string; port: number }, account: ImapAccount, raw: string | Buffer, options: AppendOptions = {}): Promise<number> {
  return withClient(endpoint, account, async (client) => {
    const result = await client.append(options.folder ?? 'INBOX', raw, options.flags ?? [], options.internalDate);
    if (!result || typeof result.uid !== 'number') throw new Error(`IMAP APPEND to ${options.folder ?? 'INBOX'} returned no UID`);
    return result.uid;
  });
}

/** The messages of a folder, in UID order. */
export async function listMessages(endpoint: { host: string; port: number }, account: ImapAccount, folder = 'INBOX'): Promise<ListedMessage[]> {
  return withClient(endpoint, account, async (client) => {
    const lock = await client.getMailboxLock(folder, { readOnly: true });
    try {
      // Not '1:*' on an empty folder: there is no message 1 to address.
      if (client.mailbox === false || client.mailbox.exists === 0) return [];
      const messages = await client.fetchAll('1:*', { uid: true, flags: true, internalDate: true, envelope: true });
      return messages
        .map((message) => ({
          uid: message.uid,
          // \Recent only says which session saw the message first (IMAP4rev2 dropped it): not a fact to test.
          flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
          internalDate: new Date(message.internalDate ?? NaN),
          subject: message.envelope?.subject,
          messageId: message.envelope?.messageId,
        }))
        .sort((a, b) => a.uid - b.uid);
    } finally {
      lock.release();
    }
  });
}

/**
 * Who owns the mail files. Dovecot refuses to keep mail as root, so as root the mail belongs to `nobody`
 * (a system account present everywhere, above Dovecot's first_valid_uid, owning nothing else worth
 * protecting) while Dovecot's own processes keep their packaged users (dovecot, dovenull). Run as
 * another user, Dovecot cannot switch users at all: everything, mail included, is that user's.
 */
function accounts() {
  const me = os.userInfo();
  if (me.uid === 0) return { root: true, mailUid: 65534, mailGid: 65534, internalUser: 'dovecot', internalGroup: 'dovecot', loginUser: 'dovenull' };
  const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
  return { root: false, mailUid: me.uid, mailGid: me.gid, internalUser: me.username, internalGroup: group, loginUser: me.username };
}

/** Services that Dovecot, by default, confines to a folder: only root may do that. */
const ROOTLESS_CHROOTS = ['anvil', 'ipc', 'old-stats', 'imap-login', 'aggregator'];

function configuration(dir: string, port: number): string {
  const who = accounts();
  const usersDir = path.join(dir, 'users');
  return `# Written by tests/support/dovecot.ts for one test run.
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = spoc-test-${port}

protocols = imap
listen = 127.0.0.1
ssl = no
# Plain LOGIN/AUTHENTICATE PLAIN over a cleartext loopback connection, as the intake will use here.
disable_plaintext_auth = no
auth_mechanisms = plain login
# A failed login is answered at once, and does not slow the next logins (see service anvil below).
auth_failure_delay = 0

default_internal_user = ${who.internalUser}
default_internal_group = ${who.internalGroup}
default_login_user = ${who.loginUser}
# Numeric ids: 'nobody' has no group of the same name on every distribution.
mail_uid = ${who.mailUid}
mail_gid = ${who.mailGid}
first_valid_uid = ${Math.min(who.mailUid, 500)}
first_valid_gid = ${Math.min(who.mailGid, 1)}
mail_home = ${dir}/mail/%u
mail_location = maildir:~/Maildir

# One passwd-file per user, see addPasswdUser().
passdb {
  driver = passwd-file
  args = ${usersDir}/%u
}
userdb {
  driver = passwd-file
  args = ${usersDir}/%u
}

namespace inbox {
  inbox = yes
${INTAKE_FOLDERS.map((name) => `  mailbox ${name} {\n    auto = subscribe\n  }`).join('\n')}
}

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
${who.root ? '' : ROOTLESS_CHROOTS.map((service) => `# No chroot without root.\nservice ${service} {\n  chroot =\n}\n`).join('')}# No auth penalty: it is counted per client address, and every test connects from 127.0.0.1, so one
# test's wrong password would delay every other test's logins by seconds. Mode 0 removes the socket.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
# The mail processes run as the mail user, outside Dovecot's group: let them report their statistics.
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
}

/** Sends a signal to a process group; false when no process of it is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Resolves once the port answers with an IMAP greeting; rejects if Dovecot exits first or takes too long. */
async function waitForGreeting(port: number, child: ChildProcess, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let exited = false;
  const onExit = () => (exited = true);
  child.once('exit', onExit);
  try {
    for (;;) {
      if (exited) throw new Error(`Dovecot exited before it answered on port ${port}\n${describeFailure()}`);
      if (Date.now() > deadline) throw new Error(`Dovecot did not answer on port ${port} within 30 s\n${describeFailure()}`);
      const greeting = await new Promise<string | null>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        let received = '';
        socket.setTimeout(2000, () => socket.destroy());
        socket.on('data', (chunk) => {
          received += chunk.toString('latin1');
          if (received.includes('\r\n')) socket.end();
        });
        socket.on('error', () => resolve(null));
        socket.on('close', () => resolve(received || null));
      });
      if (greeting?.startsWith('* OK')) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.off('exit', onExit);
  }
}

/** Starts a Dovecot of its own: new temporary folder, new free port, no users yet. */
export async function startDovecot(): Promise<ImapServer> {
  const who = accounts();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spoc-dovecot-'));
  // Dovecot's auth process (user dovecot) reads the passwd-files and the mail processes (nobody) write
  // below mail/: both must get through the folder, which mkdtemp makes private to us.
  chmodSync(dir, 0o755);
  const mailDir = path.join(dir, 'mail');
  mkdirSync(mailDir);
  if (who.root) chownSync(mailDir, who.mailUid, who.mailGid);
  const usersDir = path.join(dir, 'users');
  mkdirSync(usersDir, { mode: 0o755 });
  const logFile = path.join(dir, 'dovecot.log');
  const confFile = path.join(dir, 'dovecot.conf');
  const port = await freePort();
  writeFileSync(confFile, configuration(dir, port));
  const endpoint = { host: '127.0.0.1', port };

  let child: ChildProcess | null = null;
  // Dovecot must not outlive a test process that dies without its teardown.
  const killOnExit = () => child?.pid && signalGroup(child.pid, 'SIGTERM');
  process.on('exit', killOnExit);

  async function start() {
    // Configuration errors go to the terminal, not to log_path.
    let output = '';
    // A process group of its own, to be stopped as a whole: see halt().
    const started = spawn(DOVECOT, ['-F', '-c', confFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A missing binary is reported as an 'error' event, not an exit.
    const spawnError = new Promise<never>((_, reject) => started.once('error', reject));
    child = started;
    const logTail = () => `${output}${existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : ''}`;
    await Promise.race([waitForGreeting(port, started, logTail), spawnError]);
  }

  async function halt() {
    const running = child;
    child = null;
    // No pid: the spawn itself failed, there is nothing to stop.
    if (!running?.pid) return;
    const pid = running.pid;
    // Every process of the group at once, as systemd stops a service: each imap process drops its client
    // now. Signalled alone, the master exits but leaves them serving their clients for seconds more.
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    // Until the last one is gone (the master reaped by Node): an imap-login left over would hold the port.
    while (signalGroup(pid, 0)) {
      if (Date.now() > deadline) signalGroup(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  try {
    await start();
  } catch (error) {
    await halt();
    process.off('exit', killOnExit);
    // The error carries the log's tail already.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  return {
    ...endpoint,
    dir,
    usersDir,
    logFile,
    addMailbox: async (name) => addPasswdUser(usersDir, name),
    append: (account, raw, options) => appendMessage(endpoint, account, raw, options),
    list: (account, folder) => listMessages(endpoint, account, folder),
    async restart() {
      await halt();
      await start();
    },
    async stop() {
      await halt();
      process.off('exit', killOnExit);
      const keptLog = path.join(LOG_DIR, `dovecot-${process.pid}-${port}.log`);
      try {
        mkdirSync(LOG_DIR, { recursive: true });
        copyFileSync(logFile, keptLog);
      } catch (error) {
        // The log only helps to read a failure: not keeping it is no reason to fail a teardown.
        console.warn(`Dovecot log not kept at ${keptLog}: ${(error as Error).message}`);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
