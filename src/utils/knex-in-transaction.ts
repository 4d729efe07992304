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
