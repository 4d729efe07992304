import { describe, expect, it } from 'vitest';
import { cleanText, describeUnsafeInput, findUnsafeInput } from '../../src/access/input-safety';
import { parseMail } from '../../src/plugins/email-intake/server/src/rules/parse';

describe('unsafe input', () => {
  it('finds a NUL, a lone surrogate of either kind and a reserved key, with the path to it', () => {
    expect(findUnsafeInput({ title: 'a\u0000b' })).toEqual({ path: ['title'], problem: 'nul' });
    expect(findUnsafeInput({ list: ['ok', { x: '\ud83d' }] })).toEqual({ path: ['list', 1, 'x'], problem: 'lone-surrogate' });
    expect(findUnsafeInput({ x: 'end\ude00' })).toEqual({ path: ['x'], problem: 'lone-surrogate' });
    expect(findUnsafeInput(JSON.parse('{"a":{"__proto__":{"p":1}}}'))).toEqual({ path: ['a', '__proto__'], problem: 'reserved-key' });
    expect(findUnsafeInput({ constructor: 1 })).toEqual({ path: ['constructor'], problem: 'reserved-key' });
    expect(findUnsafeInput({ ['k\u0000']: 1 })).toEqual({ path: ['k\u0000'], problem: 'nul' });
  });

  it('lets well-formed text through, emoji (surrogate pairs) included', () => {
    expect(findUnsafeInput({ title: 'Stampante 😀 guasta', n: 3, ok: true, none: null, list: ['è', 'ü'] })).toBeNull();
    expect(findUnsafeInput('😀😀')).toBeNull();
  });

  it('says what and where, Italian first', () => {
    expect(describeUnsafeInput({ path: ['title'], problem: 'nul' })).toMatch(/^title contiene il carattere NUL.* \/ title contains the NUL character/);
  });

  it('cleans text from outside: NUL dropped, lone surrogates replaced, pairs kept', () => {
    expect(cleanText('a\u0000b\ud83dc😀')).toBe('ab\uFFFDc😀');
    expect(cleanText('già pulito')).toBe('già pulito');
  });

  it('stores no NUL from a mail: subject, sender name and body are cleaned', async () => {
    const raw = Buffer.from(
      [
        'From: =?utf-8?Q?Anna=00_Conti?= <anna@example.org>',
        'To: helpdesk@spoc-desk.test',
        'Subject: =?utf-8?Q?Stampante=00_guasta?=',
        'Message-ID: <nul@example.org>',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Riga uno=00 riga due',
        '',
      ].join('\r\n')
    );
    const mail = await parseMail(raw);
    expect(mail.subject).toBe('Stampante guasta');
    expect(mail.from?.name).toBe('Anna Conti');
    expect(mail.text).toContain('Riga uno riga due');
    expect(findUnsafeInput({ subject: mail.subject, name: mail.from?.name, text: mail.text })).toBeNull();
  });
});
