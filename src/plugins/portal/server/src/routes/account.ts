/** The signed-in portal user's own account. Authentication is the users-permissions JWT; roles are checked in the service. */
export default [
  { method: 'GET', path: '/me', handler: 'me.find', config: { policies: [] } },
  { method: 'PUT', path: '/me', handler: 'me.update', config: { policies: [] } },
];
