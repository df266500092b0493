/**
 * Reading a small file that a workspace names or holds (a context file, a lab host) without
 * trusting it: a link may not lead out of the folders it must stay in, only a regular file is
 * read (never a FIFO, a device or /dev/zero behind a link: they would block or never end), and
 * only up to a size limit. The file is opened non-blocking and checked on its descriptor, so a
 * swap between the check and the read changes nothing.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

/** Why a file was not read: `missing` (no such path), `link-out` (its real path leaves the folders), `not-file`, `too-large`, `error`. */
export type BoundedReadRefusal = 'missing' | 'link-out' | 'not-file' | 'too-large' | 'error';
export type BoundedRead = { ok: true; text: string; real: string; mtimeMs: number; size: number } | { ok: false; reason: string; why: BoundedReadRefusal; size?: number };

/** `file` lies strictly inside `dir` (both absolute, already resolved). */
export function within(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Reads `file` when it is a regular file of at most `maxBytes`, and, when `confine` is given,
 * when its real path (links followed) lies inside one of those directories.
 */
export function readBounded(file: string, maxBytes: number, confine?: readonly string[]): BoundedRead {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: `cannot read: ${code ?? (e as Error).message}`, why: code === 'ENOENT' ? 'missing' : 'error' };
  }
  if (confine) {
    const roots = confine.map((d) => { try { return realpathSync(d); } catch { return d; } });
    if (!roots.some((d) => within(d, real))) return { ok: false, reason: 'not read: it leads outside the workspace folder (through a link)', why: 'link-out' };
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, why: 'error' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: 'not read: not a regular file', why: 'not-file' };
    if (st.size > maxBytes) return { ok: false, reason: `not read: ${st.size} bytes, over the limit of ${maxBytes}`, why: 'too-large', size: st.size };
    return { ok: true, text: readFileSync(fd, 'utf8'), real, mtimeMs: st.mtimeMs, size: st.size };
  } catch (e) {
    return { ok: false, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, why: 'error' };
  } finally {
    closeSync(fd);
  }
}
