import type { Core } from '@strapi/strapi';
import pg from 'pg';
import { retryDelayMs } from '../../plugins/notifications/server/src/rules/retry';
import { isPostgres } from '../../utils/dialect';
import { LIVE_CHANNEL, timelineAppended, type TimelineWakeUp } from './live-signal';
import { parseAccessChanged, parseSessionsEnded, parseWakeUp } from './live-rules';

interface PgWakeUpsOptions {
  /** The database connection settings (Strapi's `database.connection.connection`). */
  connection: pg.ClientConfig;
  channel: string;
  onWakeUp(wakeUp: TimelineWakeUp): void;
  /** A user's sessions ended (`{"sessionsEnded": id}` on the same channel). */
  onSessionsEnded(userId: number): void;
  /** Roles, permissions or settings changed (`{"accessChanged": true}` on the same channel). */
  onAccessChanged(): void;
  /** After every (re)connection: notifications sent while we were not listening are lost, so look again. */
  onListening(): void;
  /** The connection was lost: until `onListening`, notifications are not heard. */
  onListeningLost(): void;
  log: { warn(message: string): void };
}

/**
 * One dedicated connection per instance that LISTENs for the timeline's wake-ups. Not from Strapi's pool:
 * a LISTEN holds its connection for good, and the pool's connections are handed to any query. When the
 * connection drops it reconnects with a growing pause (0.5 s doubling, at most 30 s).
 */
class PgWakeUps {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = true;
  /** LISTEN has been answered on the current connection, and it has not been lost since. */
  listening = false;

  constructor(private readonly options: PgWakeUpsOptions) {}

  start() {
    this.stopped = false;
    void this.connect();
  }

  async stop() {
    this.stopped = true;
    this.listening = false;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect() {
    const { connection, channel, onWakeUp, onSessionsEnded, onAccessChanged, onListening, log } = this.options;
    // Named with the process id: an operator (or a test) can tell each instance's connection apart.
    const client = new pg.Client({ ...connection, application_name: `spoc-live ${process.pid}`, keepAlive: true });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
      if (parseAccessChanged(message.payload)) return onAccessChanged();
      const ended = parseSessionsEnded(message.payload);
      if (ended !== null) return onSessionsEnded(ended);
      const wakeUp = parseWakeUp(message.payload);
      if (wakeUp) onWakeUp(wakeUp);
    });
    client.on('error', (error) => {
      log.warn(`Live updates: the LISTEN connection failed: ${error.message}`);
      this.dropped(client);
    });
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      log.warn(`Live updates: cannot LISTEN: ${(error as Error).message}`);
      this.dropped(client);
      return;
    }
    if (this.client !== client) return;
    this.failures = 0;
    this.listening = true;
    onListening();
  }

  private dropped(client: pg.Client) {
    // 'error' and 'end' may both come for one loss: handle it once.
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    client.end().catch(() => undefined);
    this.options.onListeningLost();
    if (this.stopped) return;
    this.failures++;
    this.timer = setTimeout(() => void this.connect(), Math.min(retryDelayMs(this.failures, 0.5), 30_000));
  }
}

/** What a live hub (or the access cache) hears on the channel. */
export interface WakeUpListener {
  onWakeUp?(wakeUp: TimelineWakeUp): void;
  /** A portal user's sessions ended (users-permissions ids). */
  onSessionsEnded?(userId: number): void;
  /** Roles, permissions or settings changed. */
  onAccessChanged?(): void;
  /** The LISTEN connection is (again) up: what was committed while it was down must be read. */
  onListening?(): void;
  /** The LISTEN connection was lost (PostgreSQL only): nothing is heard until the next `onListening`. */
  onListeningLost?(): void;
}

/**
 * The timeline's wake-ups of this process, shared by every live hub (the portal's, the console's): one LISTEN
 * connection on PostgreSQL, the in-process emitter on SQLite. The connection opens with the first listener
 * and closes with the last.
 */
const listeners = new Set<WakeUpListener>();
let connection: PgWakeUps | null = null;
const each = (call: (listener: WakeUpListener) => void) => {
  for (const listener of [...listeners]) call(listener);
};
const onAppended = (wakeUp: TimelineWakeUp) => each((listener) => listener.onWakeUp?.(wakeUp));
const onSessionsEnded = (userId: number) => each((listener) => listener.onSessionsEnded?.(userId));
const onAccessChanged = () => each((listener) => listener.onAccessChanged?.());

/** Starts hearing the timeline; the returned function stops (and closes the connection after the last listener). */
export function listenToTimeline(strapi: Core.Strapi, listener: WakeUpListener): () => Promise<void> {
  listeners.add(listener);
  if (listeners.size === 1) {
    if (isPostgres(strapi)) {
      connection = new PgWakeUps({
        connection: strapi.config.get('database.connection.connection') as pg.ClientConfig,
        channel: LIVE_CHANNEL,
        onWakeUp: onAppended,
        onSessionsEnded,
        onAccessChanged,
        onListening: () => each((listener) => listener.onListening?.()),
        onListeningLost: () => each((listener) => listener.onListeningLost?.()),
        log: strapi.log,
      });
      connection.start();
    } else {
      timelineAppended.on('appended', onAppended);
      timelineAppended.on('sessions-ended', onSessionsEnded);
      timelineAppended.on('access-changed', onAccessChanged);
    }
  } else if (connection?.listening) {
    // The connection was up before this listener came: it hears from now on.
    listener.onListening?.();
  }
  return async () => {
    if (!listeners.delete(listener) || listeners.size > 0) return;
    timelineAppended.off('appended', onAppended);
    timelineAppended.off('sessions-ended', onSessionsEnded);
    timelineAppended.off('access-changed', onAccessChanged);
    const closing = connection;
    connection = null;
    await closing?.stop();
  };
}
