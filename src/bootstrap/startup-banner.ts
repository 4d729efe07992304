import type { Core } from '@strapi/strapi';
import type { NotificationsConfig } from '../plugins/notifications/server/src/config';
import { portalLinks } from '../utils/portal-links';

/**
 * Strapi's start banner names the admin panel and the server; users also need the portal, at the address
 * e-mails link to (PUBLIC_URL, else localhost at PORT). Strapi prints the banner from its `startupLogger`
 * after the server listens, with no hook of its own: this adds the portal's line right after it.
 */
/** The portal's address, from the configuration e-mail links are built from (PUBLIC_URL, else localhost at PORT). */
export const portalHome = (strapi: Core.Strapi) => portalLinks((strapi.config.get('plugin::notifications') as NotificationsConfig).publicUrl).home();

export function addPortalToStartupBanner(strapi: Core.Strapi) {
  const logger = strapi.startupLogger;
  const printBanner = logger.logStartupMessage.bind(logger);
  logger.logStartupMessage = (args) => {
    printBanner(args);
    if (!strapi.config.get('server.logger.startup.enabled')) return;
    // The banner is console output too: the same stream, next to the admin panel's address.
    console.log(`Portale per il personale dell'Amministrazione (staff portal): ${portalHome(strapi)}`);
    console.log();
  };
}
