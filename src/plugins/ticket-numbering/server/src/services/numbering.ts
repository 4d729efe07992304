import type { Core } from '@strapi/strapi';
import type { NumberingConfig } from '../config';
import { rawRows } from '../../../../../utils/raw-rows';
import { counterScope, formatTicketNumber, yearInZone } from '../number-format';

export const COUNTER_TABLE = 'tn_counters';

/**
 * Gapless numbers: one counter row per prefix and year, incremented with a single UPDATE ... RETURNING
 * inside the caller's transaction. The row lock serializes concurrent creations on PostgreSQL (across
 * instances too), SQLite serializes writers anyway, and a rollback gives the number back. Sequences are
 * not used because they are not transactional and leave gaps.
 */
const numbering = ({ strapi }: { strapi: Core.Strapi }) => ({
  config(): NumberingConfig {
    return strapi.config.get('plugin::ticket-numbering') as NumberingConfig;
  },

  async ensureSchema() {
    const knex = strapi.db.connection;
    // IF NOT EXISTS and a retry: several instances may boot at once against one PostgreSQL.
    await retryOnce(() =>
      knex.raw(`CREATE TABLE IF NOT EXISTS ${COUNTER_TABLE} (scope varchar(64) PRIMARY KEY, value integer NOT NULL)`)
    );
    // Strapi's `unique: true` creates no index; this one is the backstop against any duplicate number.
    await retryOnce(() => knex.raw('CREATE UNIQUE INDEX IF NOT EXISTS tickets_number_unique ON tickets (number)'));
  },

  /**
   * Takes the next number for a ticket registered at `registeredAt`. Must run inside the transaction that
   * inserts the ticket, so that a failed insert returns the number.
   */
  async allocate(registeredAt: Date): Promise<string> {
    const { prefix, timeZone } = this.config();
    const year = yearInZone(registeredAt, timeZone);
    const scope = counterScope(prefix, year);
    const value = await strapi.db.transaction(async ({ trx }) => {
      const result = await strapi.db.connection
        .raw(
          `INSERT INTO ${COUNTER_TABLE} (scope, value) VALUES (?, 1)
           ON CONFLICT (scope) DO UPDATE SET value = ${COUNTER_TABLE}.value + 1
           RETURNING value`,
          [scope]
        )
        .transacting(trx);
      return Number(rawRows<{ value: number | string }>(result)[0].value);
    });
    return formatTicketNumber(prefix, year, value);
  },
});



async function retryOnce<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch {
    // A concurrent CREATE ... IF NOT EXISTS can still fail on PostgreSQL's catalog; the second try sees it.
    return action();
  }
}

export type NumberingService = ReturnType<typeof numbering>;
export default numbering;
