import clock from './clock';
import report from './report';
import sweep from './sweep';
import tracker from './tracker';

export default { clock, tracker, sweep, report };
