/**
 * The portal's own routes: the account, the list, the page of one request, the referent's report, the password reset.
 * One topic per module in portal-api/, run as one test file: they share the file's databases and its Strapi
 * per backend (file-backends.ts), as a file's tests always do, and boot them once, not once per topic (two
 * Strapis cost about 14 s of CPU to boot: half of a CI run's CPU went to boots; issue 13). One topic alone:
 * `npx vitest run tests/integration/portal-api.test.ts -t 'portal account'`.
 */
import './portal-api/portal-account';
import './portal-api/portal-list';
import './portal-api/portal-password-reset';
import './portal-api/portal-reports';
import './portal-api/portal-ticket-page';
