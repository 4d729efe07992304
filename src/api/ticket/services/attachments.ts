import type { Core } from '@strapi/strapi';
import type { IncomingFile } from '../../../utils/request-body';
import { getTimelineService } from '../../../utils/services';
import type { Actor } from '../../ticket-event/hash-chain';

const FILE = 'plugin::upload.file';

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
  mime: string;
  size: number;
  provider_metadata?: { sha256?: string } | null;
}

const attachments = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Stores files through the upload plugin (its size limit and private provider apply). */
  async store(files: IncomingFile[]): Promise<StoredFile[]> {
    if (files.length === 0) return [];
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
