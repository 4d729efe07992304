/**
 * The console's server routes: queue, workspace, calls and the phone desk, the board.
 * One topic per module in console-api/, run as one test file: they share the file's databases and its Strapi
 * per backend (file-backends.ts), as a file's tests always do, and boot them once, not once per topic (two
 * Strapis cost about 14 s of CPU to boot: half of a CI run's CPU went to boots; issue 13). One topic alone:
 * `npx vitest run tests/integration/console-api.test.ts -t 'phone desk'`.
 */
import './console-api/board';
import './console-api/calls';
import './console-api/console-queue';
import './console-api/console-workspace';
import './console-api/phone-desk';
import './console-api/spoc-console';
