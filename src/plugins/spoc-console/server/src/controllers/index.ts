import board from './board';
import cannedReplies from './canned-replies';
import followUps from './follow-ups';
import live from './live';
import maintenanceDesk from './maintenance-desk';
import phoneDesk from './phone-desk';
import lookups from './lookups';
import queue from './queue';
import tickets from './tickets';
import workspace from './workspace';

export default { tickets, workspace, followUps, cannedReplies, lookups, queue, live, phoneDesk, maintenanceDesk, board };
