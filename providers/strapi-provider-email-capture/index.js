'use strict';

/**
 * Development without an SMTP server: instead of failing every message against a port nobody listens on,
 * this provider writes each one as a real RFC 822 message (made by nodemailer's own stream transport, as
 * the SMTP provider would send it) into a capture folder. The E-mail settings page lists and previews them.
 * It answers `captured: true`, so the outbox records the message as captured, never as delivered.
 */
const { randomBytes } = require('node:crypto');
const { mkdirSync } = require('node:fs');
const { rename, writeFile } = require('node:fs/promises');
const path = require('node:path');
const nodemailer = require('nodemailer');
const { captureName, resolveCaptureDir } = require('./files');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomSuffix = () => Array.from(randomBytes(8), (byte) => ALPHABET[byte % ALPHABET.length]).join('');

/** The nodemailer message of Strapi's send options, as @strapi/provider-email-nodemailer makes it. */
function messageOf(options, settings) {
  const message = {
    from: options.from ?? settings.defaultFrom,
    to: options.to,
    cc: options.cc,
    bcc: options.bcc,
    replyTo: options.replyTo ?? settings.defaultReplyTo,
    subject: options.subject,
    text: options.text ?? options.html,
    html: options.html ?? options.text,
  };
  for (const key of ['sender', 'attachments', 'alternatives', 'headers', 'messageId', 'inReplyTo', 'references', 'date', 'priority', 'list']) {
    if (options[key] !== undefined) message[key] = options[key];
  }
  return message;
}

module.exports = {
  /** @param {{ directory?: string }} options @param {{ defaultFrom?: string, defaultReplyTo?: string }} settings */
  init({ directory } = {}, settings = {}) {
    // `strapi` is the global Strapi sets before it loads providers.
    const folder = resolveCaptureDir(directory, strapi.dirs.app.root);
    mkdirSync(folder, { recursive: true });
    // CRLF line ends: the file is the message as it would go over SMTP. Bcc kept, as a sink shows it.
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', keepBcc: true });

    return {
      async send(options) {
        const info = await transport.sendMail(messageOf(options, settings));
        const name = captureName(new Date(), randomSuffix());
        // Written aside, then renamed: a reader never sees half a message.
        const partial = path.join(folder, `.${name}.partial`);
        await writeFile(partial, info.message);
        await rename(partial, path.join(folder, name));
        return { messageId: info.messageId, envelope: info.envelope, captured: true, file: name, response: `captured as ${name}` };
      },
    };
  },
};
