/** Lifecycle transitions are explicit actions, never free edits of `state` (DESIGN.md). */
const action = (path: string, handler: string) => ({
  method: 'POST' as const,
  path: `/tickets/:id/${path}`,
  handler: `api::ticket.ticket.${handler}`,
  config: { policies: [] as string[] },
});

export default {
  routes: [
    action('take-charge', 'takeCharge'),
    action('suspend', 'suspend'),
    action('resume', 'resume'),
    action('restore', 'restore'),
    action('reopen', 'reopen'),
    action('close', 'close'),
    action('cancel', 'cancel'),
    action('correct-reported-at', 'correctReportedAt'),
    action('attachments', 'addAttachments'),
    // The portal's page of one request: the ticket with its SLA and public follow-ups, and its timeline.
    { method: 'GET' as const, path: '/tickets/:id/page', handler: 'api::ticket.ticket.page', config: { policies: [] as string[] } },
    { method: 'GET' as const, path: '/tickets/:id/verify-timeline', handler: 'api::ticket.ticket.verifyTimeline', config: { policies: [] as string[] } },
  ],
};
