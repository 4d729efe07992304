/**
 * Which inbound messages may become tickets. Pure: no Strapi import, tested alone (and on the corpus).
 *
 * An intake that answers machines loops with them and floods the desk, so everything a machine sent is
 * held back: delivery reports (bounces), auto-replies, list and bulk mail, and our own notifications.
 * The checks follow RFC 3834 (Auto-Submitted), RFC 3464 (multipart/report delivery-status) and the de-facto
 * headers that Exchange, Postfix and common autoresponders set.
 */
export type MailKind = 'bounce' | 'auto-reply' | 'list' | 'own' | 'message';

/** What the classifier reads of a message: its headers (lower-case names) and its sender. */
export interface MailHeaders {
  get(name: string): unknown;
  has(name: string): boolean;
}

export interface Classification {
  kind: MailKind;
  reason: string;
}

const BULK_PRECEDENCE = ['bulk', 'junk', 'list', 'auto_reply', 'auto-reply'];
const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;

/** A header's text whatever shape mailparser gave it (string, { value }, address object). */
export function headerText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (typeof value === 'object') {
    const record = value as { value?: unknown; text?: unknown };
    if (typeof record.text === 'string') return record.text;
    if (record.value !== undefined) return headerText(record.value);
  }
  return String(value);
}

export function classify(headers: MailHeaders, sender: string | null, ownAddresses: readonly string[]): Classification {
  const from = (sender ?? '').trim().toLowerCase();
  const contentType = headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  const type = (typeof contentType === 'string' ? contentType : contentType?.value ?? '').toLowerCase();
  const reportType = (typeof contentType === 'object' ? contentType?.params?.['report-type'] ?? '' : '').toLowerCase();

  if (type === 'multipart/report' && (reportType === 'delivery-status' || reportType === '')) return { kind: 'bounce', reason: 'delivery status report (multipart/report)' };
  if (headers.has('x-failed-recipients')) return { kind: 'bounce', reason: 'X-Failed-Recipients' };
  if (DAEMON_SENDER.test(from)) return { kind: 'bounce', reason: `sent by ${from}` };
  for (const name of ['return-path', 'sender']) {
    if (DAEMON_SENDER.test(headerText(headers.get(name)).replace(/[<>]/g, '').trim())) return { kind: 'bounce', reason: `${name} is a mail daemon` };
  }
  if (type === 'multipart/report') return { kind: 'auto-reply', reason: `report (${reportType})` };

  if (from && ownAddresses.some((own) => own.toLowerCase() === from)) return { kind: 'own', reason: 'sent by this help desk' };

  const autoSubmitted = headerText(headers.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return { kind: 'auto-reply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress']) {
    if (headers.has(name)) return { kind: 'auto-reply', reason: name };
  }
  const precedence = headerText(headers.get('precedence')).trim().toLowerCase();
  if (BULK_PRECEDENCE.includes(precedence)) return { kind: precedence === 'list' ? 'list' : 'auto-reply', reason: `Precedence: ${precedence}` };
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return { kind: 'list', reason: 'mailing list' };
  return { kind: 'message', reason: 'sent by a person' };
}
