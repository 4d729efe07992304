import cannedReply from './canned-reply';

export default { 'canned-reply': cannedReply };
