import callbacks from './callbacks';
import messages from './messages';
import templates from './templates';

export default { callbacks, messages, templates };
