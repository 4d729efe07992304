/**
 * Files of versions before the private store: bytes under `public/uploads/`, rows and mail HTML naming
 * `/uploads/<name>`. What each becomes. Pure: no Strapi import, tested alone.
 */
import { createHash } from 'node:crypto';
import { FILE_URL_PREFIX, isFileKey, safeExtension } from 'strapi-provider-upload-signed-local/files';

export const LEGACY_URL_PREFIX = '/uploads/';

/**
 * The key a file stored as `name` gets in the private store: the same name when it is a valid key (Strapi's
 * hash and a plain extension: always, for files Strapi named), else a name derived from it alone, so that
 * two instances moving the same file at once agree on where it goes.
 */
export function legacyKeyOf(name: string): string {
  if (isFileKey(name)) return name;
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const key = `${stem}${safeExtension(dot > 0 ? name.slice(dot) : '')}`;
  return isFileKey(key) ? key : `legacy_${createHash('sha256').update(name).digest('hex').slice(0, 20)}`;
}

/** The new URL of an old `/uploads/<name>` URL, or null when it is not one. */
export function movedUrl(url: unknown): { from: string; to: string } | null {
  if (typeof url !== 'string' || !url.startsWith(LEGACY_URL_PREFIX)) return null;
  const name = url.slice(LEGACY_URL_PREFIX.length).split('?')[0];
  if (!name || name.includes('/')) return null;
  return { from: name, to: legacyKeyOf(name) };
}

export interface LegacyFileRow {
  url: string;
  formats: Record<string, { url?: string } & Record<string, unknown>> | null;
}

/** Every file a row's URLs name (the file and its formats), and the row's URLs rewritten to the new route. */
export function planRowMove(row: LegacyFileRow): { moves: Array<{ from: string; to: string }>; url: string; formats: LegacyFileRow['formats'] } {
  const moves: Array<{ from: string; to: string }> = [];
  const rewrite = (url: string | undefined) => {
    const moved = movedUrl(url);
    if (!moved) return url;
    moves.push(moved);
    return `${FILE_URL_PREFIX}${moved.to}`;
  };
  const url = rewrite(row.url) as string;
  const formats = row.formats
    ? Object.fromEntries(Object.entries(row.formats).map(([name, format]) => [name, { ...format, url: rewrite(format.url) }]))
    : row.formats;
  return { moves, url, formats };
}
