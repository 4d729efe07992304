import live from './live';
import me from './me';
import passwordReset from './password-reset';
import reports from './reports';
import settings from './settings';

export default { live, me, passwordReset, reports, settings };
