/** Conversions between the public units (Date, minutes) and the engine's integer milliseconds. */

export const MS_PER_MINUTE = 60_000;

export function toEpochMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** Minutes may be fractional; they are rounded to the millisecond, the resolution of a Date. */
export function minutesToMs(minutes: number, name: string): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`${name} must be a finite number of minutes >= 0, got ${String(minutes)}`);
  }
  return Math.round(minutes * MS_PER_MINUTE);
}

export function msToMinutes(ms: number): number {
  return ms / MS_PER_MINUTE;
}
