/**
 * The SLA clocks and report, the alerts and progress notices they send.
 * One topic per module in sla-and-notices/, run as one test file: they share the file's databases and its Strapi
 * per backend (file-backends.ts), as a file's tests always do, and boot them once, not once per topic (two
 * Strapis cost about 14 s of CPU to boot: half of a CI run's CPU went to boots; issue 13). One topic alone:
 * `npx vitest run tests/integration/sla-and-notices.test.ts -t 'SLA clocks'`.
 */
import './sla-and-notices/alerts-and-maintenance-mail';
import './sla-and-notices/progress-notices';
import './sla-and-notices/sla';
import './sla-and-notices/sla-report';
