import type { ParsedMail } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { actors, backends, createTicket, DEMO, mailDir, type Actors, ticketSubject } from '../../support/api';
import { waitForMail } from '../../support/smtp-sink';
import { connect } from '../../support/database';

const HOUR = 3_600_000;
const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);

describe.each(backends())('SLA alert and maintenance e-mails on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });

  it('alerts the supervisors and the assignee of each SLA warning and breach, once', async () => {
    // Reported 5 hours ago at P1 (restore within 4 h): both restore warnings and the breach are due.
    const ticket = await createTicket(a.tool, a.organizations.azienda.documentId, { priority: 'P1', reportedAt: new Date(Date.now() - 5 * HOUR).toISOString(), title: 'Rete del pronto soccorso assente' });
    const taken = await a.operator.post(`/spoc-console/tickets/${ticket.documentId}/actions/take-charge`, {});
    expect(taken.status).toBe(200);
    await Promise.all([a.tool.post('/api/sla/sweep', {}), a.tool.post('/api/sla/sweep', {})]);

    const isAlert = (mail: ParsedMail) => mail.inReplyTo === `<ticket.${ticket.documentId}@spoc-desk.test>` && /SLA/.test(mail.subject ?? '');
    const alerts = await waitForMail(mailDir(), isAlert, 6);
    expect([...new Set(alerts.flatMap(to))].sort()).toEqual([DEMO.operator, DEMO.supervisor].sort());
    const toSupervisor = alerts.filter((mail) => to(mail).includes(DEMO.supervisor)).map((mail) => mail.subject).sort();
    expect(toSupervisor).toEqual([
      expect.stringMatching(ticketSubject(ticket.number, 'Avviso SLA: 75% del tempo di ripristino trascorso')),
      expect.stringMatching(ticketSubject(ticket.number, 'Avviso SLA: 90% del tempo di ripristino trascorso')),
      expect.stringMatching(ticketSubject(ticket.number, 'SLA violato: ripristino oltre il termine')),
    ]);
    const breach = alerts.find((mail) => (mail.subject ?? '').includes('violato'))!;
    expect(breach.text).toContain('Rete del pronto soccorso assente');
    expect(breach.text).toMatch(/ritardo al momento dell'avviso: (59 min|1 h|1 h 1 min)\./);
    expect(breach.text).toContain('Incaricato: Oscar Operatore');
    expect(breach.text).toContain(`/admin/content-manager/collection-types/api::ticket.ticket/${ticket.documentId}`);
    // Sweeping again raises nothing new: still three alerts for each of the two.
    await a.tool.post('/api/sla/sweep', {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await waitForMail(mailDir(), isAlert, 6)).toHaveLength(6);
  });

  it('tells the organization and its referent when maintenance is planned, starts and is completed', async () => {
    const start = new Date(Date.now() + 24 * HOUR);
    const created = await a.tool.post('/api/maintenance-logs', {
      data: {
        title: `Aggiornamento del firewall perimetrale (${backend.name})`,
        type: 'planned',
        state: 'planned',
        scheduledStart: start.toISOString(),
        scheduledEnd: new Date(start.getTime() + 2 * HOUR).toISOString(),
        affectedServices: 'VPN, posta elettronica',
        organization: a.organizations.azienda.documentId,
      },
    });
    expect(created.status).toBe(201);
    const log = created.body.data as { documentId: string };
    const root = `<maintenance.${log.documentId}@spoc-desk.test>`;
    const ofLog = (word: string) => (mail: ParsedMail) => (mail.messageId === root || mail.inReplyTo === root) && (mail.subject ?? '').includes(word);

    const planned = await waitForMail(mailDir(), ofLog('pianificata'), 2);
    expect(planned.flatMap(to).sort()).toEqual([DEMO.referent, 'helpdesk-notifiche@azero.veneto.it'].sort());
    expect(planned.map((mail) => mail.messageId)).toContain(root);
    const toReferent = planned.find((mail) => to(mail).includes(DEMO.referent))!;
    expect(toReferent.text).toContain('Gentile Giulia Bianchi');
    expect(toReferent.text).toContain('Servizi interessati: VPN, posta elettronica');
    expect(toReferent.text).toMatch(/Finestra prevista: dal \d\d\/\d\d\/\d{4} ore \d\d:\d\d al /);

    await a.tool.put(`/api/maintenance-logs/${log.documentId}`, { data: { state: 'in_progress', actualStart: new Date().toISOString() } });
    const started = await waitForMail(mailDir(), ofLog('iniziata'), 2);
    expect(started.every((mail) => mail.inReplyTo === root)).toBe(true);
    // An edit that changes no state sends nothing.
    await a.tool.put(`/api/maintenance-logs/${log.documentId}`, { data: { description: 'Aggiunta la regola per il nuovo PACS' } });
    await a.tool.put(`/api/maintenance-logs/${log.documentId}`, { data: { state: 'completed', actualEnd: new Date().toISOString(), outcome: 'Completato senza disservizi' } });
    const completed = await waitForMail(mailDir(), ofLog('completata'), 2);
    expect(completed[0].text).toContain('Esito: Completato senza disservizi');
    const all = await waitForMail(mailDir(), (mail) => mail.messageId === root || mail.inReplyTo === root, 6);
    expect(all).toHaveLength(6);
  });
});

/**
 * A sweep that finds the ticket row held by another writer (a timeline append for a sent e-mail, an
 * operator's action) used to skip the ticket (SKIP LOCKED) until the next cron tick, a minute later: the
 * cause of the flaky alert test above, whose two sweeps met the opening e-mail's `email.sent` append. It now
 * waits for the writer and raises what is due; only another sweeper on the same ticket is skipped.
 */
describe.each(backends().filter((backend) => backend.name === 'postgres'))('SLA sweep and concurrent writers on $name', (backend) => {
  it('raises the alarms of a ticket whose row another transaction holds, once it is released', async () => {
    const a = await actors(backend);
    const ticket = await createTicket(a.tool, a.organizations.quiet.documentId, { priority: 'P1', reportedAt: new Date(Date.now() - 5 * HOUR).toISOString() });
    const holder = await connect(backend.db);
    const watcher = await connect(backend.db);
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM tickets WHERE id = ? FOR UPDATE', [ticket.id]);
      let answered = false;
      const sweep = a.tool.post('/api/sla/sweep', {}).then((res) => ((answered = true), res));
      // Until the sweep either answers (it skipped the ticket) or waits for the row lock.
      const waiting = async () =>
        (await watcher.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))[0].n !== '0';
      const deadline = Date.now() + 20_000;
      while (!answered && !(await waiting()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await holder.query('COMMIT');
      expect((await sweep).status).toBe(200);
      const marks = await watcher.query<{ kind: string }>('SELECT kind FROM sla_marks WHERE ticket_id = ?', [ticket.id]);
      expect(marks.map((mark) => mark.kind)).toContain('breach');
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.close();
      await watcher.close();
    }
  });
});
