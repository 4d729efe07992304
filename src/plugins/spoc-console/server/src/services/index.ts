import board from './board';
import cannedReplies from './canned-replies';
import followUps from './follow-ups';
import live from './live';
import maintenanceDesk from './maintenance-desk';
import phoneDesk from './phone-desk';
import lookups from './lookups';
import queue from './queue';
import registration from './registration';
import workspace from './workspace';

export default { workspace, registration, followUps, cannedReplies, lookups, queue, live, phoneDesk, maintenanceDesk, board };
