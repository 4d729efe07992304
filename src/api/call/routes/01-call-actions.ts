export default {
  routes: [{ method: 'POST' as const, path: '/calls/:id/ticket', handler: 'api::call.call.registerTicket', config: { policies: [] as string[] } }],
};
