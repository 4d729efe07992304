/**
 * The supervisors' board's arithmetic over the SLA report and the counts. Pure: no Strapi import, tested
 * alone (tests/unit/desk-rules.test.ts).
 */

export interface ClockTotals {
  within: number;
  failed: number;
  pending: number;
}

/** One clock's compliance over every priority: the report's own rule (met ÷ decided), null with nothing decided. */
export function overallCompliance(clocks: ClockTotals[], threshold: number): { within: number; failed: number; pending: number; sharePercent: number | null; threshold: number; meetsThreshold: boolean | null } {
  const within = clocks.reduce((sum, clock) => sum + clock.within, 0);
  const failed = clocks.reduce((sum, clock) => sum + clock.failed, 0);
  const pending = clocks.reduce((sum, clock) => sum + clock.pending, 0);
  const decided = within + failed;
  const share = decided === 0 ? null : Math.round((within / decided) * 10_000) / 100;
  return { within, failed, pending, sharePercent: share, threshold, meetsThreshold: share === null ? null : share >= threshold };
}

/** The Rome day and month of `now`, as the SLA report's periods (`YYYY-MM-DD`, inclusive). */
export function boardPeriods(today: string): { day: { from: string; to: string }; month: { from: string; to: string } } {
  const [year, month] = today.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { day: { from: today, to: today }, month: { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(last)}` } };
}
