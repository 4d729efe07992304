/**
 * The compliance report as files for the Administration: CSV, XLSX (exceljs) and PDF (pdfkit), in Italian.
 * Each format carries the same tables: summary per priority and clock, breaches with penalties, totals.
 */
import { stringify } from 'csv-stringify/sync';
import type { SlaReport } from './report';

const CLOCK_LABEL = { takeCharge: 'Presa in carico', restore: 'Ripristino' } as const;

export const SUMMARY_HEADER = [
  'Priorità',
  'Orologio',
  'Ticket',
  'Entro target',
  'Fuori target',
  'In corso',
  'Quota entro target %',
  'Soglia %',
  'Media min',
  'Mediana min',
  '90° percentile min',
  'Punti sotto soglia',
  'Penale punti €',
];
export const BREACH_HEADER = ['Ticket', 'Priorità', 'Orologio', 'Target min', 'Trascorsi min', 'Ritardo min', 'Ore iniziate', 'Penale €', 'Aperto'];

function summaryRows(report: SlaReport): Array<Array<string | number | null>> {
  return report.priorities.flatMap((p) =>
    (['takeCharge', 'restore'] as const).map((clock) => {
      const c = p[clock];
      return [p.priority, CLOCK_LABEL[clock], p.tickets, c.within, c.failed, c.pending, c.sharePercent, c.threshold, c.meanMinutes, c.medianMinutes, c.p90Minutes, c.pointsBelow, c.pointPenalty];
    })
  );
}

function breachRows(report: SlaReport): Array<Array<string | number | null>> {
  return report.breaches.map((b) => [b.number, b.priority, CLOCK_LABEL[b.clock], b.targetMinutes, b.elapsedMinutes, b.delayMinutes, b.startedHours, b.penalty, b.open ? 'sì' : 'no']);
}

function totalRows(report: SlaReport): Array<[string, number | string]> {
  const t = report.penalties;
  return [
    ['Ticket nel periodo', report.totals.tickets],
    ['Ticket annullati (esclusi)', report.totals.cancelled],
    ['Violazioni', report.totals.breaches],
    ['Penali per ritardo €', t.delayPenalties],
    ['Penali per punti sotto soglia €', t.pointPenalties],
    ['Totale penali prima del tetto €', t.beforeCap],
    [`Tetto (${report.contract.capShare * 100}% del valore contrattuale) €`, t.cap],
    ['Totale penali dopo il tetto €', t.afterCap],
  ];
}

const title = (report: SlaReport) => `Report SLA dal ${report.period.from} al ${report.period.to}`;

export function toCsv(report: SlaReport): string {
  // Sections separated by an empty line, each with its own header, as spreadsheets open them.
  return [
    stringify([[title(report)]]),
    stringify([SUMMARY_HEADER, ...summaryRows(report)]),
    stringify([BREACH_HEADER, ...breachRows(report)]),
    stringify([['Voce', 'Valore'], ...totalRows(report)]),
  ].join('\n');
}

// exceljs and pdfkit are loaded on the first export, not at boot: with their fonts and codecs they add a
// fifth of a second to every start of every instance, for a file few users ask for.
export async function toXlsx(report: SlaReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SPOC Desk';
  workbook.created = new Date(report.generatedAt);
  const sheet = (name: string, header: string[], rows: Array<Array<string | number | null>>) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    rows.forEach((row) => ws.addRow(row));
    ws.columns.forEach((column) => (column.width = 18));
    return ws;
  };
  sheet('Riepilogo', SUMMARY_HEADER, summaryRows(report));
  sheet('Violazioni', BREACH_HEADER, breachRows(report));
  sheet('Totali', ['Voce', 'Valore'], totalRows(report));
  sheet('Registrazione', ['Canale', 'Ticket', 'Media s', 'Mediana s', '90° percentile s', 'Massimo s'],
    report.registrationLag.map((l) => [l.channel, l.tickets, l.meanSeconds, l.medianSeconds, l.p90Seconds, l.maxSeconds]));
  sheet('Sospensioni', ['Motivo', "Imputabile all'Amministrazione", 'Numero'],
    report.suspensions.map((s) => [s.reason, s.attributableToAdministration ? 'sì' : 'no', s.count]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function toPdf(report: SlaReport): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: title(report), Author: 'SPOC Desk' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.fontSize(16).text(title(report));
    doc.fontSize(9).fillColor('#444').text(`Fuso orario ${report.period.timeZone} — generato il ${report.generatedAt}`).fillColor('black').moveDown();
    table(doc, SUMMARY_HEADER, summaryRows(report));
    doc.moveDown().fontSize(12).text('Violazioni').moveDown(0.3);
    table(doc, BREACH_HEADER, breachRows(report));
    doc.moveDown().fontSize(12).text('Totali').moveDown(0.3);
    table(doc, ['Voce', 'Valore'], totalRows(report));
    doc.end();
  });
}

/** A plain ruled table: fixed-width columns across the page, a new page when the current one is full. */
function table(doc: PDFKit.PDFDocument, header: string[], rows: Array<Array<string | number | null>>) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const columnWidth = width / header.length;
  const line = (cells: Array<string | number | null>, bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 24) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let height = 0;
    cells.forEach((cell, i) => {
      const text = cell === null || cell === undefined ? '—' : String(cell);
      doc.text(text, left + i * columnWidth, y, { width: columnWidth - 4 });
      height = Math.max(height, doc.y - y);
    });
    doc.x = left;
    doc.y = y + height + 2;
  };
  line(header, true);
  rows.forEach((row) => line(row, false));
  doc.font('Helvetica');
}
