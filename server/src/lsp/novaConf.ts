/**
 * Resolves the bdmLab.novaConf setting: a path to the compute node's nova.conf, read with the
 * same care as a lab-host file (lsp/labHosts.ts): only `*.conf` files, never in an untrusted
 * workspace, inside the workspace folders unless the user's own settings named it (a link may
 * not lead out either), regular files of at most 1 MiB; nothing is looked at before the checks
 * on the setting's text pass. The options bdm-lab models become the context's `nova_conf`; the
 * others are named in notes (model/novaConfIni.ts).
 */
import { isAbsolute, resolve } from 'node:path';
import { fsPathOf } from './paths';
import { readBounded, within } from '../host/boundedRead';
import type { NovaConf } from '../model/context';
import { parseNovaConfIni } from '../model/novaConfIni';
import type { LabHostPolicy } from './labHosts';

export interface ResolvedNovaConf {
  /** the setting as given */
  name: string;
  /** the options bdm-lab takes; null when the file was not read */
  conf: NovaConf | null;
  /** why it was not read */
  problem: string | null;
  /** options not taken, one line each */
  notes: string[];
}

export const NOVA_CONF_SUFFIX = '.conf';
export const MAX_NOVA_CONF_BYTES = 1024 * 1024;

const cache = new Map<string, { mtimeMs: number; size: number; value: ResolvedNovaConf }>();

/** null when the setting is unset or empty. */
export function resolveNovaConf(setting: unknown, folderUri: string | null, policy: LabHostPolicy): ResolvedNovaConf | null {
  if (typeof setting !== 'string' || setting.trim() === '') return null;
  const name = setting.trim();
  const refuse = (problem: string): ResolvedNovaConf => ({ name, conf: null, problem: `bdmLab.novaConf "${name}": ${problem}`, notes: [] });
  if (!name.endsWith(NOVA_CONF_SUFFIX) || name.includes('\0')) return refuse(`not a *${NOVA_CONF_SUFFIX} file; it was not looked at`);
  if (!policy.trusted) return refuse('nova.conf files are not read in an untrusted workspace (trust the workspace to use one)');
  const folders = policy.folders.map(fsPathOf).filter((p): p is string => p !== null);
  const base = folderUri ? fsPathOf(folderUri) : null;
  if (!isAbsolute(name) && !base) return refuse('a relative path needs a workspace folder to be relative to');
  const file = isAbsolute(name) ? resolve(name) : resolve(base!, name);
  if (!policy.fromUser && !folders.some((f) => within(f, file))) {
    return refuse('outside the workspace folders; a nova.conf from elsewhere must be named in your user settings, not the workspace\'s');
  }
  const r = readBounded(file, MAX_NOVA_CONF_BYTES, policy.fromUser ? undefined : folders);
  if (!r.ok) return refuse(r.reason);
  const hit = cache.get(r.real);
  if (hit && hit.mtimeMs === r.mtimeMs && hit.size === r.size) return { ...hit.value, name };
  const { conf, notes } = parseNovaConfIni(r.text);
  const value: ResolvedNovaConf = { name, conf, problem: null, notes: notes.map((n) => `bdmLab.novaConf ${name}: ${n}`) };
  cache.set(r.real, { mtimeMs: r.mtimeMs, size: r.size, value });
  return value;
}
