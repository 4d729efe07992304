import intake from './intake';
import quarantine from './quarantine';
import reader from './reader';

export default { intake, quarantine, reader };
