import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, mailDir, type Actors, type Api } from '../../support/api';
import { createAdminUser, type AdminUser } from '../../support/admin-users';
import { filesForm, pngImage } from '../../support/files';
import { waitForMail } from '../../support/smtp-sink';
import { until } from '../../support/eventually';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/**
 * The console's ticket workspace, registration, composer, classification, canned replies and lookups
 * (issue 15, part B): admin routes of the spoc-console plugin, called with the panel's session.
 */
describe.each(backends())('SPOC console workspace on $name', (backend) => {
  let a: Actors;
  let quiet: string;
  let azienda: string;
  let author: AdminUser;
  let secondOperator: AdminUser;
  const idOf = async (email: string) => ((await a.admin.get('/admin/users?pageSize=100')).body.data.results as Array<{ id: number; email: string }>).find((user) => user.email === email)!.id;

  beforeAll(async () => {
    a = await actors(backend);
    quiet = a.organizations.quiet.documentId;
    azienda = a.organizations.azienda.documentId;
    author = await createAdminUser(a.admin, 'Author', { firstname: 'Alda', lastname: 'Autrice' });
    secondOperator = await createAdminUser(a.admin, 'SPOC Operator', { firstname: 'Anna', lastname: 'Conti' });
  });

  const register = (api: Api, data: Record<string, unknown> = {}) =>
    api.post('/spoc-console/tickets', {
      organization: quiet,
      requesterName: 'Paola Gialli',
      requesterEmail: 'paola.gialli@quiet.example.it',
      requesterPhone: '+39 049 333 4444',
      title: 'Il gestionale non si apre',
      description: 'Da stamattina il gestionale del protocollo non si apre.',
      kind: 'incident',
      priority: 'P3',
      channel: 'phone',
      ...data,
    });

  it('refuses anonymous callers and portal users (401) and admins without the permission (403) on every route', async () => {
    const ticket = await createTicket(a.tool, quiet);
    const routes: Array<[string, string]> = [
      ['GET', `/spoc-console/tickets/${ticket.documentId}`],
      ['POST', '/spoc-console/tickets'],
      ['POST', `/spoc-console/tickets/${ticket.documentId}/assign`],
      ['POST', `/spoc-console/tickets/${ticket.documentId}/classify/preview`],
      ['POST', `/spoc-console/tickets/${ticket.documentId}/classify`],
      ['POST', `/spoc-console/tickets/${ticket.documentId}/follow-ups`],
      ['GET', '/spoc-console/canned-replies'],
      ['POST', '/spoc-console/canned-replies/whatever/render'],
      ['GET', `/spoc-console/organizations/${azienda}/requesters`],
      ['GET', '/spoc-console/sla-targets'],
    ];
    for (const [method, path] of routes) {
      const body = method === 'POST' ? {} : undefined;
      expect([method, path, (await a.anonymous.request(method, path, body)).status]).toEqual([method, path, 401]);
      expect([method, path, (await a.staff.request(method, path, body)).status]).toEqual([method, path, 401]);
      expect([method, path, (await author.api.request(method, path, body)).status]).toEqual([method, path, 403]);
    }
  });

  it('registers a ticket with its number at once, reportedAt now unless an earlier one has a reason', async () => {
    const before = Date.now();
    const res = await register(a.operator);
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ state: 'new', channel: 'phone', priority: 'P3' });
    expect(res.body.data.number).toMatch(/^HD-\d{4}-\d{6}$/);
    expect(new Date(res.body.data.reportedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const tenMinutes = await register(a.operator, { reportedAt: minutesAgo(10) });
    expect(tenMinutes.status).toBe(201);
    const late = await register(a.operator, { reportedAt: minutesAgo(40) });
    expect(late.status).toBe(400);
    expect(late.body.error.details.errors[0].path).toEqual(['reportedAtReason']);
    const explained = await register(a.operator, { reportedAt: minutesAgo(40), reportedAtReason: 'Chiamata ricevuta durante un guasto del centralino' });
    expect(explained.status).toBe(201);
    const workspace = await a.operator.get(`/spoc-console/tickets/${explained.body.data.documentId}`);
    expect(workspace.body.data.timeline.map((event: { type: string }) => event.type)).toEqual(['ticket.created', 'ticket.reported-at-declared']);
    expect(workspace.body.data.timeline[1]).toMatchObject({ visibility: 'internal', actorName: 'Oscar Operatore', data: { reason: 'Chiamata ricevuta durante un guasto del centralino' } });

    const future = await register(a.operator, { reportedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.body.error.details.errors[0].path).toEqual(['reportedAt']);
    for (const [data, field] of [
      [{ title: '' }, 'title'],
      [{ organization: 'nessuna' }, 'organization'],
      [{ channel: 'portal' }, 'channel'],
      [{ requesterName: undefined }, 'requester'],
      [{ requester: 'sconosciuto' }, 'requester'],
      [{ category: 'sconosciuta' }, 'category'],
    ] as Array<[Record<string, unknown>, string]>) {
      const refused = await register(a.operator, data);
      expect([field, refused.status, refused.body.error.details.errors[0].path]).toEqual([field, 400, [field]]);
    }
  });

  it('registers for a portal user of the organization, found by the requesters lookup', async () => {
    const people = await a.operator.get(`/spoc-console/organizations/${azienda}/requesters?q=mario`);
    expect(people.status).toBe(200);
    expect(people.body.data).toEqual([{ documentId: expect.any(String), name: 'mario.rossi', email: DEMO.staff, phone: null }]);
    expect((await a.operator.get(`/spoc-console/organizations/${azienda}/requesters`)).body.data.map((user: { email: string }) => user.email).sort()).toEqual(
      [DEMO.referent, DEMO.staff].sort()
    );
    expect((await a.operator.get('/spoc-console/organizations/nessuna/requesters')).status).toBe(404);
    // A user of another organization is not a requester of this one.
    const luca = (await a.operator.get(`/spoc-console/organizations/${a.organizations.ulss.documentId}/requesters?q=luca`)).body.data[0];
    expect((await register(a.operator, { organization: azienda, requester: luca.documentId })).body.error.details.errors[0].path).toEqual(['requester']);

    const res = await register(a.operator, { organization: azienda, requester: people.body.data[0].documentId, requesterName: undefined });
    expect(res.status).toBe(201);
    const workspace = (await a.operator.get(`/spoc-console/tickets/${res.body.data.documentId}`)).body.data;
    expect(workspace.ticket.requester).toMatchObject({ name: 'mario.rossi', email: DEMO.staff });
    expect(workspace.ticket.organization).toEqual({ documentId: azienda, name: 'Azienda Zero' });
  });

  it('shows the whole ticket: clocks, allowed actions, timeline, e-mails and their delivery, notices and limits', async () => {
    const created = await register(a.operator, { requesterEmail: 'vista.completa@quiet.example.it' });
    const res = await a.operator.get(`/spoc-console/tickets/${created.body.data.documentId}`);
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.ticket).toMatchObject({
      documentId: created.body.data.documentId,
      number: created.body.data.number,
      title: 'Il gestionale non si apre',
      descriptionHtml: '<p>Da stamattina il gestionale del protocollo non si apre.</p>',
      state: 'new',
      requester: { name: 'Paola Gialli', email: 'vista.completa@quiet.example.it', phone: '+39 049 333 4444' },
      assignee: null,
      reportedAtCorrected: false,
    });
    expect(data.sla.clocks.map((clock: { kind: string; state: string }) => [clock.kind, clock.state])).toEqual([
      ['take_charge', 'on_time'],
      ['restore', 'on_time'],
    ]);
    expect(data.sla.clocks[0].remainingMs).toBeGreaterThan(0);
    expect(data.sla.explanation.takeCharge.targetMinutes).toBe(data.sla.clocks[0].targetMinutes);
    expect(data.allowedActions).toEqual(['take-charge', 'cancel']);
    expect(data.timeline[0]).toMatchObject({ type: 'ticket.created', actorType: 'admin', actorName: 'Oscar Operatore' });
    expect(data.messages).toEqual([expect.objectContaining({ event: 'ticket.opened', recipients: ['vista.completa@quiet.example.it'] })]);
    const opened = await waitForMail(mailDir(), (mail) => mail.to !== undefined && JSON.stringify(mail.to).includes('vista.completa@quiet.example.it'));
    expect(opened).toHaveLength(1);
    // The sink has it a moment before the worker records the server's answer.
    const delivered = await until('the opening e-mail marked sent', async () => {
      const message = (await a.operator.get(`/spoc-console/tickets/${created.body.data.documentId}`)).body.data.messages[0];
      return message.state === 'sent' && message;
    });
    expect(delivered.smtpResponse).toMatch(/^250/);
    expect(data.notices.actions.restore).toEqual({
      emails: [{ event: 'ticket.restored', recipients: [{ address: 'vista.completa@quiet.example.it', name: 'Paola Gialli' }] }],
      clocks: { stops: 'restore', pauses: null, resumes: null },
    });
    expect(data.notices.actions['take-charge']).toEqual({ emails: [], clocks: { stops: 'take_charge', pauses: null, resumes: null } });
    expect(data.notices.publicFollowUp.recipients).toEqual([{ address: 'vista.completa@quiet.example.it', name: 'Paola Gialli' }]);
    expect(data.attachmentLimits).toEqual({ maxBytes: expect.any(Number), maxFiles: 10, blockedExtensions: expect.arrayContaining(['exe']) });
    expect(data.calls).toEqual([]);
    expect((await a.operator.get('/spoc-console/tickets/nessuno')).status).toBe(404);
  });

  it('shows a ticket registered with a past reportedAt as breached, as the SLA plugin computes it', async () => {
    const res = await register(a.operator, { priority: 'P1', reportedAt: minutesAgo(23 * 60), reportedAtReason: 'Segnalazione lasciata in segreteria ieri' });
    expect(res.status).toBe(201);
    const workspace = (await a.operator.get(`/spoc-console/tickets/${res.body.data.documentId}`)).body.data;
    const takeCharge = workspace.sla.clocks[0];
    expect(takeCharge).toMatchObject({ kind: 'take_charge', state: 'breached', startedAt: res.body.data.reportedAt, stoppedAt: null });
    expect(takeCharge.remainingMs).toBeLessThan(0);
    expect(workspace.sla.explanation.takeCharge.dueAt).toBe(takeCharge.dueAt);
  });

  it('answers a stale action with 409 saying who changed the state and when', async () => {
    const ticket = await createTicket(a.tool, quiet);
    expect((await secondOperator.api.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {})).status).toBe(200);
    const stale = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual({ action: 'take-charge', state: 'in_charge', by: 'Anna Conti', at: expect.any(String) });
    expect(Date.now() - new Date(stale.body.error.details.at).getTime()).toBeLessThan(60_000);
    // The REST API answers the same.
    const rest = await a.tool.post(`/api/tickets/${ticket.documentId}/take-charge`, {});
    expect(rest.body.error.details).toMatchObject({ state: 'in_charge', by: 'Anna Conti' });
  });

  it('assigns to oneself; to another operator only as a supervisor, and only to one who may work tickets', async () => {
    const ticket = await createTicket(a.tool, quiet);
    const path = `/spoc-console/tickets/${ticket.documentId}/assign`;
    const oscar = await idOf(DEMO.operator);
    const mine = await a.operator.post(path, { assigneeId: oscar });
    expect(mine.status).toBe(200);
    expect(mine.body.data.assignee).toEqual({ id: oscar, name: 'Oscar Operatore' });
    expect((await a.operator.post(path, { assigneeId: secondOperator.id })).status).toBe(403);
    const handed = await a.supervisor.post(path, { assigneeId: secondOperator.id });
    expect(handed.status).toBe(200);
    expect(handed.body.data.assignee).toEqual({ id: secondOperator.id, name: 'Anna Conti' });
    for (const assigneeId of [author.id, 999_999]) {
      const refused = await a.supervisor.post(path, { assigneeId });
      expect([refused.status, refused.body.error.details.errors[0].path]).toEqual([400, ['assigneeId']]);
    }
    expect((await a.operator.post(path, {})).body.error.details.errors[0].path).toEqual(['assigneeId']);
    expect((await a.operator.post('/spoc-console/tickets/nessuno/assign', { assigneeId: oscar })).status).toBe(404);
    const events = (await a.operator.get(`/spoc-console/tickets/${ticket.documentId}`)).body.data.timeline;
    const assignments = events.filter((event: { type: string }) => event.type === 'ticket.updated');
    expect(assignments.map((event: { actorName: string; data: { assignee: unknown } }) => [event.actorName, event.data.assignee])).toEqual([
      ['Oscar Operatore', { id: oscar, name: 'Oscar Operatore' }],
      ['Sara Supervisore', { id: secondOperator.id, name: 'Anna Conti' }],
    ]);

    const cancelled = await createTicket(a.tool, quiet);
    await a.operator.post(`/spoc-console/tickets/${cancelled.documentId}/actions/cancel`, { reason: 'Duplicato' });
    const late = await a.operator.post(`/spoc-console/tickets/${cancelled.documentId}/assign`, { assigneeId: oscar });
    expect(late.status).toBe(409);
    expect(late.body.error.details).toMatchObject({ action: 'assign', state: 'cancelled', by: 'Oscar Operatore' });
  });

  it('previews a reclassification without saving it, then saves it with the SLA recomputed', async () => {
    const ticket = await createTicket(a.tool, quiet, { priority: 'P4' });
    const base = `/spoc-console/tickets/${ticket.documentId}/classify`;
    const preview = await a.operator.post(`${base}/preview`, { priority: 'P1' });
    expect(preview.status).toBe(200);
    const [takeCharge, restore] = preview.body.data.clocks;
    expect(preview.body.data.priority).toBe('P1');
    expect(takeCharge.kind).toBe('take_charge');
    expect(takeCharge.targetMinutes).toBeLessThan(takeCharge.before.targetMinutes);
    expect(new Date(takeCharge.dueAt).getTime()).toBeLessThan(new Date(takeCharge.before.dueAt).getTime());
    expect(restore.targetMinutes).toBeLessThan(restore.before.targetMinutes);
    const unchanged = (await a.operator.get(`/spoc-console/tickets/${ticket.documentId}`)).body.data;
    expect(unchanged.ticket.priority).toBe('P4');
    expect(unchanged.sla.clocks[0].targetMinutes).toBe(takeCharge.before.targetMinutes);

    const saved = await a.operator.post(base, { priority: 'P1' });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ priority: 'P1', sla: { takeCharge: { targetMinutes: takeCharge.targetMinutes, dueAt: takeCharge.dueAt } } });
    const types = (await a.operator.get(`/spoc-console/tickets/${ticket.documentId}`)).body.data.timeline.map((event: { type: string }) => event.type);
    expect(types).toEqual(['ticket.created', 'ticket.updated', 'sla.recomputed']);

    expect((await a.operator.post(`${base}/preview`, {})).body.error.details.errors[0].path).toEqual(['priority']);
    expect((await a.operator.post(`${base}/preview`, { priority: 'P9' })).body.error.details.errors[0].path).toEqual(['priority']);
    expect((await a.operator.post(base, { category: 'sconosciuta' })).body.error.details.errors[0].path).toEqual(['category']);
    expect((await a.operator.post('/spoc-console/tickets/nessuno/classify/preview', { priority: 'P1' })).status).toBe(404);
    await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/cancel`, { reason: 'Errore' });
    expect((await a.operator.post(base, { priority: 'P2' })).body.error.details).toMatchObject({ state: 'cancelled' });
  });

  it('sends a public follow-up to the requester by e-mail and keeps an internal note to the SPOC', async () => {
    const requester = 'seguito.pubblico@quiet.example.it';
    const ticket = await createTicket(a.tool, quiet, { requesterName: 'Piero Blu', requesterEmail: requester });
    const path = `/spoc-console/tickets/${ticket.documentId}/follow-ups`;
    const sent = await a.operator.post(path, { visibility: 'public', bodyHtml: '<p>Abbiamo riavviato il <b>server</b> del protocollo.</p><script>alert(1)</script>' });
    expect(sent.status).toBe(201);
    expect(sent.body.data).toMatchObject({ visibility: 'public', body: 'Abbiamo riavviato il server del protocollo.', recipients: [{ address: requester, name: 'Piero Blu' }] });
    expect(sent.body.data.bodyHtml).not.toContain('script');
    const mail = await waitForMail(mailDir(), (m) => JSON.stringify(m.to ?? '').includes(requester) && (m.text ?? '').includes('Abbiamo riavviato il server del protocollo.'));
    expect(mail).toHaveLength(1);

    const form = filesForm({ visibility: 'internal', bodyHtml: '<p>Nota: il server va sostituito.</p>' }, [['schermata.png', pngImage(), 'image/png']]);
    const note = await a.operator.post(path, form);
    expect(note.status).toBe(201);
    expect(note.body.data).toMatchObject({ visibility: 'internal', recipients: [], attachments: [{ name: 'schermata.png' }] });

    const workspace = (await a.operator.get(`/spoc-console/tickets/${ticket.documentId}`)).body.data;
    expect(workspace.followUps.map((f: { visibility: string; authorName: string; channel: string }) => [f.visibility, f.authorName, f.channel])).toEqual([
      ['public', 'Oscar Operatore', 'console'],
      ['internal', 'Oscar Operatore', 'console'],
    ]);
    expect(workspace.followUps[1].attachments[0].url).toMatch(/sig=/);
    // One e-mail for the public follow-up, none for the note.
    expect(workspace.messages.filter((m: { event: string }) => m.event === 'follow-up.public')).toHaveLength(1);
    expect(workspace.timeline.filter((e: { type: string }) => e.type === 'follow-up.added').map((e: { visibility: string }) => e.visibility)).toEqual(['public', 'internal']);

    expect((await a.operator.post(path, { visibility: 'public', bodyHtml: '<p> </p>' })).body.error.details.errors[0].path).toEqual(['bodyHtml']);
    expect((await a.operator.post(path, { visibility: 'secret', bodyHtml: '<p>x</p>' })).body.error.details.errors[0].path).toEqual(['visibility']);
    const blocked = filesForm({ visibility: 'internal', bodyHtml: '<p>programma</p>' }, [['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'application/octet-stream']]);
    expect((await a.operator.post(path, blocked)).body.error.details.errors[0].path).toEqual(['files']);
    expect((await a.operator.post('/spoc-console/tickets/nessuno/follow-ups', { visibility: 'internal', bodyHtml: '<p>x</p>' })).status).toBe(404);
    await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/cancel`, { reason: 'Ritirata' });
    const closed = await a.operator.post(path, { visibility: 'public', bodyHtml: '<p>Ancora?</p>' });
    expect([closed.status, closed.body.error.details.state]).toEqual([409, 'cancelled']);
    expect((await a.operator.post(path, { visibility: 'internal', bodyHtml: '<p>Nota dopo l’annullamento</p>' })).status).toBe(201);
  });

  it('lists canned replies in the operator language and renders them on a ticket as the e-mails do', async () => {
    const italian = await a.operator.get('/spoc-console/canned-replies');
    expect(italian.status).toBe(200);
    const titles = italian.body.data.map((reply: { title: string }) => reply.title);
    // The demo's, in title order (another test of this file may add one).
    expect(titles.filter((title: string) => ['Presa in carico', 'Richiesta di informazioni', 'Request taken in charge'].includes(title))).toEqual(['Presa in carico', 'Richiesta di informazioni']);
    expect((await a.operator.get('/spoc-console/canned-replies?language=en')).body.data.map((reply: { title: string }) => reply.title)).toEqual(['Request taken in charge']);
    expect((await a.operator.get('/spoc-console/canned-replies?language=de')).body.error.details.errors[0].path).toEqual(['language']);
    expect((await a.operator.get('/spoc-console/canned-replies?locale=en')).body.data.map((reply: { title: string }) => reply.title)).toEqual(['Request taken in charge']);

    const ticket = await createTicket(a.tool, quiet, { title: 'Stampante <guasta>', requesterName: 'Rita Verdi', requesterEmail: 'rita.verdi@quiet.example.it' });
    const reply = italian.body.data.find((candidate: { title: string }) => candidate.title === 'Presa in carico');
    const rendered = await a.operator.post(`/spoc-console/canned-replies/${reply.documentId}/render`, { ticket: ticket.documentId });
    expect(rendered.status).toBe(200);
    expect(rendered.body.data.html).toBe(
      `<p>Gentile Rita Verdi,</p>\n<p>la richiesta ${ticket.number} «Stampante &lt;guasta&gt;» è stata presa in carico dal servizio SPOC. La aggiorneremo appena possibile.</p>`
    );
    expect(rendered.body.data.text).toContain(`la richiesta ${ticket.number} «Stampante <guasta>»`);
    expect((await a.operator.post(`/spoc-console/canned-replies/${reply.documentId}/render`, {})).body.error.details.errors[0].path).toEqual(['ticket']);
    expect((await a.operator.post(`/spoc-console/canned-replies/${reply.documentId}/render`, { ticket: 'nessuno' })).status).toBe(404);
    expect((await a.operator.post('/spoc-console/canned-replies/nessuna/render', { ticket: ticket.documentId })).status).toBe(404);
  });

  it('lets supervisors write canned replies in the Content Manager, with the e-mail placeholders only; operators only read them', async () => {
    const uid = 'plugin::spoc-console.canned-reply';
    const draft = { title: 'Chiusura concordata', language: 'it', active: true, body: 'Gentile {{requester.name}}, chiudiamo {{ticket.number}}.' };
    expect((await a.operator.post(`/content-manager/collection-types/${uid}`, draft)).status).toBe(403);
    expect((await a.operator.get(`/content-manager/collection-types/${uid}`)).status).toBe(200);
    const wrong = await a.supervisor.post(`/content-manager/collection-types/${uid}`, { ...draft, body: 'Gentile {{utente.nome}}' });
    expect([wrong.status, wrong.body.error.details.errors[0].path]).toEqual([400, ['body']]);
    const saved = await a.supervisor.post(`/content-manager/collection-types/${uid}`, draft);
    expect(saved.status).toBe(201);
    expect((await a.operator.get('/spoc-console/canned-replies')).body.data.map((reply: { title: string }) => reply.title)).toContain('Chiusura concordata');
    const off = await a.supervisor.put(`/content-manager/collection-types/${uid}/${saved.body.data.documentId}`, { active: false });
    expect(off.status).toBe(200);
    expect((await a.operator.get('/spoc-console/canned-replies')).body.data.map((reply: { title: string }) => reply.title)).not.toContain('Chiusura concordata');
  });

  it('tells the SLA targets a priority implies for an organization and kind', async () => {
    const all = await a.operator.get(`/spoc-console/sla-targets?organization=${azienda}&kind=incident`);
    expect(all.status).toBe(200);
    expect(all.body.data.policy).toEqual(expect.any(String));
    expect(all.body.data.targets.map((target: { priority: string }) => target.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    const p1 = await a.operator.get('/spoc-console/sla-targets?priority=P1');
    expect(p1.body.data.targets).toEqual([{ priority: 'P1', takeChargeMinutes: expect.any(Number), restoreMinutes: expect.any(Number) }]);
    expect((await a.operator.get('/spoc-console/sla-targets?priority=P7')).body.error.details.errors[0].path).toEqual(['priority']);
    expect((await a.operator.get('/spoc-console/sla-targets?organization=nessuna')).body.error.details.errors[0].path).toEqual(['organization']);
  });
});
