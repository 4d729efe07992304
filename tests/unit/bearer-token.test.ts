import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isJwtShaped } from '../../src/access/bearer-token';

describe('isJwtShaped', () => {
  it('knows a JWT by its three base64url parts', () => {
    expect(isJwtShaped('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MywiaWF0IjoxNzAwMDAwMDAwfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c')).toBe(true);
    expect(isJwtShaped('a.b.')).toBe(true);
  });

  it("never takes an API token of Strapi's (hex digits) for one", () => {
    for (let i = 0; i < 20; i++) expect(isJwtShaped(randomBytes(128).toString('hex'))).toBe(false);
  });

  it('refuses other shapes', () => {
    for (const bearer of ['', 'a.b', 'a.b.c.d', 'a..c', 'a b.c.d', 'a.b.c=', 'à.b.c']) expect([bearer, isJwtShaped(bearer)]).toEqual([bearer, false]);
  });
});
