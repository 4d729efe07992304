import calendar from './calendar';
import clock from './clock';
import contract from './contract';
import policy from './policy';

export default { calendar, policy, clock, contract };
