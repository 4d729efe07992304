import type { Core } from '@strapi/strapi';
import type { NumberingConfig } from '../config';
import { rawRows } from '../../../../../utils/raw-rows';
import { randomBytes } from 'node:crypto';
import { counterScope, formatTicketNumber, SEQUENCE_DIGITS, yearInZone } from '../number-format';

export const COUNTER_TABLE = 'tn_counters';

/**
 * A number taken inside another statement (PostgreSQL): `cte` defines `tn_number(number)`, to be put first in
 * that statement's WITH; what the statement writes carries `placeholder` where the number goes, and replaces
 * it with `NUMBER_SQL` (or SQL functions of it).
 */
export interface NumberInStatement {
  placeholder: string;
  cte: { sql: string; bindings: unknown[] };
}
export const NUMBER_SQL = '(SELECT number FROM tn_number)';
/**
 * Unguessable, so that no text a user writes can hold it; letters and digits only, so that no escaping (JSON,
 * HTML, a mail subject) changes it before it is replaced.
 */
const PLACEHOLDER = `NUMBER${randomBytes(12).toString('hex').toUpperCase()}`;

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

  /**
   * `allocate` as part of the statement that records the ticket's creation event (PostgreSQL), so that the
   * counter row, which every concurrent creation queues on, stays locked only from that statement to the
   * commit sent right after it: taken on its own, it stayed locked across two more round trips, each waiting
   * its turn in a busy event loop, and capped creations at one per lock hold (issue 17). The number is
   * written as formatTicketNumber writes it (tests/integration/numbering.test.ts, past 999999 too).
   */
  numberInStatement(registeredAt: Date): NumberInStatement {
    const { prefix, timeZone } = this.config();
    const year = yearInZone(registeredAt, timeZone);
    return {
      placeholder: PLACEHOLDER,
      cte: {
        sql: `tn_value AS (
            INSERT INTO ${COUNTER_TABLE} (scope, value) VALUES (?, 1)
            ON CONFLICT (scope) DO UPDATE SET value = ${COUNTER_TABLE}.value + 1 RETURNING value
          ), tn_number AS (
            SELECT CAST(? AS text) || '-' || CAST(? AS text) || '-' || LPAD(CAST(value AS text), GREATEST(${SEQUENCE_DIGITS}, LENGTH(CAST(value AS text))), '0') AS number
            FROM tn_value
          )`,
        bindings: [counterScope(prefix, year), prefix, String(year)],
      },
    };
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
