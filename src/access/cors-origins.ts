/**
 * The origins whose pages may call the API with the user's credentials (CORS): the portal's own, which is
 * PUBLIC_URL's, and those an operator lists in CORS_ORIGINS. Pure: no Strapi import.
 */

/** An origin as browsers send it in `Origin` (scheme, host, port when not the default), or an error naming the value. */
export function originOf(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name}: "${value}" is not an address such as https://helpdesk.example.it`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name}: "${value}" is not an http(s) address`);
  return url.origin;
}

/**
 * PUBLIC_URL's origin, then the comma-separated CORS_ORIGINS, each reduced to its origin. A wildcard or
 * `null` is refused: either would let any page (a sandboxed one, a local file) act with the user's session.
 */
export function allowedOrigins(publicUrl: string, listed: string | undefined): string[] {
  const extra = (listed ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => originOf(entry, 'CORS_ORIGINS'));
  return [...new Set([originOf(publicUrl, 'PUBLIC_URL'), ...extra])];
}
