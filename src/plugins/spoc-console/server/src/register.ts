import type { Core } from '@strapi/strapi';
import { fieldValidationError } from '../../../../access/field-errors';
import { templateProblem } from '../../../notifications/server/src/rules/template-check';
import { CANNED_REPLY, CANNED_REPLY_EVENT } from './services/canned-replies';

/**
 * A canned reply naming a placeholder the follow-up e-mail does not fill, or that does not parse, is refused
 * when a supervisor saves it (400 naming `body`), not when an operator inserts it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== CANNED_REPLY || !['create', 'update'].includes(context.action)) return next();
    const data = ((context.params as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>;
    const problem = templateProblem(CANNED_REPLY_EVENT, { body: data.body });
    if (problem) throw fieldValidationError(problem.field, problem.message);
    return next();
  });
};
