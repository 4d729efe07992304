import type { Core, UID } from '@strapi/strapi';
import { SYSTEM_FIELDS } from '../api/ticket/input-rules';
import { PERMISSIONS } from '../plugins/spoc-console/server/src/permissions';

/**
 * Admin-panel roles for the SPOC. Operators register and work tickets and maintenance; supervisors also
 * manage organizations and categories. Protected ticket fields (number, state, lifecycle timestamps) are
 * left out of every edit permission, so the panel does not even offer them.
 */
type Access = { read?: true; create?: true; update?: true };

const OPERATOR: Partial<Record<UID.ContentType, Access>> = {
  'api::ticket.ticket': { read: true, create: true, update: true },
  'api::follow-up.follow-up': { read: true, create: true },
  'api::ticket-event.ticket-event': { read: true },
  'api::maintenance-log.maintenance-log': { read: true, create: true, update: true },
  'api::organization.organization': { read: true },
  'api::category.category': { read: true },
  'plugin::users-permissions.user': { read: true },
  'plugin::sla.calendar': { read: true },
  'plugin::sla.policy': { read: true },
  // Read-only: the SLA page shows operators the targets, threshold and penalties their work is measured by.
  'plugin::sla.contract': { read: true },
  'plugin::sla.clock': { read: true },
  'plugin::notifications.callback': { read: true },
  'plugin::notifications.message': { read: true },
  'api::call.call': { read: true },
  // The console's canned replies: operators insert them, supervisors write them.
  'plugin::spoc-console.canned-reply': { read: true },
};

const SUPERVISOR: Partial<Record<UID.ContentType, Access>> = {
  ...OPERATOR,
  'api::organization.organization': { read: true, create: true, update: true },
  'api::category.category': { read: true, create: true, update: true },
  'plugin::users-permissions.user': { read: true, create: true, update: true },
  'plugin::sla.calendar': { read: true, create: true, update: true },
  'plugin::sla.policy': { read: true, create: true, update: true },
  'plugin::sla.contract': { read: true, update: true },
  'plugin::notifications.template': { read: true, update: true },
  'plugin::email-intake.quarantine': { read: true },
  'plugin::spoc-console.canned-reply': { read: true, create: true, update: true },
};

/**
 * Reading the panel's users: without it the Content Manager shows an assignee or a follow-up's author by
 * document id, and its picker finds no one (Strapi falls back to `documentId` as the main field of a relation
 * whose target the user may not read; `admin::users.read` is the alias of reading `admin::user`).
 */
const READ_ADMIN_USERS = ['admin::users.read'];

export const ADMIN_ROLES = {
  operator: {
    name: 'SPOC Operator',
    description: 'Operatore SPOC: registra e lavora i ticket e le manutenzioni',
    access: OPERATOR,
    console: [PERMISSIONS.work],
    panel: READ_ADMIN_USERS,
  },
  supervisor: {
    name: 'SPOC Supervisor',
    description: 'Supervisore SPOC: come operatore, più organizzazioni, categorie, utenti e correzioni',
    access: SUPERVISOR,
    console: [PERMISSIONS.work, PERMISSIONS.supervise],
    panel: READ_ADMIN_USERS,
  },
} as const;

const NOT_EDITABLE: Partial<Record<UID.ContentType, readonly string[]>> = {
  // descriptionHtml and bodyHtml: the sanitized HTML of e-mail, written by the intake only.
  'api::ticket.ticket': [...SYSTEM_FIELDS, 'reportedAt', 'followUps', 'descriptionHtml'],
  'api::follow-up.follow-up': ['bodyHtml'],
};

/**
 * Grants added to a role's spec after databases had the role already: applied once to such a role, then
 * remembered in the core store, so that a supervisor who removes one later is not overruled at the next boot.
 * A grant is a content type's access, or actions with no subject.
 */
type LaterGrant = { id: string; role: keyof typeof ADMIN_ROLES } & ({ uid: UID.ContentType; access: Access } | { actions: readonly string[] });
const LATER_GRANTS: readonly LaterGrant[] = [
  // Operators saw "Nessun contratto configurato" on the SLA page: the page read a contract they could not.
  { id: 'operator-reads-sla-contract', role: 'operator', uid: 'plugin::sla.contract', access: { read: true } },
  // Assignee and author pickers showed document ids and found no one (READ_ADMIN_USERS).
  { id: 'operator-reads-admin-users', role: 'operator', actions: READ_ADMIN_USERS },
  { id: 'supervisor-reads-admin-users', role: 'supervisor', actions: READ_ADMIN_USERS },
  // The console's canned replies (issue 15).
  { id: 'operator-reads-canned-replies', role: 'operator', uid: 'plugin::spoc-console.canned-reply', access: { read: true } },
  { id: 'supervisor-edits-canned-replies', role: 'supervisor', uid: 'plugin::spoc-console.canned-reply', access: { read: true, create: true, update: true } },
];
const GRANTS_STORE = { type: 'core', name: 'spoc-desk' } as const;
const GRANTS_KEY = 'admin-role-grants-applied';

export async function ensureAdminRoles(strapi: Core.Strapi) {
  const roles = strapi.service('admin::role');
  const store = strapi.store(GRANTS_STORE);
  const applied = new Set(((await store.get({ key: GRANTS_KEY })) as string[] | null) ?? []);
  for (const [key, spec] of Object.entries(ADMIN_ROLES) as Array<[keyof typeof ADMIN_ROLES, (typeof ADMIN_ROLES)[keyof typeof ADMIN_ROLES]]>) {
    const grants = LATER_GRANTS.filter((grant) => grant.role === key);
    const existing = await roles.findOne({ name: spec.name });
    if (existing) {
      // Supervisors may have tuned the permissions since: never overwrite them, only add what is new.
      for (const grant of grants.filter((grant) => !applied.has(grant.id))) {
        await addMissing(strapi, existing.id, 'uid' in grant ? permissionsFor(strapi, { [grant.uid]: grant.access }) : actionPermissions(grant.actions));
      }
      grants.forEach((grant) => applied.add(grant.id));
      continue;
    }
    let role;
    try {
      role = await roles.create({ name: spec.name, description: spec.description });
    } catch (error) {
      // Another instance booting on the same database created it a moment ago.
      if (await roles.findOne({ name: spec.name })) continue;
      throw error;
    }
    grants.forEach((grant) => applied.add(grant.id)); // the spec has them already
    await roles.assignPermissions(role.id, [
      ...permissionsFor(strapi, spec.access),
      ...actionPermissions([...spec.console, ...spec.panel]),
    ]);
  }
  await store.set({ key: GRANTS_KEY, value: [...applied].sort() });
}

/** A permission as the admin role service takes it. */
type PermissionSpec = { action: string; subject: string | null; properties: Record<string, unknown>; conditions: string[] };

/** Permissions of actions that have no subject (the console's, reading the panel's users). */
const actionPermissions = (actions: readonly string[]): PermissionSpec[] => actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }));

/** Adds the permissions the role lacks (same action and subject), leaving the others as they are. */
async function addMissing(strapi: Core.Strapi, roleId: number, permissions: PermissionSpec[]) {
  const held = (await strapi.db.query('admin::permission').findMany({
    where: { role: { id: roleId } },
    select: ['action', 'subject'],
  })) as Array<{ action: string; subject: string | null }>;
  const missing = permissions.filter((wanted) => !held.some((p) => p.action === wanted.action && p.subject === wanted.subject));
  if (missing.length > 0) await strapi.service('admin::role').addPermissions(roleId, missing);
}

function permissionsFor(strapi: Core.Strapi, access: Partial<Record<UID.ContentType, Access>>): PermissionSpec[] {
  return Object.entries(access).flatMap(([uid, granted]) => {
    const rights: Access = granted ?? {};
    const attributes = Object.keys(strapi.contentType(uid as UID.ContentType).attributes);
    const editable = attributes.filter((field) => !(NOT_EDITABLE[uid as UID.ContentType] ?? []).includes(field));
    const permission = (action: string, fields: string[]) => ({
      action: `plugin::content-manager.explorer.${action}`,
      subject: uid,
      properties: { fields },
      conditions: [],
    });
    return [
      ...(rights.read ? [permission('read', attributes)] : []),
      ...(rights.create ? [permission('create', editable)] : []),
      ...(rights.update ? [permission('update', editable)] : []),
    ];
  });
}
