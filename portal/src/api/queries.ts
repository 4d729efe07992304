import { useQuery } from '@tanstack/react-query';
import qs from 'qs';
import { api } from './client';
import type { Category, ListResponse, MaintenanceLog, Ticket, TimelineEvent } from './types';
import { romeDayStart } from '../format/dates';

/** The list view as the URL holds it, so that a view can be bookmarked and shared. */
export interface TicketListView {
  mine: boolean;
  q: string;
  state: string[];
  priority: string[];
  category: string;
  from: string;
  to: string;
  sort: string;
  page: number;
}

export const PAGE_SIZE = 25;

/** Strapi REST query of a list view: the server adds the organization scope on its own. */
export function ticketListQuery(view: TicketListView): string {
  const and: Array<Record<string, unknown>> = [];
  const text = view.q.trim();
  if (text) and.push({ $or: [{ number: { $containsi: text } }, { title: { $containsi: text } }, { description: { $containsi: text } }] });
  if (view.state.length) and.push({ state: { $in: view.state } });
  if (view.priority.length) and.push({ priority: { $in: view.priority } });
  if (view.category) and.push({ category: { documentId: { $eq: view.category } } });
  if (view.from) and.push({ reportedAt: { $gte: romeDayStart(view.from) } });
  if (view.to) and.push({ reportedAt: { $lt: romeDayStart(view.to, 1) } });
  return qs.stringify(
    {
      ...(view.mine ? { mine: 'true' } : {}),
      filters: and.length ? { $and: and } : undefined,
      sort: [view.sort, 'id:desc'],
      populate: { category: { fields: ['name'] } },
      fields: ['number', 'title', 'state', 'priority', 'channel', 'kind', 'reportedAt'],
      pagination: { page: view.page, pageSize: PAGE_SIZE },
    },
    { encodeValuesOnly: true }
  );
}

export function useTickets(view: TicketListView) {
  const query = ticketListQuery(view);
  return useQuery({
    queryKey: ['tickets', query],
    queryFn: ({ signal }) => api<ListResponse<Ticket>>(`/api/tickets?${query}`, { signal }),
    placeholderData: (previous) => previous,
  });
}

/** The page of one request in one round trip: the ticket (category, attachments, public follow-ups, SLA) and its timeline. */
interface TicketPage {
  ticket: Ticket;
  timeline: TimelineEvent[];
}

/** One request for both hooks below: they share its cache entry, and the live stream refreshes it by the ticket's key. */
const ticketPageQuery = (documentId: string) => ({
  queryKey: ['ticket', documentId, 'page'],
  queryFn: ({ signal }: { signal: AbortSignal }) => api<{ data: TicketPage }>(`/api/tickets/${encodeURIComponent(documentId)}/page`, { signal }).then((response) => response.data),
});

export function useTicket(documentId: string) {
  return useQuery({ ...ticketPageQuery(documentId), select: (page: TicketPage) => page.ticket });
}

export function useTimeline(documentId: string) {
  return useQuery({ ...ticketPageQuery(documentId), select: (page: TicketPage) => page.timeline });
}

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api<ListResponse<Category>>('/api/categories?sort=name:asc&pagination[pageSize]=100', { signal }).then((r) => r.data),
    staleTime: 5 * 60_000,
  });
}

export function useMaintenance() {
  const query = qs.stringify({ sort: ['scheduledStart:desc'], pagination: { pageSize: 200 } }, { encodeValuesOnly: true });
  return useQuery({
    queryKey: ['maintenance'],
    queryFn: ({ signal }) => api<ListResponse<MaintenanceLog>>(`/api/maintenance-logs?${query}`, { signal }).then((r) => r.data),
  });
}
