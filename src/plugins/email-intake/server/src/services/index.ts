import intake from './intake';
import mailboxes from './mailboxes';
import quarantine from './quarantine';
import reader from './reader';

export default { intake, mailboxes, quarantine, reader };
