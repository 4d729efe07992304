import { describe, expect, it } from 'vitest';
import { toE164, writtenForms } from '../../src/api/call/phone-number';

describe('caller numbers', () => {
  it('reads the ways Italian numbers are written as one E.164 number', () => {
    for (const written of ['+39 049 000 0000', '0490000000', '049 000 0000', '0039 049 000 0000', '+390490000000']) {
      expect(toE164(written), written).toBe('+390490000000');
    }
    expect(toE164('347 123 4567')).toBe('+393471234567');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('gives no number for what the telephony system sends when the caller hides it', () => {
    expect(toE164('anonymous')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164(null)).toBeNull();
  });

  it('lists the written forms a stored contact may have', () => {
    const forms = writtenForms('0490000000');
    expect(forms).toEqual(expect.arrayContaining(['+390490000000', '+39 049 000 0000', '049 000 0000', '0490000000', '00390490000000', '0039 049 000 0000']));
    expect(writtenForms('anonymous')).toEqual(['anonymous']);
  });
});
