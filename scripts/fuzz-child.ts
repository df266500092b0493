/**
 * Runs fuzz() for fuzzInChild (scripts/fuzz-lib.ts): argv[2] is {seed, count, opts} as JSON,
 * argv[3] the file the FuzzRun is written to. Prints one progress line per document so the
 * parent can name the document a hang happened on.
 */
import { writeFileSync } from 'node:fs';
import { fuzz, type FuzzOptions } from './fuzz-lib';

const { seed, count, opts } = JSON.parse(process.argv[2]) as { seed: number; count: number; opts: FuzzOptions };
const run = fuzz(seed, count, { ...opts, progress: (line) => process.stdout.write(line + '\n') });
writeFileSync(process.argv[3], JSON.stringify(run));
