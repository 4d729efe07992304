import mailboxes from './mailboxes';
import quarantine from './quarantine';

export default { mailboxes, quarantine };
