import { beforeAll, describe, expect, it } from 'vitest';
import { actors, Api, backends, DEMO, type Actors } from '../../support/api';
import { OPEN_FOR_REQUESTER } from '../../../src/api/ticket/lifecycle-rules';
import { createPortalUser, signedToken } from '../../support/portal-users';

/** GET/PUT /api/portal/me: who the portal user is, for Staff and Referente only. */
describe.each(backends())('portal account on $name', (backend) => {
  let a: Actors;
  beforeAll(async () => {
    a = await actors(backend);
  });
  const as = (userId: number, expiresInSeconds?: number) => new Api(backend.url, signedToken(userId, expiresInSeconds));

  it('tells a Staff user and a Referente their role, organization and language', async () => {
    const staff = await a.staff.get('/api/portal/me');
    expect(staff.status).toBe(200);
    expect(staff.body.data).toEqual({
      id: expect.any(Number),
      username: expect.any(String),
      email: DEMO.staff,
      language: 'it',
      role: 'Staff',
      organization: { documentId: a.organizations.azienda.documentId, name: expect.any(String), code: 'AZERO' },
    });
    const referent = await a.referent.get('/api/portal/me');
    expect(referent.body.data).toMatchObject({ email: DEMO.referent, role: 'Referente', organization: { code: 'AZERO' } });
    const other = await a.otherStaff.get('/api/portal/me');
    expect(other.body.data).toMatchObject({ email: DEMO.otherStaff, role: 'Staff', organization: { code: 'AULSS6' } });
  });

  it("changes the user's language, and names the field when the value is not one", async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const me = as(user.id);
    expect((await me.get('/api/portal/me')).body.data.language).toBe('it');
    const changed = await me.put('/api/portal/me', { data: { language: 'en' } });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ email: user.email, language: 'en', role: 'Staff' });
    expect((await me.get('/api/portal/me')).body.data.language).toBe('en');
    // The e-mails follow the same choice: it is the user's `language`.
    expect((await a.tool.get(`/api/users/${user.id}`)).body.language).toBe('en');

    for (const body of [{ data: { language: 'de' } }, { data: {} }, { language: 'it' }]) {
      const refused = await me.put('/api/portal/me', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.details.errors[0].path).toEqual(['language']);
    }
    expect((await me.get('/api/portal/me')).body.data.language).toBe('en');
  });

  it('refuses users of other roles, API tokens and anonymous callers', async () => {
    const outsider = await createPortalUser(a.tool, 'Authenticated', a.organizations.azienda.id);
    const refused = await as(outsider.id).get('/api/portal/me');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toEqual(expect.any(String));
    expect((await as(outsider.id).put('/api/portal/me', { data: { language: 'en' } })).status).toBe(403);
    expect((await a.tool.get(`/api/users/${outsider.id}`)).body.language).toBeNull();

    expect((await a.tool.get('/api/portal/me')).status).toBe(403);
    expect([401, 403]).toContain((await a.anonymous.get('/api/portal/me')).status);
  });

  it('answers 401 to an expired session, so that the portal asks to sign in again', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    expect((await as(user.id, 3600).get('/api/portal/me')).status).toBe(200);
    expect((await as(user.id, -60).get('/api/portal/me')).status).toBe(401);
    expect((await as(user.id, -60).get('/api/tickets')).status).toBe(401);
  });

  it('answers 401 to a token signed with another key, or with no signature', async () => {
    const user = await createPortalUser(a.tool, 'Staff', a.organizations.azienda.id);
    const forged = new Api(backend.url, signedToken(user.id, 3600, 'not-the-server-secret'));
    expect((await forged.get('/api/portal/me')).status).toBe(401);
    const [, payload] = signedToken(user.id).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await new Api(backend.url, unsigned).get('/api/tickets')).status).toBe(401);
  });

  it('refuses a Staff user attached to no organization', async () => {
    const user = await createPortalUser(a.tool, 'Staff', null);
    expect((await as(user.id).get('/api/portal/me')).status).toBe(403);
  });

  it('tells anyone the attachment limits and the enabled single sign-on providers, before sign-in', async () => {
    const res = await a.anonymous.get('/api/portal/settings');
    expect(res.status).toBe(200);
    expect(res.body.data.attachments).toEqual({ maxFiles: 10, maxFileBytes: 25 * 1024 * 1024, blockedExtensions: expect.arrayContaining(['exe', 'scr', 'msi', 'dll', 'jar']) });
    // Extensions, not the type names of the policy ("mach-o" is no file name ending).
    expect(res.body.data.attachments.blockedExtensions).not.toContain('mach-o');
    expect(res.body.data.openForRequester).toEqual([...OPEN_FOR_REQUESTER]);
    // users-permissions' e-mail sign-in is not single sign-on, and no provider is enabled out of the box.
    expect(res.body.data.singleSignOn).toEqual([]);
  });
});
