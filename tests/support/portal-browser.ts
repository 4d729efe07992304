/** Driving the portal in Chromium: sign-in, accessibility checks with axe-core, screenshots kept for CI. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './http';
import { ROOT } from './instances';

/** Where the screenshots of every portal page go; README.md names this folder, CI keeps it as an artifact. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-artifacts', 'portal');

export async function signInToPortal(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/portal/login`);
  await page.getByLabel('Indirizzo e-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('navigation', { name: 'Navigazione principale' }).waitFor();
}

/** Where the portal keeps its JWT (portal/src/api/client.ts). */
const TOKEN_KEY = 'spoc.portal.jwt';

/** Starts the page's portal signed in with a JWT obtained beforehand, on every page load. */
export async function adoptSession(page: Page, jwt: string) {
  await page.addInitScript({ content: `localStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(jwt)});` });
}

/** Puts a JWT where the portal keeps it, once: unlike adoptSession, a later page load does not put it back. */
export async function storeSessionToken(page: Page, jwt: string) {
  await page.evaluate(`localStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(jwt)})`);
}

export async function storedSessionToken(page: Page): Promise<string | null> {
  return page.evaluate(`localStorage.getItem(${JSON.stringify(TOKEN_KEY)})`);
}

/**
 * The violations axe-core rates serious or critical (WCAG 2.1 A and AA rules), as readable lines: on the whole
 * page, or only inside `include` (a selector: our part of a page that is not ours).
 */
export async function seriousAccessibilityViolations(page: Page, include?: string): Promise<string[]> {
  await animationsSettled(page);
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (include ? builder.include(include) : builder).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`).join(', ')}`);
}

/**
 * Until the page's finite CSS animations and transitions have ended. axe reads colours as they are painted: a
 * run under load once caught the callback dialog's "Registra l’esito" button half-way through the design
 * system's background-colour transition (it turns from disabled grey to blue when an outcome is chosen) and
 * reported white text on a pale blue. Spinners (infinite) are not waited for.
 */
async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => null))).then(() => null)'
  );
}

export async function keepScreenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
