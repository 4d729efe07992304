/**
 * The one way the portal talks to Strapi: adds the JWT, turns Strapi's error body into an ApiError that
 * names the field (400) or the state (409), and reports an expired session (401) to whoever listens.
 */
const TOKEN_KEY = 'spoc.portal.jwt';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field: string | null = null,
    readonly details: Record<string, unknown> = {}
  ) {
    super(message);
  }
}

let onSessionExpired: (() => void) | null = null;

export function whenSessionExpires(listener: () => void) {
  onSessionExpired = listener;
}

export function reportExpiredSession() {
  onSessionExpired?.();
}

export function getToken(): string | null {
  return localStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** Seconds since the epoch at which the JWT stops being valid, from its payload (not verified: the server does). */
export function tokenExpiry(token: string): number | null {
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
  /** Sign-in and password pages call without a session; their 401 is not an expiry. */
  anonymous?: boolean;
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A file download (CSV, XLSX, PDF) with the session's token, saved under the server's name. */
export async function download(path: string, fallbackName: string) {
  const response = await send(path, {});
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = options.anonymous ? {} : authHeaders();
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  if (response.ok) return response;
  const error = await toApiError(response);
  if (response.status === 401 && !options.anonymous) reportExpiredSession();
  throw error;
}

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = {};
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return apiErrorFrom(response.status, payload, response.statusText);
}

/** Strapi's error body ({ error: { message, details: { errors: [{ path }] } } }) as an ApiError naming the field. */
export function apiErrorFrom(status: number, payload: unknown, fallbackMessage: string): ApiError {
  const error = ((payload ?? {}) as { error?: { message?: string; details?: { errors?: Array<{ path?: string[] }> } & Record<string, unknown> } })
    .error ?? {};
  const field = error.details?.errors?.[0]?.path?.[0] ?? null;
  return new ApiError(status, error.message ?? fallbackMessage, field, error.details ?? {});
}
