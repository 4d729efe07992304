/**
 * Whether a template may be used for an event: the event exists, and its subject and body parse and name
 * only that event's placeholders. Pure; the save-time check (register.ts) and the editor's preview share it.
 */
import { unknownPlaceholders } from './render';
import { EVENTS, placeholdersFor, type NotificationEvent } from './variables';

export interface TemplateProblem {
  field: 'event' | 'subject' | 'body';
  message: string;
}

export const isNotificationEvent = (value: unknown): value is NotificationEvent => typeof value === 'string' && (EVENTS as readonly string[]).includes(value);

export function eventProblem(event: unknown): TemplateProblem | null {
  return isNotificationEvent(event) ? null : { field: 'event', message: `event must be one of: ${EVENTS.join(', ')}` };
}

/** The first problem of the subject or body given (fields left out are not checked); `null` event allows no placeholder. */
export function templateProblem(event: NotificationEvent | null, fields: { subject?: unknown; body?: unknown }): TemplateProblem | null {
  const allowed = event ? placeholdersFor(event) : [];
  for (const field of ['subject', 'body'] as const) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    let unknown: string[];
    try {
      unknown = unknownPlaceholders(value, allowed);
    } catch (error) {
      return { field, message: `${field} is not a valid template: ${(error as Error).message}` };
    }
    if (unknown.length > 0) return { field, message: `${field} uses unknown placeholders: ${unknown.map((name) => `{{${name}}}`).join(', ')}` };
  }
  return null;
}
