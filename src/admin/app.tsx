import type { StrapiApp } from '@strapi/strapi/admin';
import { defaultToLocale } from './default-locale';
import en from './translations/en';
import it from './translations/it';
import { ENUMERATIONS_EN, ENUMERATIONS_IT } from './translations/enumerations';
import { CONTENT_MANAGER_IT } from './translations/content-manager';
import { translateEnumerationColumns } from './content-manager/enumeration-cells';
import { bootstrapConsole, registerConsole, translations as consoleTranslations } from '../plugins/spoc-console/admin/src';

export default {
  config: {
    // Operators work in Italian by default; English stays available.
    locales: ['it', 'en'],
    // Enumeration values are bare keys (see translations/enumerations.ts); the app's own keys win on a clash.
    translations: {
      it: { ...ENUMERATIONS_IT, ...CONTENT_MANAGER_IT, ...consoleTranslations.it, ...it },
      en: { ...ENUMERATIONS_EN, ...consoleTranslations.en, ...en },
    },
  },
  register(app: StrapiApp) {
    // Runs before the panel's first render, which reads the stored language.
    defaultToLocale(window.localStorage, 'it');
    registerConsole(app);
  },
  bootstrap(app: StrapiApp) {
    bootstrapConsole(app);
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', translateEnumerationColumns);
    app.addSettingsLink({ id: 'spoc-desk', intlLabel: { id: 'spoc-desk.settings.section', defaultMessage: 'SPOC Desk' } }, [
      {
        id: 'sla',
        to: 'sla',
        intlLabel: { id: 'sla.settings.title', defaultMessage: 'SLA' },
        Component: () => import('./pages/sla-settings'),
        permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'plugin::sla.policy' }],
      },
      {
        // Failed e-mails and the template editor: for supervisors, as the routes behind the page.
        id: 'notifications',
        to: 'notifications',
        intlLabel: { id: 'notifications.settings.title', defaultMessage: 'E-mail' },
        Component: () => import('./pages/notifications-settings'),
        permissions: [{ action: 'plugin::spoc-console.tickets.supervise', subject: null }],
      },
      {
        // The intake mailboxes hold credentials: supervisors only, as the routes behind the page.
        id: 'mailboxes',
        to: 'mailboxes',
        intlLabel: { id: 'mailboxes.settings.title', defaultMessage: 'Caselle e-mail' },
        Component: () => import('./pages/mailboxes-settings'),
        permissions: [{ action: 'plugin::spoc-console.tickets.supervise', subject: null }],
      },
    ]);
  },
};
