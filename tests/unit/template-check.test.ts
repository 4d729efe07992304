import { describe, expect, it } from 'vitest';
import { eventProblem, isNotificationEvent, templateProblem } from '../../src/plugins/notifications/server/src/rules/template-check';

describe('template checks shared by the save and the preview', () => {
  it('accepts the events there are, and names the field of anything else', () => {
    expect(isNotificationEvent('ticket.opened')).toBe(true);
    expect(eventProblem('ticket.opened')).toBeNull();
    expect(eventProblem('ticket.exploded')).toMatchObject({ field: 'event', message: expect.stringContaining('ticket.opened') });
    expect(eventProblem(undefined)?.field).toBe('event');
  });

  it("names the field with a placeholder the event does not offer, or that does not parse", () => {
    expect(templateProblem('ticket.opened', { subject: '{{ticket.number}}', body: 'Gentile {{recipient.name}}' })).toBeNull();
    expect(templateProblem('ticket.opened', { subject: '{{ticket.number}}', body: '{{ticket.numero}} {{requester.nome}}' })).toEqual({
      field: 'body',
      message: 'body uses unknown placeholders: {{ticket.numero}}, {{requester.nome}}',
    });
    expect(templateProblem('ticket.opened', { subject: 'Ticket {{#ticket}}' })).toMatchObject({ field: 'subject', message: expect.stringContaining('not a valid template') });
    // The subject is checked first; fields left out are not checked.
    expect(templateProblem('ticket.opened', { subject: '{{x}}', body: '{{y}}' })?.field).toBe('subject');
    expect(templateProblem('ticket.opened', { body: 'ok' })).toBeNull();
    // Each event its own: a maintenance notice names no ticket; with no event known, nothing is allowed.
    expect(templateProblem('maintenance.planned', { body: '{{ticket.number}}' })?.field).toBe('body');
    expect(templateProblem(null, { body: '{{recipient.name}}' })?.field).toBe('body');
  });
});
