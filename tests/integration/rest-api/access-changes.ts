import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, startTestInstance, type Actors } from '../../support/api';
import { connect, type Sql } from '../../support/database';
import type { RunningInstance } from '../../support/instances';
import { signedToken } from '../../support/portal-users';

/** The action the role of these tests is given and taken: GET /api/users/me. */
const ME = { 'plugin::users-permissions': { controllers: { user: { me: { enabled: true } } } } };
const NOTHING = {};
/** The bound: an instance stops honouring a removed permission within a second. */
const WITHIN_MS = 1000;

/** Resolves when `check` holds; fails at the deadline with what was last seen (a bound, not a sleep). */
async function within(ms: number, what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Permissions and settings are kept per process (src/access/cached-access.ts); the test instances keep them
 * for an hour (TEST_ACCESS_CACHE_TTL_MS), so what these tests see of a change is the change signal's doing.
 * A change made through the admin panel is honoured at once on the instance that made it and within a
 * second on another; one made behind Strapi's back is not seen until the cache is emptied, which losing
 * the LISTEN connection does.
 */
describe.each(backends())('access changes on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  let roleId: number;
  let user: { id: number; token: string };
  const roleName = `Prova cache ${randomUUID().slice(0, 8)}`;

  /** What the admin panel's Roles page sends when it saves the role. */
  const saveRole = async (permissions: object) => {
    const res = await a.admin.put(`/users-permissions/roles/${roleId}`, { name: roleName, description: 'Ruolo delle prove della cache', permissions, users: [] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const meStatus = async (baseUrl = backend.url, token = user.token) => (await new Api(baseUrl, token).get('/api/users/me')).status;

  /** A custom API token that may list categories, made as the admin panel's API Tokens page makes one. */
  const categoryToken = async () => {
    const made = await a.admin.post('/admin/api-tokens', {
      name: `prova-cache-${randomUUID().slice(0, 8)}`,
      description: '',
      type: 'custom',
      lifespan: null,
      permissions: ['api::category.category.find'],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return { id: made.body.data.id as number, name: made.body.data.name as string, accessKey: made.body.data.accessKey as string };
  };
  /**
   * Takes the role's permission by hand in the database (no signal), runs `check`, then gives it back and
   * saves the role through the admin panel (a save signals: no instance keeps what it read meanwhile).
   */
  const withoutMeBehindStrapisBack = async (check: () => Promise<void>) => {
    const [link] = await sql.query<{ permission_id: number }>(
      `SELECT l.permission_id FROM up_permissions_role_lnk l JOIN up_permissions p ON p.id = l.permission_id
       WHERE l.role_id = ? AND p.action = 'plugin::users-permissions.user.me'`,
      [roleId]
    );
    await sql.query('DELETE FROM up_permissions_role_lnk WHERE permission_id = ?', [link.permission_id]);
    try {
      await check();
    } finally {
      await sql.query('INSERT INTO up_permissions_role_lnk (permission_id, role_id) VALUES (?, ?)', [link.permission_id, roleId]);
      await saveRole(ME);
    }
  };
  const categoriesStatus = async (accessKey: string, baseUrl = backend.url) => (await new Api(baseUrl, accessKey).get('/api/categories')).status;

  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
    const created = await a.admin.post('/users-permissions/roles', { name: roleName, description: 'Ruolo delle prove della cache', permissions: ME, users: [] });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const roles = await a.admin.get('/users-permissions/roles');
    roleId = roles.body.roles.find((role: { name: string }) => role.name === roleName).id;
    const email = `cache-${randomUUID().slice(0, 8)}@azero.veneto.it`;
    const made = await a.tool.post('/api/users', { username: email, email, password: 'Iniziale2026!', confirmed: false, role: roleId });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    user = { id: made.body.id, token: signedToken(made.body.id) };
  });
  afterAll(async () => {
    if (user) await a.tool.delete(`/api/users/${user.id}`);
    if (roleId) await a.admin.delete(`/users-permissions/roles/${roleId}`);
    await sql?.close();
  });

  it('a permission removed through the admin panel is refused at once, and allowed again at once when given back', async () => {
    expect(await meStatus()).toBe(200);
    expect(await meStatus()).toBe(200);
    await saveRole(NOTHING);
    expect(await meStatus()).toBe(403);
    await saveRole(ME);
    expect(await meStatus()).toBe(200);
  });

  it("users-permissions' advanced settings take effect at once: asking for confirmed e-mails refuses an unconfirmed user", async () => {
    const read = await a.admin.get('/users-permissions/advanced');
    expect(read.status).toBe(200);
    const settings = read.body.settings as Record<string, unknown>;
    expect(await meStatus()).toBe(200);
    try {
      expect((await a.admin.put('/users-permissions/advanced', { ...settings, email_confirmation: true })).status).toBe(200);
      expect(await meStatus()).toBe(401);
    } finally {
      expect((await a.admin.put('/users-permissions/advanced', settings)).status).toBe(200);
    }
    expect(await meStatus()).toBe(200);
  });

  it('an API token whose permission is taken, or which is revoked, through the admin panel is refused at once', async () => {
    const token = await categoryToken();
    expect(await categoriesStatus(token.accessKey)).toBe(200);
    expect(await categoriesStatus(token.accessKey)).toBe(200);
    const edited = await a.admin.put(`/admin/api-tokens/${token.id}`, { name: token.name, description: '', type: 'custom', permissions: [] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await categoriesStatus(token.accessKey)).toBe(403);
    expect((await a.admin.put(`/admin/api-tokens/${token.id}`, { name: token.name, description: '', type: 'custom', permissions: ['api::category.category.find'] })).status).toBe(200);
    expect(await categoriesStatus(token.accessKey)).toBe(200);
    expect((await a.admin.delete(`/admin/api-tokens/${token.id}`)).status).toBe(200);
    expect(await categoriesStatus(token.accessKey)).toBe(401);
  });

  it('keeps what it read while nothing signals a change: a permission taken behind Strapi’s back is still honoured', async () => {
    expect(await meStatus()).toBe(200);
    await withoutMeBehindStrapisBack(async () => {
      // The cache is what answers: the database no longer grants it (the admin panel would show it unticked).
      expect(await meStatus()).toBe(200);
    });
  });

  it('keeps an API token and the settings as read while nothing signals a change: changes behind Strapi’s back are not seen', async () => {
    const token = await categoryToken();
    // A token's first use records it (lastUsedAt), a change that empties the cache: the second use is kept.
    expect(await categoriesStatus(token.accessKey)).toBe(200);
    expect(await categoriesStatus(token.accessKey)).toBe(200);
    expect(await meStatus()).toBe(200);
    const key = 'plugin_users-permissions_advanced';
    const [stored] = await sql.query<{ value: string }>('SELECT value FROM strapi_core_store_settings WHERE key = ?', [key]);
    await sql.query('UPDATE strapi_api_tokens SET expires_at = ? WHERE id = ?', [new Date('2001-01-01T00:00:00Z').toISOString(), token.id]);
    await sql.query('UPDATE strapi_core_store_settings SET value = ? WHERE key = ?', [JSON.stringify({ ...JSON.parse(stored.value), email_confirmation: true }), key]);
    try {
      // The database says the token has expired and that unconfirmed users are refused: the cache answers.
      expect(await categoriesStatus(token.accessKey)).toBe(200);
      expect(await meStatus()).toBe(200);
    } finally {
      await sql.query('UPDATE strapi_core_store_settings SET value = ? WHERE key = ?', [stored.value, key]);
      await a.admin.delete(`/admin/api-tokens/${token.id}`);
    }
    // A change through Strapi (the deletion) signals: the expiry written by hand is read with it.
    expect(await categoriesStatus(token.accessKey)).toBe(401);
  });

  describe.runIf(backend.name === 'postgres')('with a second instance', () => {
    let second: RunningInstance;
    beforeAll(async () => {
      second = await startTestInstance(backend.db);
    }, 180_000);
    afterAll(async () => {
      await second?.stop();
    });

    it('a permission removed through the admin panel on one instance is refused on the other within a second', async () => {
      expect(await meStatus(second.url)).toBe(200);
      expect(await meStatus(second.url)).toBe(200);
      await saveRole(NOTHING);
      await within(WITHIN_MS, 'the removed permission refused on the other instance', async () => (await meStatus(second.url)) === 403);
      await saveRole(ME);
      await within(WITHIN_MS, 'the permission given back honoured on the other instance', async () => (await meStatus(second.url)) === 200);
    });

    it('an API token revoked through the admin panel on one instance is refused on the other within a second', async () => {
      const token = await categoryToken();
      expect(await categoriesStatus(token.accessKey, second.url)).toBe(200);
      expect(await categoriesStatus(token.accessKey, second.url)).toBe(200);
      expect((await a.admin.delete(`/admin/api-tokens/${token.id}`)).status).toBe(200);
      await within(WITHIN_MS, 'the revoked token refused on the other instance', async () => (await categoriesStatus(token.accessKey, second.url)) === 401);
    });

    it('an instance whose LISTEN connection was lost reads again what changed while it could not hear', async () => {
      expect(await meStatus(second.url)).toBe(200);
      await withoutMeBehindStrapisBack(async () => {
        expect(await meStatus(second.url)).toBe(200); // unsignalled: still the cache
        await sql.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()", [
          `spoc-live ${second.child.pid}`,
        ]);
        await within(WITHIN_MS, 'the change read again after the connection was lost', async () => (await meStatus(second.url)) === 403);
      });
    });
  });
});
