import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { conflict } from '../../../../../utils/http-errors';
import { maintenanceActions, maintenanceTransition, type MaintenanceAction } from '../rules/maintenance-rules';

const MAINTENANCE = 'api::maintenance-log.maintenance-log';
const ORGANIZATION = 'api::organization.organization';
const TICKET = 'api::ticket.ticket';

type Row = Record<string, any>; // maintenance rows with their relations, read field by field

export interface MaintenanceInput {
  title?: string;
  description?: string | null;
  type?: 'planned' | 'preventive' | 'corrective' | 'evolutive';
  organization?: string;
  scheduledStart?: string;
  scheduledEnd?: string;
  affectedServices?: string | null;
  /** Linked tickets, by number (HD-…) or document id: the whole list. */
  tickets?: string[];
}

const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : null);
const POPULATE = { organization: { select: ['documentId', 'name'] }, tickets: { select: ['documentId', 'number', 'title', 'state'] } };

const view = (row: Row) => ({
  documentId: row.documentId,
  title: row.title,
  description: row.description ?? null,
  type: row.type,
  state: row.state,
  scheduledStart: iso(row.scheduledStart),
  scheduledEnd: iso(row.scheduledEnd),
  actualStart: iso(row.actualStart),
  actualEnd: iso(row.actualEnd),
  affectedServices: row.affectedServices ?? null,
  outcome: row.outcome ?? null,
  organization: row.organization ? { documentId: row.organization.documentId, name: row.organization.name } : null,
  tickets: ((row.tickets ?? []) as Row[]).map((ticket) => ({ documentId: ticket.documentId, number: ticket.number, title: ticket.title, state: ticket.state })),
  actions: maintenanceActions(row.state),
});

/**
 * The maintenance desk (issue 16): the activities of a period for the calendar, planned and edited in the
 * console, moved through planned → in progress → completed. Writes go through the Document Service, whose
 * middleware (src/api/maintenance-log/document-middleware.ts) records the organization's e-mail of each step
 * in the same transaction.
 */
const maintenanceDesk = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The activities whose window meets [from, to): scheduled, or actual when it ran outside its schedule. */
  async list(from: Date, to: Date, organization?: string) {
    const meets = (start: string, end: string) => ({ [start]: { $lt: to }, $or: [{ [end]: { $gte: from } }, { [end]: { $null: true }, [start]: { $gte: from } }] });
    const rows = (await strapi.db.query(MAINTENANCE).findMany({
      where: { $and: [{ $or: [meets('scheduledStart', 'scheduledEnd'), meets('actualStart', 'actualEnd')] }, ...(organization ? [{ organization: { documentId: organization } }] : [])] },
      populate: POPULATE,
      orderBy: [{ scheduledStart: 'asc' }, { id: 'asc' }],
      limit: 1000,
    })) as Row[];
    return rows.map(view);
  },

  async get(documentId: string) {
    return view(await this.find(documentId));
  },

  async create(input: MaintenanceInput) {
    const data = await this.data(input, null);
    const created = (await strapi.documents(MAINTENANCE).create({ data: { ...data, state: 'planned' } as never })) as Row;
    return this.get(created.documentId);
  },

  /** An edit of what the activity is and when; its state moves only by `perform`. */
  async update(documentId: string, input: MaintenanceInput) {
    const current = await this.find(documentId);
    if (['completed', 'cancelled'].includes(current.state)) throw conflict(`Cannot edit a maintenance that is "${current.state}"`, { action: 'edit', state: current.state });
    const data = await this.data(input, current);
    await strapi.documents(MAINTENANCE).update({ documentId, data: data as never });
    return this.get(documentId);
  },

  /** Start, complete (with its outcome) or cancel: the actual times are the server's, the e-mail goes with the change. */
  async perform(documentId: string, action: MaintenanceAction, input: { outcome?: string }, now = new Date()) {
    return strapi.db.transaction(async () => {
      const current = await this.find(documentId);
      const next = maintenanceTransition(current.state, action);
      if (!next) throw conflict(`Cannot ${action} a maintenance that is "${current.state}"`, { action, state: current.state });
      const outcome = input.outcome?.trim() || null;
      if (action === 'complete' && !outcome) throw fieldValidationError('outcome', 'outcome is required: how the activity went');
      const data: Row = { state: next };
      if (action === 'start') data.actualStart = now;
      if (action === 'complete') Object.assign(data, { actualEnd: now, outcome, ...(current.actualStart ? {} : { actualStart: now }) });
      if (action === 'cancel' && outcome) data.outcome = outcome;
      await strapi.documents(MAINTENANCE).update({ documentId, data: data as never });
      return this.get(documentId);
    });
  },

  async find(documentId: string): Promise<Row> {
    const row = (await strapi.db.query(MAINTENANCE).findOne({ where: { documentId }, populate: POPULATE })) as Row | null;
    if (!row) throw new errors.NotFoundError('Maintenance not found');
    return row;
  },

  /** The stored fields of an input: relations checked (400 naming the field), the window in order. */
  async data(input: MaintenanceInput, current: Row | null) {
    const data: Row = {};
    for (const field of ['title', 'description', 'type', 'affectedServices'] as const) if (input[field] !== undefined) data[field] = input[field];
    if (input.scheduledStart !== undefined) data.scheduledStart = new Date(input.scheduledStart);
    if (input.scheduledEnd !== undefined) data.scheduledEnd = new Date(input.scheduledEnd);
    const start = data.scheduledStart ?? (current?.scheduledStart ? new Date(current.scheduledStart) : null);
    const end = data.scheduledEnd ?? (current?.scheduledEnd ? new Date(current.scheduledEnd) : null);
    if (start && end && end.getTime() <= start.getTime()) throw fieldValidationError('scheduledEnd', 'scheduledEnd must be after scheduledStart');
    if (input.organization !== undefined) {
      const organization = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId: input.organization }, select: ['id'] })) as Row | null;
      if (!organization) throw fieldValidationError('organization', 'organization: no such organization');
      data.organization = organization.id;
    }
    if (input.tickets !== undefined) {
      const keys = input.tickets.map((key) => key.trim()).filter(Boolean);
      const found = keys.length
        ? ((await strapi.db.query(TICKET).findMany({ where: { $or: [{ number: { $in: keys.map((key) => key.toUpperCase()) } }, { documentId: { $in: keys } }] }, select: ['id', 'documentId', 'number'] })) as Row[])
        : [];
      const missing = keys.find((key) => !found.some((ticket) => ticket.number === key.toUpperCase() || ticket.documentId === key));
      if (missing) throw fieldValidationError('tickets', `tickets: no ticket ${missing}`);
      data.tickets = found.map((ticket) => ticket.id);
    }
    return data;
  },
});

export type MaintenanceDeskService = ReturnType<typeof maintenanceDesk>;
export default maintenanceDesk;
