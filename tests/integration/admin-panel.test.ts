/**
 * The admin panel's first screens, through the admin API they use: the home page's widgets, the SLA page's
 * contract for an operator (also on a database whose operator role predates that grant), and the start
 * banner that tells where the panel and the portal are.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, startTestInstance, type Actors } from '../support/api';
import { connect, type Sql } from '../support/database';

/** Written by the system, never by hand: timeline, SLA clocks, outbox. */
const INTERNAL = ['api::ticket-event.ticket-event', 'plugin::sla.clock', 'plugin::notifications.message'];
const CONTRACT = 'plugin::sla.contract';
const READ = 'plugin::content-manager.explorer.read';

describe.each(backends())('admin panel on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
  });
  afterAll(() => sql.close());

  it('shows the ticket just changed among the last edited entries of the home page, and no internal content type', async () => {
    // A new ticket writes events, an SLA clock and outbox messages after itself: the newest rows of all.
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Stampante di reparto ferma' });
    for (const client of [a.operator, a.supervisor, a.admin]) {
      const res = await client.get('/content-manager/homepage/recent-documents?action=update');
      expect(res.status).toBe(200);
      const types = res.body.data.map((entry: { contentTypeUid: string }) => entry.contentTypeUid);
      for (const uid of INTERNAL) expect(types).not.toContain(uid);
      expect(res.body.data.map((entry: { documentId: string }) => entry.documentId)).toContain(ticket.documentId);
    }
    // The Content Manager's own list of types (its menu) does not offer them either.
    const init = await a.operator.get('/content-manager/init');
    const displayed = init.body.data.contentTypes.filter((type: { isDisplayed: boolean }) => type.isDisplayed).map((type: { uid: string }) => type.uid);
    expect(displayed).toContain('api::ticket.ticket');
    for (const uid of INTERNAL) expect(displayed).not.toContain(uid);
  });

  it('lets an operator read the SLA contract, not change it', async () => {
    const read = await a.operator.get(`/content-manager/single-types/${CONTRACT}`);
    expect(read.status).toBe(200);
    expect(Number(read.body.data.complianceThreshold)).toBe(95);
    const change = await a.operator.put(`/content-manager/single-types/${CONTRACT}`, { complianceThreshold: 50 });
    expect(change.status).toBe(403);
    expect(Number((await a.supervisor.get(`/content-manager/single-types/${CONTRACT}`)).body.data.complianceThreshold)).toBe(95);
  });

  it('gives an operator role of an older database the contract and the panel\'s users once, and leaves a supervisor’s later removal alone', async () => {
    const [role] = await sql.query<{ id: number }>("SELECT id FROM admin_roles WHERE name = 'SPOC Operator'");
    const GRANTS: Array<[string, string | null]> = [
      [READ, CONTRACT],
      ['admin::users.read', null],
    ];
    const removeGrants = async () => {
      let removed = 0;
      for (const [action, subject] of GRANTS) {
        const rows = await sql.query<{ id: number }>(
          `SELECT p.id FROM admin_permissions p JOIN admin_permissions_role_lnk l ON l.permission_id = p.id
           WHERE l.role_id = ? AND p.action = ? AND ${subject ? 'p.subject = ?' : 'p.subject IS NULL'}`,
          subject ? [role.id, action, subject] : [role.id, action]
        );
        for (const { id } of rows) {
          await sql.query('DELETE FROM admin_permissions_role_lnk WHERE permission_id = ?', [id]);
          await sql.query('DELETE FROM admin_permissions WHERE id = ?', [id]);
        }
        removed += rows.length;
      }
      return removed;
    };
    /** What the operator may do after a restart: read the contract, read the panel's users (the pickers). */
    const restartAndRead = async () => {
      const instance = await startTestInstance(backend.db);
      try {
        const operator = (await actors(backend, instance.url)).operator;
        return [(await operator.get(`/content-manager/single-types/${CONTRACT}`)).status, (await operator.get('/admin/users')).status];
      } finally {
        await instance.stop();
      }
    };
    // The role as the file's other tests know it, put back at the end whatever happens.
    const held = (await a.admin.get(`/admin/roles/${role.id}/permissions`)).body.data as Array<Record<string, unknown>>;
    try {
      // The previous release: the role without the grants, and no record of grants applied.
      expect(await removeGrants()).toBe(2);
      await sql.query("DELETE FROM strapi_core_store_settings WHERE key = 'core_spoc-desk_admin-role-grants-applied'");
      expect((await a.operator.get(`/content-manager/single-types/${CONTRACT}`)).status).toBe(403);
      expect((await a.operator.get('/admin/users')).status).toBe(403);
      expect(await restartAndRead()).toEqual([200, 200]);

      // A supervisor takes them away again: the next start does not give them back.
      expect(await removeGrants()).toBe(2);
      expect(await restartAndRead()).toEqual([403, 403]);
    } finally {
      const permissions = held.map(({ action, actionParameters, subject, properties, conditions }) => ({ action, actionParameters, subject, properties, conditions }));
      expect((await a.admin.put(`/admin/roles/${role.id}/permissions`, { permissions })).status).toBe(200);
    }
  }, 240_000);

  it('names the admin panel and the portal, at PUBLIC_URL, when it starts', async () => {
    const instance = await startTestInstance(backend.db, { PUBLIC_URL: 'https://helpdesk.example.test/' });
    try {
      // The banner is printed just before readiness; the log stream may lag a moment behind.
      let log = '';
      for (let i = 0; i < 50 && !log.includes('/portal/'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        log = readFileSync(instance.logFile, 'utf8');
      }
      expect(log).toContain('https://helpdesk.example.test/admin');
      expect(log).toMatch(/Portale .*: https:\/\/helpdesk\.example\.test\/portal\//);
    } finally {
      await instance.stop();
    }
  }, 120_000);
});
