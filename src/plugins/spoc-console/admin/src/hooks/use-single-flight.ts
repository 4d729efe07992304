import * as React from 'react';

/**
 * A reload that never runs twice at once: asked again while it runs, it runs once more when it ends. Live
 * events can come faster than a reload answers; dropping all but the newest request would then show no
 * answer at all, and running them side by side could show an older answer after a newer one.
 */
export function useSingleFlight(work: () => Promise<void>): () => void {
  const latest = React.useRef(work);
  latest.current = work;
  const state = React.useRef({ running: false, again: false });
  return React.useCallback(() => {
    if (state.current.running) {
      state.current.again = true;
      return;
    }
    state.current.running = true;
    void (async () => {
      try {
        do {
          state.current.again = false;
          await latest.current().catch(() => undefined);
        } while (state.current.again);
      } finally {
        state.current.running = false;
      }
    })();
  }, []);
}
