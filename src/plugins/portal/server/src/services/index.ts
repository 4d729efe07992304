import account from './account';
import activityReport from './activity-report';
import live from './live';
import passwordReset from './password-reset';
import settings from './settings';

export default { account, live, passwordReset, activityReport, settings };
