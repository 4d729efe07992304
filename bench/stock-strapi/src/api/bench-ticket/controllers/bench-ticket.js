'use strict';

/**
 * bench-ticket controller, as `strapi generate` writes it.
 */

const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreController('api::bench-ticket.bench-ticket');
