import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { renderHtml, withFooterLine } from '../../src/plugins/notifications/server/src/rules/render';
import { footerLine, hmacKeyPads, signedNumbers, subjectTag, threadReference, threadToken, TOKEN_LENGTH, TOKEN_MESSAGE_PREFIX } from '../../src/plugins/notifications/server/src/rules/thread-token';

const SECRET = 'server-secret';

describe('the signed ticket reference of our messages', () => {
  it('is the number and a short HMAC of it: stable, and different per number and per secret', () => {
    const token = threadToken('HD-2026-000123', SECRET);
    expect(token).toMatch(new RegExp(`^[0-9a-f]{${TOKEN_LENGTH}}$`));
    expect(threadToken('HD-2026-000123', SECRET)).toBe(token);
    expect(threadToken('HD-2026-000124', SECRET)).not.toBe(token);
    expect(threadToken('HD-2026-000123', 'another-secret')).not.toBe(token);
    expect(threadReference('HD-2026-000123', SECRET)).toBe(`HD-2026-000123/${token}`);
    expect(subjectTag('HD-2026-000123', SECRET)).toBe(`[HD-2026-000123/${token}]`);
    expect(footerLine('HD-2026-000123', SECRET, 'it')).toBe(`Riferimento della richiesta: HD-2026-000123/${token} (conservarlo nelle risposte)`);
    expect(footerLine('HD-2026-000123', SECRET, 'en')).toBe(`Request reference: HD-2026-000123/${token} (keep it in your replies)`);
  });

  it('verifies wherever a reply keeps it, in any case, and tells forged references apart', () => {
    const good = threadReference('HD-2026-000123', SECRET);
    // Some clients upper-case subjects; the footer is quoted; a plus-address keeps it in the recipients.
    const text = `Re: [${good.toUpperCase()}] x\n> ${footerLine('HD-2026-000777', SECRET, 'en')}\nTo: helpdesk+${good}@spoc-desk.test`;
    expect(signedNumbers(text, 'HD', SECRET)).toEqual({ verified: ['HD-2026-000123', 'HD-2026-000777'], forged: [] });
    const token = threadToken('HD-2026-000123', SECRET);
    const flipped = token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expect(signedNumbers(`[HD-2026-000123/${flipped}]`, 'HD', SECRET)).toEqual({ verified: [], forged: ['HD-2026-000123'] });
    // A token longer than ours is not ours with something appended.
    expect(signedNumbers(`[HD-2026-000123/${token}ff]`, 'HD', SECRET)).toEqual({ verified: [], forged: [] });
    // One genuine reference wins over a forged one of the same number.
    expect(signedNumbers(`HD-2026-000123/${flipped} HD-2026-000123/${token}`, 'HD', SECRET)).toEqual({ verified: ['HD-2026-000123'], forged: [] });
    // Another prefix is another installation's.
    expect(signedNumbers(`[XY-2026-000123/${token}]`, 'HD', SECRET)).toEqual({ verified: [], forged: [] });
    // Past 999999 a number has seven digits.
    expect(signedNumbers(`[${threadReference('HD-2026-1000000', SECRET)}]`, 'HD', SECRET)).toEqual({ verified: ['HD-2026-1000000'], forged: [] });
  });

  it('is keyed by a key derived from the secret, never the secret itself, and still verifies the references of messages signed with the secret', () => {
    const bySecret = createHmac('sha256', SECRET).update(`${TOKEN_MESSAGE_PREFIX}HD-2026-000123`).digest('hex').slice(0, TOKEN_LENGTH);
    expect(threadToken('HD-2026-000123', SECRET)).not.toBe(bySecret);
    expect(signedNumbers(`Re: [HD-2026-000123/${bySecret}] x`, 'HD', SECRET)).toEqual({ verified: ['HD-2026-000123'], forged: [] });
    // What PostgreSQL receives (the pads) is not the secret XORed with the pad constants.
    const secretPadded = Buffer.concat([Buffer.from(SECRET), Buffer.alloc(64 - SECRET.length)]).map((byte) => byte ^ 0x36);
    expect(Buffer.compare(hmacKeyPads(SECRET).inner, secretPadded)).not.toBe(0);
  });

  it('ends the text and the HTML of a message with the footer line', () => {
    const line = footerLine('HD-2026-000123', SECRET, 'it');
    const message = withFooterLine({ text: 'Gentile Anna,\n\nsaluti\n', html: renderHtml('Gentile Anna,\n\nsaluti', {}, 'it') }, line);
    expect(message.text).toBe(`Gentile Anna,\n\nsaluti\n\n${line}\n`);
    expect(message.html).toMatch(new RegExp(`<p>saluti</p>\\n<p style="[^"]+">${line.replace(/[()/]/g, '\\$&')}</p>\\n</body></html>$`));
  });

  it("gives the key pads that make SHA-256(outer ‖ SHA-256(inner ‖ m)) the HMAC, for short and long secrets (what PostgreSQL computes)", () => {
    for (const secret of ['k', SECRET, 'x'.repeat(64), 'una chiave lunga più di un blocco: '.repeat(4)]) {
      const { inner, outer } = hmacKeyPads(secret);
      const message = `${TOKEN_MESSAGE_PREFIX}HD-2026-1000000`;
      const innerHash = createHash('sha256').update(Buffer.concat([inner, Buffer.from(message, 'utf8')])).digest();
      const byPads = createHash('sha256').update(Buffer.concat([outer, innerHash])).digest('hex');
      expect(byPads.slice(0, TOKEN_LENGTH), secret).toBe(threadToken('HD-2026-1000000', secret));
    }
  });
});
