/**
 * Loads the compiled app on a test database (no server, no crons, no outbox worker) and reads every portal
 * user both ways: our one-statement authentication read (src/access/authenticated-user.ts) and
 * users-permissions' own (`fetchAuthenticatedUser`: the Query Engine with the role). Prints what differs.
 */
const path = require('node:path');
const { isDeepStrictEqual } = require('node:util');
const { createStrapi } = require('@strapi/strapi');

async function main() {
  const appDir = path.resolve(__dirname, '..', '..');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  await app.load();
  try {
    const { readAuthenticatedUser } = require(path.join(appDir, 'dist', 'src', 'access', 'authenticated-user.js'));
    const users = await app.db.query('plugin::users-permissions.user').findMany({ select: ['id'] });
    const differences = [];
    for (const { id } of [...users, { id: 987654321 }]) {
      const ours = await readAuthenticatedUser(app, id);
      const theirs = await app.db.query('plugin::users-permissions.user').findOne({ where: { id }, populate: ['role'] });
      if (!isDeepStrictEqual(ours, theirs)) differences.push({ id, ours, theirs });
    }
    process.stdout.write(`FIDELITY ${JSON.stringify({ users: users.length, differences })}\n`);
  } finally {
    await app.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
