import type { Core } from '@strapi/strapi';
import pg from 'pg';
import { retryDelayMs } from '../../plugins/notifications/server/src/rules/retry';
import { isPostgres } from '../../utils/dialect';
import { LIVE_CHANNEL, timelineAppended, type TimelineWakeUp } from './live-signal';
import { parseSessionsEnded, parseWakeUp } from './live-rules';

interface PgWakeUpsOptions {
  /** The database connection settings (Strapi's `database.connection.connection`). */
  connection: pg.ClientConfig;
  channel: string;
  onWakeUp(wakeUp: TimelineWakeUp): void;
  /** A user's sessions ended (`{"sessionsEnded": id}` on the same channel). */
  onSessionsEnded(userId: number): void;
  /** After every (re)connection: notifications sent while we were not listening are lost, so look again. */
  onListening(): void;
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

  constructor(private readonly options: PgWakeUpsOptions) {}

  start() {
    this.stopped = false;
    void this.connect();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect() {
    const { connection, channel, onWakeUp, onSessionsEnded, onListening, log } = this.options;
    const client = new pg.Client({ ...connection, application_name: 'spoc-live', keepAlive: true });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== channel) return;
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
    onListening();
  }

  private dropped(client: pg.Client) {
    // 'error' and 'end' may both come for one loss: handle it once.
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    if (this.stopped) return;
    this.failures++;
    this.timer = setTimeout(() => void this.connect(), Math.min(retryDelayMs(this.failures, 0.5), 30_000));
  }
}

/** What a live hub hears from the timeline. */
export interface WakeUpListener {
  onWakeUp(wakeUp: TimelineWakeUp): void;
  /** A portal user's sessions ended (users-permissions ids). */
  onSessionsEnded?(userId: number): void;
  /** The LISTEN connection is (again) up: what was committed while it was down must be read. */
  onListening?(): void;
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
const onAppended = (wakeUp: TimelineWakeUp) => each((listener) => listener.onWakeUp(wakeUp));
const onSessionsEnded = (userId: number) => each((listener) => listener.onSessionsEnded?.(userId));

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
        onListening: () => each((listener) => listener.onListening?.()),
        log: strapi.log,
      });
      connection.start();
    } else {
      timelineAppended.on('appended', onAppended);
      timelineAppended.on('sessions-ended', onSessionsEnded);
    }
  }
  return async () => {
    if (!listeners.delete(listener) || listeners.size > 0) return;
    timelineAppended.off('appended', onAppended);
    timelineAppended.off('sessions-ended', onSessionsEnded);
    const closing = connection;
    connection = null;
    await closing?.stop();
  };
}
