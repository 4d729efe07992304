import account from './account';

/** Content API routes, one file per feature: /api/portal/... */
export default {
  'content-api': {
    type: 'content-api',
    routes: [...account],
  },
};
