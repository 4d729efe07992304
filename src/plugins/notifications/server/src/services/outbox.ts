import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { createId } from '@paralleldrive/cuid2';
import { renderHtml, renderHtmlParagraphs, renderText, withFooterLine } from '../rules/render';
import { footerLineOf, hmacKeyPads, subjectTagOf, threadReference, TOKEN_LENGTH, TOKEN_MESSAGE_PREFIX } from '../rules/thread-token';
import {
  formatDuration,
  formatInstant,
  isAccountEvent,
  isMaintenanceEvent,
  label,
  outcome,
  type AccountEvent,
  type Language,
  type MaintenanceEvent,
  type NotificationEvent,
  type TicketEvent,
} from '../rules/variables';
import { onCurrentTransaction } from '../../../../../utils/knex-in-transaction';
import { joinTable, selectAttributes, tableName, takePrefixed } from '../../../../../utils/schema-metadata';
import { ADMIN_ROLES } from '../../../../../bootstrap/admin-roles';
import { getOutboxWorker, getSlaClock, getTimelineService } from '../../../../../utils/services';
import { adminName, SYSTEM_ACTOR } from '../../../../../api/ticket-event/actor';
import type { NotificationsConfig } from '../config';
import { portalLinks } from '../../../../../utils/portal-links';
import { NUMBER_SQL, type NumberInStatement } from '../../../../ticket-numbering/server/src/services/numbering';

export const OUTBOX_TABLE = 'notif_outbox';
const TICKET = 'api::ticket.ticket';
const MAINTENANCE_LOG = 'api::maintenance-log.maintenance-log';
const ORGANIZATION = 'api::organization.organization';
const USER = 'plugin::users-permissions.user';
/** What messages read of a ticket's organization (all of it) and of its requester. */
const ORGANIZATION_FIELDS = ['id', 'documentId', 'name', 'code', 'referentName', 'referentEmail', 'referentPhone', 'notificationEmail', 'emailDomains', 'language'];
const REQUESTER_FIELDS = ['id', 'email', 'username', 'language'];
const TEMPLATE_TTL_MS = 30_000;
/** Where a message written before its ticket's number is taken has the number's thread token (see `numberedInsert`). */
const TOKEN_PLACEHOLDER = `TOKEN${randomBytes(12).toString('hex').toUpperCase()}`;
/** The columns of a message that name its ticket's number. */
const NUMBERED_COLUMNS = new Set(['subject', 'text', 'html']);

interface Template {
  event: string;
  language: Language;
  subject: string;
  body: string;
}

type Row = Record<string, any>; // rows of our own schemas, read field by field

export interface Recipient {
  address: string;
  name: string;
  language: Language;
}

export interface Prepared {
  ticket: Row;
  organization: Row | null;
  requester: Row | null;
  clock: Row | null;
  templates: Template[];
  /** Supervisors and the assignee, loaded for SLA alerts only. */
  staff: Recipient[];
}

export interface Extra {
  reason?: string | null;
  followUp?: { body: string; author: string; attachments?: string };
  alert?: { clock: 'takeCharge' | 'restore'; threshold: number; dueAt: Date | null; delayMs: number };
  progress?: { count: number; nextAt: Date | null; byPhone: boolean };
  bounce?: { recipient: string; subject: string; status: string; diagnostic: string };
}

/** What an account message's template may name besides the recipient (ACCOUNT_PLACEHOLDERS). */
export interface AccountVars {
  account: { email: string; username: string };
  reset?: { url: string };
}

export interface Preview {
  subject: string;
  text: string;
  html: string;
}

const asLanguage = (value: unknown): Language | null => (value === 'it' || value === 'en' ? value : null);
const adminLanguage = (user: Row): Language => (asLanguage(user.preferedLanguage) === 'en' ? 'en' : 'it');

/**
 * Records the e-mails a change demands in the outbox, inside the transaction of that change, fully
 * rendered and with their final Message-ID: the worker sends exactly what was recorded, whenever it can.
 */
const outbox = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::notifications') as NotificationsConfig;
  // Every change reads the templates; they change rarely. An edit is seen at once by the instance that
  // saved it and within TEMPLATE_TTL_MS by the others.
  let cached: { at: number; list: Promise<Template[]> } | null = null;
  const templates = () => {
    if (!cached || Date.now() - cached.at > TEMPLATE_TTL_MS) {
      const list = strapi.db.query('plugin::notifications.template').findMany({}) as Promise<Template[]>;
      cached = { at: Date.now(), list };
      list.catch(() => (cached = null));
    }
    return cached.list;
  };

  const pick = (list: Template[], event: NotificationEvent, language: Language) =>
    list.find((t) => t.event === event && t.language === language) ?? list.find((t) => t.event === event && t.language === 'it');

  const compose = (template: Pick<Template, 'subject' | 'body'>, vars: Record<string, unknown>, language: Language): Preview => ({
    subject: renderText(template.subject, vars),
    text: renderText(template.body, vars),
    html: renderHtml(template.body, vars, language),
  });

  /** What a ticket's templates can name, in the recipient's language. */
  const ticketVars = (prepared: Prepared, language: Language, recipientName: string, extra: Extra) => {
    const { ticket, clock } = prepared;
    const at = (value: unknown) => formatInstant(value as Date | null, language);
    const requesterName = ticket.requesterName || prepared.requester?.username || ticket.requesterEmail || '';
    return {
      recipient: { name: recipientName },
      ticket: {
        number: ticket.number,
        title: ticket.title,
        description: ticket.description ?? '',
        kind: label(language, 'kind', ticket.kind),
        priority: label(language, 'priority', ticket.priority),
        channel: label(language, 'channel', ticket.channel),
        state: label(language, 'state', ticket.state),
        reportedAt: at(ticket.reportedAt),
        registeredAt: at(ticket.registeredAt),
        takenInChargeAt: at(ticket.takenInChargeAt),
        restoredAt: at(ticket.restoredAt),
        closedAt: at(ticket.closedAt),
        resolution: ticket.resolution ?? '',
        url: portalLinks(config().publicUrl).request(ticket.documentId),
        adminUrl: `${config().adminUrl}/content-manager/collection-types/${TICKET}/${ticket.documentId}`,
        assignee: adminName(ticket.assignee as Row | null) || (language === 'it' ? 'nessuno' : 'none'),
      },
      organization: { name: prepared.organization?.name ?? '' },
      requester: { name: prepared.requester || ticket.requesterEmail ? requesterName : recipientName },
      reason: extra.reason ?? ticket.suspensionReason ?? '',
      sla: {
        policy: clock?.policy_name ?? '',
        takeChargeDueAt: at(clock?.take_charge_due_at),
        restoreDueAt: at(clock?.restore_due_at),
        takeChargeOutcome: outcome(language, bool(clock?.take_charge_met), clock?.take_charge_elapsed_minutes != null),
        restoreOutcome: outcome(language, bool(clock?.restore_met), clock?.restore_elapsed_minutes != null),
      },
      // A ticket passed in as stored may carry the Content Manager's relation counts ({ count }) here, not rows.
      followUps: (Array.isArray(ticket.followUps) ? (ticket.followUps as Row[]) : []).map((f) => ({ at: at(f.createdAt), author: f.authorName || '', body: f.body })),
      followUp: { body: '', author: '', attachments: '', ...extra.followUp },
      alert: extra.alert
        ? {
            clock: label(language, 'clock', extra.alert.clock),
            threshold: `${Math.round(extra.alert.threshold * 100)}%`,
            dueAt: at(extra.alert.dueAt),
            delay: formatDuration(extra.alert.delayMs, language),
          }
        : null,
      bounce: extra.bounce ?? null,
      progress: extra.progress
        ? { count: extra.progress.count, nextAt: at(extra.progress.nextAt), nextStep: nextStep(ticket.state, language) }
        : null,
    };
  };

  const maintenanceVars = (log: Row, language: Language, recipientName: string) => {
    const at = (value: unknown) => formatInstant(value as Date | null, language);
    return {
      recipient: { name: recipientName },
      organization: { name: log.organization?.name ?? '' },
      maintenance: {
        title: log.title,
        description: log.description ?? '',
        type: label(language, 'maintenanceType', log.type),
        state: label(language, 'maintenanceState', log.state),
        scheduledStart: at(log.scheduledStart),
        scheduledEnd: at(log.scheduledEnd),
        actualStart: at(log.actualStart),
        actualEnd: at(log.actualEnd),
        affectedServices: log.affectedServices ?? '',
        outcome: log.outcome ?? '',
      },
    };
  };

  const row = (event: NotificationEvent, language: Language, address: string, message: Preview, thread: { rootId: string; isRoot: boolean; documentId: string }, target: Row, now: Date) => ({
    document_id: thread.documentId,
    state: 'pending',
    event,
    language,
    recipient: address,
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...target,
    // A thread's first message carries the root Message-ID; every later one answers it.
    message_id: thread.isRoot ? thread.rootId : `<${thread.documentId}@${config().messageIdDomain}>`,
    in_reply_to: thread.isRoot ? null : thread.rootId,
    attempts: 0,
    next_attempt_at: now,
    created_at: now,
    updated_at: now,
    published_at: now,
  });

  /**
   * A ticket's organization (all its fields) and requester (contact fields) in one joined read, under
   * Strapi's attribute names: Strapi's populate would take a query for the ticket and one per relation.
   */
  const contacts = async (ticketId: number): Promise<{ organization: Row | null; requester: Row | null }> => {
    const knex = strapi.db.connection;
    const org = joinTable(strapi, TICKET, 'organization');
    const requester = joinTable(strapi, TICKET, 'requester');
    const query = knex(`${tableName(strapi, TICKET)} as t`)
      .leftJoin(`${org.name} as ol`, `ol.${org.joinColumn.name}`, 't.id')
      .leftJoin(`${tableName(strapi, ORGANIZATION)} as o`, 'o.id', `ol.${org.inverseJoinColumn.name}`)
      .leftJoin(`${requester.name} as rl`, `rl.${requester.joinColumn.name}`, 't.id')
      .leftJoin(`${tableName(strapi, USER)} as u`, 'u.id', `rl.${requester.inverseJoinColumn.name}`)
      .where('t.id', ticketId)
      .first([...selectAttributes(strapi, ORGANIZATION, 'o', ORGANIZATION_FIELDS, 'o__'), ...selectAttributes(strapi, USER, 'u', REQUESTER_FIELDS, 'u__')]);
    const row = (await onCurrentTransaction(strapi, query)) as Row | undefined;
    return { organization: takePrefixed(row, 'o__'), requester: takePrefixed(row, 'u__') };
  };

  /**
   * The INSERT of messages written before their ticket's number was taken, for the statement that takes it
   * (PostgreSQL): subject, text and HTML get the number for its placeholder, and the number's thread token,
   * an HMAC-SHA256 the database computes from the key's pads (rules/thread-token.ts), for TOKEN_PLACEHOLDER.
   */
  const numberedInsert = (rows: Row[], number: NumberInStatement): Knex.Sql => {
    const columns = Object.keys(rows[0]);
    const pads = hmacKeyPads(config().threadSecret);
    const token = `SUBSTR(ENCODE(SHA256(? || SHA256(? || CONVERT_TO(? || ${NUMBER_SQL}, 'UTF8'))), 'hex'), 1, ${TOKEN_LENGTH})`;
    const bindings: unknown[] = [];
    const tuples = rows.map((row) => {
      const values = columns.map((column) => {
        if (!NUMBERED_COLUMNS.has(column) || typeof row[column] !== 'string') {
          bindings.push(row[column]);
          return '?';
        }
        bindings.push(row[column], number.placeholder, TOKEN_PLACEHOLDER, pads.outer, pads.inner, TOKEN_MESSAGE_PREFIX);
        return `REPLACE(REPLACE(?, ?, ${NUMBER_SQL}), ?, ${token})`;
      });
      return `(${values.join(', ')})`;
    });
    return { sql: `INSERT INTO "${OUTBOX_TABLE}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`, bindings } as unknown as Knex.Sql;
  };

  /**
   * Inserts the rows, or hands their INSERT to `alongside` for a caller that sends it with its own statement
   * (with `number`, the statement that takes the ticket's number).
   */
  const record = async (rows: Row[], alongside?: Knex.Sql[], number?: NumberInStatement) => {
    if (rows.length === 0) return 0;
    if (number && !alongside) throw new Error('record: messages awaiting their number go with the statement that takes it');
    if (alongside) alongside.push(number ? numberedInsert(rows, number) : strapi.db.connection(OUTBOX_TABLE).insert(rows).toSQL());
    else await onCurrentTransaction(strapi, strapi.db.connection(OUTBOX_TABLE).insert(rows));
    await getOutboxWorker(strapi).runAfterCommit();
    return rows.length;
  };

  return {
    /** Called when a template is saved here, so that the next message uses it. */
    forgetTemplates() {
      cached = null;
    },

    /**
     * Loads what the messages of a ticket need; call it inside the change's transaction. A caller that holds
     * the ticket as just stored, or its SLA clock row as just saved, passes them and saves their reads.
     */
    async prepare(ticketId: number, options: { followUps?: boolean; staff?: boolean; ticket?: Row; clock?: Row | null } = {}): Promise<Prepared> {
      const populate = {
        ...(options.followUps ? { followUps: { where: { visibility: 'public' }, orderBy: { createdAt: 'asc' } } } : {}),
        ...(options.staff ? { assignee: { select: ['id', 'email', 'firstname', 'lastname', 'preferedLanguage', 'isActive', 'blocked'] } } : {}),
      };
      const [ticket, people, clock, list] = await Promise.all([
        options.ticket && Object.keys(populate).length === 0 ? options.ticket : (strapi.db.query(TICKET).findOne({ where: { id: ticketId }, populate }) as Promise<Row>),
        contacts(ticketId),
        options.clock !== undefined ? options.clock : getSlaClock(strapi).stored(ticketId),
        templates(),
      ]);
      const staff = options.staff ? await this.alertedStaff(ticket.assignee) : [];
      return { ticket, ...people, clock, templates: list, staff };
    },

    /** The supervisors, and the assignee when there is one; active accounts only. */
    async alertedStaff(assignee: Row | null | undefined): Promise<Recipient[]> {
      const supervisors = (await strapi.db.query('admin::user').findMany({
        where: { isActive: true, blocked: false, roles: { name: ADMIN_ROLES.supervisor.name } },
        select: ['id', 'email', 'firstname', 'lastname', 'preferedLanguage'],
      })) as Row[];
      const people = [...supervisors, ...(assignee && assignee.isActive && !assignee.blocked ? [assignee] : [])];
      return people.map((user) => ({ address: user.email, name: adminName(user) ?? '', language: adminLanguage(user) }));
    },

    /**
     * Renders and records the messages of one ticket event; returns how many. With `alongside`, the INSERT
     * is left there for the caller to send in its own next statement of the same transaction. With `number`,
     * the ticket's number is not taken yet: the messages are written with its placeholder (what
     * `prepared.ticket.number` holds) and recorded by the statement that takes it.
     */
    async enqueue(event: TicketEvent, prepared: Prepared, extra: Extra = {}, options: { alongside?: Knex.Sql[]; number?: NumberInStatement } = {}) {
      const recipients = this.recipients(event, prepared);
      const now = new Date();
      const rootId = `<ticket.${prepared.ticket.documentId}@${config().messageIdDomain}>`;
      const rows = recipients.flatMap((recipient, index) => {
        const template = pick(prepared.templates, event, recipient.language);
        if (!template) return [];
        const composed = compose(template, ticketVars(prepared, template.language, recipient.name, extra), template.language);
        const message = options.number ? withReference(composed, `${prepared.ticket.number}/${TOKEN_PLACEHOLDER}`, template.language) : this.signed(composed, prepared.ticket.number, template.language);
        const thread = { rootId, isRoot: event === 'ticket.opened' && index === 0, documentId: createId() };
        return [row(event, template.language, recipient.address, message, thread, { ticket_id: prepared.ticket.id }, now)];
      });
      return record(rows, options.alongside, options.number);
    },

    /** The messages of a maintenance log's step, to its organization; threaded on the log's first message. */
    async enqueueMaintenance(event: MaintenanceEvent, maintenanceLogId: number) {
      const log = (await strapi.db.query(MAINTENANCE_LOG).findOne({ where: { id: maintenanceLogId }, populate: { organization: true } })) as Row | null;
      const organization = log?.organization as Row | undefined;
      if (!log || !organization) return 0;
      const language = asLanguage(organization.language) ?? 'it';
      const recipients = dedupe([
        ...(organization.notificationEmail ? [{ address: organization.notificationEmail, name: organization.name, language }] : []),
        ...(organization.referentEmail ? [{ address: organization.referentEmail, name: organization.referentName || organization.name, language }] : []),
      ]);
      const list = await templates();
      const earlier = await onCurrentTransaction(strapi, strapi.db.connection(OUTBOX_TABLE).where({ maintenance_log_id: log.id }).first('id'));
      const rootId = `<maintenance.${log.documentId}@${config().messageIdDomain}>`;
      const now = new Date();
      const rows = recipients.flatMap((recipient, index) => {
        const template = pick(list, event, recipient.language);
        if (!template) return [];
        const message = compose(template, maintenanceVars(log, template.language, recipient.name), template.language);
        const thread = { rootId, isRoot: !earlier && index === 0, documentId: createId() };
        return [row(event, template.language, recipient.address, message, thread, { maintenance_log_id: log.id }, now)];
      });
      return record(rows);
    },

    /**
     * A message about a person's account (a password reset): no ticket or maintenance log, a thread of its
     * own. Recorded in the caller's transaction like every other message, so it is sent only if that commits.
     */
    async enqueueAccount(event: AccountEvent, recipient: Recipient, vars: AccountVars) {
      const template = pick(await templates(), event, recipient.language);
      if (!template) return 0;
      const message = compose(template, { recipient: { name: recipient.name }, ...vars }, template.language);
      const documentId = createId();
      const thread = { rootId: `<${documentId}@${config().messageIdDomain}>`, isRoot: true, documentId };
      return record([row(event, template.language, recipient.address, message, thread, {}, new Date())]);
    },

    recipients(event: TicketEvent, prepared: Prepared): Recipient[] {
      const { ticket, organization, requester } = prepared;
      const orgLanguage = asLanguage(organization?.language) ?? 'it';
      if (event === 'sla.warning' || event === 'sla.breached' || event === 'email.undelivered') return dedupe(prepared.staff);
      if (event === 'ticket.progress') {
        return organization?.referentEmail ? [{ address: organization.referentEmail, name: organization.referentName || organization.name, language: orgLanguage }] : [];
      }
      const list: Recipient[] = [];
      const requesterAddress = requester?.email ?? ticket.requesterEmail;
      if (requesterAddress) {
        // The requester's own language when known, else the organization's.
        const language = asLanguage(requester?.language) ?? orgLanguage;
        list.push({ address: requesterAddress, name: ticket.requesterName || requester?.username || requesterAddress, language });
      }
      const toOrganization = ['ticket.opened', 'ticket.restored', 'ticket.closed'].includes(event);
      if (toOrganization && organization?.notificationEmail) {
        list.push({ address: organization.notificationEmail, name: organization.name, language: orgLanguage });
      }
      return dedupe(list);
    },

    /**
     * A delivery report says one of our messages did not arrive: the message is marked undelivered, its
     * ticket's timeline says so, and the supervisors are told, since the clause makes these e-mails
     * mandatory. Returns 1 when a sent message was marked, 0 when it was unknown or already marked.
     */
    async markUndelivered(messageId: string, report: { recipient: string | null; status: string | null; diagnostic: string | null }): Promise<number> {
      return strapi.db.transaction(async ({ trx }) => {
        const message = await strapi.db.connection(OUTBOX_TABLE).transacting(trx).where({ message_id: messageId, state: 'sent' }).first();
        if (!message) return 0;
        const outcome = [report.status, report.diagnostic].filter(Boolean).join(' ') || 'delivery status report';
        await strapi.db.connection(OUTBOX_TABLE).transacting(trx).where({ id: message.id }).update({ state: 'undelivered', last_error: outcome, updated_at: new Date() });
        if (!message.ticket_id) return 1;
        const ticket = await strapi.db.connection('tickets').transacting(trx).where({ id: message.ticket_id }).first('id', 'document_id');
        await getTimelineService(strapi).append(
          { id: ticket.id, documentId: ticket.document_id },
          { type: 'email.undelivered', visibility: 'public', at: new Date(), data: { event: message.event, recipient: message.recipient, messageId, status: report.status, diagnostic: report.diagnostic } },
          SYSTEM_ACTOR
        );
        // An alert to the staff that itself bounced alerts no one again: no loop.
        if (!['email.undelivered', 'sla.warning', 'sla.breached'].includes(message.event)) {
          await this.enqueue('email.undelivered', await this.prepare(message.ticket_id, { staff: true }), {
            bounce: { recipient: report.recipient ?? message.recipient, subject: message.subject, status: report.status ?? '', diagnostic: report.diagnostic ?? '' },
          });
        }
        return 1;
      });
    },

    /**
     * A template as it would read, for the editor's preview: on the given ticket or maintenance log, else on
     * the latest one, so that supervisors see real values. Nothing is recorded.
     */
    async preview(input: { event: NotificationEvent; language: Language; subject: string; body: string; documentId?: string }): Promise<Preview | null> {
      const greeting = 'Mario Rossi';
      if (isAccountEvent(input.event)) {
        const sample: AccountVars = {
          account: { email: 'mario.rossi@example.org', username: 'mario.rossi' },
          reset: { url: portalLinks(config().publicUrl).resetPassword('ESEMPIO') },
        };
        return compose(input, { recipient: { name: greeting }, ...sample }, input.language);
      }
      if (isMaintenanceEvent(input.event)) {
        const log = (await strapi.db.query(MAINTENANCE_LOG).findOne({
          where: input.documentId ? { documentId: input.documentId } : {},
          orderBy: { id: 'desc' },
          populate: { organization: true },
        })) as Row | null;
        return log ? compose(input, maintenanceVars(log, input.language, greeting), input.language) : null;
      }
      const found = (await strapi.db.query(TICKET).findOne({ where: input.documentId ? { documentId: input.documentId } : {}, orderBy: { id: 'desc' }, select: ['id'] })) as Row | null;
      if (!found) return null;
      const prepared = await this.prepare(found.id, { followUps: true });
      const sample: Extra = {
        followUp: { body: input.language === 'it' ? 'Testo di esempio di un aggiornamento.' : 'Sample update text.', author: 'Operatore SPOC' },
        alert: { clock: 'restore', threshold: 0.75, dueAt: new Date(Date.now() + 3_600_000), delayMs: 0 },
        progress: { count: 1, nextAt: new Date(Date.now() + 86_400_000), byPhone: false },
      };
      return this.signed(compose(input, ticketVars({ ...prepared, ticket: { ...prepared.ticket, assignee: null } }, input.language, greeting, sample), input.language), prepared.ticket.number, input.language);
    },

    /**
     * A text with the ticket templates' placeholders filled for one ticket as its e-mails fill them, written
     * to its requester (the console's canned replies): plain text and HTML paragraphs. Nothing is recorded.
     */
    async renderOnTicket(ticketId: number, body: string, language: Language) {
      const prepared = await this.prepare(ticketId, { followUps: true });
      const recipient = this.recipients('follow-up.public', prepared)[0];
      const vars = ticketVars(prepared, language, recipient?.name ?? '', {});
      return { text: renderText(body, vars), html: renderHtmlParagraphs(body, vars) };
    },

    /**
     * Every ticket message names its ticket where replies keep it: in the subject, where mail clients and
     * the intake look for it, and in a footer line; both with the signed reference, which the intake trusts
     * from any sender (the bare number only from the ticket's participants).
     */
    signed(message: Preview, number: string, language: Language): Preview {
      return withReference(message, threadReference(number, config().threadSecret), language);
    },
  };
};

/** A message with its ticket's signed reference in the subject's tag and the footer line. */
function withReference(message: Preview, reference: string, language: Language): Preview {
  return { subject: `${subjectTagOf(reference)} ${message.subject}`, ...withFooterLine(message, footerLineOf(reference, language)) };
}

function dedupe(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => r.address && !seen.has(r.address.toLowerCase()) && seen.add(r.address.toLowerCase()));
}

/** What the referent can expect next, from the ticket's state. */
function nextStep(state: string, language: Language): string {
  const it: Record<string, string> = {
    new: 'la richiesta sarà presa in carico da un operatore SPOC.',
    in_charge: "l'operatore incaricato prosegue l'intervento fino al ripristino del servizio.",
    suspended: "la lavorazione riprenderà appena l'Amministrazione fornirà quanto indicato nel motivo della sospensione.",
  };
  const en: Record<string, string> = {
    new: 'an SPOC operator will take the request in charge.',
    in_charge: 'the assigned operator continues the work until the service is restored.',
    suspended: 'work resumes as soon as the Administration provides what the suspension reason asks for.',
  };
  return (language === 'it' ? it : en)[state] ?? '';
}

function bool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1;
}

export type OutboxService = ReturnType<typeof outbox>;
export default outbox;
