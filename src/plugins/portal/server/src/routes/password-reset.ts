/** Forgotten password: open to everyone (the answer tells nothing); the reset itself is users-permissions' POST /api/auth/reset-password. */
export default [{ method: 'POST', path: '/auth/forgot-password', handler: 'passwordReset.forgot', config: { auth: false, policies: [] } }];
