import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import type { Workspace } from '../types';

const CHANGED = 'spoc-console:ticket-changed';

/** Tells every summary of this ticket on the page (the side panel, the other actions) to read it again. */
export function announceTicketChange(documentId: string) {
  window.dispatchEvent(new CustomEvent<string>(CHANGED, { detail: documentId }));
}

/** A ticket's workspace for the Content Manager's panel and actions; null while loading or when refused. */
export function useWorkspaceSummary(documentId: string | undefined, enabled: boolean): { workspace: Workspace | null; reload: () => Promise<void> } {
  const { get } = useFetchClient();
  const [workspace, setWorkspace] = React.useState<Workspace | null>(null);
  const reload = React.useCallback(async () => {
    if (!enabled || !documentId) return;
    try {
      const { data } = await get<{ data: Workspace }>(`/spoc-console/tickets/${documentId}`);
      setWorkspace(data.data);
    } catch {
      setWorkspace(null);
    }
  }, [get, documentId, enabled]);
  React.useEffect(() => {
    void reload();
    const onChange = (event: Event) => {
      if ((event as CustomEvent<string>).detail === documentId) void reload();
    };
    window.addEventListener(CHANGED, onChange);
    return () => window.removeEventListener(CHANGED, onChange);
  }, [reload, documentId]);
  return { workspace, reload };
}
