import type { Core } from '@strapi/strapi';

type FromRow = (meta: unknown, row: unknown) => Record<string, unknown> | null;

/**
 * The Query Engine's own mapping of a row to an entity (column names to attribute names, each value through
 * its field type: booleans, dates, JSON), for rows read by hand in one statement where the Query Engine would
 * take several. @strapi/database does not export it: this deep import is the one place that reaches it, and
 * tests/unit/entity-rows.test.ts fails if it moves or changes shape (the Strapi version is pinned).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fromRow } = require('@strapi/database/dist/query/helpers/transform.js') as { fromRow: FromRow };

/** A row of `uid`'s table as the Query Engine would return it; columns that are not its attributes are left out. */
export function entityFromRow(strapi: Core.Strapi, uid: string, row: Record<string, unknown>): Record<string, unknown> {
  return fromRow(strapi.db.metadata.get(uid as never), row) ?? {};
}

/** The pure mapping, for its pin test. */
export const queryEngineFromRow: FromRow = fromRow;
