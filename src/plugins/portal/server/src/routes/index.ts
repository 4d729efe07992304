import live from './live';

/** Content API routes, one file per feature: /api/portal/... */
export default {
  'content-api': {
    type: 'content-api',
    routes: [...live],
  },
};
