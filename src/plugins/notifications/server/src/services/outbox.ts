import type { Core } from '@strapi/strapi';
import { createId } from '@paralleldrive/cuid2';
import { renderHtml, renderText } from '../rules/render';
import { formatInstant, label, outcome, type Language, type NotificationEvent } from '../rules/variables';
import { withKnex } from '../../../../../utils/knex-in-transaction';
import { getSlaClock } from '../../../../../utils/services';
import type { NotificationsConfig } from '../config';

export const OUTBOX_TABLE = 'notif_outbox';
const TICKET = 'api::ticket.ticket';

interface Template {
  event: string;
  language: Language;
  subject: string;
  body: string;
}

type Row = Record<string, any>; // rows of our own schemas, read field by field

export interface Prepared {
  ticket: Row;
  organization: Row | null;
  requester: Row | null;
  clock: Row | null;
  templates: Template[];
}

interface Recipient {
  address: string;
  name: string;
  language: Language;
}

const asLanguage = (value: unknown): Language | null => (value === 'it' || value === 'en' ? value : null);

/**
 * Records the e-mails a ticket change demands in the outbox, inside the transaction of that change, fully
 * rendered and with their final Message-ID: the worker sends exactly what was recorded, whenever it can.
 */
const outbox = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get('plugin::notifications') as NotificationsConfig;

  return {
    /** Loads what the messages of a ticket need; call it inside the change's transaction. */
    async prepare(ticketId: number, options: { followUps?: boolean } = {}): Promise<Prepared> {
      const ticket = (await strapi.db.query(TICKET).findOne({
        where: { id: ticketId },
        populate: {
          organization: true,
          requester: { select: ['id', 'email', 'username'] },
          ...(options.followUps ? { followUps: { where: { visibility: 'public' }, orderBy: { createdAt: 'asc' } } } : {}),
        },
      })) as Row;
      const [templates, clock] = await Promise.all([
        strapi.db.query('plugin::notifications.template').findMany({}) as Promise<Template[]>,
        getSlaClock(strapi).stored(ticketId),
      ]);
      return { ticket, organization: ticket.organization ?? null, requester: ticket.requester ?? null, clock, templates };
    },

    /** Renders and records the messages of one event; returns how many. */
    async enqueue(event: NotificationEvent, prepared: Prepared, extra: { reason?: string | null; followUp?: { body: string; author: string } } = {}) {
      const recipients = this.recipients(event, prepared);
      if (recipients.length === 0) return 0;
      const now = new Date();
      const rows = recipients
        .map((recipient, index) => this.render(event, prepared, recipient, extra, now, event === 'ticket.opened' && index === 0))
        .filter((row): row is Row => row !== null);
      if (rows.length === 0) return 0;
      await withKnex(strapi, (trx) => strapi.db.connection(OUTBOX_TABLE).transacting(trx).insert(rows));
      // Send as soon as the change is committed; the periodic run catches anything this misses.
      if (config().workerEnabled) {
        await strapi.db.transaction(({ onCommit }) => {
          onCommit(() => setImmediate(() => strapi.plugin('notifications').service('worker').run().catch(() => undefined)));
        });
      }
      return rows.length;
    },

    recipients(event: NotificationEvent, prepared: Prepared): Recipient[] {
      const { ticket, organization, requester } = prepared;
      const orgLanguage = asLanguage(organization?.language) ?? 'it';
      const list: Recipient[] = [];
      const requesterAddress = requester?.email ?? ticket.requesterEmail;
      if (requesterAddress) {
        list.push({ address: requesterAddress, name: ticket.requesterName || requester?.username || requesterAddress, language: orgLanguage });
      }
      const toOrganization = ['ticket.opened', 'ticket.restored', 'ticket.closed'].includes(event);
      if (toOrganization && organization?.notificationEmail) {
        list.push({ address: organization.notificationEmail, name: organization.name, language: orgLanguage });
      }
      const seen = new Set<string>();
      return list.filter((r) => !seen.has(r.address.toLowerCase()) && seen.add(r.address.toLowerCase()));
    },

    /** One recipient's message; `isRoot` marks the ticket's first message, whose Message-ID the thread answers. */
    render(
      event: NotificationEvent,
      prepared: Prepared,
      recipient: Recipient,
      extra: { reason?: string | null; followUp?: { body: string; author: string } },
      now: Date,
      isRoot: boolean
    ): Row | null {
      const template =
        prepared.templates.find((t) => t.event === event && t.language === recipient.language) ?? prepared.templates.find((t) => t.event === event && t.language === 'it');
      if (!template) return null;
      const language = template.language;
      const { ticket, clock } = prepared;
      const at = (value: unknown) => formatInstant(value as Date | null, language);
      const vars = {
        ticket: {
          number: ticket.number,
          title: ticket.title,
          description: ticket.description ?? '',
          kind: label(language, 'kind', ticket.kind),
          priority: label(language, 'priority', ticket.priority),
          channel: label(language, 'channel', ticket.channel),
          status: label(language, 'status', ticket.status),
          reportedAt: at(ticket.reportedAt),
          registeredAt: at(ticket.registeredAt),
          takenInChargeAt: at(ticket.takenInChargeAt),
          restoredAt: at(ticket.restoredAt),
          closedAt: at(ticket.closedAt),
          resolution: ticket.resolution ?? '',
          url: `${config().publicUrl}/portal/tickets/${ticket.documentId}`,
        },
        organization: { name: prepared.organization?.name ?? '' },
        requester: { name: recipient.name },
        reason: extra.reason ?? ticket.suspensionReason ?? '',
        sla: {
          policy: clock?.policy_name ?? '',
          takeChargeDueAt: at(clock?.take_charge_due_at),
          restoreDueAt: at(clock?.restore_due_at),
          takeChargeOutcome: outcome(language, bool(clock?.take_charge_met), clock?.take_charge_elapsed_minutes != null),
          restoreOutcome: outcome(language, bool(clock?.restore_met), clock?.restore_elapsed_minutes != null),
        },
        followUps: ((ticket.followUps ?? []) as Row[]).map((f) => ({ at: at(f.createdAt), author: f.authorName || '', body: f.body })),
        followUp: extra.followUp ?? { body: '', author: '' },
      };
      const rootId = `<ticket.${ticket.documentId}@${config().messageIdDomain}>`;
      const documentId = createId();
      return {
        document_id: documentId,
        status: 'pending',
        event,
        language,
        recipient: recipient.address,
        // Every message names its ticket in the subject, where mail clients and the intake look for it.
        subject: `[${ticket.number}] ${renderText(template.subject, vars)}`,
        text: renderText(template.body, vars),
        html: renderHtml(template.body, vars, language),
        ticket_id: ticket.id,
        // The opening message is the thread's root; every later one answers it.
        message_id: isRoot ? rootId : `<${documentId}@${config().messageIdDomain}>`,
        in_reply_to: isRoot ? null : rootId,
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
        published_at: now,
      };
    },
  };
};

function bool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  return value === true || value === 1;
}

export type OutboxService = ReturnType<typeof outbox>;
export default outbox;
