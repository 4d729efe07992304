import { factories } from '@strapi/strapi';

// Categories are shared configuration, the same for every organization: no scoping needed.
export default factories.createCoreController('api::category.category');
