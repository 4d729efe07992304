import account from './account';
import passwordReset from './password-reset';
import reports from './reports';
import settings from './settings';
import live from './live';

/** Content API routes, one file per feature: /api/portal/... */
export default {
  'content-api': {
    type: 'content-api',
    routes: [...account, ...passwordReset, ...reports, ...settings, ...live],
  },
};
