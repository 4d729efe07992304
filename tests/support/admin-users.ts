/**
 * Admin-panel users made for a test through the admin API, as a super admin does it in the panel: invited
 * with a role, then registered with the invitation token (which also signs them in).
 */
import { randomUUID } from 'node:crypto';
import { Api, DEMO_PASSWORD } from './http';

export interface AdminUser {
  id: number;
  email: string;
  name: string;
  api: Api;
}

/** A new active admin with the named role ("SPOC Operator", "Author", ...), signed in. */
export async function createAdminUser(superAdmin: Api, roleName: string, firstname = 'Utente', lastname = 'Di prova'): Promise<AdminUser> {
  const roles = await superAdmin.get('/admin/roles');
  const role = (roles.body.data as Array<{ id: number; name: string }>).find((candidate) => candidate.name === roleName);
  if (!role) throw new Error(`no admin role named ${roleName}: ${JSON.stringify(roles.body)}`);
  const email = `${firstname}.${lastname}.${randomUUID().slice(0, 8)}@spoc-desk.test`.toLowerCase().replace(/\s+/g, '');
  const invited = await superAdmin.post('/admin/users', { firstname, lastname, email, roles: [role.id] });
  if (invited.status !== 201) throw new Error(`admin user creation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const registered = await new Api(superAdmin.baseUrl).post('/admin/register', {
    registrationToken: invited.body.data.registrationToken,
    userInfo: { firstname, lastname, password: DEMO_PASSWORD },
  });
  if (registered.status !== 200) throw new Error(`admin registration failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  return { id: invited.body.data.id, email, name: `${firstname} ${lastname}`, api: new Api(superAdmin.baseUrl, registered.body.data.accessToken ?? registered.body.data.token) };
}
