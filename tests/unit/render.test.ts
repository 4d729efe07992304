import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { escapeHtml, placeholders, renderHtml, renderText, unknownPlaceholders } from '../../src/plugins/notifications/server/src/rules/render';
import { EVENTS, formatDuration, formatInstant, outcome, placeholdersFor, type NotificationEvent } from '../../src/plugins/notifications/server/src/rules/variables';
import { DEFAULT_TEMPLATES } from '../../src/plugins/notifications/server/src/templates';
import { retryDelayMs } from '../../src/plugins/notifications/server/src/rules/retry';

describe('e-mail templates', () => {
  it('lists placeholders with their section path', () => {
    expect(placeholders('{{ticket.number}} {{#followUps}}{{at}} {{body}}{{/followUps}} {{{raw}}}').sort()).toEqual(
      ['followUps', 'followUps.at', 'followUps.body', 'raw', 'ticket.number'].sort()
    );
  });

  it('names the placeholders no event provides', () => {
    const opened = placeholdersFor('ticket.opened');
    expect(unknownPlaceholders('{{ticket.number}} {{ticket.numero}} {{#followUps}}{{body}}{{/followUps}}', opened)).toEqual(['ticket.numero']);
    expect(() => unknownPlaceholders('{{#ticket}} unclosed', opened)).toThrow();
    // Inside a section a name is looked up there first, then outside, as Mustache does.
    expect(unknownPlaceholders('{{#followUps}}{{ticket.number}} {{bogus}}{{/followUps}} {{#reason}}{{reason}}{{/reason}}', opened)).toEqual(['followUps.bogus']);
    // Each event offers its own: a maintenance notice has no ticket, an opening notice no SLA alert.
    expect(unknownPlaceholders('{{ticket.number}} {{maintenance.title}}', placeholdersFor('maintenance.planned'))).toEqual(['ticket.number']);
    expect(unknownPlaceholders('{{alert.delay}}', opened)).toEqual(['alert.delay']);
    expect(unknownPlaceholders('{{alert.delay}} {{ticket.assignee}}', placeholdersFor('sla.breached'))).toEqual([]);
  });

  it('renders text without escaping and HTML with every value escaped', () => {
    const vars = { ticket: { title: 'A & B <script>alert(1)</script>' } };
    expect(renderText('Oggetto: {{ticket.title}}', vars)).toBe('Oggetto: A & B <script>alert(1)</script>');
    const html = renderHtml('Oggetto: {{ticket.title}}\nRiga due\n\nParagrafo', vars, 'it');
    expect(html).toContain('<p>Oggetto: A &amp; B &lt;script&gt;alert(1)&lt;/script&gt;<br>\nRiga due</p>\n<p>Paragrafo</p>');
    expect(html).toContain('<html lang="it">');
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });

  it("seeds a template for every event in both languages, using only that event's placeholders", () => {
    expect(Object.keys(DEFAULT_TEMPLATES).sort()).toEqual([...EVENTS].sort());
    for (const [event, byLanguage] of Object.entries(DEFAULT_TEMPLATES)) {
      expect(Object.keys(byLanguage).sort()).toEqual(['en', 'it']);
      for (const [language, template] of Object.entries(byLanguage)) {
        expect(unknownPlaceholders(template.subject + template.body, placeholdersFor(event as NotificationEvent)), `${event} ${language}`).toEqual([]);
      }
    }
  });

  it("writes every instant of a year as Luxon writes it in Europe/Rome, through both DST changes", () => {
    const luxon = (instant: Date, language: 'it' | 'en') =>
      DateTime.fromJSDate(instant, { zone: 'Europe/Rome' })
        .setLocale(language === 'it' ? 'it-IT' : 'en-GB')
        .toFormat(language === 'it' ? "dd/LL/yyyy 'ore' HH:mm" : 'dd/LL/yyyy HH:mm');
    const differing: string[] = [];
    // Every quarter hour of 2026, plus odd seconds, and instants given as ISO strings.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * 60_000 + 7_000) {
      const instant = new Date(t);
      for (const language of ['it', 'en'] as const) {
        if (formatInstant(instant, language) !== luxon(instant, language)) differing.push(`${instant.toISOString()} ${language}`);
        if (formatInstant(instant.toISOString(), language) !== luxon(instant, language)) differing.push(`${instant.toISOString()} as text ${language}`);
      }
    }
    expect(differing).toEqual([]);
    // The hour that repeats in October (02:xx twice) and the one skipped in March.
    expect(formatInstant('2026-10-25T00:30:00Z', 'it')).toBe('25/10/2026 ore 02:30');
    expect(formatInstant('2026-10-25T01:30:00Z', 'it')).toBe('25/10/2026 ore 02:30');
    expect(formatInstant('2026-03-29T01:00:00Z', 'en')).toBe('29/03/2026 03:00');
    expect(formatInstant('2026-12-31T23:00:00Z', 'it')).toBe('01/01/2027 ore 00:00');
  });

  it('writes dates in Europe/Rome the Italian way, and SLA outcomes in words', () => {
    expect(formatInstant(new Date('2026-07-01T08:05:00Z'), 'it')).toBe('01/07/2026 ore 10:05');
    expect(formatInstant(new Date('2026-12-01T08:05:00Z'), 'en')).toBe('01/12/2026 09:05');
    expect(formatInstant(null, 'it')).toBe('');
    expect(formatDuration(35 * 60_000, 'it')).toBe('35 min');
    expect(formatDuration((26 * 60 + 5) * 60_000, 'it')).toBe('1 g 2 h 5 min');
    expect(formatDuration((26 * 60 + 5) * 60_000, 'en')).toBe('1 d 2 h 5 min');
    expect(formatDuration(0, 'en')).toBe('0 min');
    expect(outcome('it', true, true)).toBe('rispettato');
    expect(outcome('it', false, true)).toBe('non rispettato');
    expect(outcome('en', null, false)).toBe('running');
  });
});

describe('outbox retries', () => {
  it('doubles the wait after each failure, up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(20)).toBe(3_600_000);
    expect(retryDelayMs(2, 1)).toBe(2000);
  });
});
