/**
 * Strapi 5 reserves the attribute name `status` (draft and publish): our lifecycle attributes are `state` now
 * (issue 14). Strapi's schema sync would drop each `status` column with its data and add an empty `state`, so
 * this renames the column first: Strapi runs database/migrations before the sync (@strapi/database
 * schema.sync), on every boot that finds one not yet recorded in `strapi_migrations`. A fresh database has no
 * tables yet and nothing is done; a database of the previous release ends up as a fresh one would.
 * Kept as a plain function of knex (no Strapi import): it runs before the content types are usable.
 */
import type { Knex } from 'knex';

/** The tables of every content type whose lifecycle attribute was `status`; all are managed by Strapi. */
export const RENAMED_TABLES = ['tickets', 'maintenance_logs', 'intake_quarantine', 'notif_outbox', 'notif_callbacks'] as const;

/** Indexes we created on the old column under its name; bootstrap makes them again as `*_state_idx`. */
const OLD_INDEXES = ['tickets_status_idx', 'maintenance_logs_status_idx'];

/** `{{ticket.status}}`, `{{{ maintenance.status }}}`, `{{#ticket.status}}`…: the placeholders, in any mustache tag. */
const OLD_PLACEHOLDER = /(\{\{\{?[#^/&]?\s*)(ticket|maintenance)\.status(\s*\}?\}\})/g;

export function migratePlaceholders(text: string): string {
  return text.replace(OLD_PLACEHOLDER, '$1$2.state$3');
}

export async function up(knex: Knex) {
  for (const table of RENAMED_TABLES) {
    if (!(await knex.schema.hasTable(table))) continue;
    // Already renamed (a second instance booting at the same moment, or a fresh schema): nothing to move.
    if (!(await knex.schema.hasColumn(table, 'status')) || (await knex.schema.hasColumn(table, 'state'))) continue;
    // A rename keeps the values, their indexes (the outbox's (status, next_attempt_at) follows) and costs no copy.
    await knex.raw('ALTER TABLE ?? RENAME COLUMN ?? TO ??', [table, 'status', 'state']);
  }
  for (const index of OLD_INDEXES) await knex.raw('DROP INDEX IF EXISTS ??', [index]);

  // E-mail templates an administrator saved name the old placeholders: they would be refused at the next save.
  if (await knex.schema.hasTable('notif_templates')) {
    const templates = (await knex('notif_templates').select('id', 'subject', 'body')) as Array<{ id: number; subject: string | null; body: string | null }>;
    for (const template of templates) {
      const subject = migratePlaceholders(template.subject ?? '');
      const body = migratePlaceholders(template.body ?? '');
      if (subject !== (template.subject ?? '') || body !== (template.body ?? '')) {
        await knex('notif_templates').where({ id: template.id }).update({ subject, body });
      }
    }
  }
}

export async function down() {
  throw new Error('The rename of status to state is not undone: restore the backup taken before the upgrade');
}
