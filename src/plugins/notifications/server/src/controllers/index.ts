import messages from './messages';
import templates from './templates';

export default { messages, templates };
