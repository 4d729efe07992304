import type { Core } from '@strapi/strapi';
import { createLiveHub, timelineEvents, type LiveStream } from '../../../../../api/ticket-event/live-hub';
import type { TimelineEventRow } from '../../../../../api/ticket-event/live-rules';
import { ALL_TICKETS, CONSOLE_LIVE_SETTINGS, consoleMessage, endedHolders } from '../rules/live-stream-rules';
import { getConsoleService } from './get-service';

/**
 * The console's audience of the shared live hub (src/api/ticket-event/live-hub.ts): every timeline event of
 * every ticket, internal ones too, for admins who may work tickets; a stream closes once its admin is
 * blocked, deactivated, deleted or loses the permission (checked with each heartbeat).
 */
export interface ConsoleLiveService {
  open(options: { userId: number; resumeAfter?: number; expiresInMs: number | null }): LiveStream;
  start(): void;
  stop(): Promise<void>;
}

export default ({ strapi }: { strapi: Core.Strapi }): ConsoleLiveService => {
  const hub = createLiveHub<TimelineEventRow, null>(strapi, {
    name: 'console',
    settings: () => CONSOLE_LIVE_SETTINGS,
    events: (_group, where, limit) => timelineEvents(strapi, where, limit),
    message: consoleMessage,
    groupsOf: () => [ALL_TICKETS],
    // Those are portal users' sessions; an admin's right is checked with each heartbeat.
    hearsSessionsEnded: false,
    async ended(holders) {
      const allowed = await getConsoleService(strapi, 'queue').operators([...new Set(holders.map((holder) => holder.userId))]);
      return endedHolders(holders, new Set(allowed.map((operator) => operator.id)));
    },
  });

  return {
    open: (options) => hub.open({ ...options, group: ALL_TICKETS, extra: null }),
    start: hub.start,
    stop: hub.stop,
  };
};
