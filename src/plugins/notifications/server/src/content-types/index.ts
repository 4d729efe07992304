import callback from './callback';
import message from './message';
import template from './template';

export default { template, message, callback };
