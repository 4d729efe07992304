/**
 * The Server-Sent Events wire format (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 * Pure: no Strapi import.
 */

/** How long the browser waits before reconnecting, sent once at the start of each stream. */
export const RETRY_MS = 3000;

export function sseRetry(ms = RETRY_MS): string {
  return `retry: ${ms}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies and load balancers from closing an idle stream. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** Sets the client's Last-Event-ID without dispatching anything (data is empty). */
export function sseId(id: number): string {
  return `id: ${id}\n\n`;
}

export function sseEvent(event: string, data: unknown, id?: number): string {
  // JSON.stringify escapes newlines, so the data stays on one `data:` line.
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The id to resume after: the Last-Event-ID header a reconnecting client sends, else `?lastEventId=`.
 * Undefined when neither is given (a fresh stream starts from now); a malformed value is returned as is
 * for the caller to refuse.
 */
export function resumeFrom(header: string | undefined, query: unknown): { value: number } | { invalid: string } | undefined {
  const raw = header?.trim() || (typeof query === 'string' ? query.trim() : undefined);
  if (!raw) return undefined;
  if (!/^\d{1,15}$/.test(raw)) return { invalid: raw };
  return { value: Number(raw) };
}

/**
 * The `exp` (seconds since the epoch) of the bearer JWT, read without verifying it: Strapi's authentication
 * already did. Null when there is none.
 */
export function bearerExpiry(authorization: string | undefined): number | null {
  const payload = /^Bearer\s+([^.\s]+)\.([^.\s]+)\.[^.\s]*$/i.exec(authorization ?? '')?.[2];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : null;
  } catch {
    return null;
  }
}
