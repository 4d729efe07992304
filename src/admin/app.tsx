import type { StrapiApp } from '@strapi/strapi/admin';

export default {
  config: {
    // Operators work in Italian by default; English stays available.
    locales: ['it', 'en'],
    translations: {
      it: {
        'Auth.form.welcome.title': 'Benvenuto in SPOC Desk',
        'Auth.form.welcome.subtitle': 'Accedi al tuo account di operatore',
      },
    },
  },
  bootstrap(_app: StrapiApp) {},
};
