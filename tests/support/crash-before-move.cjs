/**
 * Preloaded (node --require) into a Strapi instance to kill it at the intake's worst moment: after the
 * first message's result is committed, before the message is moved out of the IMAP folder.
 */
const { ImapFlow } = require('imapflow');

const move = ImapFlow.prototype.messageMove;
ImapFlow.prototype.messageMove = function crashBeforeMove() {
  process.stdout.write('crash-before-move: exiting before the first move\n');
  process.kill(process.pid, 'SIGKILL');
  return move.apply(this, arguments);
};
