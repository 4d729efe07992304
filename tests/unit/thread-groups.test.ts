import { describe, expect, it } from 'vitest';
import { groupsSharingKeys, inGroups, threadKeys } from '../../src/plugins/email-intake/server/src/rules/thread-groups';

const facts = (overrides: Partial<Parameters<typeof threadKeys>[0]>) => ({
  sender: null,
  messageId: null,
  referencedIds: [],
  ticketNumbers: [],
  ticketDocumentIds: [],
  ...overrides,
});

describe('threadKeys', () => {
  it('names the sender, the Message-IDs and the tickets, by kind and case-blind', () => {
    expect(
      threadKeys(facts({ sender: 'Mario@AZero.it', messageId: '<A@x>', referencedIds: ['<b@x>', '<a@x>'], ticketNumbers: ['HD-2026-000001'], ticketDocumentIds: ['abc'] }))
    ).toEqual(['from:mario@azero.it', 'id:<a@x>', 'id:<b@x>', 'number:hd-2026-000001', 'ticket:abc']);
  });

  it('has no key for what a message does not carry', () => {
    expect(threadKeys(facts({}))).toEqual([]);
  });
});

describe('groupsSharingKeys', () => {
  const keys: Record<string, string[]> = {
    a: ['from:x'],
    b: ['from:y'],
    c: ['from:x', 'id:1'],
    d: ['from:z', 'id:2'],
    e: ['from:w', 'id:1'], // joins x's group through c's Message-ID
    f: [],
    g: ['from:z'],
  };
  const groups = groupsSharingKeys(Object.keys(keys), (item) => keys[item]);

  it('puts messages linked directly or through others in one group, in mailbox order', () => {
    expect(groups).toEqual([['a', 'c', 'e'], ['b'], ['d', 'g'], ['f']]);
  });

  it('links groups that met late, keeping the order of their first item', () => {
    const late: Record<string, string[]> = { p: ['k1'], q: ['k2'], r: ['k3'], s: ['k3', 'k2'], t: ['k1', 'k3'] };
    expect(groupsSharingKeys(Object.keys(late), (item) => late[item])).toEqual([['p', 'q', 'r', 's', 't']]);
  });

  it('gives nothing for nothing', () => {
    expect(groupsSharingKeys([], () => ['k'])).toEqual([]);
  });
});

describe('inGroups', () => {
  /** Work that takes turns with the event loop, logging when each item starts and ends. */
  const recorder = () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = async (item: string) => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${item}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${item}`);
      running--;
    };
    return { log, work, most: () => most };
  };

  it('keeps each group in order, and runs groups side by side up to the limit', async () => {
    const { log, work, most } = recorder();
    await inGroups([['a1', 'a2', 'a3'], ['b1'], ['c1', 'c2'], ['d1']], 2, work);
    for (const [first, second] of [['a1', 'a2'], ['a2', 'a3'], ['c1', 'c2']]) {
      expect(log.indexOf(`end ${first}`)).toBeLessThan(log.indexOf(`start ${second}`));
    }
    expect(most()).toBe(2);
    expect(log.filter((line) => line.startsWith('end'))).toHaveLength(7);
  });

  it('runs one item at a time with a limit of one', async () => {
    const { work, most } = recorder();
    await inGroups([['a'], ['b'], ['c']], 1, work);
    expect(most()).toBe(1);
  });

  it('starts no new group after a failure, lets those started end, and rejects with the failure', async () => {
    const done: string[] = [];
    const work = async (item: string) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (item === 'a1') throw new Error('a1 failed');
      done.push(item);
    };
    await expect(inGroups([['a1', 'a2'], ['b1'], ['c1']], 2, work)).rejects.toThrow('a1 failed');
    expect(done).toEqual(['b1']);
  });
});
