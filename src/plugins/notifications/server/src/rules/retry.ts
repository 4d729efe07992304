/** Exponential backoff from `baseSeconds` (30 s, 1 min, 2 min... by default), capped at one hour. Pure. */
export function retryDelayMs(attempts: number, baseSeconds = 30): number {
  return Math.min(baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
