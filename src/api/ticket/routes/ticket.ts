import { factories } from '@strapi/strapi';

// No delete: a ticket is evidence. Cancel it with a reason instead.
export default factories.createCoreRouter('api::ticket.ticket', { only: ['find', 'findOne', 'create', 'update'] });
