/**
 * What every request reads to decide what its caller may do, kept per process (issue 17): an API token, a
 * role's permissions, users-permissions' advanced settings, the default locale. Pure: no Strapi import
 * (cached-access.ts wires it to Strapi).
 *
 * The bound: an instance stops honouring a removed permission within `ttlMs` (1 s), whatever happens to
 * the signal. The signal (a `pg_notify` on every change of API tokens, roles, permissions and settings, heard on the
 * live updates' LISTEN connection; an in-process event on SQLite) clears the cache at once, so in practice
 * a change takes effect as soon as it is committed. While the signal cannot be heard (the LISTEN connection
 * is down or not yet up) nothing is served from the cache: every read goes to the database.
 */
export interface AccessCacheOptions {
  /** How long an entry may be served without the database being read again. */
  ttlMs: number;
  /** Whether the cache starts usable (SQLite: the signal is in-process) or waits to hear it (PostgreSQL). */
  listening: boolean;
  now?: () => number;
}

interface Entry {
  value: unknown;
  readAt: number;
}

export class AccessCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change: a read that began before a change must not be stored after it. */
  private generation = 0;
  private listening: boolean;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: AccessCacheOptions) {
    this.ttlMs = options.ttlMs;
    this.listening = options.listening;
    this.now = options.now ?? Date.now;
  }

  /**
   * The cached value of `key`, else what `load` reads: stored if nothing changed meanwhile and `keep` accepts
   * it (an unknown API token is not kept: what anyone may send must not grow the cache).
   */
  async read<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    if (!this.listening || this.ttlMs <= 0) return load();
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry && now - entry.readAt < this.ttlMs) return entry.value as T;
    const generation = this.generation;
    const value = await load();
    if (this.listening && generation === this.generation && keep(value)) this.entries.set(key, { value, readAt: now });
    return value;
  }

  /** Something a cached value depends on changed (or may have): forget everything. */
  changed() {
    this.generation++;
    this.entries.clear();
  }

  /** The signal is heard again: what changed while it was not is unknown, so start empty. */
  signalUp() {
    this.changed();
    this.listening = true;
  }

  /** The signal cannot be heard: serve nothing from the cache until it can. */
  signalDown() {
    this.listening = false;
    this.changed();
  }

  get size(): number {
    return this.entries.size;
  }
}
