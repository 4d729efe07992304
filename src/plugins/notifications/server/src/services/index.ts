import callbacks from './callbacks';
import capturedMail from './captured-mail';
import messages from './messages';
import outbox from './outbox';
import progress from './progress';
import templates from './templates';
import worker from './worker';

export default { outbox, worker, progress, callbacks, messages, templates, capturedMail };
