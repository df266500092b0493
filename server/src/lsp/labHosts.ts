/** Resolves the bdmLab.labHost setting: an embedded lab host's name or a *.labhost.json path. */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { URI } from 'vscode-uri';
import { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, loadLabHost, formatLabHostError, type LabHost } from '../attach';

export interface ResolvedLabHost {
  name: string;
  labHost: LabHost | null;
  problem: string | null;
  /** chosen by the user (setting or command), not the built-in default */
  explicit: boolean;
}

const cache = new Map<string, { mtimeMs: number; value: ResolvedLabHost }>();

export function resolveLabHost(setting: unknown, folderUri: string | null): ResolvedLabHost {
  const name = typeof setting === 'string' && setting.trim() ? setting.trim() : DEFAULT_LAB_HOST;
  const explicit = name !== DEFAULT_LAB_HOST;
  if (EMBEDDED_LAB_HOSTS[name] !== undefined) {
    const key = `embedded:${name}`;
    const hit = cache.get(key);
    if (hit) return { ...hit.value, explicit };
    const r = loadLabHost(EMBEDDED_LAB_HOSTS[name], `${name}.labhost.json`);
    const value = r.ok ? { name, labHost: r.labHost, problem: null, explicit } : { name, labHost: null, problem: r.errors.map(formatLabHostError).join('; '), explicit };
    cache.set(key, { mtimeMs: 0, value });
    return value;
  }
  let file = name;
  if (!isAbsolute(file) && folderUri) {
    try { file = join(URI.parse(folderUri).fsPath, file); } catch { /* keep as is */ }
  }
  let mtimeMs = -1;
  try { mtimeMs = statSync(file).mtimeMs; } catch {
    return { name, labHost: null, problem: `lab host ${name}: no embedded lab host by that name and no such file`, explicit };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.value;
  let value: ResolvedLabHost;
  try {
    const r = loadLabHost(readFileSync(file, 'utf8'), file);
    value = r.ok ? { name, labHost: r.labHost, problem: null, explicit } : { name, labHost: null, problem: r.errors.slice(0, 3).map(formatLabHostError).join('; '), explicit };
  } catch (e) {
    value = { name, labHost: null, problem: `lab host ${file}: ${(e as Error).message}`, explicit };
  }
  cache.set(file, { mtimeMs, value });
  return value;
}
