import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../../../../api/ticket-event/actor';
import { validateCalendarSpec } from '../../engine';
import { phoneNoticeProblem } from '../../../notifications/server/src/rules/progress';
import type { TrackerService } from './services/tracker';

const CALENDAR = 'plugin::sla.calendar';
const POLICY = 'plugin::sla.policy';
const CLOCK = 'plugin::sla.clock';
const CALENDAR_FIELDS = ['timeZone', 'alwaysOpen', 'hours', 'italianHolidays', 'patronDay', 'closedDates'] as const;

/**
 * Calendars are checked by the engine's own validator before they are stored (400 naming the field), and
 * every edit of a calendar or policy recomputes the open tickets, each with a timeline event; restored,
 * closed and cancelled tickets keep their results.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.documents.use(async (context, next) => {
    // Clock rows are derived data, written by the SLA services alone: the admin panel may only read them.
    if (context.uid === CLOCK && ['create', 'update', 'delete', 'clone'].includes(context.action)) {
      throw new errors.ForbiddenError('SLA clocks are computed from the ticket and its policy: change those instead');
    }
    if (context.uid !== CALENDAR && context.uid !== POLICY) return next();
    if (!['create', 'update', 'delete'].includes(context.action)) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };

    if (context.uid === CALENDAR && context.action !== 'delete') {
      const current = params.documentId ? await strapi.db.query(CALENDAR).findOne({ where: { documentId: params.documentId } }) : null;
      const merged = Object.fromEntries(CALENDAR_FIELDS.map((field) => [field, params.data?.[field] ?? current?.[field] ?? undefined]));
      const problems = validateCalendarSpec({
        ...merged,
        patronDay: merged.patronDay || undefined,
        hours: merged.hours ?? undefined,
        closedDates: merged.closedDates ?? undefined,
      } as never);
      if (problems.length > 0) {
        throw new errors.ValidationError(problems[0].message, {
          errors: problems.map((problem) => ({ path: problem.field.split(/[.[\]]+/).filter(Boolean), message: problem.message })),
        });
      }
    }

    if (context.uid === POLICY && params.data && 'phoneNoticePriorities' in params.data) {
      const problem = phoneNoticeProblem(params.data.phoneNoticePriorities);
      if (problem) throw new errors.ValidationError(problem, { errors: [{ path: ['phoneNoticePriorities'], message: problem }] });
    }

    const result = await next();
    const what = context.uid === CALENDAR ? 'calendar' : 'policy';
    await (strapi.plugin('sla').service('tracker') as TrackerService).refreshOpenTickets(`sla ${what} ${context.action}d`, currentActor(strapi));
    return result;
  });
};
