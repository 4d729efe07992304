import quarantine from './quarantine';

export default { quarantine };
