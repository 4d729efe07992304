import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, DEMO } from '../../support/api';
import { browserAvailable, launchBrowser, signInToAdmin } from '../../support/browser';
import { imapAvailable, sharedImap } from '../../support/imap';

describe.skipIf(!browserAvailable() || !imapAvailable()).each(backends())('admin panel, Settings → Caselle e-mail, on $name', (backend) => {
  let browser: Browser;
  const created: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    const a = await actors(backend);
    for (const documentId of created) await a.supervisor.delete(`/email-intake/mailboxes/${documentId}`);
  });

  it('lets a supervisor add a mailbox, test its connection and see it listed and read, in Italian, the password never shown again', { timeout: 120_000 }, async () => {
    const a = await actors(backend);
    const account = await sharedImap().addMailbox('ui');
    const name = `Assistenza ${account.user}`;

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInToAdmin(page, backend.url, DEMO.supervisor);
    await page.goto(`${backend.url}/admin/settings`);
    await page.getByRole('link', { name: 'Caselle e-mail', exact: true }).click();
    await page.waitForURL(/\/admin\/settings\/mailboxes$/);
    await page.getByRole('heading', { name: 'Caselle e-mail' }).waitFor();

    await page.getByRole('button', { name: 'Aggiungi casella' }).click();
    const form = page.getByRole('dialog', { name: 'Nuova casella' });
    await form.getByRole('textbox', { name: /^Nome/ }).fill(name);
    await form.getByRole('textbox', { name: /^Server IMAP/ }).fill(sharedImap().host);
    await form.getByLabel(/^Porta/).fill(String(sharedImap().port));
    await form.getByRole('checkbox', { name: /^TLS/ }).setChecked(false, { force: true });
    await form.getByRole('textbox', { name: /^Utente/ }).fill(account.user);
    await form.getByLabel(/^Password/).fill(account.password);
    expect(await form.getByRole('textbox', { name: /^Cartella da leggere/ }).inputValue()).toBe('INBOX');

    await form.getByRole('button', { name: 'Prova connessione' }).click();
    await form.getByText(`Connessione riuscita: logged in as ${account.user}`).waitFor();
    await form.getByRole('button', { name: 'Salva' }).click();
    await page.getByText(`Casella «${name}» salvata.`).waitFor();

    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByText(`${account.user} @ ${sharedImap().host}:${sharedImap().port}`).waitFor();
    const stored = (await a.supervisor.get('/email-intake/mailboxes')).body.data.find((mailbox: { name: string }) => mailbox.name === name);
    expect(stored).toMatchObject({ user: account.user, secure: false, enabled: true });
    created.push(stored.documentId);
    // The list follows the reader: the new mailbox is read.
    await row.getByText('In lettura').waitFor({ timeout: 45_000 });

    // Editing shows every setting but the password.
    await row.getByRole('button', { name: 'Modifica' }).click();
    const edit = page.getByRole('dialog', { name: 'Modifica casella' });
    expect(await edit.getByRole('textbox', { name: /^Utente/ }).inputValue()).toBe(account.user);
    expect(await edit.getByLabel(/^Password/).inputValue()).toBe('');
    await edit.getByText('Lasciare vuoto per mantenere la password salvata').waitFor();
    expect(await page.content()).not.toContain(account.password);
    await page.close();
  });
});
