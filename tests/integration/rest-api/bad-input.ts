import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

/**
 * Text that no database should be handed (a NUL character, which PostgreSQL refuses; a lone UTF-16
 * surrogate, which is no character at all) and keys that name JavaScript's object machinery are refused with
 * a 400 naming where they are, whoever sends them and wherever they are; nothing is written.
 */
describe.each(backends())('bad bytes and reserved keys on $name', (backend) => {
  let a: Actors;
  let org: string;
  let ticket: { documentId: string };
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.quiet.documentId;
    ticket = await createTicket(a.tool, org, { title: 'Ticket per i seguiti con caratteri non validi' });
  });

  const stamp = () => `Caratteri non validi ${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const ticketsTitled = async (title: string) =>
    (await a.tool.get(`/api/tickets?filters[title][$startsWith]=${encodeURIComponent(title)}`)).body.data as unknown[];

  const NUL = '\u0000';
  const LONE_HIGH = '\ud83d';
  const LONE_LOW = '\ude00';

  it.each([
    ['a NUL in the title', (title: string) => ({ title: `${title}${NUL}` }), ['title']],
    ['a NUL in the description', (title: string) => ({ title, description: `riga uno${NUL}riga due` }), ['description']],
    ['a lone high surrogate in the title', (title: string) => ({ title: `${title}${LONE_HIGH}` }), ['title']],
    ['a lone low surrogate in the description', (title: string) => ({ title, description: `${LONE_LOW}x` }), ['description']],
  ])('refuses a portal request with %s, naming the field', async (_label, data, path) => {
    const title = stamp();
    const res = await a.staff.post('/api/tickets', { data: { kind: 'incident', priority: 'P3', ...data(title) } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(path);
    expect(await ticketsTitled(title)).toEqual([]);
  });

  it('accepts a well-formed pair of surrogates (an emoji) where a lone one is refused', async () => {
    const title = `${stamp()} 😀`;
    const res = await a.staff.post('/api/tickets', { data: { title, kind: 'incident', priority: 'P3' } });
    expect(res.status).toBe(201);
    expect(res.body.data.title).toBe(title);
  });

  it('refuses the same from a tool, in a multipart form, in a follow-up and in a phone call', async () => {
    const title = stamp();
    const fromTool = await a.tool.post('/api/tickets', { data: { title: `${title}${NUL}`, organization: org } });
    expect(fromTool.status).toBe(400);
    expect(fromTool.body.error.details.errors[0].path).toEqual(['title']);

    const form = new FormData();
    form.append('data', JSON.stringify({ title, description: `x${NUL}`, kind: 'request', priority: 'P4' }));
    form.append('files', new Blob([Buffer.from('nota')], { type: 'text/plain' }), 'nota.txt');
    const multipart = await a.staff.request('POST', '/api/tickets', form);
    expect(multipart.status).toBe(400);
    expect(multipart.body.error.details.errors[0].path).toEqual(['description']);
    expect(await ticketsTitled(title)).toEqual([]);

    const followUp = await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: `Seguito${NUL}` } });
    expect(followUp.status).toBe(400);
    expect(followUp.body.error.details.errors[0].path).toEqual(['body']);
    const followUps = await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${ticket.documentId}`);
    expect(followUps.body.data).toEqual([]);

    const callId = `bad-bytes-${Date.now()}`;
    const call = await a.tool.post('/api/calls', { data: { callId, callerNumber: `+39 049 123 4567${NUL}`, startedAt: new Date().toISOString() } });
    expect(call.status).toBe(400);
    expect(call.body.error.details.errors[0].path).toEqual(['callerNumber']);
    expect((await a.tool.get(`/api/calls?filters[callId][$eq]=${callId}`)).body.data).toEqual([]);
  });

  it('names a nested place in the body', async () => {
    const res = await a.tool.post('/api/tickets', { data: { title: stamp(), organization: org, category: { connect: [{ documentId: `x${NUL}` }] } } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['category', 'connect', 0, 'documentId']);
  });

  it.each(['constructor', 'prototype', '__proto__'])('refuses a %s key in data with 400 naming it', async (key) => {
    const title = stamp();
    // Written by hand: JSON.stringify would drop or mangle __proto__.
    const body = `{"data":{"title":${JSON.stringify(title)},"kind":"incident","priority":"P3","${key}":{"polluted":true}}}`;
    const sent = await fetch(`${backend.url}/api/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.staff.token}` },
      body,
    });
    expect(sent.status).toBe(400);
    expect(((await sent.json()) as { error: { details: { errors: Array<{ path: string[] }> } } }).error.details.errors[0].path).toEqual([key]);
    expect(await ticketsTitled(title)).toEqual([]);
    // Nothing leaked into the objects of the server.
    const ok = await a.staff.post('/api/tickets', { data: { title: `${title} dopo`, kind: 'incident', priority: 'P3' } });
    expect(ok.status).toBe(201);
    expect(ok.body.data.polluted).toBeUndefined();
  });

  it('refuses a NUL or a reserved key in the query string and the path, never a 500', async () => {
    const nulFilter = await a.staff.get(`/api/tickets?filters[title][$eq]=${encodeURIComponent(`x${NUL}`)}`);
    expect(nulFilter.status).toBe(400);
    expect(nulFilter.body.error.details.errors[0].path).toEqual(['filters', 'title', '$eq']);
    const toolFilter = await a.tool.get(`/api/follow-ups?filters[body][$contains]=%00`);
    expect(toolFilter.status).toBe(400);
    const reserved = await a.tool.get('/api/tickets?filters[constructor][$eq]=1');
    expect(reserved.status).toBe(400);
    expect(reserved.body.error.details.errors[0].path).toEqual(['filters', 'constructor']);
    const inPath = await a.staff.get('/api/tickets/abc%00def');
    expect(inPath.status).toBe(400);
    const surrogateInPath = await a.staff.get('/api/tickets/%ED%A0%80');
    expect([400, 404]).toContain(surrogateInPath.status);
  });
});
