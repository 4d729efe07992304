<<<<<<< HEAD
import live from './live';
import queue from './queue';
=======
import cannedReplies from './canned-replies';
import followUps from './follow-ups';
import lookups from './lookups';
>>>>>>> helper-workspace
import tickets from './tickets';
import workspace from './workspace';

<<<<<<< HEAD
export default { live, queue, tickets };
=======
export default { tickets, workspace, followUps, cannedReplies, lookups };
>>>>>>> helper-workspace
