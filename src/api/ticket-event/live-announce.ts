import type { Core } from '@strapi/strapi';
import { isPostgres } from '../../utils/dialect';
import { onCurrentTransaction } from '../../utils/knex-in-transaction';
import { LIVE_CHANNEL } from './live-signal';

/**
 * Says something on the live channel once the current transaction commits (at once without one). On
 * PostgreSQL a `pg_notify` in the transaction: delivered on commit to every instance, and dropped with a
 * rollback. On SQLite (one instance) `emitLocally`, after the commit.
 */
export async function announceOnCommit(strapi: Core.Strapi, payload: string, emitLocally: () => void) {
  if (isPostgres(strapi)) {
    await onCurrentTransaction(strapi, strapi.db.connection.raw('SELECT pg_notify(?, ?)', [LIVE_CHANNEL, payload]));
    return;
  }
  await strapi.db.transaction(({ onCommit }) => {
    onCommit(emitLocally);
  });
}
