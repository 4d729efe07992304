import { describe, expect, it } from 'vitest';
import { counterScope, formatTicketNumber, parseTicketNumber, yearInZone } from '../../src/plugins/ticket-numbering/server/src/number-format';

describe('ticket number format', () => {
  it('pads the sequence to six digits', () => {
    expect(formatTicketNumber('HD', 2026, 1)).toBe('HD-2026-000001');
    expect(formatTicketNumber('HD', 2026, 123)).toBe('HD-2026-000123');
    expect(formatTicketNumber('AZ0', 2027, 999999)).toBe('AZ0-2027-999999');
  });

  it('grows a digit past 999999 instead of wrapping', () => {
    expect(formatTicketNumber('HD', 2026, 1_000_000)).toBe('HD-2026-1000000');
  });

  it('refuses sequences and years that cannot make a valid number', () => {
    expect(() => formatTicketNumber('HD', 2026, 0)).toThrow(RangeError);
    expect(() => formatTicketNumber('HD', 2026, 1.5)).toThrow(RangeError);
    expect(() => formatTicketNumber('HD', 26, 1)).toThrow(RangeError);
  });

  it('parses what it formats, and nothing else', () => {
    expect(parseTicketNumber('HD-2026-000123')).toEqual({ prefix: 'HD', year: 2026, sequence: 123 });
    expect(parseTicketNumber(' HD-2026-1000000 ')).toEqual({ prefix: 'HD', year: 2026, sequence: 1_000_000 });
    expect(parseTicketNumber('HD-2026-123')).toBeNull();
    expect(parseTicketNumber('hd-2026-000123')).toBeNull();
    expect(parseTicketNumber('Re: HD-2026-000123')).toBeNull();
  });

  it('takes the year in Rome: New Year in Rome is still the old year in UTC', () => {
    expect(yearInZone(new Date('2026-12-31T23:30:00Z'), 'Europe/Rome')).toBe(2027);
    expect(yearInZone(new Date('2026-12-31T22:59:59Z'), 'Europe/Rome')).toBe(2026);
    expect(yearInZone(new Date('2026-12-31T23:30:00Z'), 'UTC')).toBe(2026);
    expect(() => yearInZone(new Date(), 'Mars/Olympus')).toThrow(/time zone/);
  });

  it('keeps one counter per prefix and year', () => {
    expect(counterScope('HD', 2026)).toBe('HD-2026');
    expect(counterScope('HD', 2027)).not.toBe(counterScope('HD', 2026));
  });
});
