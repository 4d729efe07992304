import pg from 'pg';
import type { TimelineWakeUp } from '../../../../api/ticket-event/live-signal';
import { retryDelayMs } from '../../../notifications/server/src/rules/retry';
import { parseSessionsEnded, parseWakeUp } from './rules/live-events';

export interface PgWakeUpsOptions {
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
export class PgWakeUps {
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
