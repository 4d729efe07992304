/**
 * How each SQLite connection is opened, so that several processes may share one database file (a second
 * Strapi reading mail, `strapi console`, a script) without a writer failing at once with "database is locked".
 *
 * Why: knex begins every transaction with a plain `BEGIN;`, a deferred transaction that takes a read lock and
 * upgrades to a write lock at its first write. When another process holds the write lock at that moment,
 * SQLite answers SQLITE_BUSY without calling the busy handler (waiting could deadlock two upgraders), so
 * `busy_timeout` does not help. `BEGIN IMMEDIATE` takes the write lock at the start, where SQLite does wait
 * for it. knex has no option for the kind of BEGIN (its sqlite Transaction.begin is fixed) and Strapi picks
 * knex's client by name, so the connection itself translates the one statement. In one process it costs
 * nothing: Strapi's SQLite pool has one connection, so its transactions already run one at a time.
 */

/** The part of a better-sqlite3 Database this module touches. */
interface SqliteConnection {
  prepare(sql: string): unknown;
  pragma(source: string): unknown;
}

/** How long a statement waits for another process's lock before "database is locked" (ms). */
export const BUSY_TIMEOUT_MS = 15_000;

/** The statement knex's SQLite transaction opens with (knex/lib/dialects/sqlite3/execution/sqlite-transaction.js). */
const KNEX_BEGIN = 'BEGIN;';

export function configureSqliteConnection(connection: SqliteConnection): void {
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => prepare(sql === KNEX_BEGIN ? 'BEGIN IMMEDIATE;' : sql);
}

/** knex's `pool.afterCreate` for SQLite: Strapi runs its own set-up first, then this (@strapi/database connection.js). */
export function sqliteAfterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void): void {
  try {
    configureSqliteConnection(connection);
    done(null, connection);
  } catch (error) {
    done(error as Error, connection);
  }
}
