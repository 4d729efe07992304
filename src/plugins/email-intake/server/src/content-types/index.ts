import mailbox from './mailbox';
import quarantine from './quarantine';

export default { mailbox, quarantine };
