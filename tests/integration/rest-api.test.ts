/**
 * The REST API's rules: who may read, filter and write what, bad input, attachments, webhooks, the lifecycle,
 * the timeline, the Content Manager's writes.
 * One topic per module in rest-api/, run as one test file: they share the file's databases and its Strapi
 * per backend (file-backends.ts), as a file's tests always do, and boot them once, not once per topic (two
 * Strapis cost about 14 s of CPU to boot: half of a CI run's CPU went to boots; issue 13). One topic alone:
 * `npx vitest run tests/integration/rest-api.test.ts -t 'access'`.
 */
import './rest-api/access';
import './rest-api/access-changes';
import './rest-api/access-filters';
import './rest-api/access-writes';
import './rest-api/admin-follow-ups';
import './rest-api/attachments';
import './rest-api/bad-input';
import './rest-api/bearer-tokens';
import './rest-api/content-manager-state';
import './rest-api/lifecycle';
import './rest-api/ticket-input';
import './rest-api/timeline';
import './rest-api/webhooks';
