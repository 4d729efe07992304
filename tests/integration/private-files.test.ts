import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { signUrl } from 'strapi-provider-upload-signed-local/signature';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors, startTestInstance, uploadsDir } from '../support/api';
import { connect } from '../support/database';
import { filesForm, pngImage, rawGet } from '../support/files';
import { ROOT, type RunningInstance } from '../support/instances';

/** Where the instances keep attachments (this file's UPLOADS_DIR), and where they used to (the web root). */
const privateDir = () => uploadsDir();
const PUBLIC_UPLOADS = path.join(ROOT, 'public', 'uploads');
/** The test instances run with the development keys: a test may forge a signature to show what it still cannot reach. */
const SECRET = process.env.UPLOAD_URL_SECRET ?? process.env.APP_KEYS?.split(',')[0] ?? 'spoc-desk-dev-key-1';

const SANDBOX = "sandbox; default-src 'none'";

interface StoredFile {
  id: number;
  name: string;
  url: string;
  mime: string;
  formats?: Record<string, { url: string }> | null;
}

describe.each(backends())('private attachments on $name', (backend) => {
  let a: Actors;
  let ticket: { documentId: string };
  beforeAll(async () => {
    a = await actors(backend);
    ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
  });

  /** Attaches files to the test's ticket as its Staff user, and returns them as a reader gets them (signed). */
  async function attach(files: Array<[string, Buffer, string]>): Promise<StoredFile[]> {
    const res = await a.staff.request('POST', `/api/tickets/${ticket.documentId}/attachments`, filesForm(null, files));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const names = files.map(([name]) => name);
    return (res.body.data.attachments as StoredFile[]).filter((file) => names.includes(file.name));
  }

  it('stores attachments outside the web root and serves them on a signed link of their own route, with headers that keep them inert', async () => {
    const marker = `riservato-${randomUUID()}`;
    const [file] = await attach([['verbale è.txt', Buffer.from(`${marker}\n`), 'text/plain']]);
    expect(file.url).toMatch(/^\/api\/files\/[A-Za-z0-9_-]+\.txt\?exp=\d+&sig=[\w-]+$/);
    const key = file.url.split('?')[0].split('/').pop()!;
    expect(existsSync(path.join(privateDir(), key))).toBe(true);
    expect(existsSync(path.join(PUBLIC_UPLOADS, key))).toBe(false);

    const served = await rawGet(backend.url, file.url);
    expect(served.status).toBe(200);
    expect(served.body.toString()).toBe(`${marker}\n`);
    expect(served.headers['content-type']).toBe('application/octet-stream');
    expect(served.headers['content-disposition']).toMatch(/^attachment; /);
    expect(served.headers['content-disposition']).toContain("filename*=UTF-8''verbale%20%C3%A8.txt");
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.headers['content-security-policy']).toBe(SANDBOX);
    expect(served.headers['cache-control']).toMatch(/^private\b/);
    const head = await fetch(backend.url + file.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(SANDBOX);
    expect((await fetch(backend.url + file.url.split('?')[0], { method: 'HEAD' })).status).toBe(403);
  });

  it('serves nothing without a valid signature on the exact key, in any spelling of any path', async () => {
    const marker = `segreto-${randomUUID()}`;
    const [file] = await attach([['nota.txt', Buffer.from(marker), 'text/plain']]);
    const [signedPath, query] = file.url.split('?');
    const key = signedPath.split('/').pop()!;
    const stem = key.replace(/\.txt$/, '');
    const forged = (rawPath: string) => signUrl(SECRET, rawPath, 3600);

    const spellings = [
      // The old public folder, as the issue found it readable and more.
      `/uploads/${key}`,
      `/uploads/${key}?${query}`,
      `/%75ploads/${key}`,
      `/uploads%2f${key}`,
      `/uploads%2F${key}`,
      `/./uploads/${key}`,
      `/portal/../uploads/${key}`,
      `/portal/%2e%2e/uploads/${key}`,
      `/portal/%2E%2E/uploads/${key}`,
      `/portal/%252e%252e/uploads/${key}`,
      `/%252e/uploads/${key}`,
      `/uploads%5c${key}`,
      `/%5cuploads/${key}`,
      `/portal\\..\\uploads\\${key}`,
      `//uploads/${key}`,
      `/UPLOADS/${key}`,
      `/Uploads/${key}`,
      `/uploads./${key}`,
      `/uploads/${key}.`,
      `/uploads/${key}%00`,
      `/uploads/${stem}%2etxt`,
      `/portal/../../uploads/${key}`,
      // The new route without its signature, or with one for another key.
      `/api/files/${key}`,
      `/api/files/${key}?exp=9999999999`,
      `/api/files/${key}?exp=9999999999&sig=${'A'.repeat(43)}`,
      `/api/files/${key}?${query.replace(/sig=([\w-])/, (_all: string, first: string) => `sig=${first === '_' ? '-' : '_'}`)}`,
      `/api/files/${key.toUpperCase()}?${query}`,
      `/api/files/${key}.?${query}`,
      `/api/files/${key}%20?${query}`,
      `/api/files/${stem}.TXT?${query}`,
      `/API/FILES/${key}`,
      `/api/files//${key}`,
      `/api/files/./${key}`,
      `/api/files/%2e/${key}?${query}`,
      `/api/files/x/../${key}`,
      `/api/files/..%2f..%2fpackage.json`,
      `/api/files/..%2F..%2Fconfig%2Fplugins.ts`,
      `/api/files/%2e%2e%2fuploads%2f${key}`,
      `/api/files/%252e%252e%252fpackage.json`,
      `/api/files/..%5c..%5cpackage.json`,
      `/api/files/${key}%2f..%2f${key}`,
      // Signed, even: a signature does not make a path out of the store, or a file no record names, readable.
      forged('/api/files/../../package.json'),
      forged('/api/files/..%2f..%2fpackage.json'),
      forged('/api/files/.env'),
      forged('/api/files/package.json'),
      forged(`/api/files/${stem}_copia.txt`),
      // An expired link.
      signUrl(SECRET, signedPath, -10),
    ];
    for (const spelling of spellings) {
      const res = await rawGet(backend.url, spelling);
      expect([400, 403, 404], `${spelling} answered ${res.status}`).toContain(res.status);
      expect(res.body.includes(marker), `${spelling} gave the bytes`).toBe(false);
    }
    expect((await rawGet(backend.url, `/api/files/${key}`)).status).toBe(403);
    expect((await rawGet(backend.url, signUrl(SECRET, signedPath, -10))).status).toBe(403);
    expect((await rawGet(backend.url, forged(`/api/files/${stem}_copia.txt`))).status).toBe(404);
    expect((await rawGet(backend.url, `/uploads/${key}`)).status).toBe(404);
    // And the one right spelling works.
    expect((await rawGet(backend.url, file.url)).body.toString()).toBe(marker);
  });

  it('shows inline only the types a browser merely displays, with the type their bytes prove', async () => {
    const png = pngImage(20, 20);
    const html = Buffer.from('<!DOCTYPE html><html><body><script>document.title="preso"</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>document.title="preso"</script></svg>');
    const js = Buffer.from('document.title = "preso";');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const files = await attach([
      ['schermata.html', png, 'text/html'],
      ['foto.png', html, 'image/png'],
      ['disegno.svg', svg, 'image/svg+xml'],
      ['payload.js', js, 'text/javascript'],
      ['modulo.pdf', pdf, 'application/pdf'],
    ]);
    const byName = (name: string) => files.find((file) => file.name === name)!;
    const get = (name: string) => rawGet(backend.url, byName(name).url);

    const image = await get('schermata.html');
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline; /);
    expect(image.body.subarray(0, 8)).toEqual(png.subarray(0, 8));
    const document = await get('modulo.pdf');
    expect(document.headers['content-type']).toBe('application/pdf');
    expect(document.headers['content-disposition']).toMatch(/^inline; /);

    for (const name of ['foto.png', 'disegno.svg', 'payload.js']) {
      const res = await get(name);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toBe('application/octet-stream');
      expect(res.headers['content-disposition'], name).toMatch(/^attachment; /);
      expect(res.headers['content-security-policy'], name).toBe(SANDBOX);
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
    }
  });

  it('signs the URLs of image formats (thumbnails) for tools and the admin media library, and serves them', async () => {
    const [file] = await attach([['grande.png', pngImage(), 'image/png']]);
    const listed = (await a.tool.get(`/api/upload/files/${file.id}`)).body as StoredFile;
    const thumbnail = listed.formats?.thumbnail;
    expect(thumbnail?.url).toMatch(/^\/api\/files\/thumbnail_[A-Za-z0-9_-]+\.png\?exp=\d+&sig=/);
    const res = await rawGet(backend.url, thumbnail!.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect((await rawGet(backend.url, thumbnail!.url.split('?')[0])).status).toBe(403);

    const library = await a.admin.get('/upload/files?pageSize=100&sort=id:desc');
    const inLibrary = (library.body.results as StoredFile[]).find((entry) => entry.id === file.id)!;
    expect(inLibrary.url).toMatch(/^\/api\/files\/.+\?exp=\d+&sig=/);
    expect((await rawGet(backend.url, inLibrary.url)).status).toBe(200);
    expect((await rawGet(backend.url, inLibrary.formats!.thumbnail.url)).status).toBe(200);
  });
});

describe.each(backends())('files of an older version, on $name', (backend) => {
  const extra: RunningInstance[] = [];
  afterAll(async () => {
    await Promise.all(extra.map((instance) => instance.stop()));
  });

  it('moves files stored under public/uploads into the private store at boot, once, with two instances starting (together, on PostgreSQL)', async () => {
    const a = await actors(backend);
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
    const res = await a.staff.request('POST', `/api/tickets/${ticket.documentId}/attachments`, filesForm(null, [['vecchia.png', pngImage(), 'image/png']]));
    expect(res.status).toBe(201);
    const file = (res.body.data.attachments as StoredFile[]).find((entry) => entry.name === 'vecchia.png')!;
    const key = file.url.split('?')[0].replace('/api/files/', '');
    const thumbnailKey = file.formats!.thumbnail.url.split('?')[0].replace('/api/files/', '');

    // Put the file back as the previous version kept it: bytes in the web root, rows naming /uploads/.
    // In a web root of this test's own (PUBLIC_DIR): another file's instance booting meanwhile would sweep the
    // shared public/uploads into its own store.
    const webRoot = path.join(privateDir(), '..', 'legacy-public');
    const legacyUploads = path.join(webRoot, 'uploads');
    mkdirSync(legacyUploads, { recursive: true });
    for (const name of [key, thumbnailKey]) renameSync(path.join(privateDir(), name), path.join(legacyUploads, name));
    const sql = await connect(backend.db);
    try {
      const [row] = await sql.query<{ formats: string | object }>('SELECT formats FROM files WHERE id = ?', [file.id]);
      const formats = JSON.stringify(typeof row.formats === 'string' ? JSON.parse(row.formats) : row.formats).replaceAll('/api/files/', '/uploads/');
      await sql.query('UPDATE files SET url = ?, formats = ?, provider = ? WHERE id = ?', [`/uploads/${key}`, formats, 'local', file.id]);
      await sql.query('UPDATE tickets SET description_html = ? WHERE document_id = ?', [`<p>Schermata: <img src="/uploads/${key}" alt="errore" /></p>`, ticket.documentId]);
    } finally {
      await sql.close();
    }

    // Two at once where several instances share a database (PostgreSQL); one after the other on SQLite,
    // whose single file Strapi's own boot cannot share with two starting processes ("database is locked").
    const env = { PUBLIC_DIR: webRoot };
    if (backend.name === 'postgres') extra.push(...(await Promise.all([startTestInstance(backend.db, env), startTestInstance(backend.db, env)])));
    else for (let n = 0; n < 2; n++) extra.push(await startTestInstance(backend.db, env));
    expect(existsSync(path.join(legacyUploads, key))).toBe(false);
    expect(existsSync(path.join(legacyUploads, thumbnailKey))).toBe(false);
    expect(existsSync(path.join(privateDir(), key))).toBe(true);
    expect(existsSync(path.join(privateDir(), thumbnailKey))).toBe(true);

    for (const url of [backend.url, ...extra.map((instance) => instance.url)]) {
      const moved = (await a.tool.request('GET', `/api/upload/files/${file.id}`)).body as StoredFile;
      expect(moved.url).toMatch(new RegExp(`^/api/files/${key}\\?exp=\\d+&sig=`));
      expect(moved.formats!.thumbnail.url).toMatch(new RegExp(`^/api/files/${thumbnailKey}\\?exp=\\d+&sig=`));
      expect((await rawGet(url, moved.url)).status).toBe(200);
      expect((await rawGet(url, moved.formats!.thumbnail.url)).headers['content-type']).toBe('image/png');
      for (const old of [`/uploads/${key}`, `/uploads/${thumbnailKey}`, `/%75ploads/${key}`]) expect((await rawGet(url, old)).status).toBe(404);
      const html = (await a.staff.get(`/api/tickets/${ticket.documentId}`)).body.data.descriptionHtml as string;
      const src = /<img src="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
      expect(src).toMatch(new RegExp(`^/api/files/${key}\\?exp=\\d+&sig=`));
      expect((await rawGet(url, src)).status).toBe(200);
    }
  });
});
