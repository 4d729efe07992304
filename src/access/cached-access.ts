/**
 * The access cache (access-cache.ts) wired to Strapi. Every request read, before its controller ran, who its
 * caller is allowed to be: a tool's API token with its permissions (4 statements, every REST request of a
 * tool), a portal user's role permissions and users-permissions' advanced settings (3 of the portal list's
 * 12 statements; issue 17); a creation reads the default locale. Each is now read once per process and kept
 * until a change is signalled, or for the cache's lifetime at most (1 s by default, `ACCESS_CACHE_TTL_MS`).
 * The user behind a portal JWT is still read on every request (a block or a new password ends its sessions
 * at once: src/extensions/users-permissions/sessions.ts).
 *
 * The signal: every write to API tokens, roles, permissions or the core store (settings) goes through
 * Strapi's Query Engine (the admin panel, users-permissions' and the admin's services, our bootstrap), whose
 * lifecycles announce it on the live updates' channel in the writing transaction (PostgreSQL: delivered on
 * commit to every instance) or after commit (SQLite: one instance). A write made behind Strapi's back (SQL by
 * hand, a restore) is seen within the lifetime.
 */
import type { Core } from '@strapi/strapi';
import { announceOnCommit } from '../api/ticket-event/live-announce';
import { ACCESS_CHANGED_PAYLOAD, announceAccessChanged } from '../api/ticket-event/live-signal';
import { listenToTimeline } from '../api/ticket-event/timeline-wake-ups';
import { AccessCache } from './access-cache';
import { TOKEN_SERVICE, type TokenService } from './api-token-lookup';

/** Where a change must be signalled: what the cached reads below depend on. */
const WATCHED_MODELS = [
  'admin::api-token',
  'admin::api-token-permission',
  'plugin::users-permissions.role',
  'plugin::users-permissions.permission',
  'strapi::core-store',
];
/** The permissions service users-permissions' authentication asks for a role's (or the public role's) permissions. */
const PERMISSION_SERVICE = 'plugin::users-permissions.permission';
/** Core-store keys read on every request (the strategy's advanced settings) or every creation (i18n's default locale). */
const CACHED_STORE_KEYS = new Set(['plugin_users-permissions_advanced', 'plugin_i18n_default_locale']);

interface PermissionService {
  findRolePermissions(roleId: unknown): Promise<unknown[]>;
  findPublicPermissions(): Promise<unknown[]>;
}

interface StoreParams {
  key: string;
  type?: string;
  name?: string;
  environment?: string | null;
  tag?: string | null;
}

interface CoreStore {
  get(params: StoreParams): Promise<unknown>;
}

const caches = new WeakMap<Core.Strapi, { cache: AccessCache; stopListening?: () => Promise<void> }>();

/** A role's permission rows, copied: a caller that changes what it is given cannot change the cache. */
const copies = (rows: unknown[]) => rows.map((row) => (row && typeof row === 'object' ? { ...row } : row));

/** The core store's key for these parameters, as its `get` composes it; null for an environment- or tag-scoped one. */
function storeKey({ key, type = 'core', name, environment, tag }: StoreParams): string | null {
  if (environment || tag) return null;
  return `${type}${name ? `_${name}` : ''}_${key}`;
}

/** Every instance (this one included) forgets what it cached, once the current transaction commits. */
async function announce(strapi: Core.Strapi, cache: AccessCache) {
  // Forgotten now as well: a read of this instance made meanwhile is not kept (the cache's generation).
  cache.changed();
  await announceOnCommit(strapi, ACCESS_CHANGED_PAYLOAD, announceAccessChanged);
}

/** Register phase: the cached reads, and the lifecycles that signal a change. */
export function registerAccessCache(strapi: Core.Strapi) {
  const postgres = strapi.config.get<string>('database.connection.client') === 'postgres';
  const cache = new AccessCache({
    ttlMs: strapi.config.get<number>('server.accessCache.ttlMs', 1000),
    // PostgreSQL: nothing is served until the LISTEN connection is up (bootstrap below).
    listening: !postgres,
  });
  caches.set(strapi, { cache });

  strapi.get('services').extend(PERMISSION_SERVICE, (service: PermissionService) => ({
    ...service,
    findRolePermissions: (roleId: unknown) => cache.read(`role:${String(roleId)}`, () => service.findRolePermissions(roleId)).then(copies),
    findPublicPermissions: () => cache.read('public', () => service.findPublicPermissions()).then(copies),
  }));

  // A token's answer is a copy (the strategy hands it on as the request's credentials); an unknown key is
  // not kept, and the plaintext key (asked for by its owner's pages) never enters the cache.
  strapi.get('services').extend(TOKEN_SERVICE, (service: TokenService) => ({
    ...service,
    getByAccessKey: (hash: string, options?: Parameters<TokenService['getByAccessKey']>[1]) =>
      options?.includeDecryptedKey
        ? service.getByAccessKey(hash, options)
        : cache.read(`token:${hash}`, () => service.getByAccessKey(hash, options), (token) => token != null).then((token) => (token ? structuredClone(token) : token)),
  }));

  // The core store is a function object with no extension point; its `get` is wrapped in place (scoped stores
  // call it through the same object). Only the keys above are cached, and each answer is a copy.
  const store = strapi.store as unknown as CoreStore;
  const readStore = store.get.bind(store);
  store.get = (params: StoreParams) => {
    const key = storeKey(params);
    if (key === null || !CACHED_STORE_KEYS.has(key)) return readStore(params);
    return cache.read(`store:${key}`, () => readStore(params)).then((value) => (value && typeof value === 'object' ? structuredClone(value) : value));
  };

  const changed = () => announce(strapi, cache);
  strapi.db.lifecycles.subscribe({
    models: WATCHED_MODELS,
    afterCreate: changed,
    afterCreateMany: changed,
    afterUpdate: changed,
    afterUpdateMany: changed,
    afterDelete: changed,
    afterDeleteMany: changed,
  } as Parameters<Core.Strapi['db']['lifecycles']['subscribe']>[0]);
}

/** Bootstrap phase: hear the changes of every instance on the live updates' connection. */
export function listenForAccessChanges(strapi: Core.Strapi) {
  const entry = caches.get(strapi);
  if (!entry) return;
  const { cache } = entry;
  entry.stopListening = listenToTimeline(strapi, {
    onAccessChanged: () => cache.changed(),
    onListening: () => cache.signalUp(),
    onListeningLost: () => cache.signalDown(),
  });
}

/** Destroy phase: stop listening (the connection closes with its last listener). */
export async function stopListeningForAccessChanges(strapi: Core.Strapi) {
  await caches.get(strapi)?.stopListening?.();
}
