import type { Core } from '@strapi/strapi';
import { fieldValidationError } from '../../../access/field-errors';
import { checkAttachment, extensionsOfTypes } from '../attachment-policy';
import type { IncomingFile } from '../../../utils/request-body';
import { getTimelineService } from '../../../utils/services';
import { readHead } from '../../../utils/file-head';
import type { Actor } from '../../ticket-event/hash-chain';

const FILE = 'plugin::upload.file';

/** config/attachments.ts */
export interface AttachmentLimits {
  maxFiles: number;
  blockedTypes: string[];
}

/** What the timeline keeps of an attached file: enough to prove later which document it was. */
export interface AttachmentEvidence {
  id: number;
  name: string;
  mime: string;
  sizeKb: number;
  sha256: string | null;
}

interface StoredFile {
  id: number;
  name: string;
  /** `/api/files/<key>`, unsigned: served only on a signed link (src/api/file). */
  url: string;
  mime: string;
  size: number;
  provider_metadata?: { sha256?: string } | null;
}

const attachments = ({ strapi }: { strapi: Core.Strapi }) => ({
  limits(): AttachmentLimits {
    return strapi.config.get('attachments') as AttachmentLimits;
  },

  /** The limits as a form shows them before an upload: the browser has only the file's name to go on. */
  describe() {
    const limits = this.limits();
    return {
      maxFiles: limits.maxFiles,
      maxFileBytes: Number((strapi.config.get('plugin::upload') as { sizeLimit?: number }).sizeLimit ?? 0),
      // The policy names types as the bytes show them.
      blockedExtensions: extensionsOfTypes(limits.blockedTypes),
    };
  },

  /** Refuses, before anything is stored, too many files or a type the policy blocks (400 naming `files`). */
  async assertAllowed(files: IncomingFile[]) {
    const limits = this.limits();
    if (files.length > limits.maxFiles) throw fieldValidationError('files', `At most ${limits.maxFiles} files can be attached at once`);
    for (const file of files) {
      const verdict = checkAttachment(await readHead(file.filepath), { maxBytes: Number.POSITIVE_INFINITY, blockedTypes: limits.blockedTypes });
      if (!verdict.accepted) throw fieldValidationError('files', `"${file.originalFilename ?? 'file'}" is refused: ${verdict.reason}`);
    }
  },

  /** Stores files through the upload plugin (its size limit and private provider apply), after the type policy. */
  async store(files: IncomingFile[]): Promise<StoredFile[]> {
    if (files.length === 0) return [];
    await this.assertAllowed(files);
    const uploaded = await strapi.plugin('upload').service('upload').upload({ data: {}, files });
    return (Array.isArray(uploaded) ? uploaded : [uploaded]) as StoredFile[];
  },

  /**
   * Stores the incoming files, hands their ids to `use`, and removes them again if `use` fails: a request
   * that is refused leaves no orphan file behind.
   */
  async storeWhile<T>(incoming: IncomingFile[], use: (files: StoredFile[]) => Promise<T>): Promise<T> {
    const files = await this.store(incoming);
    try {
      return await use(files);
    } catch (error) {
      await this.discard(files);
      throw error;
    }
  },

  /** Removes files stored for a request that then failed, so no orphan is left on disk. */
  async discard(files: StoredFile[]) {
    const upload = strapi.plugin('upload').service('upload');
    await Promise.all(files.map((file) => upload.remove(file).catch(() => undefined)));
  },

  /** Adds stored files to a ticket and records them in its timeline, in one transaction. */
  async attachToTicket(ticket: { id: number; documentId: string }, files: StoredFile[], actor: Actor) {
    return strapi.db.transaction(async () => {
      const current = (await strapi.db.query('api::ticket.ticket').findOne({
        where: { id: ticket.id },
        populate: { attachments: { select: ['id'] } },
      })) as { attachments?: { id: number }[] } | null;
      const ids = [...(current?.attachments ?? []).map((file) => file.id), ...files.map((file) => file.id)];
      await strapi.documents('api::ticket.ticket').update({ documentId: ticket.documentId, data: { attachments: ids } as never });
      await getTimelineService(strapi).append(
        ticket,
        { type: 'ticket.attachments-added', data: { attachments: await this.evidence(files.map((file) => file.id)) } },
        actor
      );
    });
  },

  async evidence(ids: number[]): Promise<AttachmentEvidence[]> {
    if (ids.length === 0) return [];
    const files = (await strapi.db.query(FILE).findMany({ where: { id: { $in: ids } }, orderBy: { id: 'asc' } })) as StoredFile[];
    return files.map((file) => ({
      id: file.id,
      name: file.name,
      mime: file.mime,
      sizeKb: Number(file.size),
      sha256: file.provider_metadata?.sha256 ?? null,
    }));
  },
});

export type AttachmentsService = ReturnType<typeof attachments>;
export default attachments;
