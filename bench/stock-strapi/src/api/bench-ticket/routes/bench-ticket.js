'use strict';

/**
 * bench-ticket route, as `strapi generate` writes it.
 */

const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreRouter('api::bench-ticket.bench-ticket');
