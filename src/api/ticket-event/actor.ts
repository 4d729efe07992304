import type { Core } from '@strapi/strapi';
import type { Actor } from './hash-chain';

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'SPOC Desk' };

interface RequestState {
  user?: { id: number | string; username?: string; email?: string; firstname?: string; lastname?: string };
  auth?: { strategy?: { name?: string }; credentials?: { id?: number | string; name?: string } };
  isAuthenticatedAdmin?: boolean;
}

/**
 * Runs `work` as the system, outside the request being served: what is recorded on an outside sender's behalf
 * (a quarantined mail a supervisor adds to a ticket) must not read as the signed-in admin's own writing,
 * nor send the requester an e-mail as if the SPOC had written it.
 */
export function asSystem<T>(strapi: Core.Strapi, work: () => Promise<T>): Promise<T> {
  // Strapi types run() for void callbacks; it returns whatever the callback returns (AsyncLocalStorage.run).
  const run = strapi.requestContext.run as unknown as (store: undefined, callback: () => Promise<T>) => Promise<T>;
  return run(undefined, work);
}

/** Who is acting, read from the request being served (admin panel, portal user, API token), else the system. */
export function currentActor(strapi: Core.Strapi): Actor {
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  return ctx?.state ? actorFromState(ctx.state) : SYSTEM_ACTOR;
}

export function actorFromState(state: RequestState): Actor {
  const strategy = state.auth?.strategy?.name;
  if ((strategy === 'admin' || state.isAuthenticatedAdmin) && state.user) {
    return { type: 'admin', id: String(state.user.id), name: adminName(state.user) };
  }
  if (strategy === 'users-permissions' && state.user) {
    return { type: 'user', id: String(state.user.id), name: state.user.username ?? state.user.email ?? null };
  }
  if ((strategy === 'content-api-token' || strategy === 'api-token') && state.auth?.credentials) {
    const token = state.auth.credentials;
    return { type: 'api-token', id: token.id == null ? null : String(token.id), name: token.name ?? null };
  }
  return SYSTEM_ACTOR;
}

/** An admin user as people read it: first and last name, else the e-mail. */
export function adminName(user: { firstname?: string | null; lastname?: string | null; email?: string | null } | null | undefined): string | null {
  return user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.email || null : null;
}
