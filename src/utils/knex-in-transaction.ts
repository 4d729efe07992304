import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

/**
 * Runs raw knex work on the current transaction when there is one, else in a short one of its own.
 * Raw knex does not join Strapi's transaction by itself, and on SQLite (one connection) a query that
 * waits for another connection inside a transaction never gets one.
 */
export function withKnex<T>(strapi: Core.Strapi, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return strapi.db.transaction(({ trx }) => work(trx as Knex.Transaction)) as Promise<T>;
}

/**
 * One knex statement on the given transaction, else on Strapi's current one, else straight on the pool: a
 * lone statement outside any transaction is atomic by itself, and skipping BEGIN and COMMIT saves two round
 * trips (this is what every ticket response's SLA read costs).
 */
export function onCurrentTransaction<Q extends Knex.ChainableInterface>(strapi: Core.Strapi, query: Q, trx?: Knex.Transaction): Q | Promise<Awaited<Q>> {
  if (trx) return query.transacting(trx) as Q;
  if (strapi.db.inTransaction()) return withKnex(strapi, (current) => query.transacting(current) as Promise<Awaited<Q>>);
  return query;
}
