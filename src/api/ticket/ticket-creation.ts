import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { fieldValidationError } from '../../access/field-errors';
import { currentActor } from '../ticket-event/actor';
import { getAttachmentsService, getNumberingService, getOutbox, getSlaClock, getSlaTracker, getTimelineService } from '../../utils/services';
import { assertNoSystemFieldsOnCreate, checkReportedAt, FieldError } from './input-rules';
import { mapUniqueViolation } from './unique-violations';
import { isPostgres } from '../../utils/dialect';

type Data = Record<string, unknown>;
export type TicketRow = { id: number; documentId: string } & Data;

/** Our rules' refusals as Strapi's HTTP errors: a field's 400, a unique index's 409. */
export function asTicketWriteError(error: unknown): unknown {
  if (error instanceof FieldError) return fieldValidationError(error.field, error.message);
  return mapUniqueViolation(error);
}

/**
 * The one way a ticket comes to exist, whoever writes it (REST, portal, phone calls, e-mail intake, admin
 * panel, seed): its number and `ticket.created` event in the creation's own transaction, with its SLA
 * clocks and its opening e-mail (D5, D6, D7). `insert` writes the row: the Document Service's own step for
 * the admin panel (document-middleware.ts), the Query Engine for our services (services/ticket.ts).
 */
export async function createTicket(strapi: Core.Strapi, input: Data, insert: (data: Data) => Promise<TicketRow>): Promise<TicketRow> {
  const data: Data = { ...input };
  const now = new Date();
  assertNoSystemFieldsOnCreate(data);
  const reportedAt = data.reportedAt ? checkReportedAt(data.reportedAt, now) : now;

  return strapi.db.transaction(async () => {
    const ticket = await insert({ ...data, number: null, state: 'new', reportedAt, registeredAt: now, timelineLength: 0, timelineHash: null, resolution: null });
    // Writes that wait for the timeline event's statement: fewer round trips inside the transaction.
    const alongside: Knex.Sql[] = [];
    const sla = await getSlaTracker(strapi).start(ticket.id, now, alongside);
    if (sla) getSlaClock(strapi).rememberWritten(ticket, sla.row);
    const evidence = await getAttachmentsService(strapi).evidence(attachmentIds(data.attachments));
    // Everything the opening e-mail needs is read before the number is taken (D6: every request is notified).
    const mail = await getOutbox(strapi).prepare(ticket.id, { ticket: { ...ticket }, clock: sla?.row ?? null });
    // The number is taken last, just before the commit: the counter row stays locked for as short a time
    // as possible, since every concurrent creation queues on it. On PostgreSQL it is taken by the event's
    // own statement, which also records the e-mails: they are written with the number's placeholder.
    const inStatement = isPostgres(strapi) ? getNumberingService(strapi).numberInStatement(now) : null;
    const taken = inStatement ? inStatement.placeholder : await getNumberingService(strapi).allocate(now);
    mail.ticket.number = taken;
    await getOutbox(strapi).enqueue('ticket.opened', mail, {}, { alongside, number: inStatement ?? undefined });
    const event = await getTimelineService(strapi).append(
      ticket,
      {
        type: 'ticket.created',
        toStatus: 'new',
        at: now,
        data: {
          number: taken,
          title: ticket.title,
          kind: ticket.kind,
          priority: ticket.priority,
          channel: ticket.channel,
          reportedAt: reportedAt.toISOString(),
          registeredAt: now.toISOString(),
          attachments: evidence,
          sla: sla?.recorded ?? null,
        },
      },
      currentActor(strapi),
      // A ticket inserted a moment ago in this transaction: nobody else can hold its row, its chain is empty.
      { knownHead: { length: 0, hash: null }, ticketColumns: { number: taken }, alongside, number: inStatement ?? undefined }
    );
    // The caller gets the ticket as stored: its number and the chain head the event just moved.
    Object.assign(ticket, { number: event.number ?? taken, timelineLength: event.seq, timelineHash: event.hash });
    return ticket;
  });
}


/** Media ids as the Document Service accepts them: an id, a list of ids, or of { id } objects. */
function attachmentIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((entry) => Number(typeof entry === 'object' && entry ? (entry as { id: unknown }).id : entry)).filter(Number.isInteger);
}
