/**
 * Runs one Strapi instance from the compiled app in dist/ (tests compile it once beforehand), in its own
 * process, so tests can start several against one database and kill one at the worst moment.
 * Reports readiness to the parent over IPC.
 */
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

async function main() {
  const appDir = path.resolve(__dirname, '..', '..');
  const app = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: process.env.SERVE_ADMIN_PANEL !== 'false' });
  await app.start();
  if (process.send) process.send({ type: 'ready', port: app.config.get('server.port') });
  const stop = async () => {
    await app.destroy().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
