import { allowed, PERMISSIONS } from '../permissions';

const work = allowed(PERMISSIONS.work);

/** The channel desks (issue 16): the phone desk's calls. */
export default [
  { method: 'GET', path: '/desk/status', handler: 'phoneDesk.status', config: work },
  { method: 'GET', path: '/calls', handler: 'phoneDesk.list', config: work },
  { method: 'POST', path: '/calls', handler: 'phoneDesk.answer', config: work },
  { method: 'GET', path: '/calls/:documentId', handler: 'phoneDesk.get', config: work },
  { method: 'PUT', path: '/calls/:documentId', handler: 'phoneDesk.update', config: work },
  { method: 'POST', path: '/calls/:documentId/dismiss', handler: 'phoneDesk.dismiss', config: work },
  { method: 'POST', path: '/calls/:documentId/attach', handler: 'phoneDesk.attach', config: work },
];
