import { PassThrough } from 'node:stream';
import type { Core } from '@strapi/strapi';
import createError from 'http-errors';
import { fieldValidationError } from '../../access/field-errors';
import type { KoaContext } from '../../access/scoped-controller';
import type { TimelineWakeUp } from './live-signal';
import { msUntilExpiry, RecentIds, replayPlan, type TimelineEventRow } from './live-rules';
import { bearerExpiry, resumeFrom, sseComment, sseEvent, sseId, sseRetry } from './sse';
import { listenToTimeline } from './timeline-wake-ups';

/** A client this far behind is not reading: it is dropped, and replays what it missed when it reconnects. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface LiveStream {
  readonly body: PassThrough;
  close(): void;
}

/** A timeline row as an audience reads it: its id orders the stream and is the SSE id. */
export interface HubEventRow {
  id: number;
}

/** What the hub knows of one open stream, as its audience's checks see it. */
export interface StreamHolder<Extra> {
  userId: number;
  group: number;
  extra: Extra;
}

export interface LiveHubSettings {
  /** Open streams one user may hold on one instance (tabs, devices). */
  maxStreamsPerUser: number;
  /** Events a reconnecting client is sent; with more it is told to reload (`event: reset`). */
  replayLimit: number;
  /** Comment lines on idle streams, so proxies keep them open; the holders are re-checked then too. */
  heartbeatSeconds: number;
}

/** One audience of the timeline: whose streams, which events each group of them may see, what each event says. */
export interface Audience<Row extends HubEventRow, Extra> {
  name: string;
  settings(): LiveHubSettings;
  /** The events a group's streams may see, matching `where` (a Strapi query filter on the event), in id order. */
  events(group: number, where: Record<string, unknown>, limit?: number): Promise<Row[]>;
  /** The `data` of the event's `event: ticket` message; null sends nothing. */
  message(row: Row): unknown;
  /** The groups a wake-up may concern: some, or every open group. */
  groupsOf(wakeUp: TimelineWakeUp): number[] | 'all';
  /** Of these holders, the ones whose right to the stream has ended (blocked, removed, another organization). */
  ended(holders: Array<StreamHolder<Extra>>): Promise<Set<StreamHolder<Extra>>>;
  /** Whether a portal session's end (users-permissions ids) concerns this audience's holders. */
  hearsSessionsEnded: boolean;
}

interface OpenStream<Extra> extends LiveStream, StreamHolder<Extra> {
  sent: RecentIds;
  /** The highest id sent, or where the stream started: a catch-up looks after it. */
  lastId: number;
  /** False until its replay has run: wake-ups before that are covered by the replay. */
  ready: boolean;
  closed: boolean;
  expiry: NodeJS.Timeout | null;
}

/** The open streams of one group and the work on them, done one task at a time, in order. */
interface Channel<Extra> {
  streams: Set<OpenStream<Extra>>;
  /** Ids announced by wake-ups and not yet read. */
  pending: Set<number>;
  drainQueued: boolean;
  tail: Promise<void>;
}

export interface OpenOptions<Extra> {
  userId: number;
  group: number;
  extra: Extra;
  /** Last-Event-ID: replay every visible event after it; undefined starts from now. */
  resumeAfter?: number;
  /** When the session's token expires: the stream is closed then, and the reconnection is refused. */
  expiresInMs: number | null;
}

/**
 * A live hub of this instance for one audience. The timeline table is the source of truth: a wake-up
 * (pg_notify on PostgreSQL, an in-process emitter on SQLite, timeline-wake-ups.ts) only names event ids, and
 * each group's streams are fed from one query per wake-up, with the audience's visibility rule.
 */
export function createLiveHub<Row extends HubEventRow, Extra>(strapi: Core.Strapi, audience: Audience<Row, Extra>) {
  const channels = new Map<number, Channel<Extra>>();
  const perUser = new Map<number, number>();
  let heartbeat: NodeJS.Timeout | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  const log = (message: string) => `Live updates (${audience.name}): ${message}`;

  function channel(group: number): Channel<Extra> {
    let found = channels.get(group);
    if (!found) {
      found = { streams: new Set(), pending: new Set(), drainQueued: false, tail: Promise.resolve() };
      channels.set(group, found);
    }
    return found;
  }

  function enqueue(target: Channel<Extra>, task: () => Promise<void>) {
    target.tail = target.tail.then(task).catch((error: Error) => {
      strapi.log.error(log(error.message));
    });
  }

  function write(stream: OpenStream<Extra>, text: string) {
    if (stream.closed) return;
    if (stream.body.writableLength > MAX_BUFFERED_BYTES) return stream.close();
    stream.body.write(text);
  }

  function send(stream: OpenStream<Extra>, row: Row) {
    const message = audience.message(row);
    if (!message || stream.sent.has(row.id)) return;
    write(stream, sseEvent('ticket', message, row.id));
    stream.sent.add(row.id);
    stream.lastId = Math.max(stream.lastId, row.id);
  }

  async function latestEventId(): Promise<number> {
    const row = (await strapi.db.connection('ticket_events').max({ id: 'id' }).first()) as { id: number | string | null } | undefined;
    return Number(row?.id ?? 0);
  }

  /** Too much was missed to send event by event: the client reloads, and goes on from the newest event. */
  async function reset(stream: OpenStream<Extra>) {
    stream.lastId = Math.max(stream.lastId, await latestEventId());
    write(stream, sseEvent('reset', {}, stream.lastId));
  }

  const after = (group: number, from: number) => {
    const { replayLimit } = audience.settings();
    return audience.events(group, { id: { $gt: from } }, replayLimit + 1).then((rows) => replayPlan(rows, replayLimit));
  };

  async function replay(stream: OpenStream<Extra>, resumeAfter: number | undefined) {
    if (stream.closed) return;
    if (resumeAfter === undefined) {
      stream.lastId = await latestEventId();
    } else {
      stream.lastId = resumeAfter;
      const plan = await after(stream.group, resumeAfter);
      if (plan.reset) await reset(stream);
      for (const row of plan.events) send(stream, row);
    }
    // Tells a fresh client where it stands, so that a reconnection before any event still replays.
    write(stream, sseId(stream.lastId));
    stream.ready = true;
  }

  async function drain(group: number, target: Channel<Extra>) {
    target.drainQueued = false;
    const ids = [...target.pending];
    target.pending.clear();
    const streams = [...target.streams].filter((stream) => stream.ready);
    if (ids.length === 0 || streams.length === 0) return;
    const rows = await audience.events(group, { id: { $in: ids } });
    for (const stream of streams) for (const row of rows) send(stream, row);
  }

  /** After the LISTEN connection came back: what was committed meanwhile is read by id. */
  async function catchUp(group: number, target: Channel<Extra>) {
    const streams = [...target.streams].filter((stream) => stream.ready);
    if (streams.length === 0) return;
    const plan = await after(group, Math.min(...streams.map((stream) => stream.lastId)));
    for (const stream of streams) {
      if (plan.reset) await reset(stream);
      for (const row of plan.events) send(stream, row);
    }
  }

  /** Closes the streams whose holders lost their right to them: with every heartbeat, and at once when told. */
  async function revalidate(onlyUser?: number) {
    const streams = [...channels.values()].flatMap((target) => [...target.streams]).filter((stream) => onlyUser === undefined || stream.userId === onlyUser);
    if (streams.length === 0) return;
    const ended = await audience.ended(streams);
    for (const stream of streams) if (ended.has(stream)) stream.close();
  }

  const hub = {
    /** Opens a stream; 429 when the user already holds as many as allowed. */
    open(options: OpenOptions<Extra>): LiveStream {
      const { maxStreamsPerUser } = audience.settings();
      const held = perUser.get(options.userId) ?? 0;
      if (held >= maxStreamsPerUser) {
        throw createError(429, `Too many open live streams: at most ${maxStreamsPerUser} per user`, { details: { limit: maxStreamsPerUser } });
      }
      perUser.set(options.userId, held + 1);
      const target = channel(options.group);
      const stream: OpenStream<Extra> = {
        body: new PassThrough(),
        userId: options.userId,
        group: options.group,
        extra: options.extra,
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
          if (target.streams.size === 0 && channels.get(stream.group) === target) channels.delete(stream.group);
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

    /** A committed timeline event: queued for the streams of the groups it may concern. */
    wake(wakeUp: TimelineWakeUp) {
      const groups = audience.groupsOf(wakeUp);
      const targets = groups === 'all' ? [...channels.entries()] : groups.map((group) => [group, channels.get(group)] as const);
      for (const [group, target] of targets) {
        if (!target) continue;
        target.pending.add(wakeUp.id);
        if (target.drainQueued) continue;
        target.drainQueued = true;
        enqueue(target, () => drain(group, target));
      }
    },

    /** A user's right to their streams may have ended: checked now rather than at the next heartbeat. */
    recheck(userId: number) {
      revalidate(userId).catch((error: Error) => strapi.log.warn(log(`cannot check the sessions of user ${userId}: ${error.message}`)));
    },

    start() {
      heartbeat = setInterval(() => {
        for (const target of channels.values()) for (const stream of target.streams) write(stream, sseComment('ping'));
        revalidate().catch((error: Error) => strapi.log.warn(log(`cannot check the sessions: ${error.message}`)));
      }, audience.settings().heartbeatSeconds * 1000);
      heartbeat.unref();
      unlisten = listenToTimeline(strapi, {
        onWakeUp: (wakeUp) => hub.wake(wakeUp),
        ...(audience.hearsSessionsEnded ? { onSessionsEnded: (userId: number) => hub.recheck(userId) } : {}),
        onListening: () => {
          for (const [group, target] of channels) enqueue(target, () => catchUp(group, target));
        },
      });
    },

    /** Ends every stream (clients reconnect to another instance) and stops hearing the timeline. */
    async stop() {
      if (heartbeat) clearInterval(heartbeat);
      await unlisten?.();
      unlisten = null;
      for (const target of [...channels.values()]) for (const stream of [...target.streams]) stream.close();
    },
  };
  return hub;
}

/**
 * What a stream request asks of its timing: the event to resume after (Last-Event-ID, else `?lastEventId=`;
 * a malformed one is a 400 naming it) and how long its bearer token has left.
 */
export function streamRequest(ctx: KoaContext): { resumeAfter?: number; expiresInMs: number | null } {
  const resume = resumeFrom(ctx.get('last-event-id'), (ctx.query as Record<string, unknown> | undefined)?.lastEventId);
  if (resume && 'invalid' in resume) throw fieldValidationError('lastEventId', 'lastEventId must be the id of the last event received');
  return { resumeAfter: resume?.value, expiresInMs: msUntilExpiry(bearerExpiry(ctx.get('authorization')), Date.now()) };
}

/** Timeline rows matching `where` (an audience's scope and the hub's id condition), in id order, with their ticket. */
export function timelineEvents(strapi: Core.Strapi, where: Record<string, unknown>, limit?: number): Promise<TimelineEventRow[]> {
  return strapi.db.query('api::ticket-event.ticket-event').findMany({
    where,
    select: ['id', 'type', 'at'],
    populate: { ticket: { select: ['documentId', 'number'] } },
    orderBy: { id: 'asc' },
    ...(limit ? { limit } : {}),
  }) as Promise<TimelineEventRow[]>;
}

/** Answers the request with the stream: Koa pipes it, so the action returns at once. */
export function respondWithStream(ctx: KoaContext, stream: LiveStream) {
  ctx.res.once('close', () => stream.close());
  ctx.req.socket.setTimeout(0);
  ctx.req.socket.setNoDelay(true);
  ctx.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // nginx and similar proxies would otherwise hold the events back in their buffers.
    'X-Accel-Buffering': 'no',
  });
  ctx.status = 200;
  ctx.body = stream.body;
}
