import me from './me';
import passwordReset from './password-reset';

export default { me, passwordReset };
