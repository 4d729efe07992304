import live from './live';
import queue from './queue';

export default { live, queue };
