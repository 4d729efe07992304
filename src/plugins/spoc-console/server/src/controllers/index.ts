import tickets from './tickets';

export default { tickets };
