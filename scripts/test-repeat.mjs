#!/usr/bin/env node
/**
 * Runs the integration and browser suites N times (TEST_REPEAT, default 3), each in a shuffled order with a
 * seed of its own (files and tests: `--sequence.shuffle`), to catch tests that depend on order or on each
 * other. Stops at the first red run and prints its seed: `npx vitest run --project integration
 * --sequence.shuffle --sequence.seed=SEED` replays that order. Extra arguments go to vitest (a file, -t).
 */
import { spawnSync } from 'node:child_process';

const runs = Number(process.env.TEST_REPEAT ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`TEST_REPEAT must be a positive integer, not "${process.env.TEST_REPEAT}"`);
  process.exit(2);
}
const extra = process.argv.slice(2);
const times = [];
for (let run = 1; run <= runs; run++) {
  const seed = Math.floor(Math.random() * 2 ** 31);
  console.log(`\n== run ${run} of ${runs}, seed ${seed}`);
  const started = Date.now();
  const result = spawnSync('npx', ['vitest', 'run', '--project', 'integration', '--sequence.shuffle', `--sequence.seed=${seed}`, ...extra], { stdio: 'inherit' });
  times.push(`run ${run}: seed ${seed}, ${Math.round((Date.now() - started) / 1000)} s, exit ${result.status}`);
  if (result.status !== 0) {
    console.error(`\n${times.join('\n')}\nrun ${run} failed; replay its order with --sequence.shuffle --sequence.seed=${seed}`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${times.join('\n')}\nall ${runs} shuffled runs passed`);
