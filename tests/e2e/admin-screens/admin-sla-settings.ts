import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, DEMO } from '../../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../../support/browser';
import { ROOT } from '../../support/instances';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'admin');

describe.skipIf(!browserAvailable()).each(backends())('admin panel, Settings → SLA, on $name', (backend) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('shows a supervisor, in Italian, the policies, calendars and contract, with links to edit them', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToAdmin(page, backend.url, DEMO.supervisor);
    await page.goto(`${backend.url}/admin/settings/sla`);
    await page.getByRole('heading', { name: 'Politiche SLA' }).waitFor();
    const policies = page.getByRole('grid').first();
    await expect(policies.getByText('Predefinita H24 (predefinita)').isVisible()).resolves.toBe(true);
    await expect(policies.getByText(/P1 30 min \/ 4 h · P2 1 h \/ 8 h · P3 4 h \/ 24 h · P4 8 h \/ 72 h/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('24 ore su 24, 7 giorni su 7 (Europe/Rome)').isVisible()).resolves.toBe(true);
    await expect(page.getByText(/nazionali, patrono 06-13/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Valore: € 500\.000 — soglia: 95% — tetto penali: 10%/).isVisible()).resolves.toBe(true);

    await policies.getByRole('link', { name: 'Modifica' }).first().click();
    await page.waitForURL(/content-manager\/collection-types\/plugin::sla\.policy\//);
    await page.getByRole('textbox', { name: /^Nome/ }).waitFor();
    expect(await page.getByRole('textbox', { name: /^Nome/ }).inputValue()).toBe('Predefinita H24');
    await page.close();
  });

  it('shows an operator the same policies, calendars and contract, read-only', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToAdmin(page, backend.url, DEMO.operator);
    await page.goto(`${backend.url}/admin/settings`);
    await page.getByRole('link', { name: 'SLA', exact: true }).click();
    await page.getByRole('heading', { name: 'Politiche SLA' }).waitFor();
    await expect(page.getByText('Predefinita H24 (predefinita)').isVisible()).resolves.toBe(true);
    // Italian weekdays in the week's order, whatever order the database keeps the opening hours in.
    await expect(page.getByText(/^lun 08:30–17:30; mar 08:30–17:30; mer 08:30–17:30; gio 08:30–17:30; ven 08:30–17:30/).isVisible()).resolves.toBe(true);
    await expect(page.getByText(/Valore: € 500\.000 — soglia: 95% — tetto penali: 10%/).isVisible()).resolves.toBe(true);
    await expect(page.getByText('Nessun contratto configurato').count()).resolves.toBe(0);
    // Operators may not change them: no links that would end on a form they cannot save.
    await expect(page.getByRole('link', { name: 'Modifica' }).count()).resolves.toBe(0);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `sla-settings-operator-${backend.name}.png`), fullPage: true });
    await page.close();
  });
});
