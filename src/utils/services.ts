/** One place that knows where each service lives, instead of strapi.service(...) chains everywhere. */
import type { CallService } from '../api/call/services/call';
import type { Core } from '@strapi/strapi';
import type { NumberingService } from '../plugins/ticket-numbering/server/src/services/numbering';
import type { TimelineService } from '../api/ticket-event/services/ticket-event';
import type { LifecycleService } from '../api/ticket/services/lifecycle';
import type { AttachmentsService } from '../api/ticket/services/attachments';
import type { FileService } from '../api/file/services/file';
import type { RegisterParams } from '../api/ticket/services/ticket';
import type { TicketRow } from '../api/ticket/ticket-creation';
import type { TrackerService } from '../plugins/sla/server/src/services/tracker';
import type { ClockService } from '../plugins/sla/server/src/services/clock';
import type { OutboxService } from '../plugins/notifications/server/src/services/outbox';
import type { WorkerService } from '../plugins/notifications/server/src/services/worker';
import type { MessagesService } from '../plugins/notifications/server/src/services/messages';
import type { TemplatesService } from '../plugins/notifications/server/src/services/templates';
import type { CapturedMailService } from '../plugins/notifications/server/src/services/captured-mail';


export const getNumberingService = (strapi: Core.Strapi) =>
  strapi.plugin('ticket-numbering').service('numbering') as NumberingService;

export const getTimelineService = (strapi: Core.Strapi) =>
  strapi.service('api::ticket-event.ticket-event') as unknown as TimelineService;

export const getLifecycleService = (strapi: Core.Strapi) =>
  strapi.service('api::ticket.lifecycle') as unknown as LifecycleService;

/** The ticket service's own `register` (a core service's other methods are Strapi's). */
export const getTicketService = (strapi: Core.Strapi) =>
  strapi.service('api::ticket.ticket') as unknown as { register(params: RegisterParams): Promise<TicketRow> };

export const getAttachmentsService = (strapi: Core.Strapi) =>
  strapi.service('api::ticket.attachments') as unknown as AttachmentsService;

export const getCallService = (strapi: Core.Strapi) => strapi.service('api::call.call') as unknown as CallService;

export const getFileService = (strapi: Core.Strapi) => strapi.service('api::file.file') as unknown as FileService;

export const getSlaTracker = (strapi: Core.Strapi) => strapi.plugin('sla').service('tracker') as TrackerService;

export const getSlaClock = (strapi: Core.Strapi) => strapi.plugin('sla').service('clock') as ClockService;

export const getOutbox = (strapi: Core.Strapi) => strapi.plugin('notifications').service('outbox') as OutboxService;

export const getOutboxWorker = (strapi: Core.Strapi) => strapi.plugin('notifications').service('worker') as WorkerService;

export const getNotificationMessages = (strapi: Core.Strapi) => strapi.plugin('notifications').service('messages') as MessagesService;

export const getNotificationTemplates = (strapi: Core.Strapi) => strapi.plugin('notifications').service('templates') as TemplatesService;

export const getCapturedMail = (strapi: Core.Strapi) => strapi.plugin('notifications').service('capturedMail') as CapturedMailService;
