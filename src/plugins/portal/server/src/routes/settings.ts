/** The portal's public settings: attachment limits and single sign-on providers (no secrets). */
export default [{ method: 'GET', path: '/settings', handler: 'settings.find', config: { auth: false, policies: [] } }];
