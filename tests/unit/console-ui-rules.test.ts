import { describe, expect, it } from 'vitest';
import {
  actionBar,
  actionBody,
  clockOffset,
  clockTone,
  displayedState,
  fieldChanges,
  fileProblem,
  formatBytes,
  formatDuration,
  recomputeCause,
  remainingAt,
  reportedAtOfForm,
  searchOfView,
  telHref,
  viewFromSearch,
  withFilter,
  conflictDetails,
} from '../../src/plugins/spoc-console/admin/src/rules/console-ui-rules';
import { htmlToText, textToHtml } from '../../src/plugins/spoc-console/admin/src/rules/composer-text';

describe('console queue view in the URL', () => {
  it('reads a view back from its own query string', () => {
    const view = { tab: 'risk' as const, page: 3, pageSize: 50, filters: { priority: 'P1', q: 'HD-2026', organization: 'abc' } };
    expect(viewFromSearch(`?${searchOfView(view)}`)).toEqual(view);
  });

  it('falls back to the default for unknown tabs, bad pages and page sizes, and drops empty filters', () => {
    expect(viewFromSearch('?tab=everything&page=-2&pageSize=7&q=%20%20&state=new')).toEqual({ tab: 'open', page: 1, pageSize: 25, filters: { state: 'new' } });
    expect(viewFromSearch('')).toEqual({ tab: 'open', page: 1, pageSize: 25, filters: {} });
  });

  it('goes back to the first page when a filter changes, and removes a cleared one', () => {
    const view = viewFromSearch('?tab=mine&page=4&priority=P2');
    expect(withFilter(view, 'channel', 'phone')).toMatchObject({ page: 1, filters: { priority: 'P2', channel: 'phone' } });
    expect(withFilter(view, 'priority', null).filters).toEqual({});
  });
});

describe('console countdown', () => {
  it('corrects the browser clock by the server time, measured at the middle of the round trip', () => {
    expect(clockOffset('2026-01-01T10:00:05.000Z', Date.parse('2026-01-01T10:00:00.000Z'), Date.parse('2026-01-01T10:00:00.200Z'))).toBe(4900);
    expect(clockOffset('not a date', 0, 10)).toBe(0);
  });

  it('counts down a running clock and stops for paused and met ones', () => {
    const dueAt = '2026-01-01T10:10:00.000Z';
    const now = Date.parse('2026-01-01T10:00:00.000Z');
    expect(remainingAt({ state: 'on_time', dueAt, remainingMs: null }, now, 0)).toBe(600_000);
    expect(remainingAt({ state: 'on_time', dueAt, remainingMs: null }, now, 60_000)).toBe(540_000);
    expect(remainingAt({ state: 'paused', dueAt, remainingMs: 5 }, now, 0)).toBeNull();
    expect(remainingAt({ state: 'met', dueAt, remainingMs: 5 }, now, 0)).toBeNull();
  });

  it('reads a running clock past its due time as breached before the server sweeps it', () => {
    expect(displayedState({ state: 'at_risk', dueAt: null, remainingMs: null }, -1)).toBe('breached');
    expect(displayedState({ state: 'on_time', dueAt: null, remainingMs: null }, 1000)).toBe('on_time');
    expect(displayedState({ state: 'paused', dueAt: null, remainingMs: null }, null)).toBe('paused');
  });

  it('writes durations with their two largest units', () => {
    expect(formatDuration(4 * 60_000 + 9_000)).toBe('4 min 09 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min');
    expect(formatDuration(-(26 * 3_600_000))).toBe('1 g 2 h');
  });

  it('colours each clock state differently', () => {
    const tones = (['on_time', 'at_risk', 'breached', 'paused', 'met'] as const).map((state) => clockTone(state).background);
    expect(new Set(tones).size).toBe(5);
    expect(clockTone('breached').background).toMatch(/^danger/);
  });
});

describe('console actions', () => {
  it('shows only known actions, in the bar order, whichever spelling the server uses', () => {
    expect(actionBar(['cancel', 'take_charge', 'dance'])).toEqual(['take-charge', 'cancel']);
    expect(actionBar(['close', 'reopen'])).toEqual(['reopen', 'close']);
  });

  it('asks for the reason of a suspension or cancellation and the resolution of a restore', () => {
    expect(actionBody('suspend', { reason: '  ' })).toEqual({ ok: false, missing: 'reason' });
    expect(actionBody('suspend', { reason: 'attesa ricambio', attributableToAdministration: true })).toEqual({ ok: true, body: { reason: 'attesa ricambio', attributableToAdministration: true } });
    expect(actionBody('restore', {})).toEqual({ ok: false, missing: 'resolution' });
    expect(actionBody('take-charge', { reason: 'ignored' })).toEqual({ ok: true, body: {} });
  });

  it('reads the details of a 409 on a stale state', () => {
    expect(conflictDetails({ action: 'take-charge', state: 'in_charge', by: 'Anna Conti', at: '2026-01-01T09:42:00Z' })).toEqual({
      action: 'take-charge',
      state: 'in_charge',
      by: 'Anna Conti',
      at: '2026-01-01T09:42:00Z',
    });
    expect(conflictDetails({ errors: [] })).toBeNull();
    expect(conflictDetails(null)).toBeNull();
  });
});

describe('console registration form', () => {
  const opened = new Date('2026-05-04T08:00:00.000Z');
  const now = new Date('2026-05-04T08:02:00.000Z');

  it('reports at the moment the form opened unless an earlier time is given', () => {
    expect(reportedAtOfForm(opened, null, '', now)).toEqual({ ok: true, reportedAt: opened.toISOString(), reason: null });
    expect(reportedAtOfForm(opened, '2026-05-04T07:50:00.000Z', '', now)).toEqual({ ok: true, reportedAt: '2026-05-04T07:50:00.000Z', reason: null });
  });

  it('needs a reason beyond 15 minutes back, and refuses the future and nonsense', () => {
    expect(reportedAtOfForm(opened, '2026-05-04T07:30:00.000Z', ' ', now)).toEqual({ ok: false, field: 'reportedAtReason', problem: 'reason' });
    expect(reportedAtOfForm(opened, '2026-05-04T07:30:00.000Z', 'linea caduta', now)).toEqual({ ok: true, reportedAt: '2026-05-04T07:30:00.000Z', reason: 'linea caduta' });
    expect(reportedAtOfForm(opened, '2026-05-04T09:30:00.000Z', '', now)).toMatchObject({ ok: false, problem: 'future' });
    expect(reportedAtOfForm(opened, 'yesterday-ish', '', now)).toMatchObject({ ok: false, problem: 'invalid' });
  });
});

describe('console composer and contacts', () => {
  it('turns text into paragraphs of escaped HTML and a rendered reply back into text', () => {
    expect(textToHtml('Buongiorno,\nla <stampante>\n\nCordiali saluti')).toBe('<p>Buongiorno,<br>la &lt;stampante&gt;</p><p>Cordiali saluti</p>');
    expect(htmlToText('<p>Gentile Maria Rossi,</p><p>la richiesta HD-2026-000001 &egrave; &amp; resta<br>aperta</p>')).toBe('Gentile Maria Rossi,\n\nla richiesta HD-2026-000001 &egrave; & resta\naperta');
    expect(htmlToText('<p>caf&#233; &#x41;</p>')).toBe('café A');
  });

  it('checks files against the limits the server gives', () => {
    const limits = { maxBytes: 1024, blockedExtensions: ['.exe', 'bat'] };
    expect(fileProblem({ name: 'setup.EXE', size: 10 }, limits)).toBe('type');
    expect(fileProblem({ name: 'x.bat', size: 10 }, limits)).toBe('type');
    expect(fileProblem({ name: 'big.pdf', size: 2048 }, limits)).toBe('size');
    expect(fileProblem({ name: 'ok.pdf', size: 1024 }, limits)).toBeNull();
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1536)).toBe('2 kB');
  });

  it('makes a dialable tel: link of a written phone number', () => {
    expect(telHref('+39 049 123 4567')).toBe('tel:+390491234567');
    expect(telHref('(049) 12-34')).toBe('tel:0491234');
  });
});

describe('console words', () => {
  it('has every key in Italian and English, and names the internal events and the portal events', async () => {
    const { translations } = await import('../../src/plugins/spoc-console/admin/src/messages');
    expect(Object.keys(translations.en).sort()).toEqual(Object.keys(translations.it).sort());
    expect(translations.it['spoc-console.menu.console']).toBe('Console SPOC');
    expect(translations.en['spoc-console.menu.console']).toBe('SPOC console');
    expect(translations.it['spoc-console.event.ticket.take-charge']).toBe('Presa in carico');
    expect(translations.en['spoc-console.event.sla.breached']).toBe('SLA breached: {clock}');
    // The portal's {{name}} placeholders become the panel's {name}.
    expect(translations.it['spoc-console.event.email.sent']).toBe('E-mail inviata a {recipient}');
  });
});

describe('what a change event says', () => {
  it('lists the changed fields in a fixed order, marks instants, and leaves out fields it has no words for', () => {
    const changes = {
      restoreDueAt: { from: '2026-12-07T09:15:00.000Z', to: null },
      priority: { from: 'P1', to: 'P4' },
      shinyNewField: { from: 'a', to: 'b' },
      requesterPhone: { from: '', to: '+39 049 123 4567' },
    };
    expect(fieldChanges(changes)).toEqual([
      { field: 'priority', from: 'P1', to: 'P4', instant: false },
      { field: 'requesterPhone', from: null, to: '+39 049 123 4567', instant: false },
      { field: 'restoreDueAt', from: '2026-12-07T09:15:00.000Z', to: null, instant: true },
    ]);
    expect(fieldChanges(undefined)).toEqual([]);
    expect(fieldChanges('priority')).toEqual([]);
  });

  it("names the cause of a recomputation from the server's reason codes, and none for an unknown one", () => {
    expect(recomputeCause('ticket.updated')).toBe('ticketChanged');
    expect(recomputeCause('reportedAt corrected')).toBe('reportedAtCorrected');
    expect(recomputeCause('sla policy updated')).toBe('rulesChanged');
    expect(recomputeCause('sla calendar deleted')).toBe('rulesChanged');
    expect(recomputeCause('something else')).toBeNull();
    expect(recomputeCause(undefined)).toBeNull();
  });
});
