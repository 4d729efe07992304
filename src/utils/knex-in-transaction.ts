import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Runs one raw knex statement on the given transaction, else on Strapi's current one, else straight on the
 * pool. Raw knex does not join Strapi's transaction by itself, and on SQLite (one connection) a query that
 * waits for another connection inside a transaction never gets one. A lone statement outside any
 * transaction is atomic by itself, and skipping BEGIN and COMMIT saves two round trips.
 */
export function onCurrentTransaction<Q extends Knex.ChainableInterface>(strapi: Core.Strapi, query: Q, trx?: Knex.Transaction): Q | Promise<Awaited<Q>> {
  if (trx) return query.transacting(trx) as Q;
  if (strapi.db.inTransaction()) return strapi.db.transaction(({ trx: current }) => query.transacting(current as Knex.Transaction)) as Promise<Awaited<Q>>;
  return query;
}
