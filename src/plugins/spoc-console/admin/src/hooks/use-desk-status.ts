/**
 * The operator's desk status (waiting calls, call-backs due), polled every 1.5 s while the panel is visible:
 * a call the PBX reports shows within 2 s on whatever page the operator is. One poll for the whole panel,
 * whichever components read it (the menu's badge, the call pop-up, the desks' pages).
 * Why polling and not the console's live stream: calls are not timeline events (the live hub's source of
 * truth), and a poll needs nothing of the server but one indexed read per operator; a push channel for calls
 * is the next step if the number of operators makes this weigh (issue 17 measures it).
 */
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { DeskStatus } from '../types';

export const DESK_POLL_MS = 1500;

type Get = ReturnType<typeof useFetchClient>['get'];

const listeners = new Set<() => void>();
let status: DeskStatus | null = null;
let fetcher: Get | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight = false;

async function poll() {
  if (timer) clearTimeout(timer);
  timer = null;
  if (!fetcher || listeners.size === 0) return;
  if (document.visibilityState === 'visible' && !inFlight) {
    inFlight = true;
    try {
      status = (await fetcher<{ data: DeskStatus }>('/spoc-console/desk/status')).data.data;
      for (const listener of listeners) listener();
    } catch {
      // Signed out or the server restarting: the next poll tries again.
    } finally {
      inFlight = false;
    }
  }
  if (listeners.size > 0) timer = setTimeout(() => void poll(), DESK_POLL_MS);
}

const onVisible = () => {
  if (document.visibilityState === 'visible') void poll();
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    document.addEventListener('visibilitychange', onVisible);
    void poll();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      document.removeEventListener('visibilitychange', onVisible);
      if (timer) clearTimeout(timer);
      timer = null;
    }
  };
}

/** Asks again now: after the operator answered, registered or closed a call. */
export const refreshDeskStatus = () => void poll();

export function useDeskStatus(): DeskStatus | null {
  const { get } = useFetchClient();
  fetcher = get;
  return React.useSyncExternalStore(subscribe, () => status);
}
