import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, mailDir, type Actors } from '../support/api';
import { browserAvailable, launchBrowser } from '../support/browser';
import { until } from '../support/eventually';
import { ROOT } from '../support/instances';
import { panelPage as openPanel, panelShot, shotPath } from '../support/panel-browser';
import { adoptSession, seriousAccessibilityViolations } from '../support/portal-browser';
import { readMailbox, waitForMail } from '../support/smtp-sink';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'console');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const CONSOLE = '/admin/plugins/spoc-console';

/**
 * Issue 15's "Done when", in Debian's Chromium as the seeded operator and supervisor: the console's queue,
 * workspace and registration form against the real server routes, live updates between two operators, the
 * 409 in words, the Content Manager's side panel and document actions. The whole list on PostgreSQL, the
 * queue's basics on SQLite. axe on every console page; screenshots in test-artifacts/console/.
 */
describe.skipIf(!browserAvailable()).each(backends())('SPOC console in the browser, on $name', (backend) => {
  let browser: Browser;
  let a: Actors;
  const full = backend.name === 'postgres';

  beforeAll(async () => {
    browser = await launchBrowser();
    a = await actors(backend);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  const shot = (page: Page, name: string) => panelShot(page, shotPath(SCREENSHOTS, backend, name));
  const expectAccessible = async (page: Page) => expect(await seriousAccessibilityViolations(page)).toEqual([]);
  const panelPage = (account: 'operator' | 'supervisor', to = CONSOLE) => openPanel(browser, backend, account, to);

  /** The queue's row of a ticket, found by searching its number. */
  async function queueRow(page: Page, number: string, tab = 'open') {
    await page.goto(`${backend.url}${CONSOLE}?tab=${tab}&q=${encodeURIComponent(number)}`);
    const row = page.locator(`tr[data-ticket="${number}"]`);
    await row.waitFor();
    return row;
  }

  /** Runs a lifecycle action from the workspace's action bar, filling what its confirmation asks. */
  async function act(page: Page, action: string, fill: { reason?: string; resolution?: string; attributable?: boolean } = {}) {
    await page.locator('[data-action-bar]').getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    if (fill.reason) await dialog.getByLabel(/^Motivo/).fill(fill.reason);
    if (fill.resolution) await dialog.getByLabel(/^Soluzione adottata/).fill(fill.resolution);
    if (fill.attributable) await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const stateOf = async (documentId: string) => (await a.operator.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket.state as string;

  it('shows the queue from the menu, with tabs, filters in the URL, countdowns, and no accessibility violation', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Coda: stampante di reparto', priority: 'P2' });
    const page = await panelPage('operator', '/admin');
    await page.getByRole('link', { name: 'Console SPOC' }).click();
    await page.getByRole('heading', { name: 'Coda delle richieste' }).waitFor();
    await page.getByRole('tab', { name: /^Tutte aperte \(\d+\)$/ }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await expectAccessible(page);
    await shot(page, 'queue');

    // The view lives in the URL: a tab and a search survive a reload.
    await page.getByRole('tab', { name: /^Non assegnate/ }).click();
    await page.waitForURL(/tab=unassigned/);
    await page.getByRole('searchbox').or(page.getByLabel('Cerca per numero, oggetto o richiedente')).first().fill(ticket.number);
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(new RegExp(`q=${ticket.number}`));
    await page.reload();
    const row = page.locator(`tr[data-ticket="${ticket.number}"]`);
    await row.waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    // The countdown ticks every second.
    const countdown = row.locator('[data-countdown]');
    const first = await countdown.textContent();
    await until('the countdown to tick', async () => (await countdown.textContent()) !== first, 5_000);
    expect(await row.locator('[data-clock-state]').getAttribute('data-clock-state')).toBe('on_time');

    // In English, chosen in the operator's profile (the account's language, as the panel keeps it): the queue
    // and the workspace speak it.
    expect((await a.operator.put('/admin/users/me', { preferedLanguage: 'en' })).status).toBe(200);
    try {
      await page.evaluate(`localStorage.setItem('strapi-admin-language', 'en')`);
      await page.goto(`${backend.url}${CONSOLE}?tab=open&q=${ticket.number}`);
      await page.getByRole('heading', { name: 'Ticket queue' }).waitFor();
      await page.getByRole('tab', { name: /^All open \(\d+\)$/ }).waitFor();
      await expect(row.locator('[data-clock-state]').textContent()).resolves.toMatch(/^On time · .+ left$/);
      await expectAccessible(page);
      await shot(page, 'queue-en');
      await row.getByRole('link', { name: ticket.number }).click();
      await page.locator('[data-action-bar]').getByRole('button', { name: 'Take in charge', exact: true }).waitFor();
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
      await page.getByRole('heading', { name: 'SLA clocks' }).waitFor();
      await page.getByRole('radio', { name: /Internal note/ }).waitFor();
      await expectAccessible(page);
      await shot(page, 'workspace-en');
    } finally {
      await a.operator.put('/admin/users/me', { preferedLanguage: 'it' });
    }
    await page.context().close();
  });

  it.runIf(full)('registers a ticket from "Nuova richiesta" and works it through to the portal closing it, live', async () => {
    // A queue already open on the unassigned P1 tickets: the new one must arrive at its top without a reload.
    const watching = await panelPage('operator', `${CONSOLE}?tab=unassigned&priority=P1`);
    await watching.getByRole('heading', { name: 'Coda delle richieste' }).waitFor();
    await watching.getByRole('tab', { name: /^Non assegnate \(\d+\)$/ }).waitFor();
    const watchingReloads: string[] = [];
    watching.on('framenavigated', (frame) => watchingReloads.push(frame.url()));

    const page = await panelPage('operator', `${CONSOLE}/new`);
    await page.getByRole('heading', { name: 'Nuova richiesta' }).waitFor();
    const opened = await page.locator('[data-reported-at]').getAttribute('data-reported-at');
    // Keyboard first: the organization has the focus.
    await page.keyboard.type('Azienda Zero');
    await page.getByRole('option', { name: 'Azienda Zero' }).click();
    const requester = page.getByRole('combobox', { name: 'Richiedente' });
    await requester.click();
    await requester.fill('mario');
    await page.getByRole('option', { name: new RegExp(DEMO.staff) }).click();
    await page.getByLabel(/^Oggetto/).fill('Telefonata: il CUP non stampa le ricevute');
    await page.getByLabel(/^Descrizione/).fill('La stampante del CUP 2 rifiuta ogni ricevuta da stamattina.');
    await page.getByRole('combobox', { name: 'Priorità' }).click();
    await page.getByRole('option', { name: 'P1 — Bloccante' }).click();
    await page.getByText(/Obiettivi: presa in carico entro \d+ min/).waitFor();
    await expectAccessible(page);
    await shot(page, 'new-ticket');
    await page.getByLabel(/^Oggetto/).press('Control+Enter');
    const created = page.locator('[data-created]');
    await created.waitFor();
    const number = (await created.getAttribute('data-created'))!;
    expect(number).toMatch(/^HD-\d{4}-\d{6}$/);
    await expect(created.textContent()).resolves.toContain(`Richiesta ${number} registrata.`);
    await shot(page, 'new-ticket-created');
    // At the top of the open queue, with its countdown, live: the most urgent unassigned P1 is the newest one.
    const top = watching.locator('tbody tr').first();
    await expect.poll(() => top.getAttribute('data-ticket'), { timeout: 5_000 }).toBe(number);
    await top.locator('[data-countdown]').waitFor();
    expect(await top.locator('[data-clock-state]').getAttribute('data-clock-state')).toBe('on_time');
    expect(watchingReloads, 'no reload').toEqual([]);
    await shot(watching, 'queue-new-ticket-on-top');
    await watching.context().close();

    // In the queue with its countdown; reportedAt is when the form opened.
    const row = await queueRow(page, number);
    await row.locator('[data-countdown]').waitFor();
    await row.getByRole('link', { name: number }).click();
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
    const documentId = page.url().split('/').pop()!;
    const stored = (await a.operator.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket;
    expect(stored.reportedAt).toBe(new Date(opened!).toISOString());
    await expect(page.getByRole('link', { name: /Scrivi a mario\.rossi/ }).getAttribute('href')).resolves.toBe(`mailto:${DEMO.staff}`);

    await act(page, 'Prendi in carico');
    await page.locator('[data-state="in_charge"]').waitFor();
    expect(await stateOf(documentId)).toBe('in_charge');

    // An internal note first (no e-mail), then a canned reply sent as a public follow-up (an e-mail).
    await page.getByRole('radio', { name: /Nota interna/ }).click();
    await page.getByText('Solo gli operatori la vedono: nessuna e-mail.').waitFor();
    await page.getByLabel('Testo').fill('Nota per i colleghi: chiamato il tecnico di zona.');
    // Attachments within the limits the composer shows; a program is refused before upload.
    await page.getByText(/Fino a \d+ file, massimo/).waitFor();
    await page.getByLabel('Allegati').setInputFiles([
      { name: 'verbale.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: PDF },
    ]);
    await page.getByText('setup.exe: formato non ammesso.').waitFor();
    await page.getByRole('button', { name: 'Rimuovi verbale.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText('Nota interna salvata.').waitFor();
    const attachment = page.locator('[data-timeline-kind="followUp"]').getByRole('link', { name: /verbale\.pdf/ });
    const href = (await attachment.getAttribute('href'))!;
    expect((await fetch(new URL(href, backend.url))).status, href).toBe(200);
    await page.getByRole('radio', { name: /Risposta al richiedente/ }).click();
    await page.getByText(`L'e-mail va a: ${DEMO.staff}`).waitFor();
    await page.getByRole('combobox', { name: 'Risposta predefinita' }).click();
    await page.getByRole('option').first().click();
    await until('the canned reply to be inserted with its placeholders filled', async () => (await page.getByLabel('Testo').inputValue()).includes(number));
    const text = await page.getByLabel('Testo').inputValue();
    expect(text).not.toMatch(/\{\{|\}\}/);
    await page.getByLabel('Testo').fill(`${text}\n\nRiavviate la stampante: il tecnico arriva alle 11.`);
    await shot(page, 'workspace-composer');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.getByText(`Inviata a ${DEMO.staff}.`).waitFor();
    const [mail] = await waitForMail(mailDir(), (message) => message.subject?.includes(number) === true && (message.text ?? '').includes('il tecnico arriva alle 11'));
    expect((mail.to as { text: string }).text).toContain(DEMO.staff);
    expect((await readMailbox(mailDir())).filter((message) => (message.text ?? '').includes('chiamato il tecnico di zona'))).toEqual([]);

    await act(page, 'Sospendi', { reason: "In attesa del ricambio dall'Amministrazione", attributable: true });
    await page.locator('[data-state="suspended"]').waitFor();
    await act(page, 'Riprendi');
    await page.locator('[data-state="in_charge"]').waitFor();
    await act(page, 'Ripristina', { resolution: 'Sostituito il tamburo della stampante.' });
    await page.locator('[data-state="restored"]').waitFor();
    await page.locator('[data-timeline-kind="event"]').getByText('Servizio ripristinato').first().waitFor();
    await expectAccessible(page);
    await shot(page, 'workspace');

    // The queue's "restored" tab shows it; the requester closes it from the portal; it drops out live.
    const queue = await queueRow(page, number, 'restored');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const portal = await (await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' })).newPage();
    await adoptSession(portal, backend.sessions.staff);
    await portal.goto(`${backend.url}/portal/requests/${documentId}`);
    await portal.getByRole('button', { name: 'Sì, è risolto' }).click();
    await portal.getByText('Chiusa').first().waitFor();
    await queue.waitFor({ state: 'detached', timeout: 10_000 });
    expect(navigations, 'no reload').toEqual([]);
    await portal.context().close();
    await page.context().close();
  });

  it.runIf(full)("shows a second operator's action live, and the loser of a race sees the 409 in words", async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Due operatori sulla stessa richiesta' });
    const first = await panelPage('operator');
    const row = await queueRow(first, ticket.number);
    await row.getByText('Registrata').waitFor();
    const navigations: string[] = [];
    first.on('framenavigated', (frame) => navigations.push(frame.url()));

    // Both open the workspace; the supervisor opens the take-charge confirmation, the operator takes it first.
    const second = await panelPage('supervisor', `${CONSOLE}/tickets/${ticket.documentId}`);
    await second.locator('[data-action-bar]').getByRole('button', { name: 'Prendi in carico' }).click();
    const dialog = second.getByRole('dialog');
    await dialog.waitFor();
    expect(await (await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(200);
    // The first operator's queue follows without a reload.
    await row.getByText('In lavorazione').waitFor({ timeout: 5_000 });
    expect(navigations, 'no reload').toEqual([]);

    await dialog.getByRole('button', { name: 'Conferma' }).click();
    await second.getByText(/La richiesta è già presa in carico da Oscar Operatore alle \d{1,2}:\d{2}\. La pagina è stata ricaricata\./).waitFor();
    await second.locator('[data-state="in_charge"]').waitFor();
    await shot(second, 'workspace-conflict');
    await first.context().close();
    await second.context().close();
  });

  it.runIf(full)('shows a ticket reported long ago as the SLA plugin computes it, and lets the supervisor verify its chain', async () => {
    const page = await panelPage('supervisor', `${CONSOLE}/new`);
    await page.getByRole('heading', { name: 'Nuova richiesta' }).waitFor();
    await page.keyboard.type('Azienda Zero');
    await page.getByRole('option', { name: 'Azienda Zero' }).click();
    await page.getByLabel(/^Nome e cognome/).fill('Centralino Ospedale');
    await page.getByLabel(/^Telefono/).fill('+39 049 123 4567');
    await page.getByLabel(/^Oggetto/).fill('Chiamata persa: rete del reparto giù');
    await page.getByLabel(/^Descrizione/).fill('Registrata a posteriori dopo la caduta della linea.');
    await page.getByRole('combobox', { name: 'Priorità' }).click();
    await page.getByRole('option', { name: 'P1 — Bloccante' }).click();
    await page.getByRole('checkbox', { name: /orario di segnalazione precedente/ }).check();
    const longAgo = new Date(Date.now() - 5 * 3_600_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(longAgo).replace(' ', 'T');
    await page.getByLabel(/^Data e ora della segnalazione/).fill(local);
    await page.getByRole('button', { name: 'Registra la richiesta' }).click();
    await page.getByText('Serve un motivo per un orario di oltre 15 minuti fa').waitFor();
    await page.getByLabel(/^Motivo del ritardo/).fill('Linea telefonica caduta durante la chiamata');
    await page.getByRole('button', { name: 'Registra la richiesta' }).click();
    const number = (await page.locator('[data-created]').getAttribute('data-created'))!;

    const row = await queueRow(page, number);
    const answer = (await a.supervisor.get(`/spoc-console/queue?tab=open&q=${number}`)).body.data[0];
    expect(['at_risk', 'breached']).toContain(answer.clock.state);
    await expect(row.locator('[data-clock-state]').getAttribute('data-clock-state')).resolves.toBe(answer.clock.state);
    await shot(page, 'queue-breached');

    await row.getByRole('link', { name: number }).click();
    await page.getByRole('button', { name: 'Verifica catena' }).click();
    await page.getByText(/Catena integra: \d+ eventi verificati\./).waitFor();
    const documentId = page.url().split('/').pop()!;

    // Classification: the SLA recomputation is shown before saving.
    await page.getByRole('button', { name: 'Cambia priorità, categoria o tipo' }).click();
    const classify = page.getByRole('dialog');
    await classify.getByRole('combobox', { name: 'Priorità' }).click();
    await page.getByRole('option', { name: 'P4 — Bassa' }).click();
    await classify.getByRole('button', { name: 'Anteprima SLA' }).click();
    await classify.locator('[data-preview]').getByText(/^Presa in carico: \d+ min, entro .+ \(ora: \d+ min/).waitFor();
    expect((await a.supervisor.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket.priority, 'not saved by the preview').toBe('P1');
    await shot(page, 'workspace-classify');
    await classify.getByRole('button', { name: 'Salva la classificazione' }).click();
    await page.getByText('Classificazione salvata: scadenze ricalcolate.').waitFor();
    expect((await a.supervisor.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket.priority).toBe('P4');

    // A supervisor assigns to another operator.
    await page.getByRole('combobox', { name: 'Assegna a un altro operatore' }).click();
    await page.getByRole('option', { name: 'Oscar Operatore' }).click();
    await page.getByRole('button', { name: 'Assegna', exact: true }).click();
    await page.getByText('Assegnata a Oscar Operatore.').waitFor();
    expect((await a.supervisor.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket.assignee.name).toBe('Oscar Operatore');

    // And corrects reportedAt with a reason.
    await page.getByRole('button', { name: 'Correggi data/ora di segnalazione' }).click();
    const correct = page.getByRole('dialog');
    const corrected = new Date(longAgo.getTime() + 30 * 60_000);
    await correct.getByLabel(/^Nuova data\/ora di segnalazione/).fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(corrected).replace(' ', 'T'));
    await correct.getByLabel(/^Motivo/).fill("L'utente ha richiamato precisando l'ora");
    await correct.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('Data/ora di segnalazione corretta: scadenze ricalcolate.').waitFor();
    const stored = (await a.supervisor.get(`/spoc-console/tickets/${documentId}`)).body.data.ticket;
    expect(Math.abs(new Date(stored.reportedAt).getTime() - corrected.getTime())).toBeLessThan(60_000);
    expect(stored.reportedAtCorrected).toBe(true);
    // The timeline says what changed and why the dues moved, in words, never the server's reason codes.
    const timeline = page.getByRole('region', { name: 'Cronologia' });
    await timeline.getByText('Priorità: P1 — Bloccante → P4 — Bassa').first().waitFor();
    await timeline.getByText('Dopo la modifica dei dati della richiesta.').waitFor();
    await timeline.getByText('Dopo la correzione della data/ora di segnalazione.').waitFor();
    await timeline.getByText(/^Scadenza della presa in carico: .+ → .+$/).first().waitFor();
    await expect(timeline.getByText(/ticket\.updated|reportedAt corrected/).count()).resolves.toBe(0);
    await expectAccessible(page);
    await shot(page, 'workspace-supervisor');
    await page.context().close();
  });

  it.runIf(full)("gives the Content Manager's ticket a console side panel and the lifecycle as document actions", async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Dal Content Manager' });
    const page = await panelPage('operator', `/admin/content-manager/collection-types/api::ticket.ticket/${ticket.documentId}`);
    const panel = page.locator('[data-console-panel]');
    await panel.waitFor();
    await panel.getByText('Stato: Registrata').waitFor();
    await page.getByRole('button', { name: 'Prendi in carico' }).click();
    await page.getByRole('alertdialog').or(page.getByRole('dialog')).getByRole('button', { name: 'Conferma' }).click();
    await until('the ticket to be taken in charge', async () => (await stateOf(ticket.documentId)) === 'in_charge');
    await panel.getByText('Stato: In lavorazione').waitFor();
    // The edit view's own form reads the ticket again.
    await expect.poll(() => page.getByRole('combobox', { name: 'Stato' }).textContent()).toContain('In lavorazione');
    await shot(page, 'content-manager-panel');
    // Another operator's action reaches the panel live, and the document actions follow the new state.
    const suspended = await a.supervisor.post(`/spoc-console/tickets/${ticket.documentId}/actions/suspend`, { reason: 'In attesa del referente', attributableToAdministration: true });
    expect(suspended.status).toBe(200);
    await panel.getByText('Stato: Sospesa').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Riprendi' }).waitFor();
    await panel.getByRole('link', { name: 'Apri nella console' }).click();
    await page.waitForURL(new RegExp(`${CONSOLE}/tickets/${ticket.documentId}$`));
    await page.getByRole('heading', { name: new RegExp(ticket.number) }).waitFor();

    await page.goto(`${backend.url}/admin`);
    await page.getByText('Le mie richieste aperte').waitFor();
    await page.getByText('SLA a rischio').waitFor();
    await page.locator('[data-widget="mine"]').waitFor();
    await shot(page, 'home-widgets');
    await page.context().close();
  });
});
