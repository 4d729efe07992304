import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, type Actors } from '../../support/api';
import { pdfText } from '../../support/pdf-text';

const MIN = 60_000;
const romeDate = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome' }).format(instant);
const today = () => romeDate(new Date());

/**
 * A small data set in an organization of its own, with figures computed by hand:
 * - A: P1 reported 40 min ago, taken now (10 min late: 1 started hour × 200 €), restored now (met);
 * - B: P1 reported 100 min ago, taken now (70 min late: 2 started hours × 200 €), restore running;
 * - C: P2 reported 2 min ago, taken and restored now (both met);
 * - D: P3 reported 10 min ago, taken now (met), suspended by the Administration, restore running;
 * - E: cancelled: left out of compliance, counted apart.
 * P1 take-in-charge is 0% within target against a 95% threshold: 95 points × 1,000 € = 95,000 €.
 * Before the cap: 600 + 95,000 = 95,600 €; the cap is 10% of 500,000 € = 50,000 €.
 */
describe.each(backends())('SLA compliance report on $name', (backend) => {
  let a: Actors;
  let org: { id: number; documentId: string; code: string };
  let report: any; // the JSON report, asserted field by field
  /** The Rome day of the earliest report: in the first 100 minutes after midnight it is yesterday. */
  let from: string;

  beforeAll(async () => {
    a = await actors(backend);
    const code = `REP${backend.name.toUpperCase()}${Date.now().toString(36).toUpperCase()}`;
    const created = await a.tool.post('/api/organizations', { data: { name: `Ente report ${code}`, code } });
    expect(created.status).toBe(201);
    org = created.body.data;
    const make = (priority: string, minutesAgo: number) =>
      createTicket(a.tool, org.documentId, { priority, reportedAt: new Date(Date.now() - minutesAgo * MIN).toISOString() });
    const act = (id: string, action: string, data: Record<string, unknown> = {}) => a.tool.post(`/api/tickets/${id}/${action}`, { data });

    from = romeDate(new Date(Date.now() - 100 * MIN));
    const A = await make('P1', 40);
    const B = await make('P1', 100);
    const C = await make('P2', 2);
    const D = await make('P3', 10);
    const E = await make('P4', 5);
    for (const t of [A, B, C, D]) await act(t.documentId, 'take-charge');
    await act(A.documentId, 'restore', { resolution: 'Riavviato il servizio' });
    await act(C.documentId, 'restore', { resolution: 'Reimpostata la password' });
    await act(D.documentId, 'suspend', { reason: 'Attesa accesso ai locali' });
    await act(E.documentId, 'cancel', { reason: 'Duplicato' });

    const res = await a.tool.get(`/api/sla/report?from=${from}&to=${today()}&organization=${org.code}`);
    expect(res.status).toBe(200);
    report = res.body.data;
  });

  it('counts per priority and clock against the threshold', () => {
    expect(report.totals).toEqual({ tickets: 4, cancelled: 1, breaches: 2 });
    const byPriority = Object.fromEntries(report.priorities.map((p: { priority: string }) => [p.priority, p]));
    expect(Object.keys(byPriority)).toEqual(['P1', 'P2', 'P3']);
    expect(byPriority.P1.takeCharge).toMatchObject({ within: 0, failed: 2, pending: 0, sharePercent: 0, threshold: 95, meetsThreshold: false, pointsBelow: 95, pointPenalty: 95000 });
    expect(byPriority.P1.restore).toMatchObject({ within: 1, failed: 0, pending: 1, sharePercent: 100, meetsThreshold: true, pointPenalty: 0 });
    expect(byPriority.P2.takeCharge).toMatchObject({ within: 1, failed: 0, sharePercent: 100 });
    expect(byPriority.P2.restore).toMatchObject({ within: 1, failed: 0, sharePercent: 100 });
    expect(byPriority.P3.restore).toMatchObject({ within: 0, failed: 0, pending: 1, sharePercent: null, meetsThreshold: null });
  });

  it('gives mean, median and 90th percentile of the elapsed minutes', () => {
    const p1 = report.priorities.find((p: { priority: string }) => p.priority === 'P1').takeCharge;
    expect(p1.meanMinutes).toBeCloseTo(70, 0);
    expect(p1.medianMinutes).toBeCloseTo(40, 0);
    expect(p1.p90Minutes).toBeCloseTo(100, 0);
  });

  it('lists each breach with its delay and its penalty per started hour', () => {
    expect(report.breaches.map((b: any) => [b.priority, b.clock, b.targetMinutes, b.startedHours, b.penalty, b.open])).toEqual([
      ['P1', 'takeCharge', 30, 1, 200, false],
      ['P1', 'takeCharge', 30, 2, 400, false],
    ]);
    expect(report.breaches[0].delayMinutes).toBeCloseTo(10, 0);
    expect(report.breaches[1].delayMinutes).toBeCloseTo(70, 0);
  });

  it('totals the penalties before and after the 10% cap', () => {
    expect(report.penalties).toEqual({ delayPenalties: 600, pointPenalties: 95000, beforeCap: 95600, cap: 50000, afterCap: 50000, capped: true });
  });

  it('shows registration lag per channel and suspensions per reason', () => {
    expect(report.registrationLag).toHaveLength(1);
    const phone = report.registrationLag[0];
    expect(phone).toMatchObject({ channel: 'phone', tickets: 4 });
    expect(phone.medianSeconds / 60).toBeCloseTo(10, 0);
    expect(phone.maxSeconds / 60).toBeCloseTo(100, 0);
    expect(report.suspensions).toEqual([{ reason: 'Attesa accesso ai locali', attributableToAdministration: true, count: 1 }]);
  });

  it('exports the same figures as CSV, XLSX and PDF files', async () => {
    const url = (format: string) => `${backend.url}/api/sla/report?from=${from}&to=${today()}&organization=${org.code}&format=${format}`;
    const get = (format: string) => fetch(url(format), { headers: { authorization: `Bearer ${backend.sessions.tool}` } });

    const csv = await get('csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="report-sla-.*\.csv"/);
    const csvLines = (await csv.text()).split('\n');
    expect(csvLines).toContain('Priorità,Orologio,Ticket,Entro target,Fuori target,In corso,Quota entro target %,Soglia %,Media min,Mediana min,90° percentile min,Punti sotto soglia,Penale punti €');
    expect(csvLines).toContain('Totale penali dopo il tetto €,50000');
    const p1 = csvLines.find((line) => line.startsWith('P1,Presa in carico'))!.split(',');
    expect(p1.slice(0, 8)).toEqual(['P1', 'Presa in carico', '2', '0', '2', '0', '0', '95']);
    expect(p1.slice(8, 11).map(Number).map(Math.round)).toEqual([70, 40, 100]);
    expect(p1.slice(11)).toEqual(['95', '95000']);

    const xlsx = await get('xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const summary = workbook.getWorksheet('Riepilogo')!;
    expect(summary.getRow(1).getCell(1).value).toBe('Priorità');
    expect(summary.getRow(2).values).toEqual(expect.arrayContaining(['P1', 'Presa in carico', 2, 0, 2]));
    const totals = workbook.getWorksheet('Totali')!;
    expect(totals.getRow(totals.rowCount).values).toEqual([undefined, 'Totale penali dopo il tetto €', 50000]);
    expect(workbook.getWorksheet('Violazioni')!.rowCount).toBe(3);

    const pdf = await get('pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(`Report SLA dal ${from} al ${today()}`);
    expect(text).toContain('Totale penali dopo il tetto €');
    expect(text).toContain('50000');
    expect(text).toContain('Presa in carico');
  });

  it('gives a referent its own organization only, staff nothing, and refuses bad parameters', async () => {
    const own = await a.referent.get(`/api/sla/report?from=${from}&to=${today()}`);
    expect(own.status).toBe(200);
    expect(own.body.data.organizationId).toBe(a.organizations.azienda.id);
    expect((await a.referent.get(`/api/sla/report?organization=${org.code}`)).status).toBe(403);
    expect((await a.staff.get('/api/sla/report')).status).toBe(403);
    const badDate = await a.tool.get('/api/sla/report?from=28/11/2026');
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.errors[0].path).toEqual(['from']);
    const badFormat = await a.tool.get('/api/sla/report?format=docx');
    expect(badFormat.body.error.details.errors[0].path).toEqual(['format']);
    expect((await a.supervisor.get(`/sla/report?from=${from}&to=${today()}&organization=${org.code}`)).body.data.penalties.afterCap).toBe(50000);
    expect((await a.operator.get('/sla/report')).status).toBe(403);
  });
});
