import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, configureSqliteConnection } from '../../src/database/sqlite-connection';

/**
 * Two connections to one file stand for two processes: the second opens with no busy wait, so a lock the
 * first holds shows at once as SQLITE_BUSY instead of blocking this (synchronous) test.
 */
describe('SQLite connections shared by several processes', () => {
  let dir: string;
  let file: string;
  const open: Database.Database[] = [];
  const connect = (options: Database.Options = {}) => {
    const connection = new Database(file, options);
    open.push(connection);
    return connection;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'spoc-sqlite-'));
    file = path.join(dir, 'data.db');
    connect().exec('CREATE TABLE tickets (id INTEGER PRIMARY KEY, title TEXT)');
  });
  afterEach(() => {
    open.splice(0).forEach((connection) => connection.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('waits for another process\'s lock up to the busy timeout', () => {
    const connection = connect();
    configureSqliteConnection(connection);
    expect(connection.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
  });

  it('takes the write lock when knex begins a transaction, where SQLite waits for it, not at the first write', () => {
    const strapi = connect();
    configureSqliteConnection(strapi);
    const other = connect({ timeout: 0 });

    strapi.prepare('BEGIN;').run();
    expect(() => other.prepare('BEGIN IMMEDIATE;').run()).toThrow(/database is locked/);
    strapi.prepare("INSERT INTO tickets (title) VALUES ('stampante')").run();
    strapi.prepare('COMMIT;').run();

    other.prepare('BEGIN IMMEDIATE;').run();
    other.prepare('COMMIT;').run();
    expect(other.prepare('SELECT COUNT(*) AS n FROM tickets').get()).toEqual({ n: 1 });
  });

  it('(the check above tells the two apart) an unconfigured BEGIN takes no write lock', () => {
    const plain = connect();
    const other = connect({ timeout: 0 });
    plain.prepare('BEGIN;').run();
    expect(() => other.prepare('BEGIN IMMEDIATE;').run()).not.toThrow();
    other.prepare('COMMIT;').run();
    plain.prepare('COMMIT;').run();
  });

  it('leaves every other statement as it is', () => {
    const connection = connect();
    configureSqliteConnection(connection);
    connection.prepare('BEGIN IMMEDIATE;').run();
    connection.prepare("INSERT INTO tickets (title) VALUES ('rete')").run();
    connection.prepare('SAVEPOINT trx1;').run();
    connection.prepare('RELEASE SAVEPOINT trx1;').run();
    connection.prepare('COMMIT;').run();
    expect(connection.prepare('SELECT title FROM tickets').all()).toEqual([{ title: 'rete' }]);
  });
});
