import clock from './clock';
import sweep from './sweep';
import tracker from './tracker';

export default { clock, tracker, sweep };
