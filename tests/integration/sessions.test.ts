import type { ParsedMail } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, createTicket, mailDir, type Actors, startTestInstance } from '../support/api';
import type { RunningInstance } from '../support/instances';
import { createPortalUser } from '../support/portal-users';
import { waitForMail } from '../support/smtp-sink';
import { openSse, type SseStream } from '../support/sse';

const LIVE = '/api/portal/live';
/** The promise: a live stream of an ended session closes within a second of the change. */
const STREAM_CLOSES_WITHIN_MS = 1000;

/** Resolves when the stream has ended; fails when it is still open at the deadline (a bound, not a sleep). */
async function endsWithin(stream: SseStream, ms: number, what: string) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the live stream was still open ${ms} ms after ${what}`)), ms);
  });
  try {
    await Promise.race([stream.ended, late]);
  } finally {
    clearTimeout(timer);
  }
}

const to = (address: string) => (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((a) => a?.value.some((v) => v.address === address));

/**
 * Sessions end when what they were granted on changes: the password (reset or change), a block, or the
 * organization. Every JWT issued before is refused (401) on REST and on the live stream, at once; the JWT
 * the change answers with works, and nobody else's session is touched. Each test makes its own users: the
 * shared demo sessions must stay valid for the other files.
 */
describe.each(backends())('sessions that end on $name', (backend) => {
  let a: Actors;
  const open: SseStream[] = [];
  beforeAll(async () => {
    a = await actors(backend);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  async function signIn(email: string, password: string, baseUrl = backend.url) {
    const res = await new Api(baseUrl).post('/api/auth/local', { identifier: email, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return new Api(baseUrl, res.body.jwt);
  }

  async function liveStream(session: Api) {
    const opened = await openSse(session.baseUrl + LIVE, { token: session.token });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const stream = opened.stream!;
    open.push(stream);
    // Registered on the server once its first lines arrived.
    await stream.waitFor(() => stream.retry, 'retry line');
    return stream;
  }

  /** A fresh Staff user with one REST session and one open live stream, and a bystander of the same organization. */
  async function userWithSession() {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const session = await signIn(user.email, user.password);
    const stream = await liveStream(session);
    const bystander = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const bystanderSession = await signIn(bystander.email, bystander.password);
    const bystanderStream = await liveStream(bystanderSession);
    expect((await session.get('/api/portal/me')).status).toBe(200);
    return { user, session, stream, bystanderSession, bystanderStream };
  }

  async function expectEnded(session: Api, stream: SseStream, what: string) {
    await endsWithin(stream, STREAM_CLOSES_WITHIN_MS, what);
    expect((await session.get('/api/portal/me')).status, `portal account after ${what}`).toBe(401);
    expect((await session.get('/api/users/me')).status, `users/me after ${what}`).toBe(401);
    expect((await session.get('/api/tickets')).status, `tickets after ${what}`).toBe(401);
    expect((await openSse(session.baseUrl + LIVE, { token: session.token })).status, `a new live stream after ${what}`).toBe(401);
  }

  async function expectUntouched(session: Api, stream: SseStream) {
    expect((await session.get('/api/portal/me')).status).toBe(200);
    // Still open: a ticket of the organization reaches it.
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { title: 'Sessione intatta' });
    await stream.waitForTicketEvent(ticket.documentId, 'ticket.created');
  }

  it('a password change ends the earlier sessions; the JWT it answers with works', async () => {
    const { user, session, stream, bystanderSession, bystanderStream } = await userWithSession();
    // The earlier session and the change fall in the same second: the check must not depend on `iat`.
    const changed = await session.post('/api/auth/change-password', { currentPassword: user.password, password: 'Cambiata2026!', passwordConfirmation: 'Cambiata2026!' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await expectEnded(session, stream, 'a password change');

    const fresh = new Api(backend.url, changed.body.jwt);
    expect((await fresh.get('/api/portal/me')).body.data.email).toBe(user.email);
    await liveStream(fresh);
    expect((await signIn(user.email, 'Cambiata2026!').then((s) => s.get('/api/portal/me'))).status).toBe(200);
    await expectUntouched(bystanderSession, bystanderStream);
  });

  it('a reset with the e-mailed code ends the earlier sessions; the JWT it answers with works', async () => {
    const { user, session, stream, bystanderSession, bystanderStream } = await userWithSession();
    expect((await a.anonymous.post('/api/portal/auth/forgot-password', { email: user.email })).status).toBe(200);
    const [mail] = await waitForMail(mailDir(), to(user.email));
    const code = /\/portal\/reset-password\?code=([A-Za-z0-9]+)/.exec(mail.text ?? '')?.[1];
    expect(code, mail.text).toBeDefined();
    // Asking for a code ends nothing: someone else may type any address.
    expect((await session.get('/api/portal/me')).status).toBe(200);

    const reset = await a.anonymous.post('/api/auth/reset-password', { code, password: 'Reimpostata2026!', passwordConfirmation: 'Reimpostata2026!' });
    expect(reset.status, JSON.stringify(reset.body)).toBe(200);
    await expectEnded(session, stream, 'a reset');
    expect((await new Api(backend.url, reset.body.jwt).get('/api/portal/me')).body.data.email).toBe(user.email);
    await expectUntouched(bystanderSession, bystanderStream);
  });

  it('a block through the API ends the sessions for good: unblocking does not bring them back', async () => {
    const { user, session, stream, bystanderSession, bystanderStream } = await userWithSession();
    expect((await a.tool.put(`/api/users/${user.id}`, { blocked: true })).status).toBe(200);
    await expectEnded(session, stream, 'a block');
    expect((await a.tool.put(`/api/users/${user.id}`, { blocked: false })).status).toBe(200);
    expect((await session.get('/api/portal/me')).status, 'a session from before the block, after the unblock').toBe(401);
    expect((await (await signIn(user.email, user.password)).get('/api/portal/me')).status).toBe(200);
    await expectUntouched(bystanderSession, bystanderStream);
  });

  it('a block in the admin panel ends the sessions', async () => {
    const { user, session, stream } = await userWithSession();
    const uid = 'plugin::users-permissions.user';
    const found = await a.admin.get(`/content-manager/collection-types/${uid}?filters[email][$eq]=${encodeURIComponent(user.email)}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const documentId = found.body.results[0].documentId;
    const saved = await a.admin.put(`/content-manager/collection-types/${uid}/${documentId}`, { blocked: true });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await expectEnded(session, stream, 'a block in the admin panel');
  });

  it('moving the user to another organization ends the sessions; other edits do not', async () => {
    const { user, session, stream, bystanderSession, bystanderStream } = await userWithSession();
    // Edits that change nothing the session was granted on keep it.
    expect((await a.tool.put(`/api/users/${user.id}`, { phone: '+39 049 000 1111', blocked: false, organization: a.organizations.azienda.id })).status).toBe(200);
    expect((await session.put('/api/portal/me', { data: { language: 'en' } })).status).toBe(200);
    expect((await session.get('/api/portal/me')).status).toBe(200);

    expect((await a.tool.put(`/api/users/${user.id}`, { organization: a.organizations.ulss.id })).status).toBe(200);
    await expectEnded(session, stream, 'a move to another organization');
    const again = await signIn(user.email, user.password);
    expect((await again.get('/api/portal/me')).body.data.organization.code).toBe('AULSS6');
    await expectUntouched(bystanderSession, bystanderStream);
  });
});

describe.skipIf(!backends().some((backend) => backend.name === 'postgres'))('sessions that end, across instances on PostgreSQL', () => {
  const backend = backends().find((b) => b.name === 'postgres')!;
  let a: Actors;
  let second: RunningInstance;
  const open: SseStream[] = [];

  beforeAll(async () => {
    a = await actors(backend);
    second = await startTestInstance(backend.db);
  });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    await second?.stop();
  });

  it('a block made through instance A closes the stream open on instance B within a second', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const signedIn = await new Api(second.url).post('/api/auth/local', { identifier: user.email, password: user.password });
    expect(signedIn.status).toBe(200);
    const onB = await openSse(second.url + LIVE, { token: signedIn.body.jwt });
    expect(onB.status).toBe(200);
    open.push(onB.stream!);
    await onB.stream!.waitFor(() => onB.stream!.retry, 'retry line');

    expect((await a.tool.put(`/api/users/${user.id}`, { blocked: true })).status).toBe(200);
    await endsWithin(onB.stream!, STREAM_CLOSES_WITHIN_MS, 'a block on the other instance');
    expect((await new Api(second.url, signedIn.body.jwt).get('/api/portal/me')).status).toBe(401);
  });

  it('a password change through instance B ends the session on instance A', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const signedIn = await new Api(backend.url).post('/api/auth/local', { identifier: user.email, password: user.password });
    const onA = await openSse(backend.url + LIVE, { token: signedIn.body.jwt });
    expect(onA.status).toBe(200);
    open.push(onA.stream!);
    await onA.stream!.waitFor(() => onA.stream!.retry, 'retry line');
    const changed = await new Api(second.url, signedIn.body.jwt).post('/api/auth/change-password', {
      currentPassword: user.password,
      password: 'Cambiata2026!',
      passwordConfirmation: 'Cambiata2026!',
    });
    expect(changed.status).toBe(200);
    await endsWithin(onA.stream!, STREAM_CLOSES_WITHIN_MS, 'a password change on the other instance');
    expect((await new Api(backend.url, signedIn.body.jwt).get('/api/portal/me')).status).toBe(401);
    expect((await new Api(backend.url, changed.body.jwt).get('/api/portal/me')).status).toBe(200);
  });
});
