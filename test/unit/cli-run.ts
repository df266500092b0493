/** Runs the CLI's main in-process on a few in-memory files (names relative to the repo root). */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { main } from '../../server/src/cli';

export const ROOT = resolve(__dirname, '../..');

/** A `run(args)` that reads `files` by their repo-relative name and anything else from disk. */
export function cliRunner(files: Record<string, string>) {
  return async (args: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await main(args, {
      stdout: (s) => { out += s; },
      stderr: (s) => { err += s; },
      // the CLI reads relative names against cwd
      readFile: (p) => files[relative(ROOT, p)] ?? readFileSync(resolve(ROOT, p), 'utf8'),
      cwd: ROOT,
    });
    return { code, out, err };
  };
}
