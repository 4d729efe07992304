import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, type Actors } from '../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../support/browser';
import { filesForm, pngImage } from '../support/files';
import { adoptSession } from '../support/portal-browser';

/**
 * A Staff user's attachments opened in Chromium, as the attacker did: a script, a page that loads it,
 * an SVG with a script. Each would change the title and send the reader's account (read with the portal's
 * token) to an address we watch. None of it may run.
 */
describe.skipIf(!browserAvailable()).each(backends())('attachments in the browser, on $name', (backend) => {
  let browser: Browser;
  let a: Actors;
  beforeAll(async () => {
    browser = await launchBrowser();
    a = await actors(backend);
  });
  afterAll(() => browser?.close());

  /** What a script in an attachment would do with a portal session: read the account, send it away. */
  const stealer = (tag: string) =>
    `document.title = "preso-${tag}";` +
    `fetch("/api/users/me?from=${tag}", { headers: { Authorization: "Bearer " + localStorage.getItem("spoc.portal.jwt") } })` +
    `.then((r) => r.text()).then((t) => fetch("/leak-${tag}?" + encodeURIComponent(t)));`;

  function watch(context: BrowserContext) {
    const seen: string[] = [];
    context.on('request', (request: Request) => seen.push(request.url()));
    return { leaks: () => seen.filter((url) => /from=|\/leak-/.test(url)) };
  }

  it('runs no script of an uploaded page, script or SVG opened from the portal, and reads no token', async () => {
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Allegati attivi' });
    const upload = async (files: Array<[string, Buffer, string]>) => {
      const res = await a.staff.request('POST', `/api/tickets/${ticket.documentId}/attachments`, filesForm(null, files));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.data.attachments as Array<{ name: string; url: string }>;
    };
    const [script] = await upload([['payload.js', Buffer.from(stealer('js')), 'text/javascript']]);
    await upload([
      ['pagina.html', Buffer.from(`<!DOCTYPE html><html><head><script src="${script.url}"></script><script>${stealer('html')}</script></head><body>ciao</body></html>`), 'text/html'],
      ['disegno.svg', Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>${stealer('svg')}</script><circle r="5"/></svg>`), 'image/svg+xml'],
      ['schermata.png', pngImage(40, 40), 'image/png'],
    ]);

    const context = await browser.newContext({ acceptDownloads: true, locale: 'it-IT' });
    const watcher = watch(context);
    const page = await context.newPage();
    await adoptSession(page, backend.sessions.staff);
    await page.goto(`${backend.url}/portal/requests/${ticket.documentId}`);
    for (const name of ['pagina.html', 'disegno.svg', 'payload.js']) {
      const link = page.getByRole('link', { name, exact: true }).first();
      await link.waitFor();
      const opened = context.waitForEvent('page', { timeout: 5_000 }).catch(() => null);
      await link.click();
      const tab = await opened;
      // A download opens a tab that closes itself; a page would stay, and must not have run its script.
      if (tab) {
        await tab.waitForLoadState('load').catch(() => undefined);
        await page.waitForTimeout(1_000);
        if (!tab.isClosed()) expect(await tab.title().catch(() => '')).not.toMatch(/preso/);
      }
    }
    // Typed into the address bar too, in a tab of the signed-in portal's origin.
    const urls = await page.$$eval('a[href*="/api/files/"]', (links) => links.map((link) => (link as unknown as { href: string }).href));
    expect(urls.length).toBeGreaterThanOrEqual(4);
    const direct: Page = await context.newPage();
    for (const url of urls) {
      await direct.goto(url).catch(() => undefined);
      await direct.waitForTimeout(500);
      expect(await direct.title().catch(() => '')).not.toMatch(/preso/);
    }
    await page.waitForTimeout(1_000);
    expect(watcher.leaks()).toEqual([]);
    expect(await page.title()).not.toMatch(/preso/);
    // The picture is still shown: a PNG is displayed inline.
    const image = await context.newPage();
    const png = urls.find((url) => url.includes('schermata'))!;
    const response = await image.goto(png);
    expect(response?.headers()['content-type']).toBe('image/png');
    await context.close();
  });

  it('shows the media library to the super admin with signed links that load', async () => {
    // Through the admin API, as the library's own upload button does: the file lands in the library's root
    // folder (REST uploads go to "API Uploads").
    const res = await a.admin.request('POST', '/upload', (() => {
      const form = new FormData();
      form.append('files', new Blob([pngImage()], { type: 'image/png' }), 'libreria.png');
      return form;
    })());
    expect(res.status).toBe(201);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await signInToAdmin(page, backend.url, DEMO.admin);
    await page.goto(`${backend.url}/admin/plugins/upload`);
    // Our own picture: the library also lists files that only claim to be images (served as downloads, shown broken).
    const thumbnail = page.locator('img[src*="/api/files/"][src*="libreria"]').first();
    await thumbnail.waitFor({ timeout: 30_000 });
    await expect.poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
