'use strict';

/**
 * bench-ticket service, as `strapi generate` writes it.
 */

const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreService('api::bench-ticket.bench-ticket');
