import { allowed, PERMISSIONS } from '../permissions';

const work = allowed(PERMISSIONS.work);
const supervise = allowed(PERMISSIONS.supervise);

/** The channel desks (issue 16): the phone desk's calls, the maintenance calendar, the supervisors' board. */
export default [
  { method: 'GET', path: '/desk/status', handler: 'phoneDesk.status', config: work },
  { method: 'GET', path: '/calls', handler: 'phoneDesk.list', config: work },
  { method: 'POST', path: '/calls', handler: 'phoneDesk.answer', config: work },
  { method: 'GET', path: '/calls/:documentId', handler: 'phoneDesk.get', config: work },
  { method: 'PUT', path: '/calls/:documentId', handler: 'phoneDesk.update', config: work },
  { method: 'POST', path: '/calls/:documentId/dismiss', handler: 'phoneDesk.dismiss', config: work },
  { method: 'POST', path: '/calls/:documentId/attach', handler: 'phoneDesk.attach', config: work },
  { method: 'GET', path: '/maintenance', handler: 'maintenanceDesk.list', config: work },
  { method: 'POST', path: '/maintenance', handler: 'maintenanceDesk.create', config: work },
  { method: 'GET', path: '/maintenance/:documentId', handler: 'maintenanceDesk.get', config: work },
  { method: 'PUT', path: '/maintenance/:documentId', handler: 'maintenanceDesk.update', config: work },
  { method: 'POST', path: '/maintenance/:documentId/:action', handler: 'maintenanceDesk.perform', config: work },
  { method: 'GET', path: '/board', handler: 'board.figures', config: supervise },
];
