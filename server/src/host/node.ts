/**
 * The ports of `server/src/ports.ts` for Node: programs through execFile with an argument list
 * (never a shell), private temporary directories, path facts, node:crypto hashes. The only
 * folder next to the core that imports `node:*` (with the edges lsp/ and cli/).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, sep } from 'node:path';
import type { FileSystem, Hashes, Host, PathInfo, RunProgram, TempFiles } from '../ports';

export const runProgram: RunProgram = (program, args, options) =>
  new Promise((resolve) => {
    const env = options.env === 'inherit' ? process.env : { ...options.env };
    execFile(program, [...args], { timeout: options.timeoutMs, maxBuffer: options.maxOutputBytes, env, shell: false, windowsHide: true }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: NodeJS.Signals | null }) | null;
      // Node kills the child both on a timeout and on output over maxBuffer (killed is set for both).
      const overCap = e?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
      const timedOut = !!e?.killed && !overCap;
      const code = !e ? '' : overCap ? 'OUTPUT_LIMIT' : timedOut ? 'TIMEOUT' : typeof e.code === 'string' ? e.code : 'EXIT';
      resolve({
        exitCode: e ? (typeof e.code === 'number' ? e.code : null) : 0,
        signal: e?.signal ?? null,
        stdout: String(stdout),
        stderr: String(stderr),
        timedOut,
        error: e ? { code, message: e.message } : null,
      });
    });
  });

export const nodeTempFiles: TempFiles = {
  async withDir(prefix, use) {
    // mkdtemp creates the directory with mode 0700: what is written there is private to this user.
    const path = await mkdtemp(join(tmpdir(), prefix));
    try {
      return await use({
        path,
        async write(name, text) {
          const file = join(path, name);
          await writeFile(file, text, { mode: 0o600 });
          return file;
        },
      });
    } finally {
      await rm(path, { recursive: true, force: true });
    }
  },
};

function info(look: () => Stats): PathInfo {
  try {
    const st = look();
    const kind = st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
    return { ok: true, kind, links: st.nlink };
  } catch (e) {
    return { ok: false, code: (e as NodeJS.ErrnoException).code ?? 'error' };
  }
}

export const nodeFileSystem: FileSystem = {
  sep,
  isAbsolute,
  normalize,
  join,
  lstat: (path) => info(() => lstatSync(path)),
  stat: (path) => info(() => statSync(path)),
  realpath(path) {
    try {
      return { ok: true, path: realpathSync(path) };
    } catch (e) {
      return { ok: false, code: (e as NodeJS.ErrnoException).code ?? 'error' };
    }
  },
};

export const nodeHashes: Hashes = {
  digest: (algorithm, text) => createHash(algorithm).update(text, 'utf8').digest(),
};

/** The host this process runs on. */
export function nodeHost(): Host {
  return { run: runProgram, searchPath: process.env.PATH || '/usr/bin:/bin', temp: nodeTempFiles, files: nodeFileSystem, hashes: nodeHashes };
}
