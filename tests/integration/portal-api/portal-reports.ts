import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, createTicket, type Actors } from '../../support/api';
import { createPortalUser, signedToken } from '../../support/portal-users';

const rome = () => DateTime.now().setZone('Europe/Rome');
const day = (offsetDays: number) => rome().plus({ days: offsetDays }).toISODate()!;
const at = (offsetDays: number) => rome().plus({ days: offsetDays }).toUTC().toISO()!;

/**
 * The referent's activity report, on an organization of its own made for this test so that every figure
 * is exact while other test files add tickets elsewhere.
 */
describe.each(backends())('portal activity report on $name', (backend) => {
  let a: Actors;
  let referent: Api;
  let organization: { id: number; documentId: string; code: string };
  const period = { from: day(-30), to: day(10) };
  const tickets: Record<string, { documentId: string; number: string }> = {};
  let elsewhere: { documentId: string };
  const maintenance: Record<string, string> = {};

  beforeAll(async () => {
    a = await actors(backend);
    const code = `REP-${randomUUID().slice(0, 6).toUpperCase()}`;
    const created = await a.tool.post('/api/organizations', { data: { name: `Ente dei report ${code}`, code } });
    organization = { ...created.body.data, code };
    const user = await createPortalUser(a.tool, 'Referente', organization.id);
    referent = new Api(backend.url, signedToken(user.id));

    const make = (data: Record<string, unknown>) => createTicket(a.tool, organization.documentId, data);
    tickets.closed = await make({ title: 'Switch di piano guasto', channel: 'phone', priority: 'P2' });
    tickets.inCharge = await make({ title: 'Posta non raggiungibile', channel: 'email', priority: 'P1' });
    tickets.cancelled = await make({ title: 'Richiesta duplicata', channel: 'api', priority: 'P3' });
    tickets.older = await make({ title: 'Stampante lenta', channel: 'api', priority: 'P4' });
    // Reported before the period: a supervisor's correction is the only way to move it back that far.
    const corrected = await a.tool.post(`/api/tickets/${tickets.older.documentId}/correct-reported-at`, { data: { reportedAt: at(-60), reason: 'Segnalata per telefono a ottobre' } });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    const act = (ticket: { documentId: string }, action: string, data: Record<string, unknown> = {}) =>
      a.tool.post(`/api/tickets/${ticket.documentId}/${action}`, { data });
    await act(tickets.closed, 'take-charge');
    await act(tickets.closed, 'restore', { resolution: 'Sostituito lo switch del secondo piano' });
    await act(tickets.closed, 'close');
    await act(tickets.inCharge, 'take-charge');
    await act(tickets.cancelled, 'cancel', { reason: 'Duplicato di altra richiesta' });

    // Another organization's solution in the same days: never in this report.
    elsewhere = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Soluzione di un altro ente', priority: 'P2' });
    await a.tool.post(`/api/tickets/${elsewhere.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${elsewhere.documentId}/restore`, { data: { resolution: "Risolto per l'altro ente" } });

    const log = async (name: string, data: Record<string, unknown>) => {
      const res = await a.tool.post('/api/maintenance-logs', { data: { title: name, type: 'preventive', organization: organization.documentId, ...data } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      maintenance[name] = res.body.data.documentId;
    };
    await log('Aggiornamento firewall', { state: 'planned', scheduledStart: at(3), scheduledEnd: at(3.1) });
    await log('Migrazione posta', { state: 'in_progress', scheduledStart: at(-40), scheduledEnd: at(-35), actualStart: at(-40) });
    await log('Sostituzione UPS', { state: 'completed', type: 'corrective', actualStart: at(-10), actualEnd: at(-9.9), outcome: 'UPS sostituito' });
    await log('Vecchio intervento', { state: 'completed', actualStart: at(-100), actualEnd: at(-99) });
    await log('Intervento annullato', { state: 'cancelled', scheduledStart: at(2), scheduledEnd: at(2.1) });
    await log('Intervento futuro', { state: 'planned', scheduledStart: at(40), scheduledEnd: at(41) });
  });

  it("gives the referent its organization's figures, solutions and maintenance for the period", async () => {
    const res = await referent.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = res.body.data;
    expect(report.period).toEqual({ ...period, timeZone: 'Europe/Rome' });
    expect(report.tickets).toEqual({
      opened: 3,
      takenInCharge: 2,
      restored: 1,
      closed: 1,
      cancelled: 1,
      // At the end of the period: the one in charge, and the older one never worked.
      open: 2,
      byChannel: { phone: 1, email: 1, portal: 0, api: 1 },
      byPriority: { P1: 1, P2: 1, P3: 1, P4: 0 },
    });
    expect(report.resolutions).toEqual([
      {
        documentId: tickets.closed.documentId,
        number: tickets.closed.number,
        title: 'Switch di piano guasto',
        priority: 'P2',
        restoredAt: expect.any(String),
        closedAt: expect.any(String),
        resolution: 'Sostituito lo switch del secondo piano',
      },
    ]);
    const titles = (list: Array<{ title: string }>) => list.map((item) => item.title);
    expect(titles(report.maintenance.planned)).toEqual(['Aggiornamento firewall']);
    expect(titles(report.maintenance.inProgress)).toEqual(['Migrazione posta']);
    expect(titles(report.maintenance.completed)).toEqual(['Sostituzione UPS']);
    expect(report.maintenance.completed[0]).toEqual({
      documentId: maintenance['Sostituzione UPS'],
      title: 'Sostituzione UPS',
      type: 'corrective',
      state: 'completed',
      scheduledStart: null,
      scheduledEnd: null,
      actualStart: expect.any(String),
      actualEnd: expect.any(String),
      outcome: 'UPS sostituito',
    });
  });

  it("gives SLA compliance per month and priority as the SLA report counts it", async () => {
    const res = await referent.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`);
    const monthly = res.body.data.monthly as Array<{ month: string; priority: string; tickets: number; takeChargeMetPercent: number | null; restoreMetPercent: number | null }>;
    const thisMonth = rome().toFormat('yyyy-MM');
    const rows = monthly.filter((row) => row.month === thisMonth);
    expect(rows).toEqual([
      { month: thisMonth, priority: 'P1', tickets: 1, takeChargeMetPercent: 100, restoreMetPercent: null },
      { month: thisMonth, priority: 'P2', tickets: 1, takeChargeMetPercent: 100, restoreMetPercent: 100 },
    ]);
    // The same figures as the SLA report of that month (clipped to the period) for the organization.
    const monthStart = rome().startOf('month').toISODate()!;
    const sla = await a.tool.get(`/api/sla/report?from=${monthStart < period.from ? period.from : monthStart}&to=${period.to}&organization=${organization.code}`);
    expect(sla.body.data.priorities.map((p: any) => ({ priority: p.priority, tickets: p.tickets, tc: p.takeCharge.sharePercent, rs: p.restore.sharePercent }))).toEqual(
      rows.map((row) => ({ priority: row.priority, tickets: row.tickets, tc: row.takeChargeMetPercent, rs: row.restoreMetPercent }))
    );
    // The ticket reported before the period counts in no month of it.
    expect(monthly.filter((row) => row.month !== thisMonth)).toEqual([]);
  });

  it("never shows another organization's data", async () => {
    const mine = (await referent.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`)).body.data;
    expect(JSON.stringify(mine)).not.toContain(elsewhere.documentId);
    const theirs = await a.referent.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`);
    expect(theirs.status).toBe(200);
    const text = JSON.stringify(theirs.body.data);
    expect(text).toContain(elsewhere.documentId);
    for (const ticket of Object.values(tickets)) expect(text).not.toContain(ticket.documentId);
    for (const documentId of Object.values(maintenance)) expect(text).not.toContain(documentId);
  });

  it('is for the referent only', async () => {
    expect((await a.staff.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`)).status).toBe(403);
    expect((await a.tool.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`)).status).toBe(403);
    expect([401, 403]).toContain((await a.anonymous.get(`/api/portal/reports/activity?from=${period.from}&to=${period.to}`)).status);
  });

  it('names the field of a wrong period', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-13-01&to=2026-12-31', 'from'],
      ['to=2026-12-31', 'from'],
      ['from=01/02/2026&to=2026-12-31', 'from'],
      ['from=2026-02-01&to=2026-02-30', 'to'],
      ['from=2026-02-01', 'to'],
      ['from=2026-03-01&to=2026-02-28', 'to'],
      ['from=2025-01-01&to=2026-01-02', 'to'],
    ];
    for (const [query, field] of cases) {
      const res = await referent.get(`/api/portal/reports/activity?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.details.errors[0].path, query).toEqual([field]);
    }
    // A whole leap year is allowed.
    expect((await referent.get('/api/portal/reports/activity?from=2028-01-01&to=2028-12-31')).status).toBe(200);
  });
});
