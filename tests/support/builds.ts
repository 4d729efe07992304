/**
 * The compiled server the instances run, and the admin panel and the portal the browser tests drive, must be
 * built from the current sources: `npm install` builds all three once; these rebuild one when a source file
 * is newer than its build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './instances';

/** The newest change under `dir`: a file written, or one added, renamed or deleted (its folder's own time). */
function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** What tsconfig.json compiles into dist/ (a superset: the admin sources it leaves out only cost a recompile). */
const SERVER_SOURCES = ['src', 'config', 'database', 'providers', 'types', 'tsconfig.json'];

/**
 * Compiles the server (TypeScript into dist/) unless dist/ is newer than every source. The compile is
 * incremental, yet tsc still reads the whole program: about 14 s of a CI run that `npm ci` has just compiled.
 * The build info tsc writes last stands for the whole output.
 */
export async function ensureServerBuild(): Promise<void> {
  const built = path.join(ROOT, 'dist', 'tsconfig.tsbuildinfo');
  const newestSource = Math.max(
    ...SERVER_SOURCES.map((name) => path.join(ROOT, name))
      .filter((source) => existsSync(source))
      .map((source) => (statSync(source).isDirectory() ? newestMtime(source) : statSync(source).mtimeMs))
  );
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource) return;
  // Strapi's ESM build does not load under Node's resolver; its CommonJS build does.
  const { compileStrapi } = createRequire(path.join(ROOT, 'package.json'))('@strapi/strapi');
  await compileStrapi();
  // An incremental compile that found nothing new leaves the build info as it was: mark it current all the same.
  if (existsSync(built)) utimesSync(built, new Date(), new Date());
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
