import { describe, expect, it } from 'vitest';
import {
  describeImapError,
  folderConflict,
  mailboxChangeInput,
  mailboxFingerprint,
  mailboxFromEnv,
  mailboxKey,
  newMailboxInput,
} from '../../src/plugins/email-intake/server/src/rules/mailbox-settings';
import { openSecret, sealSecret } from '../../src/plugins/email-intake/server/src/rules/secret-box';

const reader = (env: Record<string, string>) => (name: string) => env[name];

describe('the mailbox of the environment', () => {
  it('is read from the IMAP_* names of the configuration contract, with the usual defaults', () => {
    expect(mailboxFromEnv(reader({ IMAP_HOST: 'imap.ente.it', IMAP_USER: 'helpdesk@ente.it', IMAP_PASSWORD: 's3cret' }))).toEqual({
      name: 'helpdesk@ente.it@imap.ente.it/INBOX',
      host: 'imap.ente.it',
      port: 993,
      secure: true,
      user: 'helpdesk@ente.it',
      password: 's3cret',
      folder: 'INBOX',
      processedFolder: 'Processed',
      quarantineFolder: 'Quarantine',
    });
  });

  it('takes the INTAKE_IMAP_* names as aliases, each only where its IMAP_* name is unset or empty', () => {
    const settings = mailboxFromEnv(
      reader({
        INTAKE_IMAP_HOST: 'old.ente.it',
        IMAP_HOST: '',
        INTAKE_IMAP_PORT: '143',
        INTAKE_IMAP_SECURE: 'false',
        IMAP_USER: 'nuovo',
        INTAKE_IMAP_USER: 'vecchio',
        INTAKE_IMAP_PASSWORD: 'pw',
        IMAP_FOLDER: 'Assistenza',
        INTAKE_IMAP_PROCESSED_FOLDER: 'Fatti',
        IMAP_QUARANTINE_FOLDER: 'Sospesi',
      })
    );
    expect(settings).toMatchObject({ host: 'old.ente.it', port: 143, secure: false, user: 'nuovo', password: 'pw', folder: 'Assistenza', processedFolder: 'Fatti', quarantineFolder: 'Sospesi' });
    expect(settings?.name).toBe('nuovo@old.ente.it/Assistenza');
  });

  it('is absent without a host, and refuses a port or TLS flag it cannot read, naming the variable', () => {
    expect(mailboxFromEnv(reader({ IMAP_USER: 'x' }))).toBeNull();
    expect(() => mailboxFromEnv(reader({ IMAP_HOST: 'h', INTAKE_IMAP_PORT: 'imaps' }))).toThrow('INTAKE_IMAP_PORT must be a port number');
    expect(() => mailboxFromEnv(reader({ IMAP_HOST: 'h', IMAP_SECURE: 'forse' }))).toThrow('IMAP_SECURE must be true or false');
  });
});

describe('mailbox settings from the panel', () => {
  const valid = { name: 'Assistenza ULSS 6', host: 'imap.aulss6.veneto.it', user: 'assistenza', password: 'pw' };

  it('fill in port, TLS, folders and enabled for a new mailbox', () => {
    expect(newMailboxInput.parse(valid)).toEqual({ ...valid, port: 993, secure: true, folder: 'INBOX', processedFolder: 'Processed', quarantineFolder: 'Quarantine', enabled: true });
  });

  it('refuse a new mailbox without password, a host with spaces, a port out of range or a wildcard folder', () => {
    const issue = (input: unknown) => newMailboxInput.safeParse(input).error?.issues[0].path;
    expect(issue({ ...valid, password: '' })).toEqual(['password']);
    expect(issue({ ...valid, host: 'imap server' })).toEqual(['host']);
    expect(issue({ ...valid, port: 70000 })).toEqual(['port']);
    expect(issue({ ...valid, folder: 'INBOX*' })).toEqual(['folder']);
  });

  it('keep the stored password when a change leaves it empty', () => {
    expect(mailboxChangeInput.parse({ password: '', enabled: false })).toEqual({ enabled: false });
    expect(mailboxChangeInput.parse({ password: 'nuova' })).toEqual({ password: 'nuova' });
  });

  it('may not move messages into the folder they are read from', () => {
    expect(folderConflict({ folder: 'INBOX', processedFolder: 'INBOX', quarantineFolder: 'Q' })?.field).toBe('processedFolder');
    expect(folderConflict({ folder: 'INBOX', processedFolder: 'P', quarantineFolder: 'INBOX' })?.field).toBe('quarantineFolder');
    expect(folderConflict({ folder: 'INBOX', processedFolder: 'P', quarantineFolder: 'Q' })).toBeNull();
  });

  it('are one mailbox per account and folder, and a reader restarts only for what changes its reading', () => {
    const a = { name: 'x', host: 'h', port: 993, secure: true, user: 'u', password: 'p', folder: 'INBOX', processedFolder: 'P', quarantineFolder: 'Q' };
    expect(mailboxKey(a)).toBe('u@h/INBOX');
    expect(mailboxFingerprint({ ...a, name: 'another' })).toBe(mailboxFingerprint(a));
    expect(mailboxFingerprint({ ...a, password: 'q' })).not.toBe(mailboxFingerprint(a));
  });
});

describe('IMAP failures in words', () => {
  const target = { host: 'imap.ente.it', port: 993 };
  it('names a refused login, a closed port, an unknown host, a timeout, a TLS mismatch and a missing folder', () => {
    expect(describeImapError(Object.assign(new Error('Command failed'), { authenticationFailed: true, responseText: 'Authentication failed.' }), target)).toEqual({
      code: 'authentication',
      message: 'authentication failed: the server refused the user name or password (Authentication failed.)',
    });
    expect(describeImapError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), target).message).toBe('connection refused by imap.ente.it:993: no IMAP server listens there');
    expect(describeImapError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), target).code).toBe('host-not-found');
    expect(describeImapError(Object.assign(new Error('Failed to establish connection in required time'), { code: 'CONNECT_TIMEOUT' }), target).code).toBe('timeout');
    expect(describeImapError(Object.assign(new Error('ssl3_get_record:wrong version number'), { code: 'ERR_SSL_WRONG_VERSION_NUMBER' }), target).code).toBe('tls');
    expect(describeImapError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), target).code).toBe('certificate');
    expect(describeImapError(Object.assign(new Error('Command failed'), { serverResponseCode: 'NONEXISTENT', responseText: "Mailbox doesn't exist: Assistenza" }), target)).toEqual({
      code: 'folder-missing',
      message: "the folder does not exist on the server (Mailbox doesn't exist: Assistenza)",
    });
  });
});

describe('mailbox passwords at rest', () => {
  const key = 'an-encryption-key';
  it('are sealed with a fresh IV each time and opened with the same key', () => {
    const one = sealSecret('Pàssw0rd!', key);
    const two = sealSecret('Pàssw0rd!', key);
    expect(one).not.toBe(two);
    expect(one).not.toContain('Pàssw0rd');
    expect(openSecret(one, key)).toBe('Pàssw0rd!');
    expect(openSecret(two, key)).toBe('Pàssw0rd!');
  });

  it('cannot be opened with another key, nor once tampered with', () => {
    const sealed = sealSecret('secret', key);
    expect(() => openSecret(sealed, 'another-key')).toThrow(/cannot be decrypted with this ENCRYPTION_KEY/);
    const [version, iv, tag, data] = sealed.split(':');
    const flipped = Buffer.from(data, 'base64');
    flipped[0] ^= 1;
    expect(() => openSecret([version, iv, tag, flipped.toString('base64')].join(':'), key)).toThrow(/cannot be decrypted/);
    expect(() => openSecret('plain-text-password', key)).toThrow(/not a sealed secret/);
  });
});
