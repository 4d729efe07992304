import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { fieldValidationError } from '../../../../../access/field-errors';
import { getOutbox } from '../../../../../utils/services';
import { templateProblem } from '../rules/template-check';
import { EVENTS, isMaintenanceEvent, placeholdersFor, type Language, type NotificationEvent } from '../rules/variables';
import type { Preview } from './outbox';

const TEMPLATE = 'plugin::notifications.template';
const FIELDS = ['documentId', 'event', 'language', 'subject', 'body'];

export interface TemplateView {
  documentId: string;
  event: string;
  language: Language;
  subject: string;
  body: string;
}

export interface PreviewInput {
  event: NotificationEvent;
  language: Language;
  subject: string;
  body: string;
  /** The ticket (or maintenance log) to render on; the latest one when left out. */
  documentId?: string;
}

const eventOrder = (event: string) => {
  const index = (EVENTS as readonly string[]).indexOf(event);
  return index === -1 ? EVENTS.length : index;
};

/** The template editor of the admin panel: the templates with what each event may name, previews, and saves. */
const templates = ({ strapi }: { strapi: Core.Strapi }) => ({
  async list() {
    const rows = (await strapi.db.query(TEMPLATE).findMany({ select: FIELDS })) as TemplateView[];
    rows.sort((a, b) => eventOrder(a.event) - eventOrder(b.event) || a.language.localeCompare(b.language));
    const placeholders = Object.fromEntries(EVENTS.map((event) => [event, placeholdersFor(event)]));
    return { templates: rows, placeholders };
  },

  /** The template as it would read on a real ticket, checked as a save would check it; nothing is stored. */
  async preview(input: PreviewInput): Promise<Preview> {
    const problem = templateProblem(input.event, input);
    if (problem) throw fieldValidationError(problem.field, problem.message);
    const preview = await getOutbox(strapi).preview(input);
    if (!preview) {
      const what = isMaintenanceEvent(input.event) ? 'maintenance log' : 'ticket';
      throw new errors.NotFoundError(input.documentId ? `No ${what} ${input.documentId} to preview the template on` : `No ${what} yet to preview the template on`);
    }
    return preview;
  },

  /** Saved through the Document Service, so that the save-time check (register.ts) refuses what it refuses anywhere. */
  async update(documentId: string, data: { subject: string; body: string }): Promise<TemplateView> {
    const stored = await strapi.db.query(TEMPLATE).findOne({ where: { documentId }, select: ['id'] });
    if (!stored) throw new errors.NotFoundError('Template not found');
    const saved = (await strapi.documents(TEMPLATE).update({ documentId, data: data as never })) as unknown as TemplateView;
    return { documentId: saved.documentId, event: saved.event, language: saved.language, subject: saved.subject, body: saved.body };
  },
});

export type TemplatesService = ReturnType<typeof templates>;
export default templates;
