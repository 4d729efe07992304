import callbacks from './callbacks';
import outbox from './outbox';
import progress from './progress';
import worker from './worker';

export default { outbox, worker, progress, callbacks };
