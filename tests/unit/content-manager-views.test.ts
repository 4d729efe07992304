import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_MANAGER_VIEWS } from '../../src/content-manager-views/views';
import { desiredValues, mergeView, type ViewConfiguration } from '../../src/content-manager-views/merge';
import { SYSTEM_FIELDS } from '../../src/api/ticket/input-rules';

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMAS: Record<string, string> = {
  'api::ticket.ticket': 'src/api/ticket/content-types/ticket/schema.json',
  'api::follow-up.follow-up': 'src/api/follow-up/content-types/follow-up/schema.json',
  'api::maintenance-log.maintenance-log': 'src/api/maintenance-log/content-types/maintenance-log/schema.json',
  'api::organization.organization': 'src/api/organization/content-types/organization/schema.json',
  'api::category.category': 'src/api/category/content-types/category/schema.json',
  'api::call.call': 'src/api/call/content-types/call/schema.json',
  'api::ticket-event.ticket-event': 'src/api/ticket-event/content-types/ticket-event/schema.json',
  'plugin::sla.calendar': 'src/plugins/sla/server/src/content-types/calendar/schema.json',
  'plugin::sla.policy': 'src/plugins/sla/server/src/content-types/policy/schema.json',
  'plugin::sla.contract': 'src/plugins/sla/server/src/content-types/contract/schema.json',
  'plugin::sla.clock': 'src/plugins/sla/server/src/content-types/clock/schema.json',
  'plugin::notifications.callback': 'src/plugins/notifications/server/src/content-types/callback/schema.json',
  'plugin::notifications.message': 'src/plugins/notifications/server/src/content-types/message/schema.json',
  'plugin::notifications.template': 'src/plugins/notifications/server/src/content-types/template/schema.json',
  'plugin::email-intake.quarantine': 'src/plugins/email-intake/server/src/content-types/quarantine/schema.json',
  'plugin::email-intake.mailbox': 'src/plugins/email-intake/server/src/content-types/mailbox/schema.json',
  'plugin::spoc-console.canned-reply': 'src/plugins/spoc-console/server/src/content-types/canned-reply/schema.json',
};
const attributes = (uid: string) =>
  JSON.parse(readFileSync(path.join(ROOT, SCHEMAS[uid]), 'utf8')).attributes as Record<string, { type: string; relation?: string }>;
const FULL_WIDTH = ['richtext', 'json'];
const NOT_LISTABLE = ['json', 'richtext', 'password'];

describe('the Content Manager views', () => {
  it('cover every content type of ours', () => {
    expect(Object.keys(CONTENT_MANAGER_VIEWS).sort()).toEqual(Object.keys(SCHEMAS).sort());
  });

  describe.each(Object.entries(CONTENT_MANAGER_VIEWS))('%s', (uid, view) => {
    const schema = attributes(uid);
    const sizeOf = (field: string) => (FULL_WIDTH.includes(schema[field].type) ? 12 : ['integer', 'decimal', 'float', 'boolean'].includes(schema[field].type) ? 4 : 6);
    const rows = desiredValues(view, sizeOf)['layouts.edit'] as Array<Array<{ name: string; size: number }>>;
    const placed = rows.flat().map(({ name }) => name);

    it('labels every attribute, in Italian, and no attribute that does not exist', () => {
      expect(Object.keys(view.fields).sort()).toEqual(Object.keys(schema).sort());
      for (const [name, field] of Object.entries(view.fields)) expect(field.label, name).not.toBe(name);
    });

    it('places every shown field once in rows of at most 12 columns, full-width types at 12', () => {
      expect(new Set(placed).size).toBe(placed.length);
      const shown = Object.entries(view.fields).filter(([, field]) => !field.hidden).map(([name]) => name);
      expect([...placed].sort()).toEqual(shown.sort());
      for (const row of rows) expect(row.reduce((sum, { size }) => sum + size, 0)).toBeLessThanOrEqual(12);
      for (const { name, size } of rows.flat()) if (FULL_WIDTH.includes(schema[name].type)) expect(size, name).toBe(12);
    });

    it('lists only listable attributes and sorts and titles by sortable ones', () => {
      const timestamps = ['createdAt', 'updatedAt'];
      for (const column of view.list) {
        expect(column in schema || timestamps.includes(column), column).toBe(true);
        if (column in schema) expect(NOT_LISTABLE, column).not.toContain(schema[column].type);
      }
      for (const field of [view.mainField, view.sortBy]) {
        if (field === 'id' || timestamps.includes(field)) continue;
        expect(schema[field]?.type, field).toMatch(/^(string|integer|datetime|text|email|enumeration|decimal)$/);
      }
    });

    it('names a main field for every picker that is not hidden', () => {
      for (const [name, attribute] of Object.entries(schema)) {
        if (attribute.type === 'relation' && !view.fields[name].hidden) expect(view.fields[name].mainField, name).toBeDefined();
      }
    });
  });

  it('keeps the ticket fields set by the system read-only, and the technical ones out of the form', () => {
    const ticket = CONTENT_MANAGER_VIEWS['api::ticket.ticket'];
    for (const field of [...SYSTEM_FIELDS, 'reportedAt']) expect(ticket.fields[field].readOnly, field).toBe(true);
    for (const field of ['timelineHash', 'timelineLength', 'descriptionHtml']) expect(ticket.fields[field].hidden, field).toBe(true);
    expect(ticket).toMatchObject({ sortBy: 'reportedAt', sortOrder: 'DESC', mainField: 'number' });
  });
});

describe('mergeView', () => {
  const configuration = (label: string, list: string[] = ['title']): ViewConfiguration => ({
    settings: { mainField: 'title' },
    metadatas: { title: { edit: { label, editable: true }, list: { label } } },
    layouts: { list, edit: [[{ name: 'title', size: 6 }]] },
  });
  const desired = { 'metadatas.title.edit.label': 'Oggetto', 'layouts.list': ['title', 'state'] };

  it("sets a key that holds Strapi's generated default, and remembers it", () => {
    const result = mergeView({ current: configuration('title'), generated: configuration('title'), applied: {}, desired });
    expect(result.configuration.metadatas.title.edit.label).toBe('Oggetto');
    expect(result.configuration.metadatas.title.list.label).toBe('title');
    expect(result.configuration.layouts.list).toEqual(['title', 'state']);
    expect(result.changed.sort()).toEqual(['layouts.list', 'metadatas.title.edit.label']);
    expect(result.applied).toEqual(desired);
  });

  it('keeps what an administrator changed after we applied ours, at every later boot', () => {
    const first = mergeView({ current: configuration('title'), generated: configuration('title'), applied: {}, desired });
    const edited = structuredClone(first.configuration);
    edited.metadatas.title.edit.label = 'Oggetto della richiesta';
    edited.layouts.list = ['state'];
    const second = mergeView({ current: edited, generated: configuration('title'), applied: first.applied, desired: { ...desired, 'metadatas.title.edit.label': 'Titolo' } });
    expect(second.configuration).toEqual(edited);
    expect(second.kept.sort()).toEqual(['layouts.list', 'metadatas.title.edit.label']);
    // Even set back to Strapi's default, the administrator's choice stays.
    edited.metadatas.title.edit.label = 'title';
    const third = mergeView({ current: edited, generated: configuration('title'), applied: second.applied, desired });
    expect(third.configuration.metadatas.title.edit.label).toBe('title');
  });

  it('replaces our own previous value with our new one', () => {
    const first = mergeView({ current: configuration('title'), generated: configuration('title'), applied: {}, desired });
    const next = mergeView({ current: first.configuration, generated: configuration('title'), applied: first.applied, desired: { ...desired, 'metadatas.title.edit.label': 'Titolo' } });
    expect(next.configuration.metadatas.title.edit.label).toBe('Titolo');
    expect(next.changed).toEqual(['metadatas.title.edit.label']);
  });

  it('leaves a value someone set before we ever applied ours', () => {
    const result = mergeView({ current: configuration('Il mio titolo'), generated: configuration('title'), applied: {}, desired });
    expect(result.configuration.metadatas.title.edit.label).toBe('Il mio titolo');
    expect(result.applied).not.toHaveProperty(['metadatas.title.edit.label']);
  });

  it('skips fields that are no longer in the schema', () => {
    const result = mergeView({ current: configuration('title'), generated: configuration('title'), applied: {}, desired: { 'metadatas.gone.edit.label': 'Via' } });
    expect(result.configuration.metadatas).not.toHaveProperty('gone');
  });
});
