/**
 * The admin panel as a new user meets it, in Chromium: the login page and the panel in Italian in a browser
 * that never chose a language (whatever the browser's own language), English kept once chosen in the
 * profile, and a home page that lists the tickets worked on, not the system's internal records.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO } from '../../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../../support/browser';
import { ROOT } from '../../support/instances';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'admin');
const VIEWPORT = { width: 1400, height: 900 };

async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!browserAvailable()).each(backends())('admin panel, first screens, on $name', (backend) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  /** A context with no storage at all, in a browser that asks for English pages. */
  const freshBrowser = () => browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });

  it('shows a new browser the login page and an operator the panel in Italian; English chosen in the profile stays', { timeout: 180_000 }, async () => {
    const a = await actors(backend);
    const context = await freshBrowser();
    const page = await context.newPage();
    try {
      await page.goto(`${backend.url}/admin/auth/login`);
      await page.getByRole('button', { name: 'Accedi' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('it');
      await expect(page.getByText('Benvenuto in SPOC Desk').isVisible()).resolves.toBe(true);
      await screenshot(page, `login-${backend.name}`);

      await signInToAdmin(page, backend.url, DEMO.operator);
      await page.getByRole('heading', { name: /^Ciao Oscar/ }).waitFor();
      await expect(page.getByRole('link', { name: 'Impostazioni' }).first().isVisible()).resolves.toBe(true);

      await page.goto(`${backend.url}/admin/me`);
      await page.getByRole('combobox', { name: "Lingua dell'interfaccia" }).click();
      await page.getByRole('option', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Salva' }).click();
      await page.getByRole('combobox', { name: 'Interface language' }).waitFor();
      expect((await a.operator.get('/admin/users/me')).body.data.preferedLanguage).toBe('en');
      await page.reload();
      await page.getByRole('combobox', { name: 'Interface language' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');

      // The choice is the account's: another browser shows the login page in Italian, the panel in English.
      const other = await (await freshBrowser()).newPage();
      await other.goto(`${backend.url}/admin/auth/login`);
      await other.getByRole('button', { name: 'Accedi' }).waitFor();
      await signInToAdmin(other, backend.url, DEMO.operator);
      await other.getByRole('heading', { name: /^Hello Oscar/ }).waitFor();
      await other.context().close();
    } finally {
      await context.close();
      // The operator is back to no preference, as the seed made it, for the other tests of this file.
      await a.operator.put('/admin/users/me', { preferedLanguage: null });
    }
  });

  it('shows an operator the last tickets worked on, and none of the timeline, SLA clocks or outbox', { timeout: 120_000 }, async () => {
    const a = await actors(backend);
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Scanner del CUP non risponde' });
    const context = await freshBrowser();
    const page = await context.newPage();
    try {
      await signInToAdmin(page, backend.url, DEMO.operator);
      await page.getByRole('heading', { name: /^Ciao Oscar/ }).waitFor();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `home-operator-${backend.name}`);
      const lastEdited = page.getByRole('region', { name: 'Ultime voci modificate' });
      // A ticket is listed by its number, its main field.
      await lastEdited.getByText(ticket.number, { exact: true }).waitFor({ timeout: 5000 });
      for (const internal of ['Ticket event', 'SLA clock', 'E-mail outbox']) {
        await expect(page.getByText(internal, { exact: true }).count()).resolves.toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
