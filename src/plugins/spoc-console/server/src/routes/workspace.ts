import { allowed, PERMISSIONS } from '../permissions';

const work = allowed(PERMISSIONS.work);

/** The ticket workspace, registration, composer, canned replies and the form's lookups (contract-15, part B). */
export default [
  { method: 'POST', path: '/tickets', handler: 'workspace.register', config: work },
  { method: 'GET', path: '/tickets/:documentId', handler: 'workspace.get', config: work },
  { method: 'POST', path: '/tickets/:documentId/assign', handler: 'workspace.assign', config: work },
  { method: 'POST', path: '/tickets/:documentId/classify/preview', handler: 'workspace.classifyPreview', config: work },
  { method: 'POST', path: '/tickets/:documentId/classify', handler: 'workspace.classify', config: work },
  { method: 'POST', path: '/tickets/:documentId/follow-ups', handler: 'followUps.create', config: work },
  { method: 'GET', path: '/canned-replies', handler: 'cannedReplies.list', config: work },
  { method: 'POST', path: '/canned-replies/:documentId/render', handler: 'cannedReplies.render', config: work },
  { method: 'GET', path: '/organizations/:documentId/requesters', handler: 'lookups.requesters', config: work },
  { method: 'GET', path: '/sla-targets', handler: 'lookups.slaTargets', config: work },
];
