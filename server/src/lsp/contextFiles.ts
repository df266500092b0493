/**
 * Finds and reads the nearest `.bdm-context.json` from a document up to its workspace folder.
 * The file is the workspace's own, so it is hostile: it is read only when it is a regular file of
 * at most MAX_CONTEXT_BYTES whose real path stays inside the folder (a link to /dev/zero, a FIFO
 * or a file elsewhere on the machine is reported, not read).
 */
import { lstatSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { parseContextText, type PartialContext } from '../model/contextLoad';
import { readBounded } from '../host/boundedRead';

/** A context file is a few hundred bytes; a larger one is not one. */
export const MAX_CONTEXT_BYTES = 1024 * 1024;

export interface FoundContext {
  file: string;
  context: PartialContext;
  problems: Array<{ message: string }>;
}

const cache = new Map<string, { mtimeMs: number; size: number; value: FoundContext }>();

export function nearestContextFile(docUri: string, folders: string[]): FoundContext | null {
  let u: URI;
  try { u = URI.parse(docUri); } catch { return null; }
  if (u.scheme !== 'file') return null;
  const docPath = u.fsPath;
  const folder = folders.map((f) => URI.parse(f).fsPath).filter((f) => docPath === f || docPath.startsWith(f.endsWith(sep) ? f : f + sep)).sort((a, b) => b.length - a.length)[0];
  let dir = dirname(docPath);
  const stopAt = folder ? resolve(folder) : dirname(docPath);
  for (let i = 0; i < 64; i++) {
    const candidate = join(dir, '.bdm-context.json');
    if (exists(candidate)) return readContextFile(candidate, stopAt);
    if (resolve(dir) === stopAt) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

/** lstat, so a dangling or hostile link still counts as "a context file is here" (and is refused). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A context file read with the checks above, confined to `folder` (its real path must stay inside). */
export function readContextFile(file: string, folder: string): FoundContext {
  const r = readBounded(file, MAX_CONTEXT_BYTES, [folder]);
  if (!r.ok) return { file, context: {}, problems: [{ message: r.reason }] };
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === r.mtimeMs && hit.size === r.size) return hit.value;
  let value: FoundContext;
  try {
    const { context, problems } = parseContextText(r.text);
    value = { file, context, problems };
  } catch (e) {
    value = { file, context: {}, problems: [{ message: `cannot read: ${(e as Error).message}` }] };
  }
  cache.set(file, { mtimeMs: r.mtimeMs, size: r.size, value });
  return value;
}

export function forgetContextFiles(): void {
  cache.clear();
}
