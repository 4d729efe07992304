import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, mailDir, type Actors, ticketSubject, startTestInstance } from '../../support/api';
import { connect, type Sql } from '../../support/database';

import { waitForMail } from '../../support/smtp-sink';

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();
const progressOf = (ticket: { documentId: string }) => (mail: ParsedMail) =>
  mail.inReplyTo === `<ticket.${ticket.documentId}@spoc-desk.test>` && (mail.subject ?? '').includes('Stato di avanzamento');

describe.each(backends())('progress notices and call-backs on $name', (backend) => {
  let a: Actors;
  let sql: Sql;
  let org: string;
  beforeAll(async () => {
    a = await actors(backend);
    sql = await connect(backend.db);
    org = a.organizations.azienda.documentId;
  });
  afterAll(() => sql.close());

  const sweep = (api = a.tool) => api.post('/api/notifications/progress/run', {});
  const noticesRecorded = async (ticketId: number) =>
    Number((await sql.query<{ n: number }>("SELECT count(*) AS n FROM notif_outbox WHERE ticket_id = ? AND event = 'ticket.progress'", [ticketId]))[0].n);
  const eventsOf = async (documentId: string) =>
    (await a.tool.get(`/api/ticket-events?filters[ticket][documentId]=${documentId}&sort=seq&pagination[pageSize]=100`)).body.data as Array<{ type: string; actorName: string; data: Record<string, any> }>;
  const callbacksOf = async (documentId: string, state = 'open') =>
    ((await a.tool.get(`/api/notifications/callbacks?state=${state}`)).body.data as Array<{ documentId: string; noticeCount: number; contactPhone: string; ticket: { documentId: string } }>).filter(
      (task) => task.ticket?.documentId === documentId
    );

  it("tells the referent at each interval of the ticket's policy, once, and asks the operators to phone for P1", async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P1', reportedAt: ago(150), title: 'Server dei referti fermo' });
    await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    await a.tool.post('/api/follow-ups', { data: { ticket: ticket.documentId, body: 'Sostituito il disco guasto, ripristino dei dati in corso', visibility: 'public', authorName: 'Oscar Operatore' } });

    expect((await sweep()).status).toBe(200);
    const [first] = await waitForMail(mailDir(), progressOf(ticket));
    expect(first.to && 'value' in first.to ? first.to.value[0].address : null).toBe(DEMO.referent);
    expect(first.subject).toMatch(ticketSubject(ticket.number, 'Stato di avanzamento della richiesta: Server dei referti fermo'));
    expect(first.text).toContain('Gentile Giulia Bianchi');
    expect(first.text).toContain('Stato attuale: presa in carico');
    expect(first.text).toContain('Sostituito il disco guasto, ripristino dei dati in corso');
    expect(first.text).toContain('comunicazione n. 1');
    // Another sweep a moment later owes nothing.
    await sweep();
    expect(await noticesRecorded(ticket.id)).toBe(1);
    const [task] = await callbacksOf(ticket.documentId);
    expect(task).toMatchObject({ noticeCount: 1, contactPhone: '+39 049 000 0000' });

    // Two hours later, as far as this ticket is concerned: its report moved two hours back.
    const moved = await a.tool.post(`/api/tickets/${ticket.documentId}/correct-reported-at`, { data: { reportedAt: ago(270), reason: 'Chiamata registrata in ritardo' } });
    expect(moved.status).toBe(200);
    await sweep();
    expect(await noticesRecorded(ticket.id)).toBe(2);
    const notices = (await eventsOf(ticket.documentId)).filter((e) => e.type === 'progress.notice');
    expect(notices.map((e) => [e.data.count, e.data.intervalMinutes, e.data.phoneCallback])).toEqual([
      [1, 120, true],
      [2, 120, true],
    ]);
    expect((await waitForMail(mailDir(), progressOf(ticket), 2)).some((mail) => mail.text?.includes('comunicazione n. 2'))).toBe(true);
  });

  it('sends nothing before the interval of the priority, nor once the service is restored', async () => {
    const p3 = await createTicket(a.tool, org, { priority: 'P3', reportedAt: ago(23 * 60) });
    const restored = await createTicket(a.tool, org, { priority: 'P1', reportedAt: ago(180) });
    await a.tool.post(`/api/tickets/${restored.documentId}/take-charge`, {});
    await a.tool.post(`/api/tickets/${restored.documentId}/restore`, { data: { resolution: 'Riavviato il servizio' } });
    await sweep();
    expect(await noticesRecorded(p3.id)).toBe(0);
    expect(await noticesRecorded(restored.id)).toBe(0);
  });

  it('records who phoned, when and with what outcome, once, and keeps the tasks to the SPOC', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P1', reportedAt: ago(125) });
    await sweep();
    const [task] = await callbacksOf(ticket.documentId);
    expect(task).toBeDefined();
    const done = (body: Record<string, unknown>, api = a.operator) => api.post(`/notifications/callbacks/${task.documentId}/done`, body);

    const empty = await done({ outcome: '  ', note: 'solo la nota' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.errors[0].path).toEqual(['outcome']);
    // The outcome is one of three, not free text: the words go in the note.
    const freeText = await done({ outcome: 'Informata la referente' });
    expect(freeText.status).toBe(400);
    expect(freeText.body.error.details.errors[0].path).toEqual(['outcome']);
    const longNote = await done({ outcome: 'reached', note: 'x'.repeat(2001) });
    expect(longNote.status).toBe(400);
    expect(longNote.body.error.details.errors[0].path).toEqual(['note']);
    const future = await done({ outcome: 'reached', calledAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body.error.details.errors[0].path).toEqual(['calledAt']);
    expect((await a.staff.get('/api/notifications/callbacks')).status).toBe(403);
    const badState = await a.tool.get('/api/notifications/callbacks?state=chiusi');
    expect(badState.status).toBe(400);
    expect(badState.body.error.details.errors[0].path).toEqual(['state']);
    expect((await a.staff.post(`/api/notifications/callbacks/${task.documentId}/done`, { data: { outcome: 'x' } })).status).toBe(403);
    expect((await a.anonymous.get('/api/notifications/callbacks')).status).toBe(403);
    expect((await a.operator.post('/notifications/callbacks/nonexistent/done', { outcome: 'reached' })).status).toBe(404);
    expect((await callbacksOf(ticket.documentId)).length).toBe(1);

    const calledAt = ago(5);
    const ok = await done({ outcome: 'reached', note: 'Informata la dott.ssa Bianchi: ripristino previsto entro le 18', calledAt });
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ state: 'done', doneBy: 'Oscar Operatore', outcome: 'reached' });
    const again = await done({ outcome: 'message_left' }, a.supervisor);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('"done"');

    const event = (await eventsOf(ticket.documentId)).find((e) => e.type === 'callback.done')!;
    expect(event).toMatchObject({ actorName: 'Oscar Operatore', data: { noticeCount: 1, calledAt, outcome: 'reached', note: 'Informata la dott.ssa Bianchi: ripristino previsto entro le 18' } });
    expect((await callbacksOf(ticket.documentId, 'done'))[0]).toMatchObject({ outcome: 'reached', note: 'Informata la dott.ssa Bianchi: ripristino previsto entro le 18' });
    expect(await callbacksOf(ticket.documentId)).toEqual([]);
    expect(await callbacksOf(ticket.documentId, 'done')).toHaveLength(1);
    expect((await a.tool.get(`/api/tickets/${ticket.documentId}/verify-timeline`)).body.data.valid).toBe(true);
  });

  it('refuses a policy whose phone-notice priorities are not a list of priorities', async () => {
    const policies = await a.admin.get('/content-manager/collection-types/plugin::sla.policy?filters[isDefault][$eq]=true');
    const policy = policies.body.results[0];
    expect(policy.phoneNoticePriorities).toEqual(['P1']);
    const res = await a.admin.put(`/content-manager/collection-types/plugin::sla.policy/${policy.documentId}`, { ...policy, phoneNoticePriorities: ['P9'] });
    expect(res.status).toBe(400);
    expect(res.body.error.details.errors[0].path).toEqual(['phoneNoticePriorities']);
  });

  it.runIf(backend.name === 'postgres')('sends each notice once with two instances sweeping together', async () => {
    const ticket = await createTicket(a.tool, org, { priority: 'P2', reportedAt: ago(490) });
    const second = await startTestInstance(backend.db);
    try {
      const other = (await actors(backend, second.url)).tool;
      const runs = await Promise.all(Array.from({ length: 6 }, (_, i) => sweep(i % 2 ? other : a.tool)));
      expect(runs.map((r) => r.status)).toEqual(Array(6).fill(200));
    } finally {
      await second.stop();
    }
    expect(await noticesRecorded(ticket.id)).toBe(1);
    expect((await eventsOf(ticket.documentId)).filter((e) => e.type === 'progress.notice')).toHaveLength(1);
    // P2 asks for no phone call in the default policy.
    expect(await callbacksOf(ticket.documentId)).toEqual([]);
  });
});
