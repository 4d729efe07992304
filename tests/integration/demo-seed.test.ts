import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, backendNames, DEMO } from '../support/api';
import { connect } from '../support/database';
import { createPostgresDatabase, dropPostgresDatabase, ROOT, startInstance, type DatabaseTarget } from '../support/instances';
import { DEMO_PASSWORD_DEFAULT } from '../../src/bootstrap/demo-accounts';

/**
 * The README's first command on an empty database: the demo is seeded with the password of `DEMO_PASSWORD`,
 * its accounts are printed and can sign in; a later start on a database that holds data seeds nothing.
 * Each backend gets a database of its own, empty at first (the shared instances' databases are seeded already).
 */
describe.each(backendNames())('demo seed on %s', (client) => {
  const password = `Demo-${randomUUID().slice(0, 8)}!`;
  const name = `spoc_seed_${process.pid}_${randomUUID().slice(0, 6)}`;
  let db: DatabaseTarget;
  const env = { DEMO_PASSWORD: password, NOTIFICATIONS_WORKER: 'false', SERVE_ADMIN_PANEL: 'false' };

  beforeAll(async () => {
    if (client === 'postgres') db = { client, location: await createPostgresDatabase(name) };
    else {
      mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
      db = { client, location: path.join(ROOT, '.tmp', `${name}.db`) };
    }
  });
  afterAll(async () => {
    if (client === 'postgres') await dropPostgresDatabase(name);
    else rmSync(db.location, { force: true });
  });

  const counts = async () => {
    const sql = await connect(db);
    try {
      const count = async (table: string) => Number((await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      return { organizations: await count('organizations'), tickets: await count('tickets'), portalUsers: await count('up_users'), adminUsers: await count('admin_users') };
    } finally {
      await sql.close();
    }
  };

  it('seeds an empty database with the configured password, prints the accounts, and leaves a database with data alone', async () => {
    const first = await startInstance(db, env);
    try {
      const log = readFileSync(first.logFile, 'utf8');
      expect(log).toContain('SPOC Desk demo data created');
      expect(log).toContain(password);
      for (const account of Object.values(DEMO)) expect(log).toContain(account);

      const portal = await new Api(first.url).post('/api/auth/local', { identifier: DEMO.staff, password });
      expect(portal.status).toBe(200);
      expect(portal.body.jwt).toEqual(expect.any(String));
      expect((await new Api(first.url).post('/api/auth/local', { identifier: DEMO.staff, password: DEMO_PASSWORD_DEFAULT })).status).toBe(400);
      expect((await new Api(first.url).post('/admin/login', { email: DEMO.supervisor, password })).status).toBe(200);
    } finally {
      await first.stop();
    }

    const seeded = await counts();
    expect(seeded).toMatchObject({ organizations: 2, portalUsers: 3, adminUsers: 3 });
    expect(seeded.tickets).toBeGreaterThan(0);
    // Someone has worked on the data since: a second start must neither re-create nor touch it.
    const sql = await connect(db);
    await sql.query(`UPDATE organizations SET name = 'Ente rinominato' WHERE code = 'AZERO'`);
    await sql.close();

    const second = await startInstance(db, env);
    try {
      expect(readFileSync(second.logFile, 'utf8')).not.toContain('SPOC Desk demo data created');
    } finally {
      await second.stop();
    }
    expect(await counts()).toEqual(seeded);
    const check = await connect(db);
    try {
      expect(await check.query(`SELECT name FROM organizations WHERE code = 'AZERO'`)).toEqual([{ name: 'Ente rinominato' }]);
    } finally {
      await check.close();
    }
    // Two starts of a real Strapi, the first on an empty database (its whole schema and the seed): about 20 s
    // on an idle machine, and a CI machine running another file beside it took over a minute (startInstance
    // itself waits up to 120 s for each).
  }, 240_000);
});
