import type { Core } from '@strapi/strapi';
import { isPostgres, timestampType } from '../../../../utils/dialect';
import { CLOCK_TABLE, MARK_TABLE } from './services/clock';
import type { SlaConfig } from './config';
import { DEFAULT_CALENDARS, DEFAULT_CONTRACT, DEFAULT_POLICY } from './defaults';
import type { SweepService } from './services/sweep';

const SEED_LOCK_KEY = 727_002;

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureSchema(strapi);
  await seedDefaults(strapi);
  const { sweepCron } = strapi.config.get('plugin::sla') as SlaConfig;
  if (sweepCron) {
    // Cron fires in every instance: the sweep is written to be safe when they overlap.
    strapi.cron.add({
      slaSweep: {
        task: async () => {
          try {
            await (strapi.plugin('sla').service('sweep') as SweepService).run();
          } catch (error) {
            strapi.log.error(`SLA sweep failed: ${(error as Error).message}`);
          }
        },
        options: { rule: sweepCron },
      },
    });
  }
};

async function ensureSchema(strapi: Core.Strapi) {
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${MARK_TABLE} (
       ticket_id integer NOT NULL, clock varchar(20) NOT NULL, kind varchar(10) NOT NULL, threshold varchar(10) NOT NULL,
       raised_at ${timestampType(strapi)} NOT NULL,
       PRIMARY KEY (ticket_id, clock, kind, threshold))`,
    `CREATE UNIQUE INDEX IF NOT EXISTS ${CLOCK_TABLE}_ticket_id_unique ON ${CLOCK_TABLE} (ticket_id)`,
    `CREATE INDEX IF NOT EXISTS ${CLOCK_TABLE}_next_check_at_idx ON ${CLOCK_TABLE} (next_check_at)`,
  ];
  for (const statement of statements) {
    try {
      await strapi.db.connection.raw(statement);
    } catch {
      // Another instance booting at the same moment created it first.
      await strapi.db.connection.raw(statement);
    }
  }
}

async function seedDefaults(strapi: Core.Strapi) {
  await strapi.db.transaction(async ({ trx }) => {
    if (isPostgres(strapi)) await strapi.db.connection.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]).transacting(trx);
    if (Number(await strapi.db.query('plugin::sla.calendar').count({})) > 0) return;
    const created: Record<string, { id: number | string }> = {};
    for (const calendar of DEFAULT_CALENDARS) {
      created[calendar.code] = await strapi.documents('plugin::sla.calendar').create({ data: calendar as never });
    }
    await strapi.documents('plugin::sla.policy').create({ data: { ...DEFAULT_POLICY, calendar: created.H24.id } as never });
    await strapi.documents('plugin::sla.contract').create({ data: DEFAULT_CONTRACT as never });
  });
}
