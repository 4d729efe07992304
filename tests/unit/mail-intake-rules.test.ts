import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/plugins/email-intake/server/src/rules/classify';
import { parseMail, headerBlock } from '../../src/plugins/email-intake/server/src/rules/parse';
import { bouncedMessageIds, deliveryStatus, threadClues } from '../../src/plugins/email-intake/server/src/rules/threading';
import { replyHtml, replyText, sanitizeMailHtml, textToHtml, titleFromSubject } from '../../src/plugins/email-intake/server/src/rules/body';
import { footerLine, subjectTag, threadToken } from '../../src/plugins/notifications/server/src/rules/thread-token';
import { checkAttachment, DEFAULT_BLOCKED_TYPES, extensionsOfTypes } from '../../src/api/ticket/attachment-policy';
import { quarantineReason, senderDomain, withDomain } from '../../src/plugins/email-intake/server/src/rules/quarantine-reasons';

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
  const SECRET = 'unit-test-secret';
  it('finds our thread roots and messages in the headers, and ticket numbers in the subject', () => {
    const clues = threadClues(
      { inReplyTo: '<abc123@spoc-desk.test>', references: ['<ticket.k2j3h4@spoc-desk.test>', '<other@gmail.com>'], subject: 'R: [HD-2026-000123] Stampante' },
      'spoc-desk.test',
      'HD',
      SECRET
    );
    expect(clues).toEqual({ ticketDocumentIds: ['k2j3h4'], messageIds: ['<abc123@spoc-desk.test>'], signedNumbers: [], forgedNumbers: [], numbers: ['HD-2026-000123'] });
    expect(threadClues({ subject: 'nessun riferimento' }, 'spoc-desk.test', 'HD', SECRET)).toEqual({ ticketDocumentIds: [], messageIds: [], signedNumbers: [], forgedNumbers: [], numbers: [] });
    // Another domain's ids are not ours, even when shaped alike.
    expect(threadClues({ inReplyTo: '<ticket.k2j3h4@elsewhere.test>' }, 'spoc-desk.test', 'HD', SECRET).ticketDocumentIds).toEqual([]);
  });

  it('trusts a signed reference in the subject or in a quoted footer, and not one that was altered', () => {
    const tag = subjectTag('HD-2026-000123', SECRET);
    expect(threadClues({ subject: `Re: ${tag} Stampante` }, 'spoc-desk.test', 'HD', SECRET)).toMatchObject({ signedNumbers: ['HD-2026-000123'], numbers: ['HD-2026-000123'] });
    // The subject was rewritten, but the quoted message keeps the footer line.
    const quoted = `Ecco i dati.\n\n> ${footerLine('HD-2026-000123', SECRET, 'it')}`;
    expect(threadClues({ subject: 'dati richiesti', body: quoted }, 'spoc-desk.test', 'HD', SECRET)).toMatchObject({ signedNumbers: ['HD-2026-000123'], numbers: [] });
    const token = threadToken('HD-2026-000123', SECRET);
    const altered = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    // An altered token, or a valid token moved onto another number: the number counts as typed, no more.
    for (const subject of [`Re: [HD-2026-000123/${altered}] x`, `Re: [HD-2026-000124/${token}] x`]) {
      const clues = threadClues({ subject }, 'spoc-desk.test', 'HD', SECRET);
      expect(clues.signedNumbers, subject).toEqual([]);
      expect(clues.forgedNumbers, subject).toHaveLength(1);
      expect(clues.numbers, subject).toEqual(clues.forgedNumbers);
    }
    // Signed with another server's secret.
    expect(threadClues({ subject: `Re: ${subjectTag('HD-2026-000123', 'other-secret')} x` }, 'spoc-desk.test', 'HD', SECRET).signedNumbers).toEqual([]);
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

describe('messages too large to parse', () => {
  it('still give their sender and subject, from the header block alone', async () => {
    const raw = Buffer.from(['From: Anna <anna@azero.veneto.it>', 'Subject: =?utf-8?q?Registro_allegato_=C3=A8?=', 'Content-Type: text/plain', '', 'x'.repeat(1000), ''].join('\r\n'));
    const head = headerBlock(raw);
    expect(head.toString()).toBe('From: Anna <anna@azero.veneto.it>\r\nSubject: =?utf-8?q?Registro_allegato_=C3=A8?=\r\nContent-Type: text/plain\r\n\r\n');
    expect(await parseMail(head)).toMatchObject({ subject: 'Registro allegato è', from: { address: 'anna@azero.veneto.it' } });
    expect(headerBlock(Buffer.from('Subject: a\n\nbody')).toString()).toBe('Subject: a\r\n\r\n');
  });
});

describe('bodies', () => {
  it('keeps the text of a reply without the quoted message', () => {
    expect(replyText('Funziona, grazie.\n\nIl giorno 28/11/2026 10:00, SPOC <spoc@x.it> ha scritto:\n> La richiesta è chiusa')).toBe('Funziona, grazie.');
    expect(replyText('> solo citazione')).toBe('> solo citazione');
  });

  it('stores HTML without scripts, styles, handlers or remote images', () => {
    const html = sanitizeMailHtml(
      '<p style="color:red" onclick="x()">Ciao <script>alert(1)</script><img src="https://tracker.example/p.gif" width="1" height="1"><img src="https://cdn.example/foto.jpg" alt="foto"><a href="javascript:x()">a</a><a href="https://ok.it">b</a><a href="/uploads/altrui.pdf">c</a></p><iframe src="https://x.example"></iframe><form action="https://x.example"><input name="p"></form>'
    );
    expect(html).not.toMatch(/script|onclick|style=|tracker|javascript:|iframe|<form|<input|altrui/);
    expect(html).not.toMatch(/<img/);
    // A remote picture is a link the reader may follow, never loaded by itself.
    expect(html).toContain('<a href="https://cdn.example/foto.jpg" rel="noopener noreferrer nofollow" target="_blank">[immagine esterna non caricata / remote image not loaded: foto]</a>');
    expect(html).toContain('<a href="https://ok.it" rel="noopener noreferrer nofollow" target="_blank">b</a>');
  });

  it('shows inline images from their stored copies, and says so where a part is missing', () => {
    const html = sanitizeMailHtml('<p><img src="cid:shot@mail.test" alt="schermata"><img src="cid:gone@mail.test" alt="logo"><img src="data:image/png;base64,iVBORw0KGgo="><img src="data:image/svg+xml;base64,PHN2Zz4="><img src="/uploads/altrui.png"></p>', {
      inlineImages: { 'shot@mail.test': '/uploads/schermata_ab12.png' },
    });
    expect(html).toBe(
      '<p><img src="/uploads/schermata_ab12.png" alt="schermata" /><span>[immagine non disponibile / image not available: logo]</span><img src="data:image/png;base64,iVBORw0KGgo=" /><span>[immagine non disponibile / image not available]</span><span>[immagine non disponibile / image not available]</span></p>'
    );
  });

  it('drops the quoted message and the signature from the HTML of a reply', () => {
    const gmail =
      '<div dir="ltr">Il problema <b>persiste</b>.<br><img src="cid:err@x"></div><br><div class="gmail_quote"><div class="gmail_attr">Il giorno lun 30 nov 2026 alle 10:00 SPOC ha scritto:</div><blockquote class="gmail_quote">La richiesta è stata presa in carico e sarà lavorata entro oggi.</blockquote></div>';
    const text = 'Il problema persiste.';
    const trimmed = replyHtml(sanitizeMailHtml(gmail, { inlineImages: { 'err@x': '/uploads/err.png' }, dropQuotes: true }), text);
    expect(trimmed).toBe('<div>Il problema <b>persiste</b>.<br /><img src="/uploads/err.png" /></div><br />');
    const apple = '<div>Grazie, risolto.</div><div><br><blockquote type="cite">Il servizio è stato ripristinato.</blockquote></div><div class="moz-signature">Mario Rossi<br>Ufficio Sistemi</div>';
    expect(replyHtml(sanitizeMailHtml(apple, { dropQuotes: true }), 'Grazie, risolto.')).toBe('<div>Grazie, risolto.</div><div><br /></div>');
  });

  it('makes the HTML of a reply from its trimmed text when the markup does not show the quote', () => {
    // Outlook desktop writes the quoted message as plain paragraphs after a rule.
    const outlook =
      '<p>Confermo, & funziona.</p><p>Marco</p><hr><p><b>Da:</b> SPOC &lt;spoc@spoc-desk.test&gt;<br><b>Inviato:</b> lunedì 30 novembre 2026 10:00<br><b>Oggetto:</b> [HD-2026-000123] Servizio ripristinato</p><p>Gentile Marco, il servizio è stato ripristinato sostituendo lo switch di piano. Per seguire la richiesta aprite il portale.</p>';
    const text = 'Confermo, & funziona.\n\nMarco';
    expect(replyHtml(sanitizeMailHtml(outlook, { dropQuotes: true }), text)).toBe(textToHtml(text));
    expect(textToHtml(text)).toBe('<p>Confermo, &amp; funziona.</p>\n<p>Marco</p>');
  });

  it('makes a title from the subject', () => {
    expect(titleFromSubject('RE: R: [HD-2026-000001] Stampante guasta', 'x')).toBe('Stampante guasta');
    expect(titleFromSubject(`Re: ${subjectTag('HD-2026-000001', 's')} Stampante guasta`, 'x')).toBe('Stampante guasta');
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

  it('names the file extensions of the blocked types, for a form to warn before the upload', () => {
    // Type names without a usual extension ("elf", "mach-o") must not reach a browser as if they were one.
    expect(extensionsOfTypes(['exe', 'mach-o', 'dll'])).toEqual(['exe', 'com', 'scr', 'cpl', 'sys', 'dylib', 'dll', 'ocx']);
    expect(extensionsOfTypes(DEFAULT_BLOCKED_TYPES)).not.toContain('mach-o');
    // A type added in the configuration that the table does not know stands for its own extension.
    expect(extensionsOfTypes(['bat'])).toEqual(['bat']);
  });
});

describe('the quarantine desk', () => {
  it("reads back why the intake held a message, from the sentences it writes", () => {
    expect(quarantineReason('unknown sender nuovo@x.example: no portal user and no organization with its domain')).toBe('unknown_sender');
    expect(quarantineReason('the subject names HD-2026-000001 with a reference that does not verify, but a@b.example is not one of its participants')).toBe('not_participant');
    expect(quarantineReason('held: more than 20 messages in an hour from a@b.example')).toBe('rate');
    expect(quarantineReason('message too large: 30000000 bytes, the limit is 26214400')).toBe('too_large');
    expect(quarantineReason('unreadable message: Unexpected end of input')).toBe('unreadable');
    expect(quarantineReason('no sender address')).toBe('no_sender');
    expect(quarantineReason('could not be processed: deadlock')).toBe('other');
    expect(quarantineReason(null)).toBe('other');
  });

  it("allows a sender's domain to an organization once, as the Content Manager writes the list", () => {
    expect(senderDomain('Piero@Fornitore.Example')).toBe('fornitore.example');
    expect(senderDomain('sconosciuto')).toBeNull();
    expect(senderDomain(null)).toBeNull();
    expect(withDomain('azero.veneto.it,  aulss6.veneto.it', 'fornitore.example')).toBe('azero.veneto.it, aulss6.veneto.it, fornitore.example');
    expect(withDomain('fornitore.example', 'fornitore.example')).toBe('fornitore.example');
    expect(withDomain(null, 'fornitore.example')).toBe('fornitore.example');
  });
});
