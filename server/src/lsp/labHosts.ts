/**
 * Resolves the bdmLab.labHost setting: an embedded lab host's name or a *.labhost.json path.
 *
 * A path must name a `*.labhost.json` file and is read under the one policy for files settings
 * name (lsp/settingFile.ts: trust, workspace folders, links, regular files, size). Embedded lab
 * hosts are data in the bundle: always fine.
 */
import { readSettingFile, type SettingFileKind, type SettingFilePolicy } from './settingFile';
import { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, loadLabHost, formatLabHostError, type LabHost } from '../attach';

export interface ResolvedLabHost {
  name: string;
  labHost: LabHost | null;
  problem: string | null;
  /** chosen by the user (setting or command), not the built-in default */
  explicit: boolean;
}

/** Where a lab-host file may be read from (the one policy for files settings name). */
export type LabHostPolicy = SettingFilePolicy;

export const LAB_HOST_SUFFIX = '.labhost.json';
/** A lab host is a few KB; a bigger file is not one (and is not read into memory). */
export const MAX_LAB_HOST_BYTES = 4 * 1024 * 1024;

const KIND: SettingFileKind = {
  files: 'lab-host files',
  one: 'a lab-host file',
  maxBytes: MAX_LAB_HOST_BYTES,
  untrustedHint: '; embedded lab hosts work everywhere',
  missing: 'no embedded lab host by that name and no such file',
};

const cache = new Map<string, { mtimeMs: number; size: number; value: ResolvedLabHost }>();

export function resolveLabHost(setting: unknown, folderUri: string | null, policy?: LabHostPolicy): ResolvedLabHost {
  const pol: LabHostPolicy = policy ?? { trusted: true, folders: folderUri ? [folderUri] : [], fromUser: false };
  const name = typeof setting === 'string' && setting.trim() ? setting.trim() : DEFAULT_LAB_HOST;
  const explicit = name !== DEFAULT_LAB_HOST;
  if (Object.prototype.hasOwnProperty.call(EMBEDDED_LAB_HOSTS, name)) {
    const key = `embedded:${name}`;
    const hit = cache.get(key);
    if (hit) return { ...hit.value, explicit };
    const r = loadLabHost(EMBEDDED_LAB_HOSTS[name]!, `${name}.labhost.json`);
    const value = r.ok ? { name, labHost: r.labHost, problem: null, explicit } : { name, labHost: null, problem: r.errors.map(formatLabHostError).join('; '), explicit };
    cache.set(key, { mtimeMs: 0, size: 0, value });
    return value;
  }
  const refuse = (problem: string): ResolvedLabHost => ({ name, labHost: null, problem, explicit });
  // Every refusal below is decided on the setting's text alone: the target is not touched.
  if (!name.endsWith(LAB_HOST_SUFFIX) || name.includes('\0')) {
    return refuse(`lab host "${name}": not an embedded lab host (${Object.keys(EMBEDDED_LAB_HOSTS).join(', ')}) and not a *${LAB_HOST_SUFFIX} file; it was not looked at`);
  }
  const r = readSettingFile(name, folderUri, pol, KIND);
  if (!r.ok) return refuse(`lab host "${name}": ${r.problem}`);
  const hit = cache.get(r.real);
  if (hit && hit.mtimeMs === r.mtimeMs && hit.size === r.size) return { ...hit.value, name, explicit };
  let value: ResolvedLabHost;
  try {
    const l = loadLabHost(r.text, r.real);
    value = l.ok ? { name, labHost: l.labHost, problem: null, explicit } : { name, labHost: null, problem: l.errors.slice(0, 3).map(formatLabHostError).join('; '), explicit };
  } catch (e) {
    value = refuse(`lab host ${r.real}: ${(e as Error).message}`);
  }
  cache.set(r.real, { mtimeMs: r.mtimeMs, size: r.size, value });
  return value;
}
