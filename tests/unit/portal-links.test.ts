import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { portalLinks, publicUrlOf } from '../../src/utils/portal-links';

describe('portal links', () => {
  it('takes PUBLIC_URL, else localhost at the instance port', () => {
    expect(publicUrlOf({ PUBLIC_URL: 'https://spoc.example.it/', PORT: '8080' })).toBe('https://spoc.example.it');
    expect(publicUrlOf({ PORT: '8080' })).toBe('http://localhost:8080');
    expect(publicUrlOf({})).toBe('http://localhost:1337');
  });

  it("names the portal's own pages", () => {
    const links = portalLinks('https://spoc.example.it/');
    expect(links.request('abc123')).toBe('https://spoc.example.it/portal/requests/abc123');
    expect(links.resetPassword('ab 12')).toBe('https://spoc.example.it/portal/reset-password?code=ab%2012');
    expect(links.home()).toBe('https://spoc.example.it/portal/');
  });

  it('matches routes the portal declares', () => {
    const routes = readFileSync(path.join(__dirname, '..', '..', 'portal', 'src', 'app.tsx'), 'utf8');
    for (const route of ['/requests/:documentId', '/reset-password']) expect(routes).toContain(`path="${route}"`);
  });
});
