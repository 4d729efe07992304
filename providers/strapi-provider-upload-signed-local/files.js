'use strict';

/**
 * Where attachments live and how they are named, shared by the provider (which writes them) and the app's
 * file route (which reads them). A key is one file name in one folder, nothing else: no separators, no dots
 * but the extension's, so that no spelling of a key can leave the folder.
 */
const path = require('node:path');

/** The path of the app's route that serves a stored file (src/api/file). */
const FILE_URL_PREFIX = '/api/files/';
/** Strapi's hashes (a slug of the name and a random suffix; formats prefixed `thumbnail_`), and an extension. */
const FILE_KEY = /^[A-Za-z0-9_-]{1,251}(\.[A-Za-z0-9]{1,16})?$/;
/** Relative to the project root; outside `public/`, which strapi::public serves to anyone. */
const DEFAULT_UPLOADS_DIR = path.join('private', 'uploads');

/** @param {string} key */
function isFileKey(key) {
  return typeof key === 'string' && FILE_KEY.test(key);
}

/**
 * The extension as stored: letters and digits only, else none (the key must stay a plain name). Its case is
 * kept, so that files older versions named `x.PNG` keep their name when they move. @param {string | undefined} ext
 */
function safeExtension(ext) {
  const value = String(ext ?? '');
  return /^\.[A-Za-z0-9]{1,16}$/.test(value) ? value : '';
}

/** The key of a stored file's URL (`/api/files/<key>`, signed or not), or null. @param {string | undefined} url */
function fileKeyOfUrl(url) {
  if (typeof url !== 'string' || !url.startsWith(FILE_URL_PREFIX)) return null;
  const key = url.slice(FILE_URL_PREFIX.length).split('?')[0];
  return isFileKey(key) ? key : null;
}

/** @param {string | undefined} dir UPLOADS_DIR @param {string} root the project root */
function resolveUploadsDir(dir, root) {
  return path.resolve(root, dir || DEFAULT_UPLOADS_DIR);
}

module.exports = { FILE_URL_PREFIX, DEFAULT_UPLOADS_DIR, isFileKey, safeExtension, fileKeyOfUrl, resolveUploadsDir };
