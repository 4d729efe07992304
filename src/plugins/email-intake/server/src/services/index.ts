import intake from './intake';
import reader from './reader';

export default { intake, reader };
