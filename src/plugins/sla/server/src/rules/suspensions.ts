/**
 * Suspensions read back from a ticket's timeline. Pure: no Strapi import, tested alone.
 * Only suspensions attributable to the Administration pause the restore clock (DESIGN.md); the others
 * are still listed, for reports and explanations.
 */
export interface TimelineEntry {
  type: string;
  at: Date;
  data: Record<string, unknown> | null;
}

export interface SuspensionPeriod {
  from: Date;
  to: Date | null;
  reason: string | null;
  attributable: boolean;
}

/** A suspension ends with the next action out of `suspended` (resume, or cancel where allowed). */
const ENDS_SUSPENSION = new Set(['ticket.resume', 'ticket.cancel', 'ticket.restore', 'ticket.close']);

export function suspensionsFromTimeline(entries: TimelineEntry[]): SuspensionPeriod[] {
  const periods: SuspensionPeriod[] = [];
  let open: SuspensionPeriod | null = null;
  for (const entry of entries) {
    if (entry.type === 'ticket.suspend' && !open) {
      open = {
        from: entry.at,
        to: null,
        reason: typeof entry.data?.reason === 'string' ? entry.data.reason : null,
        // Suspending means waiting on the Administration unless the operator says otherwise.
        attributable: entry.data?.attributableToAdministration !== false,
      };
      periods.push(open);
    } else if (open && ENDS_SUSPENSION.has(entry.type)) {
      open.to = entry.at;
      open = null;
    }
  }
  return periods;
}

export function attributableSuspensions(periods: SuspensionPeriod[]): Array<{ from: Date; to: Date | null }> {
  return periods.filter((period) => period.attributable).map(({ from, to }) => ({ from, to }));
}
