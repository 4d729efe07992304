import * as React from 'react';
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { useAuth, useFetchClient } from '@strapi/strapi/admin';
import type { LiveTicketEvent } from '../types';

class StreamRefused extends Error {}

/**
 * The console's live stream (GET /spoc-console/live): a fetch-based client, because EventSource cannot send
 * the admin token (STRAPI-NOTES). It reconnects by itself and sends Last-Event-ID, so the server replays
 * what happened while it was down; a refused token is refreshed through the panel's own client, whose new
 * token opens the stream again. `onEvent` runs for every ticket change; `onOpen` when (re)connected, so a page
 * reads its data again after a gap the server could not replay.
 */
export function useLiveTicketEvents(onEvent: (event: LiveTicketEvent) => void, onOpen?: () => void, enabled = true): boolean {
  const token = useAuth('SpocConsoleLive', (state) => state.token);
  const { get } = useFetchClient();
  const [connected, setConnected] = React.useState(false);
  const lastEventId = React.useRef<string | null>(null);
  const handlers = React.useRef({ onEvent, onOpen });
  handlers.current = { onEvent, onOpen };

  React.useEffect(() => {
    if (!token || !enabled) return undefined;
    const controller = new AbortController();
    const backend = (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
    void fetchEventSource(`${backend}/spoc-console/live`, {
      headers: { Authorization: `Bearer ${token}`, ...(lastEventId.current ? { 'Last-Event-ID': lastEventId.current } : {}) },
      signal: controller.signal,
      openWhenHidden: true,
      async onopen(response) {
        if (response.status === 401) throw new StreamRefused();
        if (!response.ok) throw new Error(`live stream: HTTP ${response.status}`);
        setConnected(true);
        handlers.current.onOpen?.();
      },
      onmessage(message) {
        if (message.id) lastEventId.current = message.id;
        if (message.event === 'reset') {
          handlers.current.onOpen?.();
          return;
        }
        if (message.event !== 'ticket' || !message.data) return;
        handlers.current.onEvent(JSON.parse(message.data) as LiveTicketEvent);
      },
      onclose() {
        setConnected(false);
        throw new Error('live stream closed');
      },
      onerror(error) {
        setConnected(false);
        if (error instanceof StreamRefused) {
          // An expired access token: any request through the panel's client refreshes it (or signs out).
          void get('/admin/users/me').catch(() => undefined);
          throw error;
        }
        return 2000;
      },
    }).catch(() => setConnected(false));
    return () => controller.abort();
  }, [token, get, enabled]);

  return connected;
}
