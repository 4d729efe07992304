import cannedReplies from './canned-replies';
import followUps from './follow-ups';
import lookups from './lookups';
import registration from './registration';
import workspace from './workspace';

export default { workspace, registration, followUps, cannedReplies, lookups };
