import bootstrap from './bootstrap';
import config from './config';
import services from './services';

export default {
  bootstrap,
  config,
  services,
};
