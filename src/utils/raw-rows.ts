/** knex.raw answers `{ rows }` on PostgreSQL and a plain array of rows on SQLite. */
export function rawRows<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
