/**
 * Which messages of a mailbox may be taken in at the same time. Pure: no Strapi import, tested alone.
 *
 * Order matters within a thread (a reply must find the ticket its first message opened, a restored ticket
 * is reopened by the first reply and not by the second) and within one sender (the hourly limit counts what
 * was taken in before). Two messages that share a key (a sender, a Message-ID one of them carries or
 * names, a ticket number or a ticket both name) are therefore in one group, in the order the mailbox gave
 * them, and are taken in one after the other; different groups may run side by side.
 */

/** What links a message to others: lowercased, prefixed by kind, so that a number never matches an address. */
export interface ThreadFacts {
  sender: string | null;
  messageId: string | null;
  /** Every <id> of In-Reply-To and References. */
  referencedIds: readonly string[];
  /** Ticket numbers the message names (typed, signed or forged) and our thread roots' document ids. */
  ticketNumbers: readonly string[];
  ticketDocumentIds: readonly string[];
}

export function threadKeys(facts: ThreadFacts): string[] {
  const keys = [
    ...(facts.sender ? [`from:${facts.sender}`] : []),
    ...(facts.messageId ? [`id:${facts.messageId}`] : []),
    ...facts.referencedIds.map((id) => `id:${id}`),
    ...facts.ticketNumbers.map((number) => `number:${number}`),
    ...facts.ticketDocumentIds.map((documentId) => `ticket:${documentId}`),
  ];
  return [...new Set(keys.map((key) => key.toLowerCase()))];
}

/**
 * Splits items into groups whose members are linked, directly or through others, by a shared key. Each
 * group keeps the items' order; groups come in the order of their first item. A union-find over the
 * items: a key seen before joins its item to the first item that had it.
 */
export function groupsSharingKeys<T>(items: readonly T[], keysOf: (item: T) => readonly string[]): T[][] {
  const parent = items.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  const firstWithKey = new Map<string, number>();
  items.forEach((item, index) => {
    for (const key of keysOf(item)) {
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, index);
      else {
        const [a, b] = [root(first), root(index)];
        // The earlier item stays the root, so that groups come out in the order of their first item.
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const group = groups.get(root(index));
    if (group) group.push(item);
    else groups.set(root(index), [item]);
  });
  return [...groups.values()];
}

/**
 * Works through groups, at most `concurrency` at a time, each group's items one after the other. Resolves
 * when all are done; the first failure rejects once every group already started has ended. (A queue and
 * `concurrency` workers: p-limit would limit calls, not keep a group's order, so it would not save code.)
 */
export async function inGroups<T>(groups: readonly T[][], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...groups];
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    for (let group = queue.shift(); group && !failure; group = queue.shift()) {
      for (const item of group) {
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, groups.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}
