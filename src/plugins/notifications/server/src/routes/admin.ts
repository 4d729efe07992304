import { allowed, PERMISSIONS } from '../../../../spoc-console/server/src/permissions';

/** The outbox and the templates are for supervisors (the "SPOC Supervisor" role holds this permission, operators do not). */
const supervisors = allowed(PERMISSIONS.supervise);

export default [
  { method: 'GET', path: '/messages', handler: 'messages.list', config: supervisors },
  { method: 'POST', path: '/messages/:documentId/retry', handler: 'messages.retry', config: supervisors },
  { method: 'GET', path: '/delivery', handler: 'delivery.mode', config: supervisors },
  { method: 'GET', path: '/captured', handler: 'delivery.captured', config: supervisors },
  { method: 'GET', path: '/captured/:name', handler: 'delivery.capturedOne', config: supervisors },
  { method: 'GET', path: '/captured/:name/raw', handler: 'delivery.capturedRaw', config: supervisors },
  { method: 'GET', path: '/templates', handler: 'templates.list', config: supervisors },
  { method: 'POST', path: '/templates/preview', handler: 'templates.preview', config: supervisors },
  { method: 'PUT', path: '/templates/:documentId', handler: 'templates.update', config: supervisors },
];
