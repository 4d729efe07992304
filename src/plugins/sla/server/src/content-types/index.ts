import calendar from './calendar';
import clock from './clock';
import policy from './policy';

export default { calendar, policy, clock };
