import callbacks from './callbacks';
import delivery from './delivery';
import messages from './messages';
import templates from './templates';

export default { callbacks, delivery, messages, templates };
