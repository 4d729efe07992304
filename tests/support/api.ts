/**
 * A small HTTP client for the integration tests: everything goes through Strapi's real endpoints, with
 * the same credentials a portal user, an operator or a third-party tool would use.
 */
import { inject } from 'vitest';
import type { Backend } from './instances';

export const DEMO_PASSWORD = 'SpocDemo2026!';
export const DEMO = {
  admin: 'admin@spoc-desk.local',
  supervisor: 'supervisore@spoc-desk.local',
  operator: 'operatore@spoc-desk.local',
  staff: 'mario.rossi@azero.veneto.it',
  referent: 'giulia.bianchi@azero.veneto.it',
  otherStaff: 'luca.verdi@aulss6.veneto.it',
} as const;

export interface ApiResponse<T = any> {
  status: number;
  // Response bodies are whatever JSON the server sent; tests assert on their shape.
  body: T;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text for the assertion message.
    }
    return { status: response.status, body: parsed };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', path, body ?? {});
  }
  put(path: string, body: unknown) {
    return this.request('PUT', path, body);
  }
  delete(path: string) {
    return this.request('DELETE', path);
  }
}

export function backends(): Backend[] {
  return inject('backends');
}

export async function portalLogin(baseUrl: string, email: string): Promise<Api> {
  const res = await new Api(baseUrl).post('/api/auth/local', { identifier: email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`portal login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Api(baseUrl, res.body.jwt);
}

export async function adminLogin(baseUrl: string, email: string): Promise<Api> {
  const res = await new Api(baseUrl).post('/admin/login', { email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`admin login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Api(baseUrl, res.body.data.accessToken ?? res.body.data.token);
}

/** A full-access API token, made by the super admin in the admin API as a third-party integrator would get it. */
export async function apiTokenClient(baseUrl: string, name: string): Promise<Api> {
  const admin = await adminLogin(baseUrl, DEMO.admin);
  const res = await admin.post('/admin/api-tokens', { name: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, type: 'full-access', lifespan: null });
  if (res.status !== 201) throw new Error(`api token creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new Api(baseUrl, res.body.data.accessKey);
}

export interface Actors {
  tool: Api;
  staff: Api;
  referent: Api;
  otherStaff: Api;
  anonymous: Api;
  organizations: { azienda: { id: number; documentId: string }; ulss: { id: number; documentId: string } };
}

const actorsCache = new Map<string, Promise<Actors>>();

/** Logged-in clients for the demo accounts of one backend, made once per test file. */
export function actors(backend: Backend): Promise<Actors> {
  if (!actorsCache.has(backend.url)) {
    actorsCache.set(
      backend.url,
      (async () => {
        const tool = await apiTokenClient(backend.url, 'tests');
        const orgs = await tool.get('/api/organizations?sort=code');
        const byCode = (code: string) => orgs.body.data.find((org: { code: string }) => org.code === code);
        return {
          tool,
          staff: await portalLogin(backend.url, DEMO.staff),
          referent: await portalLogin(backend.url, DEMO.referent),
          otherStaff: await portalLogin(backend.url, DEMO.otherStaff),
          anonymous: new Api(backend.url),
          organizations: { azienda: byCode('AZERO'), ulss: byCode('AULSS6') },
        };
      })()
    );
  }
  return actorsCache.get(backend.url)!;
}

/** Registers a ticket for Azienda Zero through the API-token channel, as a phone console would. */
export async function createTicket(tool: Api, organization: string, data: Record<string, unknown> = {}) {
  const res = await tool.post('/api/tickets', {
    data: { title: 'Postazione bloccata', kind: 'incident', priority: 'P3', channel: 'phone', organization, ...data },
  });
  if (res.status !== 201) throw new Error(`ticket creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data as { id: number; documentId: string; number: string; status: string } & Record<string, any>;
}
