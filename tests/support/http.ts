/**
 * A small HTTP client for the integration tests (no vitest import: the global setup uses it too).
 * Everything goes through Strapi's real endpoints, with the credentials a portal user, an operator or a
 * third-party tool would use.
 */
import { DEMO_ACCOUNTS, demoPassword } from '../../src/bootstrap/demo-accounts';

export const DEMO = DEMO_ACCOUNTS;
/** What the instances under test seed the demo with: they inherit this process's environment. */
export const DEMO_PASSWORD = demoPassword();

export interface ApiResponse {
  status: number;
  // Whatever JSON the server sent: tests assert on its shape, so a static type would only get in the way.
  body: any;
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

export interface Sessions {
  /** A full-access API token: a third-party tool. Tokens live in the database, so every instance accepts them. */
  tool: string;
  staff: string;
  referent: string;
  otherStaff: string;
  admin: string;
  supervisor: string;
  operator: string;
}

/**
 * Logs every demo account in once per test run: the login endpoints are rate-limited per account, as they
 * should be, so test files share these sessions instead of logging in again.
 */
export async function openSessions(baseUrl: string): Promise<Sessions> {
  const admin = await adminLogin(baseUrl, DEMO.admin);
  const token = await admin.post('/admin/api-tokens', { name: `tests-${Date.now()}`, type: 'full-access', lifespan: null });
  if (token.status !== 201) throw new Error(`api token creation failed: ${token.status} ${JSON.stringify(token.body)}`);
  const portal = async (email: string) => (await portalLogin(baseUrl, email)).token!;
  const panel = async (email: string) => (await adminLogin(baseUrl, email)).token!;
  return {
    tool: token.body.data.accessKey,
    staff: await portal(DEMO.staff),
    referent: await portal(DEMO.referent),
    otherStaff: await portal(DEMO.otherStaff),
    admin: admin.token!,
    supervisor: await panel(DEMO.supervisor),
    operator: await panel(DEMO.operator),
  };
}
