import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { actors, backends, createTicket, DEMO, mailDir, startTestInstance, type Actors } from '../support/api';
import { browserAvailable, launchBrowser } from '../support/browser';
import { until } from '../support/eventually';
import { imapAvailable, intakeEnv, sharedImap } from '../support/imap';
import { ROOT } from '../support/instances';
import { panelPage, panelShot, shotPath } from '../support/panel-browser';
import { seriousAccessibilityViolations } from '../support/portal-browser';
import { waitForMail } from '../support/smtp-sink';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'desks');
const CONSOLE = '/admin/plugins/spoc-console';
const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();

/**
 * Issue 16's channel desks in Debian's Chromium, as the seeded operator: the call pop-up on whatever page the
 * operator is, registering the call's ticket, a manual call with no PBX, adding a call to an open ticket, the
 * call-backs. The whole list on PostgreSQL (the issue's "Done when"), the pop-up and the pages on SQLite.
 * axe on every page; screenshots in test-artifacts/desks/.
 */
describe.skipIf(!browserAvailable()).each(backends())('channel desks in the browser, on $name', (backend) => {
  let browser: Browser;
  let a: Actors;
  let serial = 0;
  const full = backend.name === 'postgres';
  const number = (n: number) => `+390497${backend.name === 'sqlite' ? '1' : '2'}${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`;
  const pbx = (data: Record<string, unknown>) => a.tool.post('/api/calls', { data: { callId: `pbx-e2e-${process.pid}-${Date.now()}-${++serial}`, operatorEmail: DEMO.operator, ...data } });

  beforeAll(async () => {
    browser = await launchBrowser();
    a = await actors(backend);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  const shot = (page: Page, name: string) => panelShot(page, shotPath(SCREENSHOTS, backend, name));
  const expectAccessible = async (page: Page, include?: string) => expect(await seriousAccessibilityViolations(page, include)).toEqual([]);
  const popUp = (page: Page) => page.getByRole('dialog', { name: /^Chiamata (in corso|terminata)$/ });

  it("pops a PBX call up on another page of the panel and registers its ticket at the call's start", async () => {
    const caller = number(1);
    const earlier = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterName: 'Gino Rossi', requesterEmail: 'gino.rossi@azero.example.it', requesterPhone: caller, title: 'Stampante del CUP inceppata' });
    // The operator is in the Content Manager, not in the console.
    const page = await panelPage(browser, backend, 'operator', '/admin/content-manager');
    await page.getByRole('link', { name: 'Console SPOC' }).waitFor();
    await expect(popUp(page).count()).resolves.toBe(0);

    const startedAt = ago(1);
    const call = (await pbx({ callerNumber: caller.replace('+39', ''), startedAt })).body.data.documentId as string;
    const dialog = popUp(page);
    await dialog.waitFor();
    await dialog.locator('[data-caller-name]', { hasText: 'Gino Rossi' }).waitFor();
    await dialog.getByText('Azienda Zero').waitFor();
    await dialog.getByRole('link', { name: earlier.number }).waitFor();
    const timer = dialog.locator('[data-call-timer]');
    const first = await timer.textContent();
    await until('the call timer to run', async () => (await timer.textContent()) !== first, 5_000);
    expect(page.url()).toContain('/admin/content-manager');
    // The Content Manager's list is Strapi's page (its table headers carry an aria-sort axe refuses): the pop-up is ours.
    await expectAccessible(page, '[data-call]');
    await shot(page, 'call-pop-up');

    await dialog.getByRole('button', { name: 'Registra richiesta' }).click();
    await page.waitForURL(/\/plugins\/spoc-console\/new\?call=/);
    const form = page.locator('form');
    await expect(page.locator(`[data-from-call="${call}"]`).getAttribute('data-reported-at')).resolves.toBe(startedAt);
    await form.getByLabel('Oggetto', { exact: false }).first().fill('Il lettore di badge non legge');
    await form.getByLabel('Descrizione').fill('Telefonata: il lettore di badge del CUP non legge le tessere.');
    // The form says which call it registers; the pop-up steps aside so as not to cover the form.
    await expect(popUp(page).count()).resolves.toBe(0);
    await expectAccessible(page);
    await shot(page, 'call-new-ticket');
    await page.getByRole('button', { name: 'Registra la richiesta' }).click();
    const created = await page.locator('[data-created]').getAttribute('data-created');
    const ticket = (await a.tool.get(`/api/tickets?filters[number][$eq]=${created}`)).body.data[0];
    expect(ticket).toMatchObject({ channel: 'phone', requesterName: 'Gino Rossi', requesterPhone: caller.replace('+39', '') });
    expect(new Date(ticket.reportedAt).toISOString()).toBe(startedAt);
    // Registered, the call waits on no one: it does not pop up again.
    const waiting = (await a.operator.get('/spoc-console/desk/status')).body.data.calls as Array<{ documentId: string }>;
    expect(waiting.map((entry) => entry.documentId)).not.toContain(call);
    await page.context().close();
  });

  it.runIf(full)('records a call answered with no PBX at the answer, then registers it', async () => {
    const page = await panelPage(browser, backend, 'operator', `${CONSOLE}/phone`);
    await page.getByRole('heading', { name: 'Telefono', level: 1 }).waitFor();
    await expectAccessible(page);
    const before = Date.now();
    await page.getByRole('button', { name: 'Chiamata in corso' }).click();
    const dialog = popUp(page);
    await dialog.waitFor();
    const after = Date.now();
    await dialog.getByText('Numero non indicato').waitFor();
    await dialog.getByLabel('Numero del chiamante').fill(number(2));
    await dialog.getByRole('button', { name: 'Salva il numero' }).click();
    await dialog.getByRole('link', { name: number(2) }).waitFor();
    await shot(page, 'manual-call');
    const calls = (await a.operator.get('/spoc-console/desk/status')).body.data.calls as Array<{ documentId: string; startedAt: string; callerNumber: string | null }>;
    const call = calls.find((waiting) => waiting.callerNumber === number(2))!;
    expect(Date.parse(call.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(call.startedAt)).toBeLessThanOrEqual(after + 1000);

    await dialog.getByRole('button', { name: 'Registra richiesta' }).click();
    await page.waitForURL(/\/new\?call=/);
    // An unknown caller: the operator chooses the organization and types the name.
    await page.keyboard.type('Azienda Zero');
    await page.getByRole('option', { name: 'Azienda Zero' }).click();
    const form = page.locator('form');
    await form.getByLabel('Nome e cognome').fill('Ugo Neri');
    await form.getByLabel('Oggetto', { exact: false }).first().fill('Badge non letto');
    await form.getByLabel('Descrizione').fill('Il lettore di badge del piano terra non legge.');
    await page.getByRole('button', { name: 'Registra la richiesta' }).click();
    const created = await page.locator('[data-created]').getAttribute('data-created');
    const ticket = (await a.tool.get(`/api/tickets?filters[number][$eq]=${created}`)).body.data[0];
    expect(ticket).toMatchObject({ channel: 'phone', requesterName: 'Ugo Neri' });
    expect(new Date(ticket.reportedAt).toISOString()).toBe(call.startedAt);

    // The day's calls list it, with the ticket it produced.
    await page.goto(`${backend.url}${CONSOLE}/phone`);
    const row = page.locator(`tr[data-call-row="${call.documentId}"]`);
    await row.getByRole('link', { name: new RegExp(`^${created}`) }).waitFor();
    await expectAccessible(page);
    await shot(page, 'phone-desk');
    await page.context().close();
  });

  it.runIf(full)('adds a call to the caller\'s open ticket with a note', async () => {
    const caller = number(3);
    const open = await createTicket(a.tool, a.organizations.azienda.documentId, { requesterName: 'Rita Blu', requesterPhone: caller, title: 'Rete lenta in radiologia' });
    const page = await panelPage(browser, backend, 'operator', CONSOLE);
    await page.getByRole('heading', { name: 'Coda delle richieste' }).waitFor();
    const call = (await pbx({ callerNumber: caller, startedAt: ago(0) })).body.data.documentId as string;
    const dialog = popUp(page);
    await dialog.getByRole('button', { name: `Aggiungi a questa ${open.number}` }).click();
    await dialog.getByLabel('Nota interna (facoltativa)').fill('Sollecita: la rete è ancora lenta.');
    await dialog.getByRole('button', { name: `Aggiungi a ${open.number}` }).click();
    await dialog.waitFor({ state: 'detached' });
    const workspace = (await a.operator.get(`/spoc-console/tickets/${open.documentId}`)).body.data;
    expect(workspace.calls.map((linked: { documentId: string }) => linked.documentId)).toEqual([call]);
    expect(workspace.followUps).toEqual([expect.objectContaining({ visibility: 'internal', body: 'Sollecita: la rete è ancora lenta.' })]);
    await page.context().close();
  });

  it.runIf(full)("marks a P1's call-back done with its outcome, which the ticket's timeline shows", async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { priority: 'P1', reportedAt: ago(130), title: 'Server dei referti fermo' });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    expect((await a.tool.post('/api/notifications/progress/run', {})).status).toBe(200);
    const page = await panelPage(browser, backend, 'operator', `${CONSOLE}/callbacks`);
    await page.getByRole('heading', { name: 'Richiamate', level: 1 }).waitFor();
    const row = page.locator('tr[data-callback]').filter({ has: page.getByRole('link', { name: ticket.number }) });
    await row.waitFor();
    await row.getByRole('link', { name: /^\+?\d/ }).first().waitFor();
    expect(await row.getByRole('link', { name: /^\+?\d/ }).first().getAttribute('href')).toMatch(/^tel:\+?\d+$/);
    // Overdue ones are marked, and counted on the console's menu entry.
    const overdue = (await a.operator.get('/spoc-console/desk/status')).body.data.callbacks.overdue as number;
    if (overdue > 0) await page.locator(`[data-callbacks-overdue="${overdue}"]`).waitFor();
    await expectAccessible(page);
    await shot(page, 'callbacks');

    await row.getByRole('button', { name: `Fatto ${ticket.number}` }).click();
    const dialog = page.getByRole('dialog', { name: `Richiamata per ${ticket.number}` });
    await dialog.getByRole('radio', { name: 'Raggiunto', exact: true }).click();
    await dialog.getByLabel('Nota').fill('Informata la dott.ssa Bianchi: ripristino previsto entro le 18.');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Registra l’esito' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });

    await page.goto(`${backend.url}${CONSOLE}/tickets/${ticket.documentId}`);
    const entry = page.locator('[data-callback-outcome="reached"]');
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('Raggiunto');
    await page.getByText('Informata la dott.ssa Bianchi: ripristino previsto entro le 18.').waitFor();
    await shot(page, 'callback-in-timeline');
    await page.context().close();
  });

  it.runIf(full && imapAvailable())('lets a supervisor convert, discard and add to a ticket the mail held in quarantine', async () => {
    // A reader of a real Dovecot mailbox, as deployed; three messages from senders nobody knows.
    const account = await sharedImap().addMailbox('desk');
    const reader = await startTestInstance(backend.db, intakeEnv(account));
    try {
      const existing = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Firma digitale non funziona' });
      const arrivedAt = new Date(Math.floor((Date.now() - 20 * MIN) / 1000) * 1000);
      const mail = (from: string, subject: string, body: string) =>
        [`From: ${from}`, 'To: helpdesk@spoc-desk.test', `Subject: ${subject}`, `Message-ID: <desk-${++serial}-${Date.now()}@mail.test>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
      await sharedImap().append(account, mail('Laura Neri <laura.neri@nuovo-ente.example>', 'Accesso al fascicolo sanitario', 'Non riesco ad accedere al fascicolo.'), { internalDate: arrivedAt });
      await sharedImap().append(account, mail('offerte@promo.example', 'Offerta imperdibile', 'Compra ora!'));
      await sharedImap().append(account, mail('tecnico@fornitore-firma.example', 'Re: firma digitale', 'Il certificato è stato rinnovato.'));
      await until('three messages held', async () => ((await a.supervisor.get('/email-intake/quarantine')).body.data as unknown[]).length >= 3, 60_000);

      const page = await panelPage(browser, backend, 'supervisor', `${CONSOLE}/quarantine`);
      await page.getByRole('heading', { name: 'Quarantena', level: 1 }).waitFor();
      const row = (subject: string) => page.locator('tr[data-quarantined]').filter({ hasText: subject });
      await row('Accesso al fascicolo sanitario').getByText('Mittente sconosciuto').waitFor();
      await expectAccessible(page);
      await shot(page, 'quarantine');

      // Converted for the organization the supervisor chooses: reported when the mail arrived.
      await row('Accesso al fascicolo sanitario').getByRole('button', { name: /^Apri/ }).click();
      let dialog = page.getByRole('dialog', { name: 'Accesso al fascicolo sanitario' });
      await dialog.locator('iframe[sandbox=""], pre').first().waitFor();
      await expectAccessible(page);
      await shot(page, 'quarantine-message');
      await dialog.getByRole('combobox', { name: 'Amministrazione' }).click();
      await page.getByRole('option', { name: 'Azienda Zero' }).click();
      await dialog.getByRole('button', { name: 'Converti in richiesta' }).click();
      const converted = await page.locator('[role="status"]').filter({ hasText: /^Registrata la richiesta HD-/ }).last().textContent();
      const number = /HD-\d{4}-\d{6}/.exec(converted ?? '')![0];
      const ticket = (await a.tool.get(`/api/tickets?filters[number][$eq]=${number}&populate=organization`)).body.data[0];
      expect(ticket).toMatchObject({ channel: 'email', requesterEmail: 'laura.neri@nuovo-ente.example', organization: { documentId: a.organizations.azienda.documentId } });
      expect(new Date(ticket.reportedAt).toISOString()).toBe(arrivedAt.toISOString());

      // Discarded, with a reason.
      await row('Offerta imperdibile').getByRole('button', { name: /^Apri/ }).click();
      dialog = page.getByRole('dialog', { name: 'Offerta imperdibile' });
      await dialog.getByLabel('Motivo dello scarto').fill('Pubblicità');
      await dialog.getByRole('button', { name: 'Scarta' }).click();
      await page.locator('[role="status"]').filter({ hasText: /^Messaggio scartato\.$/ }).last().waitFor();

      // Added to the existing ticket as the sender's follow-up.
      await row('Re: firma digitale').getByRole('button', { name: /^Apri/ }).click();
      dialog = page.getByRole('dialog', { name: 'Re: firma digitale' });
      await dialog.getByLabel('Numero della richiesta').fill(existing.number);
      await dialog.getByRole('button', { name: `Aggiungi a ${existing.number}` }).click();
      await page.locator('[role="status"]').filter({ hasText: `Messaggio aggiunto a ${existing.number}.` }).last().waitFor();
      const followUps = (await a.tool.get(`/api/follow-ups?filters[ticket][documentId]=${existing.documentId}`)).body.data as Array<{ body: string }>;
      expect(followUps.map((followUp) => followUp.body)).toEqual([expect.stringContaining('Il certificato è stato rinnovato.')]);

      // Each decision is kept with who made it.
      await page.getByRole('tab', { name: 'Decisi' }).click();
      await page.locator('tr[data-quarantined]').filter({ hasText: 'Offerta imperdibile' }).getByText('Pubblicità').waitFor();
      await expect(page.locator('tr[data-quarantined]').filter({ hasText: 'Offerta imperdibile' }).textContent()).resolves.toContain('Sara Supervisore');
      await expectAccessible(page);
      await shot(page, 'quarantine-decided');
      await page.context().close();
    } finally {
      await reader.stop();
    }
  });

  it.runIf(full)('plans, starts and completes a maintenance from the calendar, and the three e-mails reach the organization', async () => {
    const title = `Aggiornamento del sistema RIS ${Date.now()}`;
    const page = await panelPage(browser, backend, 'operator', `${CONSOLE}/maintenance`);
    await page.getByRole('heading', { name: 'Manutenzioni', level: 1 }).waitFor();
    await page.locator('.fc-daygrid-day').first().waitFor();
    await page.getByRole('button', { name: 'Nuova manutenzione' }).click();
    let dialog = page.getByRole('dialog', { name: 'Nuova manutenzione' });
    await dialog.getByLabel('Attività').fill(title);
    await dialog.getByRole('combobox', { name: 'Amministrazione' }).click();
    await page.getByRole('option', { name: 'Azienda Zero' }).click();
    await dialog.getByLabel('Servizi interessati').fill('RIS, refertazione');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Pianifica' }).click();
    await page.locator('[role="status"]').filter({ hasText: `Pianificata «${title}»` }).last().waitFor();
    const [log] = (await a.operator.get(`/spoc-console/maintenance?from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date(Date.now() + 40 * 86_400_000).toISOString()}`)).body.data.filter(
      (entry: { title: string }) => entry.title === title
    );
    expect(log).toMatchObject({ state: 'planned', organization: { documentId: a.organizations.azienda.documentId } });
    const root = `<maintenance.${log.documentId}@spoc-desk.test>`;
    const ofLog = (word: string) => (mail: ParsedMail) => (mail.messageId === root || mail.inReplyTo === root) && (mail.subject ?? '').includes(word);
    await waitForMail(mailDir(), ofLog('pianificata'), 2);

    // Tomorrow's activity is in this month's or next month's grid: the list of its month shows it too.
    const event = page.locator('.fc-event', { hasText: title });
    if ((await event.count()) === 0) await page.getByRole('button', { name: /next|successivo/i }).click();
    await event.first().waitFor();
    // One organization's activities: another's hides it.
    const filter = page.getByRole('combobox', { name: 'Amministrazione' });
    await filter.click();
    await page.getByRole('option', { name: 'Azienda ULSS 6 Euganea' }).click();
    await event.first().waitFor({ state: 'detached' });
    await filter.click();
    await page.getByRole('option', { name: 'Tutte' }).click();
    await event.first().waitFor();
    await expectAccessible(page);
    await shot(page, 'maintenance-month');
    await event.first().click();
    dialog = page.getByRole('dialog', { name: title });
    await dialog.getByRole('button', { name: 'Avvia' }).click();
    await page.locator('[role="status"]').filter({ hasText: `Avviata «${title}»` }).last().waitFor();
    await waitForMail(mailDir(), ofLog('iniziata'), 2);

    await page.getByRole('button', { name: 'Elenco' }).click();
    await page.locator('.fc-list-event', { hasText: title }).first().click();
    dialog = page.getByRole('dialog', { name: title });
    await dialog.locator('[data-maintenance-state="in_progress"]').waitFor();
    await dialog.getByLabel('Esito').fill('Aggiornato alla versione 5.2, nessun disservizio');
    await shot(page, 'maintenance-activity');
    await dialog.getByRole('button', { name: 'Completa' }).click();
    await page.locator('[role="status"]').filter({ hasText: `Completata «${title}»` }).last().waitFor();
    const [done] = await waitForMail(mailDir(), ofLog('completata'), 2);
    expect(done.text).toContain('Esito: Aggiornato alla versione 5.2, nessun disservizio');
    expect(await waitForMail(mailDir(), (mail) => mail.messageId === root || mail.inReplyTo === root, 6)).toHaveLength(6);
    await expectAccessible(page);
    await shot(page, 'maintenance-list');
    await page.context().close();
  });

  it.runIf(full)("shows supervisors the board, whose figures are the SLA report's for the month, and its home page widget", async () => {
    // A late P1 this month, so that the month's compliance and penalties are not empty.
    const late = await createTicket(a.tool, a.organizations.azienda.documentId, { priority: 'P1', reportedAt: ago(45), title: 'Rete del pronto soccorso giù' });
    await a.tool.post('/api/sla/sweep', {});
    await a.tool.post(`/api/tickets/${late.documentId}/take-charge`, {});
    const page = await panelPage(browser, backend, 'supervisor', `${CONSOLE}/board`);
    await page.getByRole('heading', { name: 'Cruscotto', level: 1 }).waitFor();
    const detail = page.locator('[data-compliance-take-charge]');
    await detail.waitFor();
    const board = (await a.supervisor.get('/spoc-console/board')).body.data;
    const { from, to } = board.periods.month;
    const report = (await a.supervisor.get(`/sla/report?from=${from}&to=${to}`)).body.data;
    const sum = (field: 'within' | 'failed') => report.priorities.reduce((total: number, p: { takeCharge: Record<string, number> }) => total + p.takeCharge[field], 0);
    expect(await detail.getAttribute('data-compliance-take-charge')).toBe(`${sum('within')}/${sum('failed')}`);
    expect(Number(await page.locator(`[data-figure="Penali maturate nel mese"]`).getAttribute('data-value'))).toBe(report.penalties.afterCap);
    expect(Number(await page.locator(`[data-figure="Violazioni nel mese"]`).getAttribute('data-value'))).toBe(report.totals.breaches);
    // Each priority's bar leads to the queue filtered on it.
    await page.getByRole('link', { name: /^P1/ }).first().click();
    await page.waitForURL(/tab=open&priority=P1/);
    await page.goBack();
    await detail.waitFor();
    await expectAccessible(page);
    await shot(page, 'board');

    // The operator has no board: no tab, and the page refuses.
    const operator = await panelPage(browser, backend, 'operator', CONSOLE);
    await operator.getByRole('heading', { name: 'Coda delle richieste' }).waitFor();
    await expect(operator.getByRole('link', { name: 'Cruscotto' }).count()).resolves.toBe(0);
    await operator.context().close();

    await page.goto(`${backend.url}/admin`);
    await page.locator('[data-widget="board"]').waitFor();
    await shot(page, 'board-widget');
    await page.context().close();
  });
});

