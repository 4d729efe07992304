import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../../../utils/dialect';
import { DEFAULT_TEMPLATES } from './templates';
import { LANGUAGES } from './rules/variables';
import { deliveryLogLine } from './rules/delivery';
import type { NotificationsConfig } from './config';
import type { WorkerService } from './services/worker';
import { OUTBOX_TABLE } from './services/outbox';
import type { ProgressService } from './services/progress';

const SEED_LOCK_KEY = 727_003;

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await strapi.db.connection.raw(`CREATE INDEX IF NOT EXISTS ${OUTBOX_TABLE}_due_idx ON ${OUTBOX_TABLE} (state, next_attempt_at)`).catch(() => undefined);
  const progress = strapi.plugin('notifications').service('progress') as ProgressService;
  await progress.ensureSchema();
  await seedTemplates(strapi);
  const { workerCron, workerEnabled, progressCron, delivery } = strapi.config.get('plugin::notifications') as NotificationsConfig;
  // One line that says where e-mail goes; production without SMTP is an error, but the rest still starts.
  const line = deliveryLogLine(delivery);
  strapi.log[line.level](line.text);
  if (progressCron) {
    // Every instance runs it: notices are claimed atomically, so overlapping sweeps send each once.
    strapi.cron.add({
      notificationsProgress: {
        task: async () => {
          try {
            await progress.run();
          } catch (error) {
            strapi.log.error(`Progress notice sweep failed: ${(error as Error).message}`);
          }
        },
        options: { rule: progressCron },
      },
    });
  }
  if (workerEnabled && workerCron) {
    strapi.cron.add({
      notificationsOutbox: {
        task: async () => {
          try {
            await (strapi.plugin('notifications').service('worker') as WorkerService).run();
          } catch (error) {
            strapi.log.error(`Outbox pass failed: ${(error as Error).message}`);
          }
        },
        options: { rule: workerCron },
      },
    });
  }
};

/** Adds the default template of every event and language that has none; edited templates are kept. */
async function seedTemplates(strapi: Core.Strapi) {
  await strapi.db.transaction(async ({ trx }) => {
    if (isPostgres(strapi)) await strapi.db.connection.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]).transacting(trx);
    const existing = (await strapi.db.query('plugin::notifications.template').findMany({ select: ['event', 'language'] })) as Array<{ event: string; language: string }>;
    const have = new Set(existing.map((t) => `${t.event}:${t.language}`));
    for (const [event, byLanguage] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const language of LANGUAGES) {
        if (have.has(`${event}:${language}`)) continue;
        await strapi.documents('plugin::notifications.template').create({ data: { event, language, ...byLanguage[language] } as never });
      }
    }
  });
}
