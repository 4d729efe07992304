import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function form(data: Record<string, unknown> | null, files: Array<[string, Buffer, string]>) {
  const body = new FormData();
  if (data) body.append('data', JSON.stringify(data));
  for (const [name, bytes, type] of files) body.append('files', new Blob([bytes], { type }), name);
  return body;
}

describe.each(backends())('attachments and files on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  const download = (url: string) => fetch(backend.url + url);

  it('opens a portal request with a document, served only on its signed link', async () => {
    const res = await a.staff.request('POST', '/api/tickets', form({ title: 'Modulo di richiesta accesso', kind: 'request', priority: 'P4' }, [['modulo.pdf', PDF, 'application/pdf']]));
    expect(res.status).toBe(201);
    const ticket = res.body.data;
    const stored = await a.staff.get(`/api/tickets/${ticket.documentId}?populate[attachments]=true`);
    const file = stored.body.data.attachments[0];
    expect(file.name).toBe('modulo.pdf');
    expect(file.url).toMatch(/^\/api\/files\/.+\?exp=\d+&sig=/);

    const ok = await download(file.url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(PDF)).toBe(true);
    expect(ok.headers.get('cache-control')).toContain('private');

    const bare = file.url.split('?')[0];
    expect((await download(bare)).status).toBe(403);
    expect((await download(file.url.replace(/sig=(.)/, (_all: string, first: string) => `sig=${first === 'A' ? 'B' : 'A'}`))).status).toBe(403);
    const otherFile = bare.replace(/[^/]+$/, 'guessed.pdf');
    expect((await download(`${otherFile}?${file.url.split('?')[1]}`)).status).toBe(403);

    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
    expect(events.body.data[0].data.attachments).toEqual([
      expect.objectContaining({ name: 'modulo.pdf', mime: 'application/pdf', sha256: sha256(PDF) }),
    ]);
  });

  it('refuses a program disguised as a document, by its bytes, before anything is stored', async () => {
    // "MZ" and a PE header: a Windows program, whatever its name and declared type say.
    const program = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(64), Buffer.from('PE\0\0')]);
    const title = `Fattura da verificare ${Date.now()}`;
    const name = `fattura-${Date.now()}.pdf`;
    const res = await a.staff.request('POST', '/api/tickets', form({ title, kind: 'request', priority: 'P4' }, [[name, program, 'application/pdf']]));
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['files']);
    expect(res.body.error.message).toContain(name);
    expect((await a.tool.get(`/api/tickets?filters[title][$eq]=${encodeURIComponent(title)}`)).body.data).toEqual([]);
    expect((await a.tool.get(`/api/upload/files?filters[name][$eq]=${name}`)).body).toEqual([]);

    const many = Array.from({ length: 11 }, (_, n) => [`nota-${n}.txt`, Buffer.from(`nota ${n}`), 'text/plain'] as [string, Buffer, string]);
    const tooMany = await a.staff.request('POST', '/api/tickets', form({ title, kind: 'request', priority: 'P4' }, many));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.errors[0].path).toEqual(['files']);
  });

  it('adds documents to an open ticket of the own organization only', async () => {
    const mine = await createTicket(a.tool, a.organizations.azienda.documentId);
    const theirs = await createTicket(a.tool, a.organizations.ulss.documentId);
    const screenshot = Buffer.from('89504e470d0a1a0a', 'hex');
    const added = await a.staff.request('POST', `/api/tickets/${mine.documentId}/attachments`, form(null, [['errore.png', screenshot, 'image/png'], ['log.txt', Buffer.from('errore 500'), 'text/plain']]));
    expect(added.status).toBe(201);
    expect(added.body.data.attachments.map((f: { name: string }) => f.name).sort()).toEqual(['errore.png', 'log.txt']);

    expect((await a.staff.request('POST', `/api/tickets/${theirs.documentId}/attachments`, form(null, [['x.txt', Buffer.from('x'), 'text/plain']]))).status).toBe(404);
    const none = await a.staff.request('POST', `/api/tickets/${mine.documentId}/attachments`, form(null, []));
    expect(none.status).toBe(400);
    expect(none.body.error.details.errors[0].path).toEqual(['files']);

    await a.tool.post(`/api/tickets/${mine.documentId}/cancel`, { data: { reason: 'Aperto per errore' } });
    const late = await a.staff.request('POST', `/api/tickets/${mine.documentId}/attachments`, form(null, [['y.txt', Buffer.from('y'), 'text/plain']]));
    expect(late.status).toBe(409);

    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${mine.documentId}&filters[type]=ticket.attachments-added`);
    expect(events.body.data).toHaveLength(1);
    expect(events.body.data[0].data.attachments.map((f: { sha256: string }) => f.sha256)).toContain(sha256(Buffer.from('errore 500')));
  });

  it('sends a follow-up with an attachment, whose digest enters the timeline', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId);
    const bytes = Buffer.from('Seriale: AZ-0042');
    const res = await a.staff.request('POST', '/api/follow-ups', form({ ticket: ticket.documentId, body: 'Ecco la foto della targhetta' }, [['targhetta.txt', bytes, 'text/plain']]));
    expect(res.status).toBe(201);
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&filters[type]=follow-up.added`);
    expect(events.body.data[0].data.attachments[0]).toMatchObject({ name: 'targhetta.txt', sha256: sha256(bytes) });
    const followUps = await a.otherStaff.get(`/api/follow-ups?filters[ticket][documentId]=${ticket.documentId}&populate=attachments`);
    expect(followUps.body.data).toEqual([]);
  });

  it('signs file links for API tools and in the admin media library too', async () => {
    // A file of its own: in a shuffled run this test may come before every other upload of the file.
    const upload = await a.staff.request('POST', '/api/tickets', form({ title: 'Verbale firmato', kind: 'request', priority: 'P4' }, [['verbale.pdf', PDF, 'application/pdf']]));
    expect(upload.status).toBe(201);
    const tool = await a.tool.get('/api/upload/files');
    expect(tool.status).toBe(200);
    expect(tool.body.length).toBeGreaterThan(0);
    expect(tool.body.every((f: { url: string }) => /\?exp=\d+&sig=/.test(f.url))).toBe(true);
    const library = await a.admin.get('/upload/files');
    expect(library.status).toBe(200);
    expect(library.body.results.every((f: { url: string }) => /\?exp=\d+&sig=/.test(f.url))).toBe(true);
  });
});
