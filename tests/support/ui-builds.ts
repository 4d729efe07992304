/**
 * The admin panel and the portal the browser tests drive must be built from the current sources:
 * `npm install` builds them once; these rebuild one when a source file is newer than its build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './instances';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The panel's sources: the app's admin entry and the admin side of each local plugin (src/plugins/<name>/admin). */
function adminSources(): string[] {
  const plugins = path.join(ROOT, 'src', 'plugins');
  const pluginAdmins = readdirSync(plugins, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(plugins, entry.name, 'admin'))
    .filter((dir) => existsSync(dir));
  return [path.join(ROOT, 'src', 'admin'), ...pluginAdmins];
}

export function ensureAdminBuild(): void {
  const built = path.join(ROOT, 'dist', 'build', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...adminSources().map(newestMtime))) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'build'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
  });
}

export function ensurePortalBuild(): void {
  const built = path.join(ROOT, 'public', 'portal', 'index.html');
  const portal = path.join(ROOT, 'portal');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(portal)) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(portal, 'vite.config.mts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    // Vitest sets NODE_ENV=test, which would give React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
