import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, mailDir, type Actors } from '../../support/api';
import { browserAvailable, launchBrowser } from '../../support/browser';
import { keepScreenshot } from '../../support/portal-browser';
import { createPortalUser } from '../../support/portal-users';
import { waitForMail } from '../../support/smtp-sink';

const to = (address: string) => (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : [mail.to]).some((field) => field?.value.some((entry) => entry.address === address));

/** The portal link of a message's text: the footer's "Per seguire la richiesta: …". */
function portalLink(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/portal\/\S+/.exec(mail.text ?? '')?.[0];
  if (!link) throw new Error(`no portal link in "${mail.subject}"`);
  return link;
}

/**
 * Every e-mail the requester gets about a request links to its page in the portal: the link of each one,
 * taken from the message as the SMTP server received it, is opened in Chromium, through the sign-in when
 * there is no session, and shows the request.
 */
describe.skipIf(!browserAvailable()).each(backends())('links in the e-mails, opened in the browser, on $name', (backend) => {
  let browser: Browser;
  let a: Actors;
  beforeAll(async () => {
    browser = await launchBrowser();
    a = await actors(backend);
  });
  afterAll(() => browser?.close());

  async function showsRequest(page: Page, number: string, title: string) {
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText(number).first().waitFor();
  }

  it("opens the request's page from every message of its life, signing in first when needed", async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const session = await a.anonymous.post('/api/auth/local', { identifier: user.email, password: user.password });
    const requester = new Api(backend.url, session.body.jwt);
    const title = `Scanner del protocollo non acquisisce (${backend.name})`;
    const created = await requester.post('/api/tickets', { data: { title, kind: 'incident', priority: 'P3' } });
    expect(created.status).toBe(201);
    const ticket = created.body.data as { documentId: string; number: string };
    const act = async (action: string, data: Record<string, unknown> = {}) => expect((await a.tool.post(`/api/tickets/${ticket.documentId}/${action}`, { data })).status).toBe(200);
    await act('take-charge');
    await act('suspend', { reason: 'In attesa del modello dello scanner', attributableToAdministration: true });
    await act('resume');
    await act('restore', { resolution: 'Reinstallato il driver TWAIN' });
    await act('close');

    const mails = await waitForMail(mailDir(), to(user.email), 5);
    const subjects = mails.map((mail) => mail.subject ?? '');
    for (const words of ['Registrazione della segnalazione', 'sospesa', 'Ripresa', 'ripristinato', 'Chiusura']) {
      expect(subjects.some((subject) => subject.includes(words)), `a message "${words}" among ${subjects.join(' | ')}`).toBe(true);
    }
    const expected = `${new URL(backend.url).protocol}//localhost:${new URL(backend.url).port}/portal/requests/${ticket.documentId}`;
    for (const mail of mails) expect(portalLink(mail), mail.subject ?? '').toBe(expected);

    // No session: the link leads through the sign-in and back to the request.
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
    const page = await context.newPage();
    await page.goto(portalLink(mails[0]));
    await page.getByRole('heading', { name: 'Accedi al portale' }).waitFor();
    await page.getByLabel('Indirizzo e-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await showsRequest(page, ticket.number, title);
    expect(new URL(page.url()).pathname).toBe(`/portal/requests/${ticket.documentId}`);
    await keepScreenshot(page, `${backend.name}-mail-link-request`);
    // Signed in: every other message's link opens the page straight away.
    for (const mail of mails.slice(1)) {
      await page.goto(portalLink(mail));
      await showsRequest(page, ticket.number, title);
    }
    await context.close();
  });
});
