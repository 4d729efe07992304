/**
 * Sessions that end (session-rules.ts): the stamp is replaced by a database lifecycle on the user, the one
 * place every write goes through (the Document Service, so the admin panel, `PUT /api/users/:id`, reset and
 * change of password; and the Query Engine); it is carried in the JWTs users-permissions issues and checked
 * where its authentication loads the user.
 */
import type { Core } from '@strapi/strapi';
import { announceOnCommit } from '../../api/ticket-event/live-announce';
import { announceSessionsEnded, sessionsEndedPayload } from '../../api/ticket-event/live-signal';
import { endsSessions, mayEndSessions, newStamp, sessionStillValid, setsPassword, stampOf, STAMP_CLAIM, type SessionFacts } from './session-rules';
import { readAuthenticatedUser } from '../../access/authenticated-user';

const USER = 'plugin::users-permissions.user';

/** Per request: the stamp each user had when last read or written (for `issue`), and the stamp the bearer JWT carried. */
const seenStamps = new WeakMap<object, Map<number, string | null>>();
const tokenStamps = new WeakMap<object, string | null>();

type UserRow = { id: number; sessionStamp?: string | null } & Record<string, unknown>;

function requestOf(strapi: Core.Strapi): object | undefined {
  return strapi.requestContext.get() as object | undefined;
}

/** Remembers, for the current request, the stamp of a user row read whole (a partial select does not count). */
function remember(strapi: Core.Strapi, row: unknown) {
  const request = requestOf(strapi);
  if (!request || !row || typeof row !== 'object' || !('sessionStamp' in row)) return;
  const user = row as UserRow;
  let seen = seenStamps.get(request);
  if (!seen) seenStamps.set(request, (seen = new Map()));
  seen.set(user.id, user.sessionStamp ?? null);
}

async function factsOf(strapi: Core.Strapi, where: unknown): Promise<Map<number, SessionFacts>> {
  const rows = (await strapi.db.query(USER).findMany({
    where: where as Record<string, unknown>,
    select: ['id', 'blocked'],
    populate: { organization: { select: ['id'] } },
  })) as Array<{ id: number; blocked: boolean | null; organization?: { id: number } | null }>;
  return new Map(rows.map((row) => [row.id, { blocked: !!row.blocked, organizationId: row.organization?.id ?? null }]));
}

/** Wakes every instance's live streams of these users, once the change is committed. */
async function announce(strapi: Core.Strapi, userIds: number[]) {
  for (const id of userIds) await announceOnCommit(strapi, sessionsEndedPayload(id), () => announceSessionsEnded(id));
}

/** Gives these users a new stamp, which ends every session issued before. */
async function renew(strapi: Core.Strapi, userIds: number[]) {
  if (userIds.length === 0) return;
  // Through the Query Engine: its lifecycle remembers the new stamp (data without password or relation: no loop).
  for (const id of userIds) await strapi.db.query(USER).update({ where: { id }, data: { sessionStamp: newStamp() } });
  await announce(strapi, userIds);
}

interface UpdateEvent {
  params: { where?: unknown; data?: Record<string, unknown> };
  result?: unknown;
  state: { before?: Map<number, SessionFacts>; passwordSet?: boolean };
}

/** The lifecycle that replaces the stamp, and remembers stamps read for the JWTs issued in the same request. */
export function registerSessionEnds(strapi: Core.Strapi) {
  const checkBefore = async (event: UpdateEvent) => {
    const data = event.params.data;
    if (setsPassword(data)) {
      // Written with the password itself: no moment where the new password and the old sessions coexist.
      data!.sessionStamp = newStamp();
      event.state.passwordSet = true;
    }
    if (mayEndSessions(data)) event.state.before = await factsOf(strapi, event.params.where);
  };
  const checkAfter = async (event: UpdateEvent, ids: number[]) => {
    if (event.state.passwordSet) await announce(strapi, ids);
    const before = event.state.before;
    if (!before || before.size === 0) return;
    const after = await factsOf(strapi, { id: { $in: [...before.keys()] } });
    await renew(
      strapi,
      [...before].filter(([id, facts]) => after.has(id) && endsSessions(facts, after.get(id)!)).map(([id]) => id)
    );
  };

  strapi.db.lifecycles.subscribe({
    models: [USER],
    afterFindOne: (event: { result?: unknown }) => remember(strapi, event.result),
    // A provider's sign-in finds its user among those of the address; a first sign-in creates it.
    afterFindMany: (event: { result?: unknown }) => (Array.isArray(event.result) ? event.result : []).forEach((row) => remember(strapi, row)),
    afterCreate: (event: { result?: unknown }) => remember(strapi, event.result),
    beforeUpdate: checkBefore,
    async afterUpdate(event: UpdateEvent) {
      remember(strapi, event.result);
      const id = (event.result as UserRow | null)?.id;
      if (id !== undefined) await checkAfter(event, [id]);
    },
    async beforeUpdateMany(event: UpdateEvent) {
      await checkBefore(event);
      // Which rows the password went to: the facts hold their ids.
      if (event.state.passwordSet && !event.state.before) event.state.before = await factsOf(strapi, event.params.where);
    },
    async afterUpdateMany(event: UpdateEvent) {
      await checkAfter(event, [...(event.state.before?.keys() ?? [])]);
    },
  } as Parameters<Core.Strapi['db']['lifecycles']['subscribe']>[0]);
}

export type JwtService = {
  issue(payload: unknown, options?: unknown): unknown;
  getToken(ctx: object): Promise<unknown>;
  verify(token: string): Promise<unknown>;
} & Record<string, unknown>;
export type UserService = { fetchAuthenticatedUser(id: unknown): Promise<UserRow | null> } & Record<string, unknown>;

const legacyMode = (strapi: Core.Strapi) => strapi.config.get<string>('plugin::users-permissions.jwtManagement', 'legacy-support') !== 'refresh';

/**
 * users-permissions' jwt service with the stamp: `issue` adds the stamp of the user as this request read or
 * wrote it (sign-in, reset, change all load the user first), `getToken` keeps the stamp the bearer JWT carries
 * for the user check below. Refresh mode (not used here) keeps Strapi's own session handling.
 */
export function withSessionStampInJwt(makeJwt: (deps: { strapi: Core.Strapi }) => JwtService) {
  return ({ strapi }: { strapi: Core.Strapi }): JwtService => {
    const service = makeJwt({ strapi });
    return {
      ...service,
      issue(payload: unknown, options?: unknown) {
        const claims = payload as { id?: number; toJSON?: () => unknown } | null;
        if (legacyMode(strapi) && claims && typeof claims === 'object' && typeof claims.id === 'number' && !(STAMP_CLAIM in claims)) {
          const request = requestOf(strapi);
          const seen = request ? seenStamps.get(request) : undefined;
          if (seen?.has(claims.id)) {
            const stamp = seen.get(claims.id);
            const plain = (claims.toJSON ? claims.toJSON() : claims) as Record<string, unknown>;
            return service.issue.call(this, stamp ? { ...plain, [STAMP_CLAIM]: stamp } : plain, options);
          }
          // Deny by default: without the stamp the token works only for a user none of whose sessions ended.
          strapi.log.warn(`A JWT for user ${claims.id} was issued without its session stamp: it opens no session once one has ended`);
        }
        return service.issue.call(this, payload, options);
      },
      async getToken(ctx: object) {
        const payload = await service.getToken.call(this, ctx);
        if (legacyMode(strapi) && payload && typeof payload === 'object') tokenStamps.set(ctx, stampOf(payload));
        return payload;
      },
    };
  };
}

/**
 * users-permissions' user service whose authentication read refuses a JWT of an ended session: the strategy
 * answers 401. The read itself is one statement with the role and the organization (access/authenticated-user.ts).
 */
export function withSessionCheck(makeUser: (deps: { strapi: Core.Strapi }) => UserService) {
  return ({ strapi }: { strapi: Core.Strapi }): UserService => {
    const service = makeUser({ strapi });
    return {
      ...service,
      async fetchAuthenticatedUser(id: unknown) {
        const user = (await readAuthenticatedUser(strapi, id)) as UserRow | null;
        const request = requestOf(strapi);
        if (user && request && tokenStamps.has(request) && !sessionStillValid(tokenStamps.get(request)!, user.sessionStamp)) return null;
        return user;
      },
    };
  };
}
