import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, ticketSubject } from '../../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../../support/browser';

describe.skipIf(!browserAvailable()).each(backends())('admin panel, Settings → E-mail, on $name', (backend) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows a supervisor, in Italian, the failed e-mails and a template previewed on the latest ticket', { timeout: 120_000 }, async () => {
    const a = await actors(backend);
    // The preview renders on the latest ticket: this one.
    const ticket = await createTicket(a.tool, a.organizations.quiet.documentId, { title: `Anteprima nel pannello ${backend.name}` });
    const stored = (await a.supervisor.get('/notifications/templates')).body.data.find(
      (template: { event: string; language: string }) => template.event === 'ticket.opened' && template.language === 'it'
    );

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToAdmin(page, backend.url, DEMO.supervisor);
    await page.goto(`${backend.url}/admin/settings`);
    await page.getByRole('link', { name: 'E-mail', exact: true }).click();
    await page.waitForURL(/\/admin\/settings\/notifications$/);
    await page.getByRole('heading', { name: 'Messaggi non recapitati' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Modelli delle e-mail' }).isVisible()).resolves.toBe(true);

    // The first event, in Italian, is loaded into the editor, with its placeholders listed.
    expect(await page.getByRole('textbox', { name: /^Oggetto/ }).inputValue()).toBe(stored.subject);
    expect(await page.getByRole('textbox', { name: /^Testo/ }).inputValue()).toBe(stored.body);
    await expect(page.getByRole('list', { name: 'Segnaposto disponibili' }).getByText('{{ticket.number}}', { exact: true }).isVisible()).resolves.toBe(true);

    await page.getByRole('button', { name: 'Anteprima' }).click();
    // The preview shows the subject inside a labelled line.
    await page.getByText(ticketSubject(ticket.number, `Registrazione della segnalazione: Anteprima nel pannello ${backend.name}`, { whole: false })).first().waitFor();
    const html = page.frameLocator('iframe[title="Anteprima HTML del messaggio"]');
    await html.getByText(`la Sua segnalazione è stata registrata con il numero ${ticket.number}.`).waitFor();
    await expect(page.locator('pre').innerText()).resolves.toContain(`registrata con il numero ${ticket.number}`);
    // Scripts cannot run in the preview.
    expect(await page.locator('iframe[title="Anteprima HTML del messaggio"]').getAttribute('sandbox')).toBe('');

    // A placeholder no event provides: the server's 400 is shown under the body, and nothing is saved.
    await page.getByRole('textbox', { name: /^Testo/ }).fill('Il ticket {{ticket.numero}} è aperto');
    await page.getByRole('button', { name: 'Salva' }).click();
    await page.getByText('body uses unknown placeholders: {{ticket.numero}}').waitFor();
    expect(await page.getByRole('textbox', { name: /^Testo/ }).getAttribute('aria-invalid')).toBe('true');
    const after = (await a.supervisor.get('/notifications/templates')).body.data.find((template: { documentId: string }) => template.documentId === stored.documentId);
    expect(after.body).toBe(stored.body);
    await page.close();
  });
});
