import { describe, expect, it } from 'vitest';
import { signUrl, verifySignedPath } from 'strapi-provider-upload-signed-local/signature';

const SECRET = 'test-secret';
const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);

function parts(url: string) {
  const [path, query] = url.split('?');
  const params = new URLSearchParams(query);
  return { path, exp: params.get('exp') ?? undefined, sig: params.get('sig') ?? undefined };
}

describe('signed file URLs', () => {
  it('verifies its own signature until it expires', () => {
    const { path, exp, sig } = parts(signUrl(SECRET, '/uploads/modulo_1a2b.pdf', 3600, NOW));
    expect(path).toBe('/uploads/modulo_1a2b.pdf');
    expect(verifySignedPath(SECRET, path, exp, sig, NOW + 3599_000)).toBe('valid');
    expect(verifySignedPath(SECRET, path, exp, sig, NOW + 3601_000)).toBe('expired');
  });

  it('binds the signature to the path, the expiry and the secret', () => {
    const { path, exp, sig } = parts(signUrl(SECRET, '/uploads/a.pdf', 3600, NOW));
    expect(verifySignedPath(SECRET, '/uploads/b.pdf', exp, sig, NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, path, String(Number(exp) + 86400), sig, NOW)).toBe('invalid');
    expect(verifySignedPath('other-secret', path, exp, sig, NOW)).toBe('invalid');
  });

  it('refuses missing or malformed parameters', () => {
    expect(verifySignedPath(SECRET, '/uploads/a.pdf', undefined, undefined, NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, '/uploads/a.pdf', 'domani', 'x', NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, '/uploads/a.pdf', '1900000000', '', NOW)).toBe('invalid');
  });

  it('re-signs an already signed URL from its path alone', () => {
    const once = signUrl(SECRET, '/uploads/a.pdf', 60, NOW);
    expect(parts(signUrl(SECRET, once, 60, NOW)).path).toBe('/uploads/a.pdf');
  });
});
