import type { ScopeRules } from '../../access/scoped-controller';

/**
 * What a portal user may read of the timeline: the public events of their organization's tickets. Shared
 * by the scoped REST reads and the portal's live stream, so both always show the same events.
 */
export const timelineScope: ScopeRules = {
  uid: 'api::ticket-event.ticket-event',
  scope: (organizationId) => ({ ticket: { organization: { id: organizationId } }, visibility: 'public' }),
  populate: () => ({ ticket: { fields: ['number', 'title'] } }),
};
