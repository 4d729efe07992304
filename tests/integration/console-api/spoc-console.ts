import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';

describe.each(backends())('SPOC console admin routes on $name', (backend) => {
  let a: Actors;
  let org: string;
  beforeAll(async () => {
    a = await actors(backend);
    org = a.organizations.quiet.documentId;
  });

  it('lets an operator take charge, becoming assignee and the named actor of the event', async () => {
    const ticket = await createTicket(a.tool, org);
    const res = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {});
    expect(res.status).toBe(200);
    expect(res.body.data.state).toBe('in_charge');
    expect(res.body.data.assignee).toMatchObject({ firstname: 'Oscar', lastname: 'Operatore' });
    expect(res.body.data.assignee.password).toBeUndefined();
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
    expect(events.body.data[1]).toMatchObject({ type: 'ticket.take-charge', actorType: 'admin', actorName: 'Oscar Operatore' });
  });

  it('answers 409 naming the state and 400 naming the field, as the REST API does', async () => {
    const ticket = await createTicket(a.tool, org);
    const early = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/close`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.details.state).toBe('new');
    const noReason = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/cancel`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details.errors[0].path).toEqual(['reason']);
    expect((await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/explode`, {})).status).toBe(404);
  });

  it('keeps corrections and timeline verification to supervisors', async () => {
    const ticket = await createTicket(a.tool, org);
    const reportedAt = new Date(Date.now() - 45 * 60_000).toISOString();
    const correction = { reportedAt, reason: 'Chiamata ricevuta al centralino e registrata dopo' };
    expect((await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/correct-reported-at`, correction)).status).toBe(403);
    expect((await a.operator.get(`/spoc-console/tickets/${ticket.documentId}/verify-timeline`)).status).toBe(403);

    const ok = await a.supervisor.post(`/spoc-console/tickets/${ticket.documentId}/correct-reported-at`, correction);
    expect(ok.status).toBe(200);
    expect(ok.body.data.reportedAt).toBe(reportedAt);
    const verdict = await a.supervisor.get(`/spoc-console/tickets/${ticket.documentId}/verify-timeline`);
    expect(verdict.body.data).toMatchObject({ valid: true, checked: 3 });
    const events = await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${ticket.documentId}&sort=seq`);
    expect(events.body.data[1]).toMatchObject({
      type: 'ticket.reported-at-corrected',
      actorName: 'Sara Supervisore',
      data: { reason: correction.reason, to: reportedAt },
    });
  });

  it('refuses portal users and anonymous callers', async () => {
    const ticket = await createTicket(a.tool, org);
    expect((await a.staff.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(401);
    expect((await a.anonymous.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(401);
  });
});
