/**
 * A call-back's `outcome` was free text; it is one of reached / not_reached / message_left now, with the
 * operator's words in `note` (issue 16). The old text is the note: the column is renamed before Strapi's
 * schema sync (which runs after database/migrations) adds the new `outcome`, left empty on those rows since
 * no one recorded which of the three it was. A fresh database has no table yet and nothing is done.
 * Kept as a plain function of knex (no Strapi import): it runs before the content types are usable.
 */
import type { Knex } from 'knex';

const TABLE = 'notif_callbacks';

export async function up(knex: Knex) {
  if (!(await knex.schema.hasTable(TABLE))) return;
  // Already moved (a second instance booting at the same moment, or a fresh schema): nothing to do.
  if (!(await knex.schema.hasColumn(TABLE, 'outcome')) || (await knex.schema.hasColumn(TABLE, 'note'))) return;
  await knex.raw('ALTER TABLE ?? RENAME COLUMN ?? TO ??', [TABLE, 'outcome', 'note']);
}

export async function down() {
  throw new Error("The move of call-backs' outcome to note is not undone: restore the backup taken before the upgrade");
}
