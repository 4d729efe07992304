import sla from './sla';

export default { sla };
