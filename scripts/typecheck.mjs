#!/usr/bin/env node
/**
 * Type-checks the four TypeScript projects (server, tests, portal, admin) side by side instead of one after
 * the other: each `tsc` is single-threaded, and `npm test` waits for all of them before Vitest starts.
 * Each project's output is printed whole, in order; the exit code is the first failure's. (A dozen lines of
 * child_process rather than a task-runner dependency for four commands.)
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const PROJECTS = [
  // Its build info kept apart: written to dist/ (the default), it would make a stale dist look compiled to
  // the tests' compile-if-stale check (tests/support/builds.ts), which reads that file's time.
  ['-p', 'tsconfig.json', '--noEmit', '--tsBuildInfoFile', '.tmp/typecheck/server.tsbuildinfo'],
  ['-p', 'tsconfig.tests.json'],
  ['-p', 'portal/tsconfig.json'],
  ['-p', 'src/admin/tsconfig.json', '--noEmit'],
];

function check(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ args, code: code ?? 1, output }));
  });
}

const results = [];
const queue = [...PROJECTS];
const workers = Array.from({ length: Math.min(availableParallelism(), PROJECTS.length) }, async () => {
  while (queue.length > 0) results.push(await check(queue.shift()));
});
await Promise.all(workers);
let failed = 0;
for (const project of PROJECTS) {
  const { code, output } = results.find((result) => result.args === project);
  if (output.trim()) process.stdout.write(`tsc ${project.join(' ')}\n${output}`);
  if (code !== 0 && !failed) failed = code;
}
process.exit(failed);
