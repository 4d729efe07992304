import { randomUUID } from 'node:crypto';
import qs from 'qs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors, type Api } from '../../support/api';

/**
 * Filters, sorts and fields walk only what the reader may read (issue 12, item 4). A differential probe: a
 * filter on an internal note's text must answer exactly as the same filter on a text that exists nowhere.
 */

/** The filter spellings on a text reached through `path` (e.g. ['followUps']), for a secret and for its decoy. */
function spellings(path: string[], text: string): Array<[string, Record<string, unknown>]> {
  const at = (leaf: Record<string, unknown>): Record<string, unknown> => path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);
  const body = (condition: unknown) => at({ body: condition });
  return [
    ['$startsWith', body({ $startsWith: text.slice(0, 12) })],
    ['$contains', body({ $contains: text.slice(3, 15) })],
    ['$containsi', body({ $containsi: text.slice(3, 15).toUpperCase() })],
    ['$eq', body({ $eq: text })],
    ['plain', body(text)],
    ['$in', body({ $in: [text] })],
    ['$endsWith', body({ $endsWith: text.slice(-8) })],
    ['$or', { $or: [body({ $startsWith: text.slice(0, 12) }), { id: { $lt: 0 } }] }],
    ['$and', { $and: [body({ $startsWith: text.slice(0, 12) })] }],
    ['$not', { $not: body({ $startsWith: text.slice(0, 12) }) }],
    ['field $not', body({ $not: { $eq: text } })],
    ['nested $or in $and', { $and: [{ $or: [body({ $contains: text.slice(3, 15) })] }] }],
    // $null / $notNull: the note's existence, told apart by its visibility (`internal` against a value nobody has).
    ['$notNull', at({ body: { $notNull: true }, visibility: { $eq: text.startsWith('Nota') ? 'internal' : 'nessuna' } })],
    ['$null', at({ body: { $null: false }, visibility: { $eq: text.startsWith('Nota') ? 'internal' : 'nessuna' } })],
    ['visibility', at({ visibility: text.startsWith('Nota') ? 'internal' : 'nessuna' })],
  ];
}

/** The answer with the fields that change by the minute (SLA clocks) left out: the same query twice answers the same. */
async function answer(who: Api, path: string, filters: Record<string, unknown>) {
  const res = await who.get(`${path}?${qs.stringify({ filters, pagination: { pageSize: 100 } }, { encodeValuesOnly: true })}`);
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).filter(([key]) => !['sla', 'takeChargeDueAt', 'restoreDueAt'].includes(key)).map(([key, v]) => [key, strip(v)]))
        : value;
  return { status: res.status, body: strip(res.body) };
}

describe.each(backends())('filters walk only what the reader may read on $name', (backend) => {
  let a: Actors;
  let ticket: { id: number; documentId: string; number: string };
  /** Starts with 'Nota': the internal note; the decoy exists nowhere. */
  const secret = `Nota interna ${randomUUID()} password del server`;
  const decoy = `Xyzw assente ${randomUUID()} in nessun luogo qui`;

  beforeAll(async () => {
    a = await actors(backend);
    ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Ticket con nota interna' });
    expect((await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, visibility: 'internal', body: secret } })).status).toBe(201);
    expect((await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, visibility: 'public', body: 'Risposta pubblica' } })).status).toBe(201);
    const log = await a.tool.post('/api/maintenance-logs', {
      data: { title: 'Manutenzione collegata', type: 'corrective', state: 'planned', organization: a.organizations.azienda.documentId, tickets: [ticket.documentId] },
    });
    expect(log.status).toBe(201);
  });

  const probes: Array<[string, 'staff' | 'referent', string[]]> = [
    ['/api/tickets', 'staff', ['followUps']],
    ['/api/follow-ups', 'staff', ['ticket', 'followUps']],
    ['/api/ticket-events', 'staff', ['ticket', 'followUps']],
    ['/api/maintenance-logs', 'referent', ['tickets', 'followUps']],
    ['/api/maintenance-logs', 'referent', ['tickets', 'maintenanceLogs', 'tickets', 'followUps']],
    ['/api/organizations', 'staff', ['tickets', 'followUps']],
  ];

  it.each(probes)('%s answers a filter through %s on an internal note as on a text that exists nowhere (%s)', async (path, who, relationPath) => {
    const secrets = spellings(relationPath, secret);
    const decoys = spellings(relationPath, decoy);
    for (let index = 0; index < secrets.length; index++) {
      const [name, onSecret] = secrets[index];
      const seen = await answer(a[who], path, onSecret);
      const unseen = await answer(a[who], path, decoys[index][1]);
      expect(seen.status, `${path} ${relationPath.join('.')} ${name}`).toBeLessThan(500);
      expect(seen, `${path} ${relationPath.join('.')} ${name}`).toEqual(unseen);
    }
  });

  it('refuses a filter, sort or field through an internal relation with 400 naming the key', async () => {
    for (const query of [
      'filters[followUps][body][$startsWith]=Nota',
      'filters[$or][0][followUps][visibility][$eq]=internal',
      'filters[assignee][email][$startsWith]=a',
      'filters[requester][email][$startsWith]=a',
      'sort=followUps.body:asc',
      'sort[0]=followUps.body:asc',
      'sort[followUps][body]=asc',
      'fields[0]=nonEsiste',
    ]) {
      const res = await a.staff.get(`/api/tickets?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.errors[0].path.length, query).toBeGreaterThan(0);
    }
    const events = await a.staff.get('/api/ticket-events?filters[data][$contains]=Nota');
    expect(events.status).toBe(400);
  });

  it("accepts every query the portal itself sends", async () => {
    const category = (await a.tool.get('/api/categories?pagination[pageSize]=1')).body.data[0];
    const list = qs.stringify(
      {
        mine: 'true',
        filters: {
          $and: [
            { $or: [{ number: { $containsi: 'HD' } }, { title: { $containsi: 'x' } }, { description: { $containsi: 'x' } }] },
            { state: { $in: ['new', 'in_charge'] } },
            { priority: { $in: ['P1', 'P3'] } },
            { category: { documentId: { $eq: category.documentId } } },
            { reportedAt: { $gte: '2026-01-01T00:00:00.000Z' } },
            { reportedAt: { $lt: '2027-01-01T00:00:00.000Z' } },
          ],
        },
        sort: ['reportedAt:desc', 'id:desc'],
        populate: { category: { fields: ['name'] } },
        fields: ['number', 'title', 'state', 'priority', 'channel', 'kind', 'reportedAt'],
        pagination: { page: 1, pageSize: 25 },
      },
      { encodeValuesOnly: true }
    );
    expect((await a.staff.get(`/api/tickets?${list}`)).status).toBe(200);
    for (const sort of ['createdAt:asc', 'number:desc', 'priority:asc', 'state:asc', 'title:asc', 'updatedAt:desc']) {
      expect((await a.staff.get(`/api/tickets?${qs.stringify({ sort: [sort, 'id:desc'] }, { encodeValuesOnly: true })}`)).status, sort).toBe(200);
    }
    const detail = qs.stringify({ populate: ['category', 'attachments', 'followUps'] }, { encodeValuesOnly: true });
    expect((await a.staff.get(`/api/tickets/${ticket.documentId}?${detail}`)).status).toBe(200);
    const timeline = qs.stringify({ filters: { ticket: { documentId: { $eq: ticket.documentId } } }, sort: ['seq:asc'], pagination: { pageSize: 200 } }, { encodeValuesOnly: true });
    const events = await a.staff.get(`/api/ticket-events?${timeline}`);
    expect(events.status).toBe(200);
    expect(events.body.data.length).toBeGreaterThan(0);
    expect((await a.referent.get(`/api/maintenance-logs?${qs.stringify({ sort: ['scheduledStart:desc'], pagination: { pageSize: 200 } }, { encodeValuesOnly: true })}`)).status).toBe(200);
    // Plain filters on what the reader sees keep working, and still find the right rows.
    const own = await a.staff.get(`/api/tickets?filters[number][$eq]=${ticket.number}&filters[organization][code][$eq]=AZERO`);
    expect(own.body.data.map((row: { number: string }) => row.number)).toEqual([ticket.number]);
  });
});
