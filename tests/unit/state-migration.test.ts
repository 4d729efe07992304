import { describe, expect, it } from 'vitest';
import { migratePlaceholders } from '../../database/migrations/2026.06.01T00.00.00.status-to-state';

describe('the status-to-state migration of stored e-mail templates', () => {
  it('renames the ticket and maintenance placeholders in every mustache tag', () => {
    expect(migratePlaceholders('Stato: {{ticket.status}}, {{ ticket.status }}, {{{maintenance.status}}}')).toBe('Stato: {{ticket.state}}, {{ ticket.state }}, {{{maintenance.state}}}');
    expect(migratePlaceholders('{{#ticket.status}}x{{/ticket.status}}{{^maintenance.status}}y{{/maintenance.status}}')).toBe('{{#ticket.state}}x{{/ticket.state}}{{^maintenance.state}}y{{/maintenance.state}}');
  });

  it('leaves the delivery report status and plain text alone', () => {
    const text = 'Esito: {{bounce.status}}; the ticket.status word outside a tag; {{ticket.statusLine}}';
    expect(migratePlaceholders(text)).toBe(text);
  });
});
