/** Portal accounts made for one test: a fresh address each, so tests never share mail or rate limits. */
import { createHmac, randomUUID } from 'node:crypto';
import type { Api } from './http';

/** The JWT secret the test instances run with (config/plugins.ts default; the tests set no JWT_SECRET). */
const DEV_JWT_SECRET = 'spoc-desk-dev-jwt-secret';

export async function createPortalUser(tool: Api, roleName: 'Staff' | 'Referente' | 'Authenticated', organizationId: number | null, password = 'Iniziale2026!') {
  const email = `${roleName.toLowerCase()}-${randomUUID().slice(0, 8)}@azero.veneto.it`;
  const roles = await tool.get('/api/users-permissions/roles');
  const role = roles.body.roles.find((candidate: { name: string }) => candidate.name === roleName);
  const created = await tool.post('/api/users', { username: email, email, password, confirmed: true, role: role.id, organization: organizationId });
  if (created.status !== 201) throw new Error(`user creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.id as number, email, password };
}

/**
 * A users-permissions token as the server signs it (HS256, `{ id }`), without a sign-in: `/api/auth/local`
 * allows five attempts per client address in five minutes, and the shared test instances need them.
 */
export function signedToken(userId: number, expiresInSeconds = 3600, secret = DEV_JWT_SECRET): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id: userId, iat: now - 60, exp: now + expiresInSeconds })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
