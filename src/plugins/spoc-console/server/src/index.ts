import bootstrap from './bootstrap';
import controllers from './controllers';
import destroy from './destroy';
import routes from './routes';
import services from './services';

export default {
  bootstrap,
  controllers,
  destroy,
  routes,
  services,
};
