/**
 * Loads the compiled app on a test database (no server, no crons, no outbox worker) and reads every portal
 * user both ways: our one-statement authentication read (src/access/authenticated-user.ts) and
 * users-permissions' own (`fetchAuthenticatedUser`: the Query Engine with the role). Prints what differs.
 */
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { runFidelity } = require('./fidelity-run.cjs');

runFidelity(async (app, appDir) => {
  const { readAuthenticatedUser } = require(path.join(appDir, 'dist', 'src', 'access', 'authenticated-user.js'));
  const users = await app.db.query('plugin::users-permissions.user').findMany({ select: ['id'] });
  const differences = [];
  for (const { id } of [...users, { id: 987654321 }]) {
    const ours = await readAuthenticatedUser(app, id);
    const theirs = await app.db.query('plugin::users-permissions.user').findOne({ where: { id }, populate: ['role'] });
    if (!isDeepStrictEqual(ours, theirs)) differences.push({ id, ours, theirs });
  }
  return { users: users.length, differences };
});
