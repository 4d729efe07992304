import { describe, expect, it } from 'vitest';
import { signUrl, verifySignedPath } from 'strapi-provider-upload-signed-local/signature';
import { signHtmlFields, signUploadSources, unsignUploadSources } from '../../src/utils/upload-urls';

const SECRET = 'test-secret';
const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);

function parts(url: string) {
  const [path, query] = url.split('?');
  const params = new URLSearchParams(query);
  return { path, exp: params.get('exp') ?? undefined, sig: params.get('sig') ?? undefined };
}

describe('signed file URLs', () => {
  it('verifies its own signature until it expires', () => {
    const { path, exp, sig } = parts(signUrl(SECRET, '/api/files/modulo_1a2b.pdf', 3600, NOW));
    expect(path).toBe('/api/files/modulo_1a2b.pdf');
    expect(verifySignedPath(SECRET, path, exp, sig, NOW + 3599_000)).toBe('valid');
    expect(verifySignedPath(SECRET, path, exp, sig, NOW + 3601_000)).toBe('expired');
  });

  it('binds the signature to the path, the expiry and the secret', () => {
    const { path, exp, sig } = parts(signUrl(SECRET, '/api/files/a.pdf', 3600, NOW));
    expect(verifySignedPath(SECRET, '/api/files/b.pdf', exp, sig, NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, path, String(Number(exp) + 86400), sig, NOW)).toBe('invalid');
    expect(verifySignedPath('other-secret', path, exp, sig, NOW)).toBe('invalid');
  });

  it('refuses missing or malformed parameters', () => {
    expect(verifySignedPath(SECRET, '/api/files/a.pdf', undefined, undefined, NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, '/api/files/a.pdf', 'domani', 'x', NOW)).toBe('invalid');
    expect(verifySignedPath(SECRET, '/api/files/a.pdf', '1900000000', '', NOW)).toBe('invalid');
  });

  it('re-signs an already signed URL from its path alone', () => {
    const once = signUrl(SECRET, '/api/files/a.pdf', 60, NOW);
    expect(parts(signUrl(SECRET, once, 60, NOW)).path).toBe('/api/files/a.pdf');
  });
});

describe('signed image links in stored HTML', () => {
  const sign = (path: string) => signUrl(SECRET, path, 3600, NOW);

  it('signs the /api/files/ image sources of the HTML fields when read, and takes the signatures off again', () => {
    const stored = '<p>Vedi <img src="/api/files/schermata_ab12.png" alt="x" /> e <a href="https://ok.it">link</a></p>';
    const signed = signUploadSources(stored, sign);
    const src = /src="([^"]+)"/.exec(signed)![1].replace(/&amp;/g, '&');
    const { path, exp, sig } = parts(src);
    expect(path).toBe('/api/files/schermata_ab12.png');
    expect(verifySignedPath(SECRET, path, exp, sig, NOW)).toBe('valid');
    // The ampersand of the query is escaped in the attribute, as HTML requires.
    expect(signed).toMatch(/\?exp=\d+&amp;sig=/);
    expect(unsignUploadSources(signed)).toBe(stored);
    // Nothing but <img src> is touched: a data: image stays as it is.
    expect(signUploadSources('<img src="data:image/png;base64,AA" />', sign)).toBe('<img src="data:image/png;base64,AA" />');
  });

  it('signs the HTML fields of entries, lists and populated relations, and nothing else', () => {
    const html = '<img src="/api/files/a.png" />';
    const entries = [{ descriptionHtml: html, description: html, followUps: [{ bodyHtml: html }], createdAt: new Date(NOW) }];
    signHtmlFields(entries, () => '/api/files/a.png?signed');
    expect(entries[0].descriptionHtml).toBe('<img src="/api/files/a.png?signed" />');
    expect(entries[0].followUps[0].bodyHtml).toBe('<img src="/api/files/a.png?signed" />');
    expect(entries[0].description).toBe(html);
    expect(entries[0].createdAt).toEqual(new Date(NOW));
  });
});

describe('what is signed in stored HTML', () => {
  it('leaves the old /uploads/ URLs, other paths and keys with separators alone', () => {
    const sign = () => 'SIGNED';
    for (const html of ['<img src="/uploads/a.png" />', '<img src="/api/files/../x.png" />', '<img src="/api/users/me" />']) {
      expect(signUploadSources(html, sign)).toBe(html);
    }
  });
});
