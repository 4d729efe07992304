import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, type Actors, type Api } from '../../support/api';

const TICKET = 'api::ticket.ticket';
const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';

/**
 * Issue 14, item 1: Strapi 5 reserves `status` for draft and publish, so a lifecycle attribute of that name
 * broke the Content Manager (every create answered 400 "Invalid status"). Its own admin API is driven here
 * as the panel's form drives it: the form starts from every attribute's default, so the body carries the
 * lifecycle attribute with its default value.
 */
describe.each(backends())('the Content Manager and the lifecycle state on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  /** What the panel's create form sends before anyone types: each attribute that has a default, with it. */
  const formDefaults = async (admin: Api, uid: string) => {
    const res = await admin.get('/content-manager/content-types');
    expect(res.status).toBe(200);
    const type = (res.body.data as Array<{ uid: string; attributes: Record<string, { default?: unknown }> }>).find((entry) => entry.uid === uid)!;
    return Object.fromEntries(Object.entries(type.attributes).filter(([, attribute]) => attribute.default !== undefined).map(([name, attribute]) => [name, attribute.default]));
  };

  it('creates a ticket from the form with its default state: numbered, state new', async () => {
    const defaults = await formDefaults(a.admin, TICKET);
    const res = await a.operator.post(`/content-manager/collection-types/${TICKET}`, {
      ...defaults,
      title: 'Telefonata: stampante di reparto ferma',
      kind: 'incident',
      priority: 'P3',
      channel: 'phone',
      organization: { connect: [{ documentId: a.organizations.azienda.documentId }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.data).toMatchObject({ state: 'new', number: expect.stringMatching(/^HD-\d{4}-\d{6}$/) });
    expect(defaults).toMatchObject({ state: 'new' });
    expect(defaults).not.toHaveProperty('status');

    // The list shows the lifecycle state, not draft/published.
    const list = await a.operator.get(`/content-manager/collection-types/${TICKET}?sort=id:desc&pageSize=5`);
    expect(list.status).toBe(200);
    expect(list.body.results.find((row: { documentId: string }) => row.documentId === res.body.data.documentId)).toMatchObject({ state: 'new' });
  });

  it('creates a maintenance log from the form and moves it to another state', async () => {
    const defaults = await formDefaults(a.admin, MAINTENANCE_LOG);
    const created = await a.admin.post(`/content-manager/collection-types/${MAINTENANCE_LOG}`, {
      ...defaults,
      title: 'Riavvio del server di posta',
      organization: { connect: [{ documentId: a.organizations.quiet.documentId }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data).toMatchObject({ state: 'planned' });

    const documentId = created.body.data.documentId as string;
    const moved = await a.admin.put(`/content-manager/collection-types/${MAINTENANCE_LOG}/${documentId}`, { ...created.body.data, state: 'in_progress' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await a.tool.get(`/api/maintenance-logs/${documentId}`)).body.data).toMatchObject({ state: 'in_progress' });
  });

  it('names state in a 400 for a value outside the lifecycle', async () => {
    const res = await a.tool.post('/api/maintenance-logs', { data: { title: 'x', type: 'planned', state: 'finished', organization: a.organizations.quiet.documentId } });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['state']);
  });
});
