import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { TicketState } from './types';

/** What the server enforces on uploads, shown to the user before they pick files. */
export interface PortalSettings {
  /** File names ending in a blocked extension are refused here; the server decides on the bytes. */
  attachments: { maxFiles: number; maxFileBytes: number; blockedExtensions: string[] };
  /** Where the requester may still add follow-ups and files (the server's lifecycle rules). */
  openForRequester: TicketState[];
  singleSignOn: Array<{ provider: string; label: string }>;
}

export function usePortalSettings() {
  return useQuery({
    queryKey: ['portal-settings'],
    queryFn: ({ signal }) => api<{ data: PortalSettings }>('/api/portal/settings', { signal, anonymous: true }).then((r) => r.data),
    staleTime: Infinity,
  });
}

export function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'it-IT', { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
