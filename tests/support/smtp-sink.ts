/**
 * A real SMTP server on loopback (the `smtp-server` package) that stores every message it accepts as an
 * .eml file, for the tests to parse: what the help desk really sent over SMTP, headers and all.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  dir: string;
  stop(): Promise<void>;
}

let received = 0;

export async function startSmtpSink(dir: string, port = 0): Promise<SmtpSink> {
  mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    // Plain SMTP on loopback: no TLS to negotiate, no login.
    disabledCommands: ['STARTTLS', 'AUTH'],
    // No reverse DNS of the client: this machine has no resolver to ask, and each lookup would wait.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        writeFileSync(path.join(dir, `${Date.now()}-${process.pid}-${++received}.eml`), Buffer.concat(chunks));
        callback(null, `queued as test-${received}`);
      });
    },
  });
  // A lasting listener: an instance killed while sending (kill -9 tests, the end of the run) resets its
  // connection mid-message, which smtp-server reports as an 'error' of the server. Unheard, the second such
  // error was an uncaught exception that ended Vitest's main process with code 1 and no summary (issue 13).
  let listening = false;
  await new Promise<void>((resolve, reject) => {
    server.on('error', (error: Error & { code?: string }) => {
      if (!listening) reject(error);
      else if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.warn(`SMTP sink: ${error.message}`);
    });
    server.listen(port, '127.0.0.1', () => {
      listening = true;
      resolve();
    });
  });
  const address = server.server.address() as { port: number };
  return { port: address.port, dir, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Every message in a sink's folder, parsed. */
export async function readMailbox(dir: string): Promise<ParsedMail[]> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.eml')).sort();
  return Promise.all(files.map((name) => simpleParser(readFileSync(path.join(dir, name)))));
}

/** Waits, bounded, until the messages matching `filter` number at least `count`. */
export async function waitForMail(dir: string, filter: (mail: ParsedMail) => boolean, count = 1, timeoutMs = 30_000): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readMailbox(dir)).filter(filter);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
