/**
 * The admin panel's screens in Chromium: first screens, settings, the Content Manager, and the links in the e-mails.
 * One topic per module in admin-screens/, run as one test file: they share the file's databases and its Strapi
 * per backend (file-backends.ts), as a file's tests always do, and boot them once, not once per topic (two
 * Strapis cost about 14 s of CPU to boot: half of a CI run's CPU went to boots; issue 13). One topic alone:
 * `npx vitest run tests/e2e/admin-screens.test.ts -t 'Settings'`.
 */
import './admin-screens/admin-content-manager';
import './admin-screens/admin-first-screens';
import './admin-screens/admin-mailboxes';
import './admin-screens/admin-notifications';
import './admin-screens/admin-sla-settings';
import './admin-screens/mail-links';
