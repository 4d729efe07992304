import { describe, expect, it } from 'vitest';
import { assertReadableQuery, readableTree, type AttributeShape } from '../../src/access/readable-query';

/** A small schema: tickets with follow-ups (restricted by populate), a category and an assignee (not populated). */
const SCHEMA: Record<string, Record<string, AttributeShape>> = {
  ticket: {
    title: { type: 'string' },
    secret: { type: 'string', private: true },
    category: { type: 'relation', target: 'category' },
    followUps: { type: 'relation', target: 'followUp' },
    assignee: { type: 'relation', target: 'user' },
    organization: { type: 'relation', target: 'organization' },
  },
  category: { name: { type: 'string' } },
  followUp: { body: { type: 'string' }, ticket: { type: 'relation', target: 'ticket' } },
  organization: { name: { type: 'string' }, referentEmail: { type: 'email' } },
  event: { data: { type: 'json' }, seq: { type: 'integer' } },
};
const tree = readableTree((uid) => SCHEMA[uid], 'ticket', {
  category: true,
  followUps: { filters: { visibility: 'public' } },
  organization: { fields: ['name'] },
});
const refused = (query: Record<string, unknown>) => {
  try {
    assertReadableQuery(query, tree);
    return null;
  } catch (error) {
    return (error as { field: string }).field;
  }
};

describe('assertReadableQuery', () => {
  it('lets own fields and unrestricted relations through, with operators and nesting', () => {
    expect(refused({ filters: { title: { $containsi: 'x' }, $or: [{ category: { name: 'a' } }, { id: { $in: [1, 2] } }] } })).toBeNull();
    expect(refused({ filters: { $and: [{ $not: { title: 'x' } }], category: { $null: true }, organization: { name: { $not: { $eq: 'a' } } } } })).toBeNull();
    expect(refused({ sort: ['title:asc', 'id:desc'], fields: ['title', 'documentId'] })).toBeNull();
    expect(refused({ sort: 'category.name:desc,title', fields: 'title' })).toBeNull();
    expect(refused({ sort: { organization: { name: 'asc' } } })).toBeNull();
  });

  it('refuses relations populate restricts or hides, private fields, narrowed fields, and odd operands', () => {
    expect(refused({ filters: { followUps: { body: { $startsWith: 'a' } } } })).toBe('filters.followUps');
    expect(refused({ filters: { $or: [{ id: 1 }, { followUps: { id: 1 } }] } })).toBe('filters.$or.1.followUps');
    expect(refused({ filters: { $not: { assignee: { email: 'x' } } } })).toBe('filters.$not.assignee');
    expect(refused({ filters: { secret: 'x' } })).toBe('filters.secret');
    expect(refused({ filters: { organization: { referentEmail: { $contains: '@' } } } })).toBe('filters.organization.referentEmail');
    expect(refused({ filters: { title: { $eq: { $gt: 1 } } } })).toBe('filters.title.$eq');
    expect(refused({ filters: { title: { body: 'x' } } })).toBe('filters.title.body');
    expect(refused({ filters: { $where: 'x' } })).toBe('filters.$where');
    expect(refused({ sort: 'followUps.body:asc' })).toBe('sort.followUps');
    expect(refused({ sort: [{ followUps: { body: 'asc' } }] })).toBe('sort.0.followUps');
    expect(refused({ sort: 'title:sideways' })).toBe('sort');
    expect(refused({ fields: ['secret'] })).toBe('fields.secret');
  });

  it('selects JSON but neither filters nor sorts by it', () => {
    const events = readableTree((uid) => SCHEMA[uid], 'event', {});
    expect(() => assertReadableQuery({ fields: ['data', 'seq'] }, events)).not.toThrow();
    expect(() => assertReadableQuery({ filters: { data: { $contains: 'x' } } }, events)).toThrow();
    expect(() => assertReadableQuery({ sort: 'data:asc' }, events)).toThrow();
  });
});
