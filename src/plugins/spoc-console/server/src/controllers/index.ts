import live from './live';
import queue from './queue';
import tickets from './tickets';

export default { live, queue, tickets };
