import me from './me';
import passwordReset from './password-reset';
import reports from './reports';
import settings from './settings';

export default { me, passwordReset, reports, settings };
