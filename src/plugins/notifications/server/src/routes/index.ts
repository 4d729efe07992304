import { callbackAdminRoutes, callbackContentApiRoutes } from './callbacks';

export default {
  admin: { type: 'admin', routes: [...callbackAdminRoutes] },
  'content-api': { type: 'content-api', routes: [...callbackContentApiRoutes] },
};
