import admin from './admin';
import { callbackAdminRoutes, callbackContentApiRoutes } from './callbacks';

export default {
  admin: { type: 'admin', routes: [...admin, ...callbackAdminRoutes] },
  'content-api': { type: 'content-api', routes: [...callbackContentApiRoutes] },
};
