import messages from './messages';
import outbox from './outbox';
import templates from './templates';
import worker from './worker';

export default { outbox, worker, messages, templates };
