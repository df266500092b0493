/**
 * The one policy for a file a setting names (a lab host, a nova.conf): the setting may come from
 * a workspace the user just cloned, so its path is hostile. Never in an untrusted workspace;
 * inside the workspace folders unless the user's own settings named it, and a link inside may
 * not lead out; a regular file under a size limit, opened non-blocking (host/boundedRead.ts).
 * Every refusal before the read is decided on the setting's text alone: nothing is looked at,
 * not even stat'ed. The caller checks the file name's suffix first (its own words).
 */
import { isAbsolute, resolve } from 'node:path';
import { fsPathOf } from './paths';
import { readBounded, within } from '../host/boundedRead';

/** Where a setting's file may be read from. */
export interface SettingFilePolicy {
  /** the workspace is trusted (an untrusted one never gets such a file read) */
  trusted: boolean;
  /** the workspace folders (URIs): a file inside one of them is fine */
  folders: string[];
  /** the path came from the user's own settings, not a workspace's: it may point anywhere */
  fromUser: boolean;
}

/** What kind of file, in the words of its refusals. */
export interface SettingFileKind {
  /** plural noun: "lab-host files" */
  files: string;
  /** one of them: "a lab-host file" */
  one: string;
  maxBytes: number;
  /** added to the untrusted refusal's hint, e.g. "; embedded lab hosts work everywhere" */
  untrustedHint?: string;
  /** the refusal when the path does not exist */
  missing?: string;
}

export type SettingFileRead = { ok: true; real: string; text: string; mtimeMs: number; size: number } | { ok: false; problem: string };

export function readSettingFile(name: string, folderUri: string | null, policy: SettingFilePolicy, kind: SettingFileKind): SettingFileRead {
  const refuse = (problem: string): SettingFileRead => ({ ok: false, problem });
  if (!policy.trusted) return refuse(`${kind.files} are not read in an untrusted workspace (trust the workspace to use one${kind.untrustedHint ?? ''})`);
  const folders = policy.folders.map(fsPathOf).filter((p): p is string => p !== null);
  const base = folderUri ? fsPathOf(folderUri) : null;
  if (!isAbsolute(name) && !base) return refuse('a relative path needs a workspace folder to be relative to');
  const file = isAbsolute(name) ? resolve(name) : resolve(base!, name);
  if (!policy.fromUser && !folders.some((f) => within(f, file))) {
    return refuse(`outside the workspace folders; ${kind.one} from elsewhere must be named in your user settings, not the workspace's`);
  }
  const r = readBounded(file, kind.maxBytes, policy.fromUser ? undefined : folders);
  if (r.ok) return r;
  switch (r.why) {
    case 'missing': return refuse(kind.missing ?? 'no such file');
    case 'link-out': return refuse('leads outside the workspace folders (through a link)');
    case 'not-file': return refuse('not a regular file');
    case 'too-large': return refuse(`${r.size} bytes is too large (limit ${kind.maxBytes})`);
    default: return refuse(r.reason);
  }
}
