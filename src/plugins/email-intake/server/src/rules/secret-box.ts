/**
 * Passwords of intake mailboxes, encrypted at rest. The reader must log in with them, so they cannot be
 * hashed; encrypted, a database dump or backup (which travels further than the server's environment)
 * does not give away the mail accounts. The key is derived from the app's ENCRYPTION_KEY (Strapi's own
 * key for reversible secrets, kept in the environment, never in the database) with HKDF, so that this
 * use has a key of its own. The price: changing ENCRYPTION_KEY makes the stored passwords unreadable,
 * which the reader reports per mailbox, and a supervisor enters them again.
 * AES-256-GCM authenticates too: a wrong key or a tampered value fails instead of giving garbage.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const INFO = 'spoc-desk/email-intake/mailbox-password';

function derivedKey(keyMaterial: string): Buffer {
  if (!keyMaterial) throw new Error('no key to encrypt mailbox passwords with: set ENCRYPTION_KEY');
  return Buffer.from(hkdfSync('sha256', keyMaterial, 'spoc-desk', INFO, 32));
}

/** `v1:<iv>:<tag>:<ciphertext>`, base64 parts: a fresh IV every time, so equal passwords differ at rest. */
export function sealSecret(plain: string, keyMaterial: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(keyMaterial), iv);
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
}

/** The plain text, or an error saying why it cannot be had (another key, a damaged value). */
export function openSecret(sealed: string, keyMaterial: string): string {
  const [version, iv, tag, data] = sealed.split(':');
  if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) throw new Error('not a sealed secret of this version');
  const decipher = createDecipheriv('aes-256-gcm', derivedKey(keyMaterial), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('the stored password cannot be decrypted with this ENCRYPTION_KEY (was the key changed?): enter it again');
  }
}
