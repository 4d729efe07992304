import { factories } from '@strapi/strapi';

// Follow-ups are part of the record: added, never edited or deleted through the API.
export default factories.createCoreRouter('api::follow-up.follow-up', { only: ['find', 'findOne', 'create'] });
