import { liveContentApiRoutes } from './live';

export default {
  'content-api': { type: 'content-api', routes: [...liveContentApiRoutes] },
};
