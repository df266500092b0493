/**
 * Resolves the bdmLab.novaConf setting: a path to the compute node's nova.conf, only `*.conf`
 * files, read under the one policy for files settings name (lsp/settingFile.ts), at most 1 MiB. The options bdm-lab models become the context's `nova_conf`; the
 * others are named in notes (model/novaConfIni.ts).
 */
import type { NovaConf } from '../model/context';
import { parseNovaConfIni } from '../model/novaConfIni';
import { readSettingFile, type SettingFileKind, type SettingFilePolicy } from './settingFile';

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

const KIND: SettingFileKind = { files: 'nova.conf files', one: 'a nova.conf', maxBytes: MAX_NOVA_CONF_BYTES };

const cache = new Map<string, { mtimeMs: number; size: number; value: ResolvedNovaConf }>();

/** null when the setting is unset or empty. */
export function resolveNovaConf(setting: unknown, folderUri: string | null, policy: SettingFilePolicy): ResolvedNovaConf | null {
  if (typeof setting !== 'string' || setting.trim() === '') return null;
  const name = setting.trim();
  const refuse = (problem: string): ResolvedNovaConf => ({ name, conf: null, problem: `bdmLab.novaConf "${name}": ${problem}`, notes: [] });
  if (!name.endsWith(NOVA_CONF_SUFFIX) || name.includes('\0')) return refuse(`not a *${NOVA_CONF_SUFFIX} file; it was not looked at`);
  const r = readSettingFile(name, folderUri, policy, KIND);
  if (!r.ok) return refuse(r.problem);
  const hit = cache.get(r.real);
  if (hit && hit.mtimeMs === r.mtimeMs && hit.size === r.size) return { ...hit.value, name };
  const { conf, notes } = parseNovaConfIni(r.text, name);
  const value: ResolvedNovaConf = { name, conf, problem: null, notes: notes.map((n) => `bdmLab.novaConf ${name}: ${n}`) };
  cache.set(r.real, { mtimeMs: r.mtimeMs, size: r.size, value });
  return value;
}
