/**
 * What the fidelity scripts share: load the compiled app on the database of the environment (no server, no
 * crons, no outbox worker), run one comparison of our shortcut with Strapi's own way, print its result as a
 * `FIDELITY {json}` line for the test that started the script (support/fidelity.ts), and stop.
 */
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');

/** `compare(app, appDir)` returns the JSON-able result the test asserts on. */
function runFidelity(compare) {
  const run = async () => {
    const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
    await app.load();
    try {
      process.stdout.write(`FIDELITY ${JSON.stringify(await compare(app, appDir))}\n`);
    } finally {
      await app.destroy();
    }
  };
  run().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    }
  );
}

module.exports = { runFidelity };
