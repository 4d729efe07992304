import { allowed, PERMISSIONS } from '../../../../spoc-console/server/src/permissions';

const supervisors = allowed(PERMISSIONS.supervise);

export default {
  admin: {
    type: 'admin',
    routes: [
      { method: 'GET', path: '/quarantine', handler: 'quarantine.list', config: supervisors },
      { method: 'GET', path: '/quarantine/:id', handler: 'quarantine.preview', config: supervisors },
      { method: 'GET', path: '/quarantine/:id/raw', handler: 'quarantine.raw', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/attach', handler: 'quarantine.attach', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/allow-domain', handler: 'quarantine.allowDomain', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/convert', handler: 'quarantine.convert', config: supervisors },
      { method: 'POST', path: '/quarantine/:id/discard', handler: 'quarantine.discard', config: supervisors },
      // Mailbox settings hold credentials: supervisors only, as the page that shows them.
      { method: 'GET', path: '/mailboxes', handler: 'mailboxes.list', config: supervisors },
      { method: 'POST', path: '/mailboxes', handler: 'mailboxes.create', config: supervisors },
      { method: 'POST', path: '/mailboxes/test', handler: 'mailboxes.testNew', config: supervisors },
      { method: 'POST', path: '/mailboxes/:documentId/test', handler: 'mailboxes.testStored', config: supervisors },
      { method: 'PUT', path: '/mailboxes/:documentId', handler: 'mailboxes.update', config: supervisors },
      { method: 'DELETE', path: '/mailboxes/:documentId', handler: 'mailboxes.remove', config: supervisors },
    ],
  },
};
