import { factories } from '@strapi/strapi';

// Read-only: the timeline is append-only and written only by the application itself.
export default factories.createCoreRouter('api::ticket-event.ticket-event', { only: ['find', 'findOne'] });
