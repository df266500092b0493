/**
 * Resolves the bdmLab.labHost setting: an embedded lab host's name or a *.labhost.json path.
 *
 * The setting may come from a workspace the user just cloned, so a path is treated as hostile:
 * only `*.labhost.json` files, never in an untrusted workspace, inside the workspace folders
 * unless the user's own settings named it, regular files only, and nothing is looked at (not even
 * stat'ed) before those checks pass. Embedded lab hosts are data in the bundle: always fine.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { within } from '../host/boundedRead';
import { isAbsolute, resolve } from 'node:path';
import { fsPathOf } from './paths';
import { EMBEDDED_LAB_HOSTS, DEFAULT_LAB_HOST, loadLabHost, formatLabHostError, type LabHost } from '../attach';

export interface ResolvedLabHost {
  name: string;
  labHost: LabHost | null;
  problem: string | null;
  /** chosen by the user (setting or command), not the built-in default */
  explicit: boolean;
}

/** Where a lab-host file may be read from. */
export interface LabHostPolicy {
  /** the workspace is trusted (an untrusted one never gets a lab-host file read) */
  trusted: boolean;
  /** the workspace folders (URIs): a file inside one of them is fine */
  folders: string[];
  /** the path came from the user's own settings, not a workspace's: it may point anywhere */
  fromUser: boolean;
}

export const LAB_HOST_SUFFIX = '.labhost.json';
/** A lab host is a few KB; a bigger file is not one (and is not read into memory). */
export const MAX_LAB_HOST_BYTES = 4 * 1024 * 1024;

const cache = new Map<string, { mtimeMs: number; size: number; value: ResolvedLabHost }>();

function realOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

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
  if (!pol.trusted) {
    return refuse(`lab host "${name}": lab-host files are not read in an untrusted workspace (trust the workspace to use one; embedded lab hosts work everywhere)`);
  }
  const folderPaths = pol.folders.map(fsPathOf).filter((p): p is string => p !== null);
  const base = folderUri ? fsPathOf(folderUri) : null;
  if (!isAbsolute(name) && !base) return refuse(`lab host "${name}": a relative path needs a workspace folder to be relative to`);
  const file = isAbsolute(name) ? resolve(name) : resolve(base!, name);
  const inside = (p: string, real: boolean) => folderPaths.some((f) => within(real ? realOr(f) : f, p));
  if (!pol.fromUser && !inside(file, false)) {
    return refuse(`lab host "${name}": outside the workspace folders; a lab-host file from elsewhere must be named in your user settings, not the workspace's`);
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return refuse(`lab host ${name}: no embedded lab host by that name and no such file`);
  }
  // A link inside the workspace must not lead out of it (unless the user named the path).
  if (!pol.fromUser && !inside(real, true)) return refuse(`lab host "${name}": leads outside the workspace folders (through a link)`);
  let fd: number;
  try {
    // Non-blocking: a FIFO named *.labhost.json must not hang the server on open.
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return refuse(`lab host ${name}: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return refuse(`lab host ${name}: not a regular file`);
    if (st.size > MAX_LAB_HOST_BYTES) return refuse(`lab host ${name}: ${st.size} bytes is too large for a lab host (limit ${MAX_LAB_HOST_BYTES})`);
    const hit = cache.get(real);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return { ...hit.value, name, explicit };
    let value: ResolvedLabHost;
    try {
      const r = loadLabHost(readFileSync(fd, 'utf8'), real);
      value = r.ok ? { name, labHost: r.labHost, problem: null, explicit } : { name, labHost: null, problem: r.errors.slice(0, 3).map(formatLabHostError).join('; '), explicit };
    } catch (e) {
      value = refuse(`lab host ${real}: ${(e as Error).message}`);
    }
    cache.set(real, { mtimeMs: st.mtimeMs, size: st.size, value });
    return value;
  } finally {
    closeSync(fd);
  }
}
