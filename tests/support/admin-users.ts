/**
 * Admin-panel accounts made for one test through the admin API, as a super admin invites a colleague: the
 * user is created with a role, then registers with the invitation's token and is signed in by it (no login:
 * `/admin/login` is rate-limited per account, and the shared sessions need it).
 */
import { randomUUID } from 'node:crypto';
import { Api } from './http';

export interface AdminUser {
  id: number;
  email: string;
  firstname: string;
  lastname: string;
  /** A client signed in as the new user. */
  api: Api;
}

/** The id of the admin role with this name (`SPOC Operator`, `Editor`, …). */
export async function adminRoleId(superAdmin: Api, name: string): Promise<number> {
  const roles = await superAdmin.get('/admin/roles');
  const role = (roles.body.data as Array<{ id: number; name: string }>).find((candidate) => candidate.name === name);
  if (!role) throw new Error(`no admin role named ${name}: ${JSON.stringify(roles.body)}`);
  return role.id;
}

export async function createAdminUser(superAdmin: Api, roleName: string, name: { firstname: string; lastname: string } = { firstname: 'Prova', lastname: 'Utente' }, password = 'Iniziale2026!'): Promise<AdminUser> {
  const email = `admin-${randomUUID().slice(0, 8)}@spoc-desk.test`;
  const created = await superAdmin.post('/admin/users', { ...name, email, roles: [await adminRoleId(superAdmin, roleName)] });
  if (created.status !== 201) throw new Error(`admin user creation failed: ${created.status} ${JSON.stringify(created.body)}`);
  const registered = await new Api(superAdmin.baseUrl).post('/admin/register', {
    registrationToken: created.body.data.registrationToken,
    userInfo: { ...name, password },
  });
  if (registered.status !== 200) throw new Error(`admin registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  return { id: created.body.data.id, email, ...name, api: new Api(superAdmin.baseUrl, registered.body.data.accessToken ?? registered.body.data.token) };
}
