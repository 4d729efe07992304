import account from './account';
import activityReport from './activity-report';
import passwordReset from './password-reset';

export default { account, passwordReset, activityReport };
