import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/plugins/email-intake/server/src/rules/classify';
import { parseMail } from '../../src/plugins/email-intake/server/src/rules/parse';
import { bouncedMessageIds, deliveryStatus, threadClues } from '../../src/plugins/email-intake/server/src/rules/threading';
import { replyText, sanitizeMailHtml, titleFromSubject } from '../../src/plugins/email-intake/server/src/rules/body';
import { checkAttachment, DEFAULT_BLOCKED_TYPES } from '../../src/plugins/email-intake/server/src/rules/attachment-policy';

// A copy of ../shared/mail-corpus (Zammad's fixtures, AGPL-3.0: test input only, see its README).
const CORPUS = path.resolve(__dirname, '../fixtures/mail-corpus');
const manifest = readFileSync(path.join(CORPUS, 'manifest.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, , , charsets, machine, , subject] = line.split('\t');
    return { file, charsets, machine: machine === 'y', subject: subject ?? '' };
  });

describe('the mail corpus (115 real-world messages)', () => {
  it('is all here', () => {
    expect(readdirSync(CORPUS).filter((name) => name.endsWith('.box'))).toHaveLength(manifest.length);
  });

  it('parses every message, with a readable subject and sender in every charset', async () => {
    for (const { file, subject } of manifest) {
      const mail = await parseMail(readFileSync(path.join(CORPUS, file)));
      expect(mail.subject, file).not.toMatch(/\uFFFD|=\?[^?]+\?[QB]\?/i);
      // The reference decoding (Python's email package) agrees, where it could decode the subject at all.
      if (subject && !subject.includes('\uFFFD')) expect(mail.subject.replace(/\s+/g, ''), file).toContain(subject.replace(/\s+/g, '').slice(0, 40));
      if (mail.from) expect(mail.from.address, file).toMatch(/@|^[^\s]+$/);
    }
  });

  it('reads the subjects the reference decoder could not: undeclared GB2312 and Shift_JIS bytes, a broken UTF-7 word', async () => {
    const subject = async (file: string) => (await parseMail(readFileSync(path.join(CORPUS, file)))).subject;
    expect(await subject('mail046.box')).toBe('转发：整体提升企业服务水平');
    expect(await subject('mail093.box')).toBe('ツール');
    expect(await subject('mail018.box')).toBe('Benachrichtung zum Übermittlungsstatus (Fehlgeschlagen)');
  });

  it('holds back exactly the bounces and auto-replies', async () => {
    for (const { file, machine } of manifest) {
      const mail = await parseMail(readFileSync(path.join(CORPUS, file)));
      const { kind } = classify(mail.headers, mail.from?.address ?? null, []);
      expect(kind === 'message', `${file}: ${kind}`).toBe(!machine);
    }
  });
});

describe('classification', () => {
  const headers = (entries: Record<string, unknown>) => new Map(Object.entries(entries));
  it('tells bounces, auto-replies, lists and our own mail from people', () => {
    expect(classify(headers({ 'content-type': { value: 'multipart/report', params: { 'report-type': 'delivery-status' } } }), 'x@y.it', []).kind).toBe('bounce');
    expect(classify(headers({}), 'MAILER-DAEMON@mx.example.com', []).kind).toBe('bounce');
    expect(classify(headers({ 'auto-submitted': 'auto-replied' }), 'x@y.it', []).kind).toBe('auto-reply');
    expect(classify(headers({ 'auto-submitted': 'no' }), 'x@y.it', []).kind).toBe('message');
    expect(classify(headers({ precedence: 'bulk' }), 'x@y.it', []).kind).toBe('auto-reply');
    expect(classify(headers({ 'list-id': '<news.example.com>' }), 'x@y.it', []).kind).toBe('list');
    expect(classify(headers({}), 'SPOC@spoc-desk.test', ['spoc@spoc-desk.test']).kind).toBe('own');
    expect(classify(headers({}), 'anna@azero.veneto.it', ['spoc@spoc-desk.test']).kind).toBe('message');
  });
});

describe('threading', () => {
  it('finds our thread roots and messages in the headers, and ticket numbers in the subject', () => {
    const clues = threadClues(
      { inReplyTo: '<abc123@spoc-desk.test>', references: ['<ticket.k2j3h4@spoc-desk.test>', '<other@gmail.com>'], subject: 'R: [HD-2026-000123] Stampante' },
      'spoc-desk.test',
      'HD'
    );
    expect(clues).toEqual({ ticketDocumentIds: ['k2j3h4'], messageIds: ['<abc123@spoc-desk.test>'], numbers: ['HD-2026-000123'] });
    expect(threadClues({ subject: 'nessun riferimento' }, 'spoc-desk.test', 'HD')).toEqual({ ticketDocumentIds: [], messageIds: [], numbers: [] });
    // Another domain's ids are not ours, even when shaped alike.
    expect(threadClues({ inReplyTo: '<ticket.k2j3h4@elsewhere.test>' }, 'spoc-desk.test', 'HD').ticketDocumentIds).toEqual([]);
  });

  it('reads which of our messages a delivery report returns, and why', () => {
    const dsn = [
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; nobody@azero.veneto.it',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      'Content-Type: text/rfc822-headers',
      '',
      'Message-ID: <q8z7@spoc-desk.test>',
      'Subject: [HD-2026-000001] Registrazione',
    ].join('\r\n');
    expect(bouncedMessageIds(dsn, 'spoc-desk.test')).toEqual(['<q8z7@spoc-desk.test>']);
    expect(bouncedMessageIds(dsn, 'other.test')).toEqual([]);
    expect(deliveryStatus(dsn)).toEqual({ recipient: 'nobody@azero.veneto.it', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 User unknown' });
  });
});

describe('bodies', () => {
  it('keeps the text of a reply without the quoted message', () => {
    expect(replyText('Funziona, grazie.\n\nIl giorno 28/11/2026 10:00, SPOC <spoc@x.it> ha scritto:\n> La richiesta è chiusa')).toBe('Funziona, grazie.');
    expect(replyText('> solo citazione')).toBe('> solo citazione');
  });

  it('stores HTML without scripts, styles, handlers or remote images', () => {
    const html = sanitizeMailHtml('<p style="color:red" onclick="x()">Ciao <script>alert(1)</script><img src="https://tracker.example/p.gif"><img src="cid:logo"><a href="javascript:x()">a</a><a href="https://ok.it">b</a></p>');
    expect(html).not.toMatch(/script|onclick|style=|tracker|javascript:/);
    expect(html).toContain('<img src="cid:logo" />');
    expect(html).toContain('href="https://ok.it"');
  });

  it('makes a title from the subject', () => {
    expect(titleFromSubject('RE: R: [HD-2026-000001] Stampante guasta', 'x')).toBe('Stampante guasta');
    expect(titleFromSubject('   ', 'Messaggio senza oggetto')).toBe('Messaggio senza oggetto');
  });
});

describe('attachment policy', () => {
  const policy = { maxBytes: 1000, blockedTypes: DEFAULT_BLOCKED_TYPES };
  it('reads the type from the bytes, not the name', () => {
    expect(checkAttachment(Buffer.from('%PDF-1.7 documento'), policy)).toEqual({ accepted: true, detectedType: 'pdf' });
    expect(checkAttachment(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), policy)).toEqual({ accepted: false, reason: 'file type not allowed: the content is "exe"' });
    expect(checkAttachment(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01]), policy)).toMatchObject({ accepted: false });
    // An Office document is a zip: accepted.
    expect(checkAttachment(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), policy)).toEqual({ accepted: true, detectedType: 'zip' });
    expect(checkAttachment(Buffer.from('testo semplice'), policy)).toEqual({ accepted: true, detectedType: null });
  });

  it('refuses what is over the size limit', () => {
    expect(checkAttachment(Buffer.alloc(1001), policy)).toEqual({ accepted: false, reason: 'too large: 1001 bytes, the limit is 1000' });
  });
});
