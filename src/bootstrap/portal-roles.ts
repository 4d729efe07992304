import type { Core } from '@strapi/strapi';

/**
 * Portal roles (users-permissions). Staff open and follow their organization's requests and read its
 * maintenance (the clause: maintenance is registered on the portal for the Administration's authorized
 * staff); a Referente also reads the reports. Public gets no content at all.
 */
const STAFF_ACTIONS = [
  'api::ticket.ticket.find',
  'api::ticket.ticket.findOne',
  // The page of one request: the ticket and its timeline in one round trip (issue 17).
  'api::ticket.ticket.page',
  'api::ticket.ticket.create',
  'api::ticket.ticket.close',
  'api::ticket.ticket.reopen',
  'api::ticket.ticket.addAttachments',
  'api::follow-up.follow-up.find',
  'api::follow-up.follow-up.findOne',
  'api::follow-up.follow-up.create',
  'api::ticket-event.ticket-event.find',
  'api::ticket-event.ticket-event.findOne',
  'api::category.category.find',
  'api::category.category.findOne',
  'api::organization.organization.find',
  'api::organization.organization.findOne',
  'api::maintenance-log.maintenance-log.find',
  'api::maintenance-log.maintenance-log.findOne',
  'plugin::users-permissions.user.me',
  // A new password with the current one; it ends the account's other sessions (src/extensions/users-permissions).
  'plugin::users-permissions.auth.changePassword',
  'plugin::portal.me.find',
  'plugin::portal.me.update',
  'plugin::portal.live.stream',
];

const REFERENT_ACTIONS = [
  ...STAFF_ACTIONS,
  'plugin::sla.sla.report',
  'plugin::portal.reports.activity',
];

export const PORTAL_ROLES = {
  staff: { name: 'Staff', description: "Personale dell'Amministrazione: apre e segue le richieste della propria organizzazione e ne consulta le manutenzioni", actions: STAFF_ACTIONS },
  referente: { name: 'Referente', description: "Referente dell'Amministrazione: come Staff, più i report", actions: REFERENT_ACTIONS },
} as const;

/** What anyone may do without signing in: sign in through a provider, and reset a password with an e-mailed code. */
const PUBLIC_ACTIONS = ['plugin::users-permissions.auth.callback', 'plugin::users-permissions.auth.connect', 'plugin::users-permissions.auth.resetPassword'];

const ROLE = 'plugin::users-permissions.role';
const PERMISSION = 'plugin::users-permissions.permission';

export async function ensurePortalRoles(strapi: Core.Strapi) {
  for (const [type, spec] of Object.entries(PORTAL_ROLES)) {
    let role = await strapi.db.query(ROLE).findOne({ where: { type } });
    if (!role) role = await strapi.db.query(ROLE).create({ data: { type, name: spec.name, description: spec.description } });
    await grant(strapi, role.id, spec.actions);
  }
  // Accounts are created by the SPOC for the Administration's staff; nobody signs themselves up. A forgotten
  // password goes through the portal's endpoint (the notifications outbox), not users-permissions' own
  // direct send; the reset with the e-mailed code stays users-permissions'.
  const publicRole = await strapi.db.query(ROLE).findOne({ where: { type: 'public' } });
  if (publicRole) {
    await strapi.db.query(PERMISSION).deleteMany({ where: { role: publicRole.id, action: { $notIn: PUBLIC_ACTIONS } } });
    await grant(strapi, publicRole.id, PUBLIC_ACTIONS);
  }
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const advanced = ((await store.get()) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false || advanced.default_role !== 'staff') {
    await store.set({ value: { ...advanced, allow_register: false, default_role: 'staff' } });
  }
}

/** Adds the actions the role lacks; permissions given by hand in the admin panel are kept. */
async function grant(strapi: Core.Strapi, roleId: number, actions: readonly string[]) {
  const existing = await strapi.db.query(PERMISSION).findMany({ where: { role: roleId }, select: ['action'] });
  const have = new Set(existing.map((permission: { action: string }) => permission.action));
  for (const action of actions) {
    if (!have.has(action)) await strapi.db.query(PERMISSION).create({ data: { action, role: roleId } });
  }
}
