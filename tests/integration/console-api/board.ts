import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { createAdminUser, type AdminUser } from '../../support/admin-users';
import { until } from '../../support/eventually';

const MIN = 60_000;
const romeDay = (instant: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(instant);

/**
 * The supervisors' board (issue 16): its SLA figures are the SLA report's for the same month, its counts
 * follow the tickets, and only supervisors may read it.
 */
describe.each(backends())("supervisors' board on $name", (backend) => {
  let a: Actors;
  let author: AdminUser;
  beforeAll(async () => {
    a = await actors(backend);
    author = await createAdminUser(a.admin, 'Author', { firstname: 'Alda', lastname: 'Autrice' });
  });
  const board = async () => (await a.supervisor.get('/spoc-console/board')).body.data;

  it('is for supervisors: 401 without a panel session, 403 for operators and authors', async () => {
    expect((await a.anonymous.get('/spoc-console/board')).status).toBe(401);
    expect((await a.staff.get('/spoc-console/board')).status).toBe(401);
    expect((await a.operator.get('/spoc-console/board')).status).toBe(403);
    expect((await author.api.get('/spoc-console/board')).status).toBe(403);
    expect((await a.supervisor.get('/spoc-console/board')).status).toBe(200);
  });

  it("shows this month's compliance, penalties and registration lag exactly as the SLA report does", async () => {
    // A breached P1 this month, so that the figures are not all zero.
    const reportedAt = new Date(Date.now() - 50 * MIN);
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { priority: 'P1', reportedAt: reportedAt.toISOString(), title: 'Centralino fermo' });
    await a.tool.post('/api/sla/sweep', {});
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    const figures = await board();
    const { from, to } = figures.periods.month;
    const report = (await a.supervisor.get(`/sla/report?from=${from}&to=${to}`)).body.data;
    const sum = (clock: 'takeCharge' | 'restore', field: 'within' | 'failed' | 'pending') => report.priorities.reduce((total: number, p: Record<string, Record<string, number>>) => total + p[clock][field], 0);
    for (const clock of ['takeCharge', 'restore'] as const) {
      expect(figures.compliance[clock]).toMatchObject({ within: sum(clock, 'within'), failed: sum(clock, 'failed'), pending: sum(clock, 'pending'), threshold: report.contract.complianceThreshold });
    }
    expect(figures.compliance.takeCharge.failed).toBeGreaterThan(0);
    expect(figures.penalties).toEqual(report.penalties);
    expect(figures.breachesThisMonth).toBe(report.totals.breaches);
    expect(figures.registrationLag).toEqual(report.registrationLag);
    // Its take-in-charge was due 20 minutes after the report: a breach of today, unless that was yesterday in Rome.
    if (romeDay(new Date(reportedAt.getTime() + 30 * MIN)) === romeDay(new Date())) expect(figures.breachesToday.takeCharge).toBeGreaterThan(0);
  });

  it('counts the open tickets by priority and state, and what waits in the outbox and the call-backs', async () => {
    const count = (figures: { openTickets: Array<{ priority: string; state: string; count: number }> }) => figures.openTickets.find((row) => row.priority === 'P4' && row.state === 'new')?.count ?? 0;
    const before = count(await board());
    await createTicket(a.tool, a.organizations.quiet.documentId, { priority: 'P4' });
    const after = await board();
    expect(count(after)).toBe(before + 1);
    expect(after.mail.backlog).toMatchObject({ waiting: expect.any(Number) });
    expect(after.mail).toMatchObject({ failedToday: expect.any(Number), failedThisMonth: expect.any(Number) });
    // The progress cron may raise a call-back between two reads: they agree once both see the same tasks.
    await until('the board and the desk status to agree on overdue call-backs', async () => (await board()).callbacksOverdue === (await a.operator.get('/spoc-console/desk/status')).body.data.callbacks.overdue);
    expect(Array.isArray(after.intake)).toBe(true);
  });
});
