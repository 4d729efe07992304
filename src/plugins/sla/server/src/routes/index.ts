export default {
  'content-api': {
    type: 'content-api',
    routes: [
      { method: 'GET', path: '/:collection(calendars|policies)', handler: 'sla.list', config: { policies: [] } },
      { method: 'POST', path: '/sweep', handler: 'sla.sweep', config: { policies: [] } },
    ],
  },
};
