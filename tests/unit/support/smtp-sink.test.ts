import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../support/smtp-sink';

/**
 * The test run's SMTP sink lives in Vitest's main process. A Strapi instance killed by a test (kill -9, two-
 * instance tests, the end of the run) resets its pooled SMTP connections: each reset is an 'error' of the
 * server. With no lasting listener the second one was an uncaught exception that ended the main process
 * with code 1 and no summary (issue 13). Several resets must leave the sink running and accepting mail.
 */
let dir: string;
let sink: SmtpSink;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'smtp-sink-'));
  sink = await startSmtpSink(dir);
});
afterAll(async () => {
  await sink.stop();
  rmSync(dir, { recursive: true, force: true });
});

const greeted = () =>
  new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(sink.port, '127.0.0.1');
    socket.once('error', reject);
    socket.once('data', () => resolve(socket));
  });

it('survives connections reset by the peer, one after another, and still answers', async () => {
  for (let n = 0; n < 3; n++) {
    const socket = await greeted();
    // Killed in the middle of sending a message (a reset outside a transaction is ignored by smtp-server).
    for (const line of ['EHLO killed-instance', 'MAIL FROM:<spoc@spoc-desk.test>', 'RCPT TO:<anna@example.org>', 'DATA', 'Subject: a meta']) {
      socket.write(`${line}\r\n`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // What a killed process's sockets do: a TCP reset, not a QUIT.
    socket.resetAndDestroy();
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  const socket = await greeted();
  socket.end('QUIT\r\n');
  expect(sink.port).toBeGreaterThan(0);
});
