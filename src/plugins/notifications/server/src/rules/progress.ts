/**
 * When a long-running ticket's referent gets a progress notice. Pure: no Strapi import, tested alone.
 *
 * Notice n falls due n intervals after the report, counted on the wall clock: the referent of an
 * intervention that drags on over a weekend is told over the weekend too. A sweep that ran late sends
 * only the latest notice due, not a burst of the ones it missed.
 */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** The defaults: P1 every 2 h, P2 every 8 h, P3 and P4 daily. */
export const DEFAULT_PROGRESS_MINUTES: Record<Priority, number> = { P1: 120, P2: 480, P3: 1440, P4: 1440 };

/** The fields a policy may set, as stored: `p1ProgressMinutes`..., `phoneNoticePriorities`. */
export interface ProgressPolicy {
  p1ProgressMinutes?: number | null;
  p2ProgressMinutes?: number | null;
  p3ProgressMinutes?: number | null;
  p4ProgressMinutes?: number | null;
  phoneNoticePriorities?: unknown;
}

/** States in which the intervention is still going on. */
export const IN_PROGRESS_STATES = ['new', 'in_charge', 'suspended'] as const;

export function progressInterval(policy: ProgressPolicy | null | undefined, priority: string): number {
  const key = `${priority.toLowerCase()}ProgressMinutes` as keyof ProgressPolicy;
  const configured = Number(policy?.[key]);
  if (Number.isFinite(configured) && configured > 0) return configured;
  return DEFAULT_PROGRESS_MINUTES[priority as Priority] ?? DEFAULT_PROGRESS_MINUTES.P4;
}

/** How many notices are due by `now`: 0 before the first interval has passed. */
export function noticesDue(reportedAt: Date, intervalMinutes: number, now: Date): number {
  const elapsed = now.getTime() - reportedAt.getTime();
  return elapsed <= 0 ? 0 : Math.floor(elapsed / (intervalMinutes * 60_000));
}

export function noticeAt(reportedAt: Date, intervalMinutes: number, count: number): Date {
  return new Date(reportedAt.getTime() + count * intervalMinutes * 60_000);
}

export function wantsPhoneNotice(policy: ProgressPolicy | null | undefined, priority: string): boolean {
  const list = policy?.phoneNoticePriorities;
  return Array.isArray(list) && list.includes(priority);
}

/** Why a `phoneNoticePriorities` value is refused, or null when it is a list of priorities. */
export function phoneNoticeProblem(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value) || value.some((item) => !PRIORITIES.includes(item as Priority))) {
    return 'phoneNoticePriorities must be a list of priorities among P1, P2, P3, P4';
  }
  return null;
}
