'use strict';

/**
 * Attachments are evidence of one organization's requests: they must not be readable by anyone who
 * guesses a URL. This provider stores files exactly like @strapi/provider-upload-local but declares itself
 * private, so Strapi signs every file URL it returns (REST, admin panel, media library) through
 * getSignedUrl; the app's `signed-uploads` middleware serves /uploads only with a valid signature.
 */
const { createHash } = require('node:crypto');
const { Transform } = require('node:stream');
const local = require('@strapi/provider-upload-local');
const { signUrl } = require('./signature');

module.exports = {
  /** @param {{ secret: string, urlTtlSeconds?: number } & Record<string, unknown>} options */
  init({ secret, urlTtlSeconds = 3600, ...localOptions } = {}) {
    if (!secret) throw new Error('strapi-provider-upload-signed-local: a signing secret is required');
    const base = local.init(localOptions);
    return {
      ...base,
      /**
       * Stores the file as the local provider does, and records the SHA-256 of the bytes actually written
       * in provider_metadata, so the timeline can name exactly which document was attached.
       * @param {{ stream: NodeJS.ReadableStream, provider_metadata?: Record<string, unknown> }} file
       */
      async uploadStream(file) {
        const hash = createHash('sha256');
        file.stream = file.stream.pipe(
          new Transform({
            transform(chunk, _encoding, callback) {
              hash.update(chunk);
              callback(null, chunk);
            },
          })
        );
        await base.uploadStream(file);
        file.provider_metadata = { ...(file.provider_metadata || {}), sha256: hash.digest('hex') };
      },
      async upload(file) {
        if (file.buffer) {
          await base.upload(file);
          file.provider_metadata = { ...(file.provider_metadata || {}), sha256: createHash('sha256').update(file.buffer).digest('hex') };
          return;
        }
        await this.uploadStream(file);
      },
      isPrivate() {
        return true;
      },
      /** @param {{ url: string }} file */
      getSignedUrl(file) {
        return { url: file.url.startsWith('/uploads/') ? signUrl(secret, file.url, urlTtlSeconds) : file.url };
      },
    };
  },
};
