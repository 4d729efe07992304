import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import type pg from 'pg';
import { LIVE_CHANNEL, timelineAppended, type TimelineWakeUp } from '../../../../../api/ticket-event/live-signal';
import { sessionStillValid } from '../../../../../extensions/users-permissions/session-rules';
import { timelineScope } from '../../../../../api/ticket-event/portal-scope';
import { isPostgres } from '../../../../../utils/dialect';
import type { PortalConfig } from '../config';
import { PgWakeUps } from '../pg-wake-ups';
import { liveMessage, RecentIds, replayPlan, type VisibleEventRow } from '../rules/live-events';
import { sseComment, sseEvent, sseId, sseRetry } from '../rules/sse';

const EVENT = 'api::ticket-event.ticket-event';
/** A client this far behind is not reading: it is dropped, and replays what it missed when it reconnects. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface LiveStream {
  readonly body: PassThrough;
  close(): void;
}

interface OpenStream extends LiveStream {
  userId: number;
  organizationId: number;
  /** The session stamp of the JWT that opened it: a new one on the user ends the stream. */
  stamp: string | null;
  sent: RecentIds;
  /** The highest id sent, or where the stream started: a catch-up looks after it. */
  lastId: number;
  /** False until its replay has run: wake-ups before that are covered by the replay. */
  ready: boolean;
  closed: boolean;
  expiry: NodeJS.Timeout | null;
}

/** The open streams of one organization and the work on them, done one task at a time, in order. */
interface Channel {
  streams: Set<OpenStream>;
  /** Ids announced by wake-ups and not yet read. */
  pending: Set<number>;
  drainQueued: boolean;
  tail: Promise<void>;
}

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
 * The portal's live stream hub of this instance. The timeline table is the source of truth: a wake-up
 * (pg_notify on PostgreSQL, an in-process emitter on SQLite) only names event ids, and each organization's
 * streams are fed from one scoped query per wake-up, with the visibility rule of the REST timeline.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const channels = new Map<number, Channel>();
  const perUser = new Map<number, number>();
  let heartbeat: NodeJS.Timeout | null = null;
  let listener: PgWakeUps | null = null;
  const onAppended = (wakeUp: TimelineWakeUp) => service.wake(wakeUp);
  const onSessionsEnded = (userId: number) => service.endSessions(userId);
  const config = () => (strapi.config.get('plugin::portal') as PortalConfig).live;

  function channel(organizationId: number): Channel {
    let found = channels.get(organizationId);
    if (!found) {
      found = { streams: new Set(), pending: new Set(), drainQueued: false, tail: Promise.resolve() };
      channels.set(organizationId, found);
    }
    return found;
  }

  function enqueue(target: Channel, task: () => Promise<void>) {
    target.tail = target.tail.then(task).catch((error: Error) => {
      strapi.log.error(`Live updates: ${error.message}`);
    });
  }

  function write(stream: OpenStream, text: string) {
    if (stream.closed) return;
    if (stream.body.writableLength > MAX_BUFFERED_BYTES) return stream.close();
    stream.body.write(text);
  }

  function send(stream: OpenStream, row: VisibleEventRow) {
    const message = liveMessage(row);
    if (!message || stream.sent.has(row.id)) return;
    write(stream, sseEvent('ticket', message, row.id));
    stream.sent.add(row.id);
    stream.lastId = Math.max(stream.lastId, row.id);
  }

  /** The events a portal user of the organization may see (portal-scope.ts), in id order. */
  function visibleEvents(organizationId: number, where: Record<string, unknown>, limit?: number): Promise<VisibleEventRow[]> {
    return strapi.db.query(EVENT).findMany({
      where: { $and: [timelineScope.scope(organizationId), where] },
      select: ['id', 'type', 'at'],
      populate: { ticket: { select: ['documentId', 'number'] } },
      orderBy: { id: 'asc' },
      ...(limit ? { limit } : {}),
    }) as Promise<VisibleEventRow[]>;
  }

  async function latestEventId(): Promise<number> {
    const row = (await strapi.db.connection('ticket_events').max({ id: 'id' }).first()) as { id: number | string | null } | undefined;
    return Number(row?.id ?? 0);
  }

  /** Too much was missed to send event by event: the client reloads, and goes on from the newest event. */
  async function reset(stream: OpenStream) {
    stream.lastId = Math.max(stream.lastId, await latestEventId());
    write(stream, sseEvent('reset', {}, stream.lastId));
  }

  async function replay(stream: OpenStream, resumeAfter: number | undefined) {
    if (stream.closed) return;
    if (resumeAfter === undefined) {
      stream.lastId = await latestEventId();
    } else {
      stream.lastId = resumeAfter;
      const plan = replayPlan(await visibleEvents(stream.organizationId, { id: { $gt: resumeAfter } }, config().replayLimit + 1), config().replayLimit);
      if (plan.reset) await reset(stream);
      for (const row of plan.events) send(stream, row);
    }
    // Tells a fresh client where it stands, so that a reconnection before any event still replays.
    write(stream, sseId(stream.lastId));
    stream.ready = true;
  }

  async function drain(organizationId: number, target: Channel) {
    target.drainQueued = false;
    const ids = [...target.pending];
    target.pending.clear();
    const streams = [...target.streams].filter((stream) => stream.ready);
    if (ids.length === 0 || streams.length === 0) return;
    const rows = await visibleEvents(organizationId, { id: { $in: ids } });
    for (const stream of streams) for (const row of rows) send(stream, row);
  }

  /** After the LISTEN connection came back: what was committed meanwhile is read by id. */
  async function catchUp(organizationId: number, target: Channel) {
    const streams = [...target.streams].filter((stream) => stream.ready);
    if (streams.length === 0) return;
    const from = Math.min(...streams.map((stream) => stream.lastId));
    const plan = replayPlan(await visibleEvents(organizationId, { id: { $gt: from } }, config().replayLimit + 1), config().replayLimit);
    for (const stream of streams) {
      if (plan.reset) await reset(stream);
      for (const row of plan.events) send(stream, row);
    }
  }

  /**
   * A session ends when the user gets a new password, is blocked or moved to another organization (a new
   * session stamp): such streams are closed (one query for the streams checked). Done at once on the
   * wake-up that announces it, and again with every heartbeat, for a wake-up lost with the LISTEN connection.
   */
  async function revalidate(onlyUser?: number) {
    const streams = [...channels.values()].flatMap((target) => [...target.streams]).filter((stream) => onlyUser === undefined || stream.userId === onlyUser);
    if (streams.length === 0) return;
    const users = (await strapi.db.query('plugin::users-permissions.user').findMany({
      where: { id: { $in: [...new Set(streams.map((stream) => stream.userId))] } },
      select: ['id', 'blocked', 'sessionStamp'],
      populate: { organization: { select: ['id'] } },
    })) as Array<{ id: number; blocked: boolean | null; sessionStamp: string | null; organization?: { id: number } | null }>;
    const current = new Map(users.filter((user) => !user.blocked).map((user) => [user.id, user]));
    for (const stream of streams) {
      const user = current.get(stream.userId);
      if (!user || (user.organization?.id ?? null) !== stream.organizationId || !sessionStillValid(stream.stamp, user.sessionStamp)) stream.close();
    }
  }

  const service = {
    /** Opens a stream for a portal user; 429 when the user already holds as many as allowed. */
    open(options: OpenOptions): LiveStream {
      const { maxStreamsPerUser } = config();
      const held = perUser.get(options.userId) ?? 0;
      if (held >= maxStreamsPerUser) {
        throw createError(429, `Too many open live streams: at most ${maxStreamsPerUser} per user`, { details: { limit: maxStreamsPerUser } });
      }
      perUser.set(options.userId, held + 1);
      const target = channel(options.organizationId);
      const stream: OpenStream = {
        body: new PassThrough(),
        userId: options.userId,
        organizationId: options.organizationId,
        stamp: options.stamp,
        sent: new RecentIds(),
        lastId: 0,
        ready: false,
        closed: false,
        expiry: null,
        close() {
          if (stream.closed) return;
          stream.closed = true;
          if (stream.expiry) clearTimeout(stream.expiry);
          target.streams.delete(stream);
          if (target.streams.size === 0 && channels.get(stream.organizationId) === target) channels.delete(stream.organizationId);
          const left = (perUser.get(stream.userId) ?? 1) - 1;
          if (left > 0) perUser.set(stream.userId, left);
          else perUser.delete(stream.userId);
          stream.body.end();
        },
      };
      if (options.expiresInMs !== null) stream.expiry = setTimeout(() => stream.close(), options.expiresInMs);
      write(stream, sseRetry());
      target.streams.add(stream);
      enqueue(target, () => replay(stream, options.resumeAfter));
      return stream;
    },

    /** A committed timeline event: queued for the organization's streams (all of them when it is unknown). */
    wake(wakeUp: TimelineWakeUp) {
      const targets = wakeUp.organization === null ? [...channels.entries()] : [[wakeUp.organization, channels.get(wakeUp.organization)] as const];
      for (const [organizationId, target] of targets) {
        if (!target) continue;
        target.pending.add(wakeUp.id);
        if (target.drainQueued) continue;
        target.drainQueued = true;
        enqueue(target, () => drain(organizationId, target));
      }
    },

    /** A user's sessions ended somewhere (this instance or another): its streams here close now. */
    endSessions(userId: number) {
      revalidate(userId).catch((error: Error) => strapi.log.warn(`Live updates: cannot check the sessions of user ${userId}: ${error.message}`));
    },

    start() {
      heartbeat = setInterval(() => {
        for (const target of channels.values()) for (const stream of target.streams) write(stream, sseComment('ping'));
        revalidate().catch((error: Error) => strapi.log.warn(`Live updates: cannot check the sessions: ${error.message}`));
      }, config().heartbeatSeconds * 1000);
      heartbeat.unref();
      if (!isPostgres(strapi)) {
        timelineAppended.on('appended', onAppended);
        timelineAppended.on('sessions-ended', onSessionsEnded);
        return;
      }
      listener = new PgWakeUps({
        connection: strapi.config.get('database.connection.connection') as pg.ClientConfig,
        channel: LIVE_CHANNEL,
        onWakeUp: onAppended,
        onSessionsEnded,
        onListening: () => {
          for (const [organizationId, target] of channels) enqueue(target, () => catchUp(organizationId, target));
        },
        log: strapi.log,
      });
      listener.start();
    },

    /** Ends every stream (clients reconnect to another instance) and the LISTEN connection. */
    async stop() {
      if (heartbeat) clearInterval(heartbeat);
      timelineAppended.off('appended', onAppended);
      timelineAppended.off('sessions-ended', onSessionsEnded);
      await listener?.stop();
      for (const target of [...channels.values()]) for (const stream of [...target.streams]) stream.close();
    },
  };
  return service;
};
