'use strict';

/**
 * Attachments are evidence of one organization's requests: they must not be readable by anyone who guesses
 * a URL, nor run as pages of our origin. This provider writes files into a private folder outside the web
 * root (`directory`, UPLOADS_DIR) and declares itself private, so Strapi signs every file URL it returns
 * (REST, admin panel, media library, thumbnails) through getSignedUrl; the app's own route (src/api/file)
 * checks the signature and serves the bytes with headers that keep them inert.
 */
const { createHash } = require('node:crypto');
const { createWriteStream, mkdirSync } = require('node:fs');
const { unlink, writeFile } = require('node:fs/promises');
const path = require('node:path');
const { Transform } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const { errors, file: fileUtils } = require('@strapi/utils');
const { signUrl } = require('./signature');
const { FILE_URL_PREFIX, isFileKey, safeExtension, fileKeyOfUrl, resolveUploadsDir } = require('./files');

module.exports = {
  /** @param {{ secret: string, urlTtlSeconds?: number, directory?: string }} options */
  init({ secret, urlTtlSeconds = 3600, directory } = /** @type {any} */ ({})) {
    if (!secret) throw new Error('strapi-provider-upload-signed-local: a signing secret is required');
    // `strapi` is the global Strapi sets before it loads providers.
    const folder = resolveUploadsDir(directory, strapi.dirs.app.root);
    mkdirSync(folder, { recursive: true });

    /** @param {{ hash: string, ext?: string }} file */
    const keyOf = (file) => {
      const key = `${file.hash}${safeExtension(file.ext)}`;
      if (!isFileKey(key)) throw new errors.ApplicationError('File name contains invalid characters');
      return key;
    };
    /** The key a stored file's row names (its url), else the one its hash and extension give. */
    const storedKeyOf = (file) => fileKeyOfUrl(file.url) ?? keyOf(file);

    /** Writes the bytes and records their SHA-256 in provider_metadata, so the timeline names exactly which document it was. */
    async function write(file, source) {
      const key = keyOf(file);
      const hash = createHash('sha256');
      const digest = new Transform({
        transform(chunk, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(source, digest, createWriteStream(path.join(folder, key)));
      file.url = `${FILE_URL_PREFIX}${key}`;
      file.provider_metadata = { ...(file.provider_metadata || {}), sha256: hash.digest('hex') };
    }

    async function remove(file) {
      const key = storedKeyOf(file);
      await unlink(path.join(folder, key)).catch((error) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }

    return {
      checkFileSize(file, { sizeLimit } = {}) {
        if (sizeLimit && fileUtils.kbytesToBytes(file.size) > sizeLimit) {
          throw new errors.PayloadTooLargeError(`${file.name} exceeds size limit of ${fileUtils.bytesToHumanReadable(sizeLimit)}.`);
        }
      },
      async uploadStream(file) {
        if (!file.stream) throw new Error('Missing file stream');
        await write(file, file.stream);
      },
      async upload(file) {
        if (file.buffer) {
          const key = keyOf(file);
          await writeFile(path.join(folder, key), file.buffer);
          file.url = `${FILE_URL_PREFIX}${key}`;
          file.provider_metadata = { ...(file.provider_metadata || {}), sha256: createHash('sha256').update(file.buffer).digest('hex') };
          return;
        }
        await this.uploadStream(file);
      },
      /** The media library's "replace": the new bytes first, then the old file if its name changed. */
      async replaceStream(newFile, oldFile) {
        await this.uploadStream(newFile);
        if (storedKeyOf(oldFile) !== keyOf(newFile)) await remove(oldFile);
      },
      async replace(newFile, oldFile) {
        await this.upload(newFile);
        if (storedKeyOf(oldFile) !== keyOf(newFile)) await remove(oldFile);
      },
      async delete(file) {
        await remove(file);
      },
      isPrivate() {
        return true;
      },
      /** @param {{ url: string }} file */
      getSignedUrl(file) {
        const key = fileKeyOfUrl(file.url);
        return { url: key ? signUrl(secret, `${FILE_URL_PREFIX}${key}`, urlTtlSeconds) : file.url };
      },
    };
  },
};
