/**
 * Caller numbers as the telephony system and people write them, read with libphonenumber-js (Google's
 * metadata) rather than by hand: "+39 049 000 0000", "0490000000" and "0039 049 000 0000" are one number.
 * Pure: no Strapi import, tested alone.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** E.164 ("+390490000000"), or null when the text is not a phone number (e.g. "anonymous"). */
export function toE164(text: string | null | undefined): string | null {
  if (!text) return null;
  const parsed = parsePhoneNumberFromString(text.trim().replace(/^00/, '+'), 'IT');
  return parsed?.isPossible() ? parsed.number : null;
}

/** The usual ways one number is written, to find it among numbers stored as typed. */
export function writtenForms(text: string | null | undefined): string[] {
  const e164 = toE164(text);
  if (!e164) return text ? [text.trim()] : [];
  const parsed = parsePhoneNumberFromString(e164)!;
  const national = parsed.formatNational();
  const international = parsed.formatInternational();
  return [...new Set([e164, international, national, national.replace(/\s/g, ''), `00${e164.slice(1)}`, international.replace(/^\+/, '00'), text!.trim()])];
}
