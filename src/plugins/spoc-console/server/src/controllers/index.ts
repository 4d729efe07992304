import cannedReplies from './canned-replies';
import followUps from './follow-ups';
import lookups from './lookups';
import tickets from './tickets';
import workspace from './workspace';

export default { tickets, workspace, followUps, cannedReplies, lookups };
