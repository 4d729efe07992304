/** The admin panel in Chromium for the browser suites: pages signed in on the shared sessions, whole-page pictures. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Backend } from './instances';

/** A page signed in to the panel on the account's shared session (a form sign-in counts against its rate limit). */
export async function panelPage(browser: Browser, backend: Backend, account: 'operator' | 'supervisor' | 'admin', to: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'it-IT', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  await page.goto(`${backend.url}/admin/auth/login`);
  // The panel keeps its access token in localStorage under Strapi's key, JSON-encoded.
  await page.evaluate(`localStorage.setItem('jwtToken', ${JSON.stringify(JSON.stringify(backend.sessions[account]))}); localStorage.setItem('strapi-admin-language', 'it')`);
  await page.goto(`${backend.url}${to}`);
  return page;
}

/** The panel scrolls inside its layout, not the document: the viewport grows to the content for a whole-page picture. */
export async function panelShot(page: Page, file: string) {
  const viewport = page.viewportSize()!;
  const height = Number(await page.evaluate('Math.max(...[...document.querySelectorAll("main, main *")].map((element) => element.scrollHeight))'));
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(height + 80, viewport.height), 4000) });
  await page.screenshot({ path: file });
  await page.setViewportSize(viewport);
}

export const shotPath = (dir: string, backend: Backend, name: string) => path.join(dir, `${backend.name}-${name}.png`);
