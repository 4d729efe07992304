import account from './account';
import passwordReset from './password-reset';

export default { account, passwordReset };
