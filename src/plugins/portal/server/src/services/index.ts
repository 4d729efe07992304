import live from './live';

export default { live };
