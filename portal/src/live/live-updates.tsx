import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { authHeaders } from '../api/client';
import { useSession } from '../auth/session';

/** What the server announces for each timeline event the user may see (GET /api/portal/live). */
export interface LiveTicketEvent {
  ticketDocumentId: string;
  number: string;
  type: string;
  at: string;
}

class SessionRefused extends Error {}

const LiveContext = createContext<boolean>(false);

/**
 * One Server-Sent Events stream per signed-in tab. A fetch-based client, because EventSource cannot send the
 * Authorization header (STRAPI-NOTES); it reconnects by itself and sends Last-Event-ID, so the server
 * replays what happened while the connection was down. Each event refreshes the queries of its ticket
 * and the lists: the data itself is always read through the scoped REST endpoints.
 */
export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const { signOut } = useSession();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    let opened = false;
    void fetchEventSource('/api/portal/live', {
      headers: authHeaders(),
      signal: controller.signal,
      openWhenHidden: true,
      async onopen(response) {
        if (response.status === 401 || response.status === 403) throw new SessionRefused();
        if (!response.ok) throw new Error(`live stream: HTTP ${response.status}`);
        setConnected(true);
        // The first stream starts from now: what the page read before it opened may already be old (an
        // operator acting in between). Read it again once; later reconnections replay by Last-Event-ID.
        if (!opened) void queries.invalidateQueries();
        opened = true;
      },
      onmessage(message) {
        if (message.event === 'reset') {
          void queries.invalidateQueries();
          return;
        }
        if (message.event !== 'ticket' || !message.data) return;
        const event = JSON.parse(message.data) as LiveTicketEvent;
        void queries.invalidateQueries({ queryKey: ['ticket', event.ticketDocumentId] });
        void queries.invalidateQueries({ queryKey: ['tickets'] });
        window.dispatchEvent(new CustomEvent<LiveTicketEvent>('spoc:ticket-event', { detail: event }));
      },
      onclose() {
        setConnected(false);
        // The server ended the stream (a restart, an expired token): reconnect; a refused session stops below.
        throw new Error('live stream closed');
      },
      onerror(error) {
        setConnected(false);
        if (error instanceof SessionRefused) {
          signOut('expired');
          throw error;
        }
        return 3000;
      },
    }).catch(() => setConnected(false));
    return () => controller.abort();
  }, [queries, signOut]);

  return <LiveContext.Provider value={connected}>{children}</LiveContext.Provider>;
}

export function useLiveConnected(): boolean {
  return useContext(LiveContext);
}
