/**
 * Only a portal session (users-permissions JWT) opens a live stream. Without a bearer token the request
 * is refused with 401 here, rather than falling to the Public role and a 403, so that the portal's client
 * knows the session is gone; an invalid or expired JWT, or an API token, is a 401 from the
 * users-permissions strategy that follows.
 */
const bearerRequired = {
  name: 'portal-bearer-required',
  authenticate: (ctx: { request: { header: { authorization?: string } } }) =>
    /^Bearer\s+\S+$/i.test(ctx.request.header.authorization ?? '') ? { authenticated: false } : { error: 'Missing credentials' },
};

export default [
  {
    method: 'GET',
    path: '/live',
    handler: 'live.stream',
    config: { auth: { strategies: [bearerRequired, 'users-permissions'] }, policies: [] },
  },
];
