import type { Core } from '@strapi/strapi';
import { isPostgres } from '../utils/dialect';

/**
 * Strapi makes no index for `unique: true` and none for the columns our lists filter and sort on
 * (STRAPI-NOTES). IF NOT EXISTS keeps this idempotent; these indexes survive Strapi's schema sync.
 */
const INDEXES = [
  // An external system's reference identifies one ticket: a retried API call cannot register it twice.
  'CREATE UNIQUE INDEX IF NOT EXISTS tickets_external_ref_unique ON tickets (external_ref)',
  // A telephony system reports each call under its own id, possibly twice (start, hang-up).
  'CREATE UNIQUE INDEX IF NOT EXISTS calls_call_id_unique ON calls (call_id)',
  'CREATE INDEX IF NOT EXISTS tickets_requester_phone_idx ON tickets (requester_phone)',
  'CREATE INDEX IF NOT EXISTS tickets_state_idx ON tickets (state)',
  'CREATE INDEX IF NOT EXISTS tickets_reported_at_idx ON tickets (reported_at)',
  'CREATE INDEX IF NOT EXISTS ticket_events_seq_idx ON ticket_events (seq)',
  'CREATE INDEX IF NOT EXISTS follow_ups_visibility_idx ON follow_ups (visibility)',
  'CREATE INDEX IF NOT EXISTS maintenance_logs_state_idx ON maintenance_logs (state)',
  // A portal user's lists and counts are scoped by organization: both columns in one index let PostgreSQL
  // count an organization's tickets and check each row of a sorted page from the index alone.
  'CREATE INDEX IF NOT EXISTS tickets_organization_lnk_org_ticket_idx ON tickets_organization_lnk (organization_id, ticket_id)',
  // The console's queue (spoc-console services/queue.ts): a tab's tickets by state in reportedAt order, and the
  // dues of the running clocks only (take charge while new, restore afterwards), walked in due order.
  'CREATE INDEX IF NOT EXISTS tickets_state_reported_at_idx ON tickets (state, reported_at, id)',
  'CREATE INDEX IF NOT EXISTS sla_clocks_take_charge_running_due_idx ON sla_clocks (take_charge_due_at, ticket_id) WHERE take_charge_elapsed_minutes IS NULL',
  'CREATE INDEX IF NOT EXISTS sla_clocks_restore_running_due_idx ON sla_clocks (restore_due_at, ticket_id) WHERE restore_elapsed_minutes IS NULL',
];

/**
 * The e-mail intake knows a contact by the address of the last ticket they sent, case aside: without this
 * index each mail from a new address read every ticket. The expression is the one Strapi's `$eqi` writes
 * for each database, or the index would not be used.
 */
const requesterEmailIndex = (postgres: boolean) =>
  `CREATE INDEX IF NOT EXISTS tickets_requester_email_lower_idx ON tickets (${postgres ? 'LOWER(CAST(requester_email AS VARCHAR))' : 'LOWER(requester_email)'})`;

export async function ensureDatabaseIndexes(strapi: Core.Strapi) {
  for (const statement of [...INDEXES, requesterEmailIndex(isPostgres(strapi))]) {
    try {
      await strapi.db.connection.raw(statement);
    } catch {
      // Another instance booting at the same moment may have created it between our check and ours.
      await strapi.db.connection.raw(statement);
    }
  }
}
