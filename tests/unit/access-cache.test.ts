import { describe, expect, it } from 'vitest';
import { AccessCache } from '../../src/access/access-cache';
import { parseAccessChanged, parseSessionsEnded, parseWakeUp } from '../../src/api/ticket-event/live-rules';
import { ACCESS_CHANGED_PAYLOAD } from '../../src/api/ticket-event/live-signal';

/** A loader that counts its reads and answers what `value` holds when it is called. */
function source(initial: string) {
  const state = { value: initial, reads: 0 };
  const load = async () => {
    state.reads++;
    return state.value;
  };
  return { state, load };
}

/** A loader whose read the test finishes by hand, to interleave a change with it. */
function pausedSource() {
  let finish!: (value: string) => void;
  const load = () => new Promise<string>((resolve) => (finish = resolve));
  return { load, finish: (value: string) => finish(value) };
}

describe('AccessCache', () => {
  it('serves a value from memory until its lifetime ends, then reads it again', async () => {
    let now = 1_000;
    const cache = new AccessCache({ ttlMs: 1000, listening: true, now: () => now });
    const { state, load } = source('a');
    expect(await cache.read('role:1', load)).toBe('a');
    state.value = 'b';
    now += 999;
    expect(await cache.read('role:1', load)).toBe('a');
    expect(state.reads).toBe(1);
    now += 1;
    expect(await cache.read('role:1', load)).toBe('b');
    expect(state.reads).toBe(2);
  });

  it('keeps each key apart', async () => {
    const cache = new AccessCache({ ttlMs: 60_000, listening: true });
    expect(await cache.read('role:1', async () => 'one')).toBe('one');
    expect(await cache.read('role:2', async () => 'two')).toBe('two');
    expect(await cache.read('role:1', async () => 'changed')).toBe('one');
  });

  it('forgets everything when a change is signalled', async () => {
    const cache = new AccessCache({ ttlMs: 60_000, listening: true });
    const { state, load } = source('granted');
    await cache.read('role:1', load);
    state.value = 'removed';
    cache.changed();
    expect(cache.size).toBe(0);
    expect(await cache.read('role:1', load)).toBe('removed');
  });

  it.each([
    { when: 'before a change', listening: true, event: (cache: AccessCache) => cache.changed() },
    { when: 'while the signal was down, ended after it came back', listening: false, event: (cache: AccessCache) => cache.signalUp() },
  ])('does not keep a read that began $when', async ({ listening, event }) => {
    const cache = new AccessCache({ ttlMs: 60_000, listening });
    const slow = pausedSource();
    const pending = cache.read('role:1', slow.load);
    event(cache);
    slow.finish('read before');
    // The caller gets what it read (it asked before), but nobody after it does.
    expect(await pending).toBe('read before');
    expect(cache.size).toBe(0);
    expect(await cache.read('role:1', async () => 'after')).toBe('after');
  });

  it('serves nothing from memory while the signal cannot be heard, and starts empty when it can again', async () => {
    const cache = new AccessCache({ ttlMs: 60_000, listening: true });
    const { state, load } = source('v1');
    await cache.read('role:1', load);
    cache.signalDown();
    state.value = 'v2';
    expect(await cache.read('role:1', load)).toBe('v2');
    state.value = 'v3';
    expect(await cache.read('role:1', load)).toBe('v3');
    expect(cache.size).toBe(0);
    cache.signalUp();
    expect(await cache.read('role:1', load)).toBe('v3');
    state.value = 'v4';
    expect(await cache.read('role:1', load)).toBe('v3');
  });

  it('keeps only what `keep` accepts (an unknown API token is read again each time)', async () => {
    const cache = new AccessCache({ ttlMs: 60_000, listening: true });
    const { state, load } = source('');
    const known = (value: string) => value !== '';
    expect(await cache.read('token:x', load, known)).toBe('');
    expect(await cache.read('token:x', load, known)).toBe('');
    expect(state.reads).toBe(2);
    state.value = 'found';
    expect(await cache.read('token:x', load, known)).toBe('found');
    expect(await cache.read('token:x', load, known)).toBe('found');
    expect(state.reads).toBe(3);
  });

  it.each([
    { what: 'starts deaf (PostgreSQL, before its LISTEN is answered)', ttlMs: 60_000, listening: false },
    { what: 'has a lifetime of zero', ttlMs: 0, listening: true },
  ])('reads every time when it $what', async ({ ttlMs, listening }) => {
    const cache = new AccessCache({ ttlMs, listening });
    const { state, load } = source('x');
    await cache.read('public', load);
    await cache.read('public', load);
    expect(state.reads).toBe(2);
  });
});

describe('the access-changed signal', () => {
  it('is told apart from the other messages of the live channel', () => {
    expect(parseAccessChanged(ACCESS_CHANGED_PAYLOAD)).toBe(true);
    expect(parseWakeUp(ACCESS_CHANGED_PAYLOAD)).toBeNull();
    expect(parseSessionsEnded(ACCESS_CHANGED_PAYLOAD)).toBeNull();
    for (const other of ['{"id":7,"organization":1}', '{"sessionsEnded":7}', '{"accessChanged":1}', 'nonsense', '', undefined]) {
      expect([other, parseAccessChanged(other)]).toEqual([other, false]);
    }
  });
});
