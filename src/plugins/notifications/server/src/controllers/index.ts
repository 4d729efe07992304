import callbacks from './callbacks';

export default { callbacks };
