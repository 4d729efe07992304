/**
 * Splits real time into stretches during which a zone's UTC offset is constant.
 * Inside one stretch wall-clock time is a plain shift of real time, so openings
 * can be placed with a fixed-offset zone; every DST gap or repeated hour falls on
 * a stretch boundary and is handled by clipping, never by offset arithmetic.
 */
import type { Zone } from 'luxon';

export interface OffsetSegment {
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** UTC offset in minutes during the segment, as luxon reports it. */
  offset: number;
}

/**
 * Offsets are probed every 6 hours: zones change offset at most a few times a
 * year, and two changes less than 6 hours apart that cancel out do not exist in
 * the tz database. Cheap enough for a 10-year scan (~15k probes).
 */
const PROBE_STEP_MS = 6 * 60 * 60 * 1000;

/** Lazily yields consecutive segments covering [from, to). */
export function* offsetSegments(zone: Zone, from: number, to: number): Generator<OffsetSegment> {
  let start = from;
  let offset = zone.offset(start);
  let probe = start;
  while (start < to) {
    const next = Math.min(probe + PROBE_STEP_MS, to);
    if (zone.offset(next) === offset) {
      if (next >= to) {
        yield { start, end: to, offset };
        return;
      }
      probe = next;
      continue;
    }
    // The change lies in (probe, next]: bisect down to the millisecond.
    let lo = probe;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offset(mid) === offset) lo = mid;
      else hi = mid;
    }
    yield { start, end: hi, offset };
    start = hi;
    offset = zone.offset(hi);
    probe = hi;
  }
}
