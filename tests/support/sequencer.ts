/**
 * The order test files start in. Two workers share the run: a long file that starts last keeps one of them
 * busy while the other waits, so the longest files go first. Vitest knows durations only from an earlier run
 * on the same checkout (never on CI's clean clone) and otherwise puts larger files first; a file that runs the
 * topics of a folder of its own (`rest-api.test.ts` importing `rest-api/*.ts`) is a few lines long, and would
 * have started last. Here such a file weighs as much as its folder.
 * With `--sequence.shuffle` the files are shuffled instead, from `--sequence.seed` (npm run test:repeat).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { shuffle } from '@vitest/utils';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export class HeaviestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { sequence, root } = this.ctx.config;
    // Vitest's own shuffle, as its RandomSequencer does it (which a sequencer of our own replaces).
    if (sequence.shuffle) return shuffle([...files], sequence.seed);
    const known = files.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${path.relative(root, file.moduleId)}`));
    if (known) return super.sort(files);
    const weights = new Map(files.map((file) => [file, weight(file.moduleId)]));
    return [...files].sort((a, b) => weights.get(b)! - weights.get(a)!);
  }
}

/** The bytes of a test file, and of the topic modules it runs from the folder of its name. */
function weight(file: string): number {
  const topics = file.replace(/\.test\.ts$/, '');
  const own = statSync(file).size;
  if (topics === file || !existsSync(topics)) return own;
  return own + readdirSync(topics).reduce((sum, name) => sum + statSync(path.join(topics, name)).size, 0);
}
