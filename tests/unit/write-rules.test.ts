import { describe, expect, it } from 'vitest';
import { linkRefs, refusedKeys, writeRule, WRITE_RULES, type WriteName } from '../../src/access/write-rules';

describe('linkRefs', () => {
  it('reads every shape Strapi accepts for a relation', () => {
    expect(linkRefs('f', 4)).toEqual({ linked: [{ id: 4 }], unlinked: [] });
    expect(linkRefs('f', 'abc123')).toEqual({ linked: [{ documentId: 'abc123' }], unlinked: [] });
    expect(linkRefs('f', { id: 4 })).toEqual({ linked: [{ id: 4 }], unlinked: [] });
    expect(linkRefs('f', [4, 'abc', { documentId: 'x' }]).linked).toEqual([{ id: 4 }, { documentId: 'abc' }, { documentId: 'x' }]);
    expect(linkRefs('f', { connect: [{ id: 1 }, 2], set: 'd', disconnect: [{ documentId: 'e' }] })).toEqual({
      linked: [{ id: 1 }, { id: 2 }, { documentId: 'd' }],
      unlinked: [{ documentId: 'e' }],
    });
    expect(linkRefs('f', null)).toEqual({ linked: [], unlinked: [] });
    expect(linkRefs('f', [])).toEqual({ linked: [], unlinked: [] });
  });

  it('refuses positions, locales, unknown operations and odd values, naming the field', () => {
    for (const value of [{ connect: [{ id: 1, position: { end: true } }] }, { id: 1, locale: 'it' }, { connect: [1], options: {} }, 0, -1, 1.5, true, { foo: 1 }, 'a b', [[1]]]) {
      expect(() => linkRefs('attachments', value), JSON.stringify(value)).toThrow(expect.objectContaining({ field: 'attachments' }));
    }
  });
});

describe('write rules', () => {
  it('refuse every key not allowed, by name, in order', () => {
    const rule = writeRule('ticket.create', 'portal')!;
    expect(refusedKeys({ title: 'x', category: 'c', followUps: [1], attachments: [2] }, rule)).toEqual(['followUps', 'attachments']);
  });

  it('never let a portal user link files by id, nor anyone write followUps through a ticket', () => {
    for (const [name, writers] of Object.entries(WRITE_RULES)) {
      for (const writer of ['portal', 'token'] as const) {
        const rule = writeRule(name as WriteName, writer);
        if (!rule) continue;
        if (writer === 'portal') expect(rule.links && 'attachments' in rule.links, name).toBeFalsy();
        if (name.startsWith('ticket.')) expect(rule.fields.includes('followUps') || (rule.links && 'followUps' in rule.links), name).toBeFalsy();
      }
      expect(writers).toBeTruthy();
    }
  });

  it('have no rule for writes a caller kind may not make', () => {
    expect(writeRule('ticket.update', 'portal')).toBeNull();
    expect(writeRule('maintenance-log.create', 'portal')).toBeNull();
    expect(writeRule('portal.account', 'token')).toBeNull();
  });
});
