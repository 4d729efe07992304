import { factories } from '@strapi/strapi';

// No update or delete: a call record is evidence of when the clock started. The PBX reports the hang-up
// by posting the same callId again.
export default factories.createCoreRouter('api::call.call', { only: ['find', 'findOne', 'create'] });
