import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startTestInstance } from '../support/api';
import type { RunningInstance } from '../support/instances';

/** A request as a browser sends it from a page of `origin`; a preflight when `preflight` names the method. */
async function fromOrigin(baseUrl: string, path: string, origin: string, preflight?: string) {
  return fetch(baseUrl + path, {
    method: preflight ? 'OPTIONS' : 'GET',
    headers: {
      origin,
      ...(preflight ? { 'access-control-request-method': preflight, 'access-control-request-headers': 'authorization,content-type' } : {}),
    },
  });
}

const PUBLIC_ORIGIN = 'https://helpdesk.example.it';
const LISTED = ['https://intranet.example.it', 'http://127.0.0.1:5173'];
const OTHERS = ['https://evil.example', 'null', 'https://helpdesk.example.it.evil.example', 'http://helpdesk.example.it', 'https://intranet.example.it:8443'];
const PATHS = ['/api/portal/settings', '/api/tickets', '/api/auth/local'];

/**
 * Credentialed CORS only for the portal's own origin (PUBLIC_URL's) and the origins listed in CORS_ORIGINS;
 * any other origin, `null` included, gets no Access-Control-Allow-Origin at all, on answers and preflights.
 */
describe.each(backends())('CORS on $name', (backend) => {
  let instance: RunningInstance;
  beforeAll(async () => {
    instance = await startTestInstance(backend.db, { PUBLIC_URL: `${PUBLIC_ORIGIN}/spoc/`, CORS_ORIGINS: ` ${LISTED.join(' , ')} ` });
  });
  afterAll(async () => {
    await instance?.stop();
  });

  it("allows PUBLIC_URL's origin and the CORS_ORIGINS list, with credentials, on answers and preflights", async () => {
    for (const origin of [PUBLIC_ORIGIN, ...LISTED]) {
      for (const path of PATHS) {
        const answer = await fromOrigin(instance.url, path, origin);
        expect(answer.headers.get('access-control-allow-origin'), `${origin} ${path}`).toBe(origin);
        expect(answer.headers.get('access-control-allow-credentials'), `${origin} ${path}`).toBe('true');
        expect(answer.headers.get('vary') ?? '', `${origin} ${path}`).toMatch(/origin/i);
        const preflight = await fromOrigin(instance.url, path, origin, 'POST');
        expect(preflight.status, `${origin} ${path}`).toBeLessThan(300);
        expect(preflight.headers.get('access-control-allow-origin'), `${origin} ${path}`).toBe(origin);
        expect(preflight.headers.get('access-control-allow-methods') ?? '', `${origin} ${path}`).toMatch(/POST/);
        expect(preflight.headers.get('access-control-allow-headers') ?? '', `${origin} ${path}`).toMatch(/authorization/i);
      }
    }
  });

  it('gives any other origin, null included, no Access-Control-Allow-Origin', async () => {
    for (const origin of OTHERS) {
      for (const path of PATHS) {
        const answer = await fromOrigin(instance.url, path, origin);
        expect(answer.headers.get('access-control-allow-origin'), `${origin} ${path}`).toBeNull();
        expect(answer.headers.get('access-control-allow-credentials'), `${origin} ${path}`).toBeNull();
        const preflight = await fromOrigin(instance.url, path, origin, 'POST');
        expect(preflight.headers.get('access-control-allow-origin'), `${origin} ${path}`).toBeNull();
        expect(preflight.headers.get('access-control-allow-credentials'), `${origin} ${path}`).toBeNull();
      }
    }
  });

  it("by default allows only the default PUBLIC_URL, localhost at the instance's own port", async () => {
    const own = `http://localhost:${new URL(backend.url).port}`;
    const allowed = await fromOrigin(backend.url, '/api/portal/settings', own);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(own);
    for (const origin of ['null', 'https://evil.example', PUBLIC_ORIGIN, 'http://localhost:1337']) {
      const refused = await fromOrigin(backend.url, '/api/portal/settings', origin);
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
      const preflight = await fromOrigin(backend.url, '/api/portal/settings', origin, 'POST');
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });
});
