import outbox from './outbox';
import worker from './worker';

export default { outbox, worker };
