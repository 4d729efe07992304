import account from './account';
import activityReport from './activity-report';
import passwordReset from './password-reset';
import settings from './settings';

export default { account, passwordReset, activityReport, settings };
