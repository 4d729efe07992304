import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { FILE_URL_PREFIX, resolveUploadsDir } from 'strapi-provider-upload-signed-local/files';
import { readHead } from '../../../utils/file-head';
import { fileResponseHeaders } from '../file-response';
import { LEGACY_URL_PREFIX, legacyKeyOf, planRowMove, type LegacyFileRow } from '../legacy-uploads';

const FILES_TABLE = 'files';
const PROVIDER = 'strapi-provider-upload-signed-local';

interface UploadConfig {
  provider?: string;
  providerOptions?: { secret?: string; directory?: string };
}

interface FileRow {
  name: string;
  url: string;
  formats: Record<string, { url?: string; name?: string }> | string | null;
}

const parseFormats = (formats: FileRow['formats']) => (typeof formats === 'string' ? JSON.parse(formats) : formats) as LegacyFileRow['formats'];

/** Moves a file, if it is still there (another instance may have moved it first); across file systems too. */
async function moveFile(from: string, to: string) {
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from).catch(() => undefined);
  }
}

const file = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::upload') as UploadConfig;
  const directory = () => resolveUploadsDir(config().providerOptions?.directory, strapi.dirs.app.root);
  const legacyDirectory = () => path.join(strapi.dirs.static.public, 'uploads');

  return {
    secret(): string {
      return config().providerOptions?.secret ?? '';
    },

    /** The bytes of a stored file a media library row names (the file itself or one of its formats), with the headers to serve them. */
    async open(key: string) {
      const url = `${FILE_URL_PREFIX}${key}`;
      const query = strapi.db.query('plugin::upload.file');
      let row = (await query.findOne({ where: { url }, select: ['name', 'url', 'formats'] })) as FileRow | null;
      let name = row?.name;
      if (!row) {
        // A format (thumbnail_, small_, …): its hash is the format's name and the file's hash.
        const [, format, hash] = /^([a-z]+)_(.+?)(?:\.[A-Za-z0-9]+)?$/.exec(key) ?? [];
        if (!format) return null;
        row = (await query.findOne({ where: { hash }, select: ['name', 'url', 'formats'] })) as FileRow | null;
        const entry = row ? parseFormats(row.formats)?.[format] : undefined;
        if (!row || entry?.url !== url) return null;
        name = `${format}_${row.name}`;
      }
      const filepath = path.join(directory(), key);
      const found = await stat(filepath).catch(() => null);
      if (!found?.isFile()) return null;
      return { size: found.size, headers: fileResponseHeaders(await readHead(filepath), name ?? key), read: () => createReadStream(filepath) };
    },

    /**
     * Files of versions that stored them under public/uploads move to the private store, and the rows and
     * mail HTML that named them follow. Run at every boot; does nothing once done. Safe with two instances
     * booting at once: a file is moved only if it is still there, a row is changed only while it still
     * names the old URL, and both agree on every new name (legacyKeyOf depends on the old name alone).
     */
    async moveLegacyUploads() {
      const store = directory();
      await mkdir(store, { recursive: true });
      const legacy = legacyDirectory();
      const knex = strapi.db.connection;
      const rows = (await knex(FILES_TABLE).select('id', 'url', 'formats', 'provider').where('url', 'like', `${LEGACY_URL_PREFIX}%`)) as Array<
        FileRow & { id: number; provider: string }
      >;
      for (const row of rows) {
        const plan = planRowMove({ url: row.url, formats: parseFormats(row.formats) });
        for (const move of plan.moves) await moveFile(path.join(legacy, move.from), path.join(store, move.to));
        await knex(FILES_TABLE)
          .where({ id: row.id, url: row.url })
          .update({ url: plan.url, formats: plan.formats ? JSON.stringify(plan.formats) : null, provider: row.provider === 'local' ? PROVIDER : row.provider });
      }
      // Whatever is left in the web root (files no row names) leaves it too: nothing stays public.
      const left = await readdir(legacy, { withFileTypes: true }).catch(() => []);
      for (const entry of left) {
        if (!entry.isFile()) continue;
        if (entry.name === '.gitkeep') await unlink(path.join(legacy, entry.name)).catch(() => undefined);
        else await moveFile(path.join(legacy, entry.name), path.join(store, legacyKeyOf(entry.name)));
      }
      // Mail HTML: the intake's inline images, named by their old URL.
      const before = `src="${LEGACY_URL_PREFIX}`;
      const after = `src="${FILE_URL_PREFIX}`;
      for (const [table, column] of [
        ['tickets', 'description_html'],
        ['follow_ups', 'body_html'],
      ]) {
        await knex(table)
          .where(column, 'like', `%${before}%`)
          .update({ [column]: knex.raw('REPLACE(??, ?, ?)', [column, before, after]) });
      }
      if (rows.length) strapi.log.info(`Moved ${rows.length} files from public/uploads to the private store`);
    },
  };
};

export type FileService = ReturnType<typeof file>;
export default file;
