import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { isCaptureName } from 'strapi-provider-email-capture/files';
import type { NotificationsConfig } from '../config';

/** What the E-mail page lists of one captured message. */
export interface CapturedSummary {
  name: string;
  to: string;
  subject: string;
  /** The template's event (our X-SPOC-Event header), when the outbox sent it. */
  event: string | null;
  date: string | null;
  size: number;
}

const addressesOf = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).map((object) => object.text).join(', ');

const summaryOf = (name: string, size: number, mail: ParsedMail): CapturedSummary => ({
  name,
  to: addressesOf(mail.to),
  subject: mail.subject ?? '',
  event: typeof mail.headers.get('x-spoc-event') === 'string' ? (mail.headers.get('x-spoc-event') as string) : null,
  date: mail.date ? mail.date.toISOString() : null,
  size,
});

/**
 * The capture folder (development without SMTP_HOST) read for the E-mail page: newest first, one message
 * parsed for its preview, or its raw bytes for download. Only names the capture provider makes are read,
 * and only inside the folder.
 */
const capturedMail = ({ strapi }: { strapi: Core.Strapi }) => {
  const folder = () => {
    const { delivery } = strapi.config.get('plugin::notifications') as NotificationsConfig;
    return delivery.mode === 'capture' ? delivery.directory : null;
  };

  /** The file of a captured message; NotFound for any other name, or when mail is not captured. */
  const fileOf = (name: string) => {
    const directory = folder();
    if (!directory || !isCaptureName(name)) throw new errors.NotFoundError('Captured message not found');
    const file = path.join(directory, name);
    // The name pattern allows no separator; this says so again, whatever the pattern becomes.
    if (path.dirname(file) !== path.resolve(directory)) throw new errors.NotFoundError('Captured message not found');
    return file;
  };

  const readRaw = async (name: string) => {
    try {
      return await readFile(fileOf(name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new errors.NotFoundError('Captured message not found');
      throw error;
    }
  };

  return {
    /** Newest first (names begin with the capture time). */
    async list(limit: number): Promise<{ results: CapturedSummary[]; total: number }> {
      const directory = folder();
      if (!directory) return { results: [], total: 0 };
      const names = (await readdir(directory).catch(() => [] as string[])).filter(isCaptureName).sort().reverse();
      const results = await Promise.all(
        names.slice(0, limit).map(async (name) => {
          const raw = await readRaw(name);
          return summaryOf(name, raw.length, await simpleParser(raw));
        })
      );
      return { results, total: names.length };
    },

    /** One message with its text and HTML parts, for a preview that the page renders inert. */
    async preview(name: string) {
      const raw = await readRaw(name);
      const mail = await simpleParser(raw);
      return { ...summaryOf(name, raw.length, mail), from: addressesOf(mail.from), text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : null };
    },

    raw: readRaw,
  };
};

export type CapturedMailService = ReturnType<typeof capturedMail>;
export default capturedMail;
