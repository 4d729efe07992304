import { describe, expect, it } from 'vitest';
import { restrictPopulate, withScope } from '../../src/access/portal-access';

const ALLOWED = {
  category: true,
  followUps: { filters: { visibility: 'public' } },
};

describe('restrictPopulate', () => {
  it('expands * to the allowed relations only', () => {
    expect(restrictPopulate('*', ALLOWED)).toEqual(ALLOWED);
    expect(restrictPopulate(['*'], ALLOWED)).toEqual(ALLOWED);
    expect(restrictPopulate(true, ALLOWED)).toEqual(ALLOWED);
  });

  it('keeps only allowed keys from every form, with our spec instead of the caller’s', () => {
    expect(restrictPopulate('category,requester', ALLOWED)).toEqual({ category: true });
    expect(restrictPopulate(['followUps.ticket.organization'], ALLOWED)).toEqual({ followUps: ALLOWED.followUps });
    expect(restrictPopulate({ followUps: { filters: { visibility: 'internal' } }, assignee: true }, ALLOWED)).toEqual({
      followUps: ALLOWED.followUps,
    });
  });

  it('populates nothing when nothing allowed was asked', () => {
    expect(restrictPopulate(undefined, ALLOWED)).toBeUndefined();
    expect(restrictPopulate('requester', ALLOWED)).toBeUndefined();
    expect(restrictPopulate({}, ALLOWED)).toBeUndefined();
  });
});

describe('withScope', () => {
  it('AND-combines so that caller filters can only narrow', () => {
    const scope = { organization: { id: 1 } };
    expect(withScope(undefined, scope)).toEqual(scope);
    expect(withScope({}, scope)).toEqual(scope);
    const widened = { $or: [{ organization: { id: 2 } }, { id: { $gt: 0 } }] };
    expect(withScope(widened, scope)).toEqual({ $and: [widened, scope] });
  });
});
