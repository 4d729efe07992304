import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, type Actors } from '../../support/api';
import { connect, type Sql } from '../../support/database';
import { TEST_API_TOKEN_SALT } from '../../support/instances';

/** How Strapi stores an access key (its api-token service's `hash`, with the salt the instances run with). */
const storedKey = (accessKey: string) => createHmac('sha512', TEST_API_TOKEN_SALT).update(accessKey).digest('hex');
/** Three base64url parts: what a portal user's session looks like. */
const JWT_SHAPED = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6MX0.c2lnbmF0dXJlLW5vdC1vdXJz';

/**
 * A bearer shaped like a JWT is a portal session, never an API token (those are hex digits): the content
 * API's token strategy does not look it up among the API tokens (src/access/api-token-lookup.ts). Pinned
 * here from the outside: a token whose stored key is a JWT-shaped one's does not authenticate, while the same
 * token under a hex key does. If Strapi stopped asking its token service the way the extension expects,
 * the JWT-shaped bearer would authenticate and this would fail.
 */
describe.each(backends())('bearer tokens on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  let tokenId: number;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
    const created = await a.admin.post('/admin/api-tokens', { name: `bearer-shapes-${backend.name}-${Date.now()}`, type: 'full-access', lifespan: null, description: '' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    tokenId = created.body.data.id;
  });
  afterAll(async () => {
    if (tokenId) await a.admin.delete(`/admin/api-tokens/${tokenId}`);
    await sql?.close();
  });

  const storeUnder = (accessKey: string) => sql.query('UPDATE strapi_api_tokens SET access_key = ? WHERE id = ?', [storedKey(accessKey), tokenId]);
  const listAs = async (bearer: string) => (await fetch(`${backend.url}/api/tickets?pagination[pageSize]=1`, { headers: { authorization: `Bearer ${bearer}` } })).status;

  it('finds an API token by its key, and never looks a JWT-shaped bearer up among the API tokens', async () => {
    await storeUnder('0123456789abcdef');
    expect(await listAs('0123456789abcdef')).toBe(200);
    await storeUnder(JWT_SHAPED);
    // Refused by the portal's JWT check, the only one that reads it.
    expect(await listAs(JWT_SHAPED)).toBe(401);
  });

  it('lets portal users in with their session and tools with their API token, as before', async () => {
    expect((await a.staff.get('/api/tickets?pagination[pageSize]=1')).status).toBe(200);
    expect((await a.tool.get('/api/tickets?pagination[pageSize]=1')).status).toBe(200);
    expect((await a.anonymous.get('/api/tickets?pagination[pageSize]=1')).status).toBe(403);
  });
});
