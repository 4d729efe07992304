import type { Core } from '@strapi/strapi';
import { createLiveHub, timelineEvents, type LiveStream } from '../../../../../api/ticket-event/live-hub';
import { timelineScope } from '../../../../../api/ticket-event/portal-scope';
import { sessionStillValid } from '../../../../../extensions/users-permissions/session-rules';
import type { PortalConfig } from '../config';
import { liveMessage, type VisibleEventRow } from '../rules/live-events';

export type { LiveStream };

export interface OpenOptions {
  userId: number;
  organizationId: number;
  /** The session stamp of the JWT (the user's, as authentication checked it). */
  stamp: string | null;
  /** Last-Event-ID: replay every visible event after it; undefined starts from now. */
  resumeAfter?: number;
  /** When the session's JWT expires: the stream is closed then, and the reconnection is refused. */
  expiresInMs: number | null;
}

/**
 * The portal's audience of the shared live hub (src/api/ticket-event/live-hub.ts): a portal user's streams
 * are grouped by organization, see the events the REST timeline shows them (portal-scope.ts), and close when
 * the user's session ends (a new password, a block, another organization: a new session stamp).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const hub = createLiveHub<VisibleEventRow, { stamp: string | null }>(strapi, {
    name: 'portal',
    settings: () => (strapi.config.get('plugin::portal') as PortalConfig).live,
    events: (organizationId, where, limit) => timelineEvents(strapi, { $and: [timelineScope.scope(organizationId), where] }, limit),
    message: liveMessage,
    // SQLite's wake-ups do not know the organization: every group looks.
    groupsOf: (wakeUp) => (wakeUp.organization === null ? 'all' : [wakeUp.organization]),
    hearsSessionsEnded: true,
    async ended(holders) {
      const users = (await strapi.db.query('plugin::users-permissions.user').findMany({
        where: { id: { $in: [...new Set(holders.map((holder) => holder.userId))] } },
        select: ['id', 'blocked', 'sessionStamp'],
        populate: { organization: { select: ['id'] } },
      })) as Array<{ id: number; blocked: boolean | null; sessionStamp: string | null; organization?: { id: number } | null }>;
      const current = new Map(users.filter((user) => !user.blocked).map((user) => [user.id, user]));
      return new Set(
        holders.filter((holder) => {
          const user = current.get(holder.userId);
          return !user || (user.organization?.id ?? null) !== holder.group || !sessionStillValid(holder.extra.stamp, user.sessionStamp);
        })
      );
    },
  });

  return {
    /** Opens a stream for a portal user; 429 when the user already holds as many as allowed. */
    open: (options: OpenOptions): LiveStream =>
      hub.open({ userId: options.userId, group: options.organizationId, extra: { stamp: options.stamp }, resumeAfter: options.resumeAfter, expiresInMs: options.expiresInMs }),
    start: hub.start,
    stop: hub.stop,
  };
};
