/**
 * The optional real libvirt step: after a successful simulation, and only on explicit
 * request, hand the <disk> to a real libvirtd with `virsh attach-device`, then read back
 * `domblklist`. Everything that reaches virsh is checked first (planRealAttach): the URI
 * against an allow-list (libvirtUri.ts), the domain name, and the one source path of the
 * `file` disk, canonical, a regular file, inside a directory the lab host lists under
 * `libvirt.allowed_paths`, never a device. Only a plan that passed runs (realAttach);
 * virsh gets named options (`--domain NAME --file PATH`), never positional ones, as an
 * argument list (no shell), with a timeout, and the XML in a private temporary directory. The host (programs, temporary files, path facts) comes in as ports
 * (server/src/ports.ts): the edges pass nodeHost(), tests pass fakes.
 */
import { findExternalReference } from '../libvirtxml/externalRefs';
import { parseXml } from '../libvirtxml/parse';
import type { XmlElement } from '../libvirtxml/types';
import type { FileSystem, Host, ProgramResult } from '../ports';
import { checkDomainName, checkLibvirtUri, shown, type Check } from './libvirtUri';
import type { LabLibvirt, Step } from './types';

/** What realAttach needs of the host: a program runner and a private temporary directory. */
export type VirshHost = Pick<Host, 'run' | 'temp'>;

/** virsh's output is capped (it is shown in the steps): over this, virsh is stopped. */
const MAX_OUTPUT_BYTES = 1 << 20;

/** A run as the steps report it: the exit status (1 when there is none), and the error in words when stderr is empty. */
function outcome(r: ProgramResult): { code: number; stdout: string; stderr: string } {
  const code = r.error ? (r.exitCode !== null && r.exitCode !== 0 ? r.exitCode : 1) : 0;
  return { code, stdout: r.stdout, stderr: r.stderr || (r.error ? r.error.message : '') };
}

export interface RealAttachResult {
  ok: boolean;
  steps: Step[];
  /** the `domblklist` rows after the attach */
  blockList: string | null;
  error: string | null;
}

/** `virsh attach-device` flags for Nova's attachDeviceFlags value (2 = config, 1 = live). */
export function virshFlags(flags: number): string[] {
  const out: string[] = [];
  if (flags & 1) out.push('--live');
  if (flags & 2) out.push('--config');
  return out;
}

/** What the real step will do, shown to the user before it runs. */
export interface RealPlan {
  uri: string;
  domain: string;
  /** the canonical path of the file that goes into <source file=…> */
  sourcePath: string;
  /** the exact <disk> XML handed to virsh */
  xml: string;
  /** attachDeviceFlags (1 live, 2 config) */
  flags: number;
  /** virsh's arguments, the XML file written as FILE */
  argv: string[];
}

export type PlanResult = { ok: true; plan: RealPlan } | { ok: false; reason: string; plan: Partial<RealPlan> };

export interface PlanInput {
  libvirt: LabLibvirt | undefined;
  xml: string | null | undefined;
  flags: number | null | undefined;
  /** URIs the user named (bdmLab.libvirtUris, --allow-libvirt-uri) beyond the default three */
  extraUris?: readonly string[];
}

/** Trees the real step never hands to a domain, whatever a lab host lists. */
const NEVER_UNDER = ['/dev', '/proc', '/sys', '/etc', '/boot', '/root', '/run', '/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

function under(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}

/**
 * The source path of a file disk: absolute and already canonical (no `..`, `.`, `//`, no
 * symbolic link anywhere: the path itself is its realpath), an existing regular file with
 * one link, inside one of `allowedDirs` (compared by realpath), never under /dev or other
 * system trees.
 */
export function checkSourcePath(path: string, allowedDirs: readonly string[] | undefined, fs: FileSystem): Check {
  const bad = (why: string): Check => ({ ok: false, reason: `source path ${shown(path)} refused: ${why}` });
  if (fs.sep !== '/') return bad('the real libvirt step runs on Linux hosts only');
  if (/[\u0000-\u001f\u007f-\u009f]/.test(path)) return bad('it contains a control character');
  if (!fs.isAbsolute(path)) return bad('not an absolute path');
  if (fs.normalize(path) !== path || path.endsWith('/')) return bad(`not canonical (write ${shown(fs.normalize(path).replace(/(?<!\/)\/+$/, ''))})`);
  if (NEVER_UNDER.some((d) => under(path, d))) return bad('devices and system directories are never attached');
  const dirs = (allowedDirs ?? []).filter((d) => typeof d === 'string');
  if (dirs.length === 0) return bad('the lab host lists no directories in libvirt.allowed_paths, so no file may be attached for real');
  const st = fs.lstat(path);
  if (!st.ok) return bad(`it does not exist or cannot be read (${st.code})`);
  if (st.kind === 'symlink') return bad('it is a symbolic link');
  if (st.kind !== 'file') return bad('not a regular file');
  if (st.links !== 1) return bad(`it has ${st.links} hard links`);
  const resolved = fs.realpath(path);
  if (!resolved.ok) return bad(`cannot resolve it (${resolved.code})`);
  const real = resolved.path;
  if (real !== path) return bad(`a directory on the way is a symbolic link (it resolves to ${shown(real)}; use that path)`);
  for (const d of dirs) {
    if (!fs.isAbsolute(d)) continue;
    const r = fs.realpath(d);
    if (!r.ok) continue;
    const realDir = r.path;
    const dirInfo = fs.stat(realDir);
    if (!dirInfo.ok || dirInfo.kind !== 'directory') continue;
    if (realDir === '/' || NEVER_UNDER.some((n) => under(realDir, n))) continue;
    if (real !== realDir && under(real, realDir)) return { ok: true };
  }
  return bad(`not inside a directory of libvirt.allowed_paths (${dirs.map((d) => shown(d, 60)).join(', ')})`);
}

/** The one <source file=…> of a `<disk type="file">`, or why the XML is not that. */
function fileSourceOf(xml: string): { ok: true; path: string } | { ok: false; reason: string } {
  const ext = findExternalReference(xml);
  if (ext) return { ok: false, reason: `the disk XML contains ${ext.reason}` };
  const { root } = parseXml(xml);
  if (!root || root.name !== 'disk') return { ok: false, reason: 'the XML is not a single <disk>' };
  const type = root.attributes.find((a) => a.name === 'type')?.value;
  if (type !== 'file') return { ok: false, reason: `only <disk type="file"> is attached for real (this one is type=${shown(String(type))})` };
  const sources: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === 'source' || e.name === 'backingStore' || e.name === 'mirror') sources.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  if (sources.length !== 1 || sources[0]!.name !== 'source' || !root.children.includes(sources[0]!)) return { ok: false, reason: 'the disk must have exactly one <source> and no backing store' };
  const attrs = sources[0]!.attributes;
  const file = attrs.find((a) => a.name === 'file');
  if (!file || attrs.length !== 1) return { ok: false, reason: 'the <source> must carry only a file="…" attribute' };
  return { ok: true, path: file.value };
}

/** Everything checked, nothing run: the plan, or why there is none. */
export function planRealAttach(input: PlanInput, fs: FileSystem): PlanResult {
  const partial: Partial<RealPlan> = {};
  if (!input.libvirt) return { ok: false, reason: 'the lab host names no libvirt {uri, domain}', plan: partial };
  const { uri, domain } = input.libvirt;
  partial.uri = uri;
  partial.domain = domain;
  if (input.xml) partial.xml = input.xml;
  const refuse = (reason: string): PlanResult => ({ ok: false, reason, plan: partial });
  const u = checkLibvirtUri(uri, input.extraUris ?? []);
  if (!u.ok) return refuse(u.reason);
  const d = checkDomainName(domain);
  if (!d.ok) return refuse(d.reason);
  if (!input.xml || input.flags === null || input.flags === undefined) return refuse('the simulated attach did not succeed');
  const src = fileSourceOf(input.xml);
  if (!src.ok) return refuse(src.reason);
  partial.sourcePath = src.path;
  const p = checkSourcePath(src.path, input.libvirt.allowed_paths, fs);
  if (!p.ok) return refuse(p.reason);
  const plan: RealPlan = { uri, domain, sourcePath: src.path, xml: input.xml, flags: input.flags, argv: attachArgs(uri, domain, 'FILE', input.flags) };
  return { ok: true, plan: Object.freeze(plan) as RealPlan };
}

/** `virsh` arguments: named options only, so no value is ever read as an option. */
export function attachArgs(uri: string, domain: string, file: string, flags: number): string[] {
  return ['-c', uri, 'attach-device', '--domain', domain, '--file', file, ...virshFlags(flags)];
}

export function blockListArgs(uri: string, domain: string): string[] {
  return ['-c', uri, 'domblklist', '--domain', domain, '--details'];
}

/**
 * Runs a plan made by planRealAttach. The checks of form are repeated (cheap, and a plan
 * object could have been built by hand); a refused plan never reaches exec.
 */
export async function realAttach(plan: RealPlan, startAt: number, host: VirshHost, timeoutMs = 30_000, extraUris: readonly string[] = []): Promise<RealAttachResult> {
  const steps: Step[] = [];
  const note = (text: string): void => {
    steps.push({ actor: 'libvirtd (real)', at: startAt, durationS: 0, text });
  };
  const again = [checkLibvirtUri(plan.uri, extraUris), checkDomainName(plan.domain), fileSourceOf(plan.xml)];
  const refused = again.find((c): c is { ok: false; reason: string } => !c.ok);
  if (refused || (again[2] as { path?: string }).path !== plan.sourcePath) {
    const reason = refused?.reason ?? 'the plan\'s source path is not the one in its XML';
    note(`not run: ${reason}`);
    return { ok: false, steps, blockList: null, error: reason };
  }
  return host.temp.withDir('bdm-lab-virsh-', async (dir) => {
    const file = await dir.write('disk.xml', plan.xml);
    // virsh runs in the user's own environment (a qemu:///session URI needs it), never through a shell.
    const exec = async (args: string[]) => outcome(await host.run('virsh', args, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES, env: 'inherit' }));
    const args = attachArgs(plan.uri, plan.domain, file, plan.flags);
    note(`virsh ${args.join(' ')}`);
    const r = await exec(args);
    note(`exit ${r.code}: ${(r.stdout + r.stderr).trim()}`);
    if (r.code !== 0) return { ok: false, steps, blockList: null, error: (r.stderr || r.stdout).trim() || `virsh exited with ${r.code}` };
    const listArgs = blockListArgs(plan.uri, plan.domain);
    const l = await exec(listArgs);
    note(`virsh ${listArgs.join(' ')}: ${l.stdout.trim()}`);
    return { ok: l.code === 0, steps, blockList: l.stdout, error: l.code === 0 ? null : l.stderr.trim() };
  });
}
