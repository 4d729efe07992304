import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

/** What may change between two requests: the time left on the SLA clocks, and the timeline the outbox worker appends to. */
const VOLATILE = new Set(['remainingMs', 'timelineHash', 'timelineLength', 'updatedAt']);
const stable = (data: unknown) => JSON.parse(JSON.stringify(data, (key, value) => (VOLATILE.has(key) ? undefined : value)));

/**
 * A portal user's plain page of tickets is found by an index-friendly query (src/access/scoped-page.ts); it
 * must give exactly what Strapi's own query gives. A filter that excludes nothing sends the same request
 * through Strapi's query, for comparison.
 */
describe.each(backends())('portal ticket list pages on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
    // Enough tickets on both sides for several pages, some reported at the same instant (ties broken by id).
    const reportedAt = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < 6; i++) {
      await createTicket(a.tool, a.organizations.azienda.documentId, { title: `Pagina ${i}`, priority: i % 2 ? 'P2' : 'P4', reportedAt });
      await createTicket(a.tool, a.organizations.ulss.documentId, { title: `Altro ente ${i}`, reportedAt });
    }
    await a.staff.post('/api/tickets', { data: { title: 'Mia richiesta', kind: 'request', priority: 'P3' } });
  });

  const page = async (client: 'staff' | 'referent' | 'otherStaff', query: string) => {
    const res = await a[client].get(`/api/tickets?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return { keys: res.body.data.map((t: { documentId: string }) => t.documentId), pagination: res.body.meta.pagination, data: res.body.data };
  };

  it("gives the same pages, in the same order, as Strapi's own query", async () => {
    const queries = [
      'pagination[page]=1&pagination[pageSize]=5&sort=reportedAt:desc',
      'pagination[page]=2&pagination[pageSize]=5&sort=reportedAt:desc',
      'pagination[page]=1&pagination[pageSize]=7&sort=priority:asc',
      'pagination[page]=2&pagination[pageSize]=3&sort=number',
      'pagination[page]=1&pagination[pageSize]=5&sort=reportedAt:desc&mine=true',
      'pagination[page]=999&pagination[pageSize]=25&sort=reportedAt:desc',
      'pagination[page]=1&pagination[pageSize]=25&sort=title:desc&populate=category',
      // As the portal's list asks.
      'sort[0]=reportedAt%3Adesc&sort[1]=id%3Adesc&populate[category][fields][0]=name&fields[0]=number&fields[1]=title&fields[2]=state&fields[3]=priority&fields[4]=channel&fields[5]=kind&fields[6]=reportedAt&pagination[page]=1&pagination[pageSize]=4',
      'mine=true&sort[0]=reportedAt%3Adesc&sort[1]=id%3Adesc&fields[0]=number&pagination[page]=2&pagination[pageSize]=2',
      'sort[0]=priority%3Aasc&sort[1]=id%3Aasc&pagination[page]=2&pagination[pageSize]=3',
    ];
    for (const client of ['staff', 'referent', 'otherStaff'] as const) {
      for (const query of queries) {
        const fast = await page(client, query);
        const strapi = await page(client, `${query}&filters[id][$gt]=0`);
        expect(fast.keys, `${client} ${query}`).toEqual(strapi.keys);
        expect(fast.pagination, `${client} ${query}`).toEqual(strapi.pagination);
        expect(stable(fast.data), `${client} ${query}`).toEqual(stable(strapi.data));
      }
    }
  });

  it("never lists another organization's tickets, and every ticket keeps its SLA state", async () => {
    const mine = await page('staff', 'pagination[page]=1&pagination[pageSize]=100&sort=reportedAt:desc&populate=organization');
    expect(mine.pagination.total).toBeGreaterThanOrEqual(7);
    expect(mine.data.every((t: { organization: { code: string } }) => t.organization.code === 'AZERO')).toBe(true);
    expect(mine.data.every((t: { sla: unknown }) => t.sla !== undefined)).toBe(true);
    const theirs = await page('otherStaff', 'pagination[page]=1&pagination[pageSize]=100&sort=reportedAt:desc&populate=organization');
    expect(theirs.data.every((t: { organization: { code: string } }) => t.organization.code === 'AULSS6')).toBe(true);
    expect(theirs.keys.some((key: string) => mine.keys.includes(key))).toBe(false);
  });
});
