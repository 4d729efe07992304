import type { Core } from '@strapi/strapi';
import { isJwtShaped } from './bearer-token';

/** The service Strapi's content-API token strategy asks, on every request, for the token of a bearer. */
export const TOKEN_SERVICE = 'admin::api-token-content-api';
/** What a JWT-shaped bearer hashes to: no stored access key is this (they are 128 hex digits). */
const NOT_AN_ACCESS_KEY = 'jwt-shaped-bearer';

/** What of that service the strategy uses; `includeDecryptedKey` is asked only by the token's owner's pages. */
export interface TokenService {
  hash(accessKey: string): string;
  getByAccessKey(hash: string, options?: { includeDecryptedKey?: boolean }): Promise<unknown>;
}

/**
 * The content API tries its authentication strategies in turn, API tokens first: every request of a portal
 * user was hashed and looked up among the API tokens (a query that found nothing) before its
 * JWT was read. Strapi keeps the strategies in a private list, with no way to reorder or replace one, so the
 * service that strategy asks is extended instead, through the services registry's own `extend`: a JWT-shaped
 * bearer hashes to a key no token has, and that key is not looked up (issue 17). The strategy's use of the
 * service (`hash`, then `getByAccessKey`) is pinned by tests/integration/rest-api/bearer-tokens.ts, which
 * fails if a token stored under a JWT-shaped key would authenticate.
 */
export function skipApiTokenLookupOfJwts(strapi: Core.Strapi) {
  strapi.get('services').extend(TOKEN_SERVICE, (service: TokenService) => ({
    ...service,
    hash: (accessKey: string) => (isJwtShaped(accessKey) ? NOT_AN_ACCESS_KEY : service.hash(accessKey)),
    getByAccessKey: (hash: string, options?: { includeDecryptedKey?: boolean }) => (hash === NOT_AN_ACCESS_KEY ? Promise.resolve(null) : service.getByAccessKey(hash, options)),
  }));
}
