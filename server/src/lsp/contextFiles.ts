/** Finds and reads the nearest `.bdm-context.json` from a document up to its workspace folder. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { URI } from 'vscode-uri';
import { parseContextText, type PartialContext } from '../model/contextLoad';

export interface FoundContext {
  file: string;
  context: PartialContext;
  problems: Array<{ message: string }>;
}

const cache = new Map<string, { mtimeMs: number; value: FoundContext }>();

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
    if (existsSync(candidate)) return read(candidate);
    if (resolve(dir) === stopAt) break;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

function read(file: string): FoundContext {
  let mtimeMs = 0;
  try { mtimeMs = statSync(file).mtimeMs; } catch { /* vanished */ }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.value;
  let value: FoundContext;
  try {
    const { context, problems } = parseContextText(readFileSync(file, 'utf8'));
    value = { file, context, problems };
  } catch (e) {
    value = { file, context: {}, problems: [{ message: `cannot read: ${(e as Error).message}` }] };
  }
  cache.set(file, { mtimeMs, value });
  return value;
}

export function forgetContextFiles(): void {
  cache.clear();
}
