import { describe, expect, it } from 'vitest';
import { queryEngineFromRow } from '../../src/database/entity-rows';

/**
 * Pins the Query Engine's row mapping that access/authenticated-user.ts reaches by a deep import of
 * @strapi/database: where it is, and what it does with names and types. A Strapi upgrade that moves or
 * changes it fails here, not in a portal user's authentication.
 */
describe("the Query Engine's row mapping (fromRow)", () => {
  const meta = {
    attributes: {
      username: { type: 'string' },
      blocked: { type: 'boolean' },
      sessionStamp: { type: 'string' },
      loginCount: { type: 'integer' },
      role: { type: 'relation', relation: 'manyToOne', target: 'plugin::users-permissions.role' },
    },
    columnToAttribute: { username: 'username', blocked: 'blocked', session_stamp: 'sessionStamp', login_count: 'loginCount' },
  };

  it('names each column by its attribute, casts by the field type, and leaves other columns out', () => {
    const entity = queryEngineFromRow(meta, { username: 'mario.rossi', blocked: 0, session_stamp: null, login_count: '3', role__id: 2, organization__id: 5 });
    expect(entity).toEqual({ username: 'mario.rossi', blocked: false, sessionStamp: null, loginCount: 3 });
  });

  it('gives null for no row', () => {
    expect(queryEngineFromRow(meta, undefined)).toBeNull();
  });
});
