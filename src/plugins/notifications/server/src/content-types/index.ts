import message from './message';
import template from './template';

export default { template, message };
