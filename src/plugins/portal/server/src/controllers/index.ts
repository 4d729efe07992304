import me from './me';
import passwordReset from './password-reset';
import reports from './reports';

export default { me, passwordReset, reports };
