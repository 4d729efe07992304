'use strict';

/**
 * Expiring HMAC signatures for file URLs. Written by hand on node:crypto because the whole scheme is two
 * lines of HMAC-SHA256 and a constant-time compare; a signing library would add more than it saves.
 */
const { createHmac, timingSafeEqual } = require('node:crypto');

/** @param {string} secret @param {string} path @param {number} expiresAt seconds since the epoch */
function signature(secret, path, expiresAt) {
  return createHmac('sha256', secret).update(`${path}\n${expiresAt}`).digest('base64url');
}

/** @param {string} secret @param {string} url a path such as /uploads/x.pdf @param {number} ttlSeconds @param {number} [now] ms */
function signUrl(secret, url, ttlSeconds, now = Date.now()) {
  const [path] = url.split('?');
  const expiresAt = Math.floor(now / 1000) + ttlSeconds;
  return `${path}?exp=${expiresAt}&sig=${signature(secret, path, expiresAt)}`;
}

/**
 * @param {string} secret @param {string} path @param {string | undefined} exp @param {string | undefined} sig @param {number} [now] ms
 * @returns {'valid' | 'expired' | 'invalid'}
 */
function verifySignedPath(secret, path, exp, sig, now = Date.now()) {
  const expiresAt = Number(exp);
  if (!exp || !sig || !Number.isInteger(expiresAt)) return 'invalid';
  const expected = Buffer.from(signature(secret, path, expiresAt));
  const given = Buffer.from(String(sig));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return expiresAt * 1000 < now ? 'expired' : 'valid';
}

module.exports = { signUrl, verifySignedPath };
