import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from '../support/api';
import { connect, type Sql } from '../support/database';
import { createPostgresDatabase, dropPostgresDatabase, postgresDatabaseName, ROOT, startInstance, type DatabaseTarget, type RunningInstance } from '../support/instances';
import { RENAMED_TABLES } from '../../database/migrations/2026.06.01T00.00.00.status-to-state';

const MIGRATION = '2026.06.01T00.00.00.status-to-state.js';

/**
 * Issue 14: the lifecycle attribute `status` became `state`, and Strapi's schema sync drops a column that
 * left the schema. A database of the previous release must boot to the same schema and data as a fresh one.
 * The previous release's database is made from a copy of the seeded template (a fresh database of this
 * release) by undoing the rename the way the previous release had it: the columns named `status`, the
 * indexes on them, the schema Strapi stored naming `status`, no record of the migration, and a stored
 * e-mail template with the old placeholder. Then a Strapi boots on it.
 */
describe.each(inject('templates'))('a database of the previous release on $name', (template) => {
  const id = `${process.pid}_${randomUUID().slice(0, 6)}`;
  let db: DatabaseTarget;
  let instance: RunningInstance | null = null;
  const dir = path.join(ROOT, '.tmp', `state-migration-${id}`);

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    if (template.db.client === 'sqlite') {
      db = { client: 'sqlite', location: path.join(dir, 'old.db') };
      copyFileSync(template.db.location, db.location);
    } else {
      db = { client: 'postgres', location: await createPostgresDatabase(`spoc_mig_${id}`, postgresDatabaseName(template.db.location)) };
    }
  });
  afterAll(async () => {
    await instance?.stop();
    if (db?.client === 'postgres') await dropPostgresDatabase(postgresDatabaseName(db.location));
    rmSync(dir, { recursive: true, force: true });
  });

  const withSql = async <T>(work: (sql: Sql) => Promise<T>): Promise<T> => {
    const sql = await connect(db);
    try {
      return await work(sql);
    } finally {
      await sql.close();
    }
  };
  const columnsOf = (sql: Sql, table: string) =>
    db.client === 'sqlite'
      ? sql.query<{ name: string; type: string }>(`SELECT name, type FROM pragma_table_info('${table}') ORDER BY name`)
      : sql.query<{ name: string; type: string }>("SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_name = ? ORDER BY column_name", [table]);
  const indexesOf = async (sql: Sql) =>
    (db.client === 'sqlite'
      ? await sql.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
      : await sql.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes')
    ).map((row) => row.name);

  it('keeps every ticket, maintenance log, message and call-back in its state, and ends with the schema of a fresh database', async () => {
    // What a fresh database of this release holds (the template copy, before anything is undone).
    const fresh = await withSql(async (sql) => {
      const states: Record<string, Array<{ id: number; state: string }>> = {};
      const columns: Record<string, Array<{ name: string; type: string }>> = {};
      for (const table of RENAMED_TABLES) {
        states[table] = await sql.query<{ id: number; state: string }>(`SELECT id, state FROM ${table} ORDER BY id`);
        columns[table] = await columnsOf(sql, table);
      }
      return { states, columns };
    });
    expect(fresh.states.tickets.map((row) => row.state)).toEqual(expect.arrayContaining(['new', 'in_charge', 'closed']));
    expect(fresh.states.maintenance_logs.length).toBeGreaterThan(0);
    expect(fresh.states.notif_outbox.length).toBeGreaterThan(0);

    // The previous release: `status` columns and indexes, Strapi's stored schema naming them, no migration run.
    await withSql(async (sql) => {
      for (const table of RENAMED_TABLES) await sql.query(`ALTER TABLE ${table} RENAME COLUMN state TO status`);
      await sql.query('DROP INDEX IF EXISTS tickets_state_idx');
      await sql.query('DROP INDEX IF EXISTS maintenance_logs_state_idx');
      await sql.query('CREATE INDEX tickets_status_idx ON tickets (status)');
      await sql.query('CREATE INDEX maintenance_logs_status_idx ON maintenance_logs (status)');
      await sql.query('DELETE FROM strapi_migrations WHERE name = ?', [MIGRATION]);
      const [stored] = await sql.query<{ id: number; schema: string | object }>('SELECT id, schema FROM strapi_database_schema ORDER BY id DESC LIMIT 1');
      const schema = (typeof stored.schema === 'string' ? JSON.parse(stored.schema) : stored.schema) as { tables: Array<{ name: string; columns: Array<{ name: string }> }> };
      for (const table of schema.tables) {
        if (!(RENAMED_TABLES as readonly string[]).includes(table.name)) continue;
        for (const column of table.columns) if (column.name === 'state') column.name = 'status';
      }
      await sql.query('UPDATE strapi_database_schema SET schema = ?, hash = ? WHERE id = ?', [JSON.stringify(schema), 'previous-release', stored.id]);
      // An administrator's template, saved with the placeholder of the previous release.
      await sql.query(
        "UPDATE notif_templates SET body = ? WHERE event = 'ticket.progress' AND language = 'it'",
        ['Stato: {{ticket.status}} / {{ ticket.status }} {{#ticket.status}}(aperta){{/ticket.status}}']
      );
    });
    expect(await withSql((sql) => columnsOf(sql, 'tickets'))).toContainEqual(expect.objectContaining({ name: 'status' }));

    instance = await startInstance(db, { NOTIFICATIONS_WORKER: 'false', SERVE_ADMIN_PANEL: 'false', UPLOADS_DIR: path.join(dir, 'uploads') });

    await withSql(async (sql) => {
      for (const table of RENAMED_TABLES) {
        expect(await sql.query(`SELECT id, state FROM ${table} ORDER BY id`), table).toEqual(fresh.states[table]);
        expect(await columnsOf(sql, table), table).toEqual(fresh.columns[table]);
      }
      const indexes = await indexesOf(sql);
      expect(indexes).toEqual(expect.arrayContaining(['tickets_state_idx', 'maintenance_logs_state_idx']));
      expect(indexes).not.toContain('tickets_status_idx');
      expect(indexes).not.toContain('maintenance_logs_status_idx');
      const [progress] = await sql.query<{ body: string }>("SELECT body FROM notif_templates WHERE event = 'ticket.progress' AND language = 'it'");
      expect(progress.body).toBe('Stato: {{ticket.state}} / {{ ticket.state }} {{#ticket.state}}(aperta){{/ticket.state}}');
      expect(await sql.query('SELECT name FROM strapi_migrations WHERE name = ?', [MIGRATION])).toHaveLength(1);
    });

    // And from the outside: the API reads the states the rows had.
    const tool = new Api(instance.url, template.sessions.tool);
    const tickets = await tool.get('/api/tickets?fields[0]=state&sort=id&pagination[pageSize]=100');
    expect(tickets.status).toBe(200);
    expect(tickets.body.data.map((ticket: { id: number; state: string }) => [ticket.id, ticket.state])).toEqual(fresh.states.tickets.map((row) => [row.id, row.state]));
    const logs = await tool.get('/api/maintenance-logs?fields[0]=state&sort=id');
    expect(logs.body.data.map((log: { id: number; state: string }) => [log.id, log.state])).toEqual(fresh.states.maintenance_logs.map((row) => [row.id, row.state]));

    // A second start finds the migration recorded and changes nothing.
    await instance.stop();
    instance = await startInstance(db, { NOTIFICATIONS_WORKER: 'false', SERVE_ADMIN_PANEL: 'false', UPLOADS_DIR: path.join(dir, 'uploads') });
    await withSql(async (sql) => {
      for (const table of RENAMED_TABLES) expect(await sql.query(`SELECT id, state FROM ${table} ORDER BY id`), table).toEqual(fresh.states[table]);
    });
  }, 240_000);
});
