import { describe, expect, it } from 'vitest';
import { fileKeyOfUrl, isFileKey, resolveUploadsDir, safeExtension } from 'strapi-provider-upload-signed-local/files';
import { checkAttachment, DEFAULT_BLOCKED_TYPES, isInlineImage, servingOf } from '../../src/api/ticket/attachment-policy';
import { contentDisposition, fileResponseHeaders } from '../../src/api/file/file-response';
import { legacyKeyOf, movedUrl, planRowMove } from '../../src/api/file/legacy-uploads';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a464946', 'hex');
const GIF = Buffer.from('GIF89a');
const WEBP = Buffer.from('RIFF\0\0\0\0WEBPVP8 ');
const PDF = Buffer.from('%PDF-1.7\n');

describe('how a stored file is served', () => {
  it('shows inline only PNG, JPEG, GIF, WebP and PDF, with the type of their bytes', () => {
    expect(servingOf(PNG)).toEqual({ disposition: 'inline', contentType: 'image/png' });
    expect(servingOf(JPEG)).toEqual({ disposition: 'inline', contentType: 'image/jpeg' });
    expect(servingOf(GIF)).toEqual({ disposition: 'inline', contentType: 'image/gif' });
    expect(servingOf(WEBP)).toEqual({ disposition: 'inline', contentType: 'image/webp' });
    expect(servingOf(PDF)).toEqual({ disposition: 'inline', contentType: 'application/pdf' });
  });

  it('serves active content and everything else as opaque bytes to download', () => {
    const active = [
      '<!DOCTYPE html><html><script>x()</script></html>',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
      '<?xml version="1.0"?><FatturaElettronica/>',
      'document.title = "x";',
      '',
    ];
    for (const text of active) expect(servingOf(Buffer.from(text)), text).toEqual({ disposition: 'attachment', contentType: 'application/octet-stream' });
    expect(servingOf(Buffer.from('PK\x03\x04'))).toEqual({ disposition: 'attachment', contentType: 'application/octet-stream' });
  });

  it('accepts active content at upload (it is served as a download only), and still refuses programs', () => {
    const policy = { maxBytes: 1000, blockedTypes: DEFAULT_BLOCKED_TYPES };
    expect(checkAttachment(Buffer.from('<html><script>x()</script></html>'), policy).accepted).toBe(true);
    expect(checkAttachment(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), policy).accepted).toBe(true);
    expect(checkAttachment(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), policy).accepted).toBe(false);
  });

  it('lets only raster images stand as inline images of a mail', () => {
    expect([PNG, JPEG, GIF, WEBP].every(isInlineImage)).toBe(true);
    expect(isInlineImage(PDF)).toBe(false);
    expect(isInlineImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(false);
  });

  it('names the file in UTF-8 with an ASCII fallback, and sends the headers that keep it inert', () => {
    expect(contentDisposition('attachment', 'verbale è (1).txt')).toBe(`attachment; filename="verbale _ (1).txt"; filename*=UTF-8''verbale%20%C3%A8%20%281%29.txt`);
    expect(contentDisposition('inline', 'a"b;c\\.png')).toBe(`inline; filename="a_b_c_.png"; filename*=UTF-8''a%22b%3Bc%5C.png`);
    expect(fileResponseHeaders(Buffer.from('<html>'), 'x.png')).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': expect.stringMatching(/^attachment; /),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': expect.stringMatching(/^private/),
    });
  });
});

describe('file keys', () => {
  it('are one plain name: no separator, no dot but the extension, nothing encoded', () => {
    for (const key of ['modulo_1a2b3c4d5e.pdf', 'thumbnail_foto_0a1b2c3d4e.PNG', 'senza_estensione_0a1b2c3d4e']) expect(isFileKey(key), key).toBe(true);
    for (const key of ['', '.env', '..', '../x.pdf', 'a/b.pdf', 'a\\b.pdf', 'a.b.pdf', 'a.pdf.', 'a .pdf', 'a%2fb', 'a\0.pdf', 'a.pdf?x', 'è.pdf']) {
      expect(isFileKey(key), key).toBe(false);
    }
  });

  it('are read from the route URLs only, and the store is resolved from the project root', () => {
    expect(fileKeyOfUrl('/api/files/a_1.pdf?exp=1&sig=x')).toBe('a_1.pdf');
    expect(fileKeyOfUrl('/uploads/a_1.pdf')).toBeNull();
    expect(fileKeyOfUrl('/api/files/../a.pdf')).toBeNull();
    expect(safeExtension('.P$F')).toBe('');
    expect(safeExtension('.PDF')).toBe('.PDF');
    expect(resolveUploadsDir(undefined, '/srv/app')).toBe('/srv/app/private/uploads');
    expect(resolveUploadsDir('/data/uploads', '/srv/app')).toBe('/data/uploads');
  });
});

describe('files of older versions', () => {
  it('keep their name when it is a key, else get one derived from the name alone', () => {
    expect(legacyKeyOf('modulo_1a2b3c4d5e.pdf')).toBe('modulo_1a2b3c4d5e.pdf');
    expect(legacyKeyOf('modulo_1a2b3c4d5e.p$f')).toBe('modulo_1a2b3c4d5e');
    expect(legacyKeyOf('strano nome.pdf')).toMatch(/^legacy_[0-9a-f]{20}$/);
    expect(legacyKeyOf('strano nome.pdf')).toBe(legacyKeyOf('strano nome.pdf'));
    expect(movedUrl('/uploads/a_1.pdf')).toEqual({ from: 'a_1.pdf', to: 'a_1.pdf' });
    expect(movedUrl('/uploads/sub/a_1.pdf')).toBeNull();
    expect(movedUrl('/api/files/a_1.pdf')).toBeNull();
  });

  it('move with their formats, and the row names the new route', () => {
    const plan = planRowMove({
      url: '/uploads/foto_1a.png',
      formats: { thumbnail: { url: '/uploads/thumbnail_foto_1a.png', width: 245 }, small: { url: '/api/files/small_foto_1a.png' } },
    });
    expect(plan.url).toBe('/api/files/foto_1a.png');
    expect(plan.formats).toEqual({ thumbnail: { url: '/api/files/thumbnail_foto_1a.png', width: 245 }, small: { url: '/api/files/small_foto_1a.png' } });
    expect(plan.moves).toEqual([
      { from: 'foto_1a.png', to: 'foto_1a.png' },
      { from: 'thumbnail_foto_1a.png', to: 'thumbnail_foto_1a.png' },
    ]);
  });
});
