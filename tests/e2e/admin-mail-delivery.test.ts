import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, createTicket, DEMO } from '../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../support/browser';
import { until } from '../support/eventually';
import { ROOT, startInstance, type RunningInstance } from '../support/instances';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'admin-mail-delivery');

interface Row {
  ticketNumber: string;
  lastError: string | null;
}

/**
 * Issue 14, item 3, as a supervisor sees it: in development without SMTP_HOST the E-mail page says that
 * mail is captured, lists the captured messages with a preview and a download, and lists a message whose
 * capture failed as being retried, with its error. An instance of its own on a copy of the SQLite
 * template: its outbox is its own, so no other instance sends its messages.
 */
describe.skipIf(!browserAvailable())('admin panel, Settings → E-mail, with no SMTP in development', () => {
  const template = inject('templates').find((candidate) => candidate.db.client === 'sqlite')!;
  const dir = path.join(ROOT, '.tmp', `mail-page-${process.pid}-${randomUUID().slice(0, 6)}`);
  const captureDir = path.join(dir, 'captured');
  let instance: RunningInstance;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    const location = path.join(dir, 'main.db');
    copyFileSync(template.db.location, location);
    instance = await startInstance(
      { client: 'sqlite', location },
      { SMTP_HOST: '', MAIL_CAPTURE_DIR: captureDir, NOTIFICATIONS_WORKER_CRON: '*/1 * * * * *', NOTIFICATIONS_RETRY_BASE_SECONDS: '600' }
    );
    browser = await launchBrowser();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await instance?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('shows the captured message with its preview and download, and a message being retried with its error', { timeout: 180_000 }, async () => {
    const tool = new Api(instance.url, template.sessions.tool);
    const supervisor = new Api(instance.url, template.sessions.supervisor);
    const org = (await tool.get('/api/organizations?filters[code]=AZERO')).body.data[0].documentId;

    const captured = await createTicket(tool, org, { title: 'Stampante del piano terra', requesterEmail: 'trattenuta@azero.veneto.it' });
    await until('the opening mail captured', async () => readdirSync(captureDir).filter((name) => name.endsWith('.eml')).length >= 2);

    // The capture folder is briefly a file: the next message cannot be written, and is retried later.
    renameSync(captureDir, `${captureDir}.aside`);
    writeFileSync(captureDir, '');
    const retried = await createTicket(tool, org, { title: 'Scanner fuori linea', requesterEmail: 'ritentata@azero.veneto.it' });
    const rows = await until('the messages being retried', async () => {
      const list = ((await supervisor.get('/notifications/messages?state=retrying&pageSize=100')).body.data as Row[]).filter((row) => row.ticketNumber === retried.number);
      return list.length === 2 && list;
    });
    rmSync(captureDir);
    renameSync(`${captureDir}.aside`, captureDir);
    expect(rows[0].lastError).toMatch(/ENOTDIR/);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    await signInToAdmin(page, instance.url, DEMO.supervisor);
    await page.goto(`${instance.url}/admin/settings`);
    await page.getByRole('link', { name: 'E-mail', exact: true }).click();
    await page.waitForURL(/\/admin\/settings\/notifications$/);

    // Where mail goes, in a banner that stays.
    const banner = page.getByRole('status').filter({ hasText: 'E-mail trattenute (ambiente di sviluppo)' });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain(captureDir);

    // The captured messages, newest first, with recipient, subject, template and date.
    await page.getByRole('heading', { name: 'Messaggi trattenuti' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'trattenuta@azero.veneto.it' });
    await expect(row.innerText()).resolves.toContain(`Registrazione della segnalazione: Stampante del piano terra`);
    await expect(row.innerText()).resolves.toContain('Apertura della richiesta');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'captured-list.png'), fullPage: true });

    await row.getByRole('button', { name: /^Anteprima di / }).click();
    const frame = page.frameLocator('iframe[title="Anteprima del messaggio trattenuto"]');
    await frame.getByText(`la Sua segnalazione è stata registrata con il numero ${captured.number}.`).waitFor();
    // Inert: no scripts, forms or navigation from the message.
    expect(await page.locator('iframe[title="Anteprima del messaggio trattenuto"]').getAttribute('sandbox')).toBe('');
    await page.getByRole('heading', { name: /^Messaggio trattenuto: / }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'captured-preview.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: /^Scarica \.eml di / }).click()]);
    const name = download.suggestedFilename();
    expect(name).toMatch(/^\d{8}T\d{9}Z-[a-z0-9]{8}\.eml$/);
    const saved = path.join(dir, `downloaded-${name}`);
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(readFileSync(path.join(captureDir, name)))).toBe(true);

    // The messages being retried, with their error, attempts and next attempt; no empty-state text.
    const retrying = page.getByRole('heading', { name: 'In attesa di un nuovo tentativo (2)' });
    await retrying.scrollIntoViewIfNeeded();
    const retryRow = page.getByRole('row').filter({ hasText: 'ritentata@azero.veneto.it' });
    await expect(retryRow.innerText()).resolves.toMatch(/ENOTDIR/);
    await expect(retryRow.innerText()).resolves.toContain(retried.number);
    await expect(page.getByText('Nessun messaggio non recapitato né in attesa di un nuovo tentativo.').count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'retrying.png'), fullPage: true });
    await page.close();
  });

  it('shows an error banner when production has no SMTP server', { timeout: 180_000 }, async () => {
    const location = path.join(dir, 'production.db');
    copyFileSync(template.db.location, location);
    const production = await startInstance({ client: 'sqlite', location }, { NODE_ENV: 'production', SMTP_HOST: '' });
    try {
      const tool = new Api(production.url, template.sessions.tool);
      const org = (await tool.get('/api/organizations?filters[code]=AZERO')).body.data[0].documentId;
      await createTicket(tool, org, { requesterEmail: 'mai.inviata@azero.veneto.it' });

      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await signInToAdmin(page, production.url, DEMO.supervisor);
      await page.goto(`${production.url}/admin/settings/notifications`);
      const banner = page.getByRole('alert').filter({ hasText: 'E-mail non configurata: nessun messaggio viene consegnato' });
      await banner.waitFor();
      await expect(banner.innerText()).resolves.toMatch(/SMTP_HOST/);
      // No capture in production: nothing to list.
      await expect(page.getByRole('heading', { name: 'Messaggi trattenuti' }).count()).resolves.toBe(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, 'production-missing.png'), fullPage: true });
      await page.close();
    } finally {
      await production.stop();
    }
  });
});
