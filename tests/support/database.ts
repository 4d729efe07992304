/**
 * Direct database access for tests that must act behind the application's back (tampering with the
 * timeline, checking numbers), on the same database a Strapi instance uses.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from './instances';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** `?` placeholders on both, rewritten to $n for PostgreSQL. */
export async function connect(db: DatabaseTarget): Promise<Sql> {
  if (db.client === 'sqlite') {
    const sqlite = new Database(db.location);
    sqlite.pragma('busy_timeout = 5000');
    return {
      async query<T>(text: string, params: unknown[] = []) {
        const statement = sqlite.prepare(text);
        return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as T[];
      },
      async close() {
        sqlite.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: db.location });
  await client.connect();
  return {
    async query<T>(text: string, params: unknown[] = []) {
      let n = 0;
      const result = await client.query(text.replace(/\?/g, () => `$${++n}`), params);
      return result.rows as T[];
    },
    async close() {
      await client.end();
    },
  };
}
