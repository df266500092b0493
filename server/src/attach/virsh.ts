/**
 * The optional real libvirt step: after a successful simulation, and only on explicit
 * request, hand the <disk> to a real libvirtd with `virsh attach-device`, then read back
 * `domblklist`. execFile with an argument list (never a shell), a timeout, and the XML in
 * a private temporary directory. The exec function is injectable for tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabLibvirt, Step } from './types';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export type ExecFn = (file: string, args: string[], opts: { timeoutMs: number }) => Promise<ExecResult>;

export const defaultExec: ExecFn = (file, args, opts) =>
  new Promise((resolve) => {
    execFile(file, args, { timeout: opts.timeoutMs, shell: false, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (err && code !== 0 ? err.message : '') });
    });
  });

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

export async function realAttach(libvirt: LabLibvirt, xml: string, flags: number, startAt: number, exec: ExecFn = defaultExec, timeoutMs = 30_000): Promise<RealAttachResult> {
  const steps: Step[] = [];
  const note = (text: string): void => {
    steps.push({ actor: 'libvirtd (real)', at: startAt, durationS: 0, text });
  };
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-virsh-'));
  try {
    // mkdtemp creates the directory with mode 0700: the XML is private to this user.
    const file = join(dir, 'disk.xml');
    writeFileSync(file, xml, { mode: 0o600 });
    const args = ['-c', libvirt.uri, 'attach-device', libvirt.domain, file, ...virshFlags(flags)];
    note(`virsh ${args.join(' ')}`);
    const r = await exec('virsh', args, { timeoutMs });
    note(`exit ${r.code}: ${(r.stdout + r.stderr).trim()}`);
    if (r.code !== 0) return { ok: false, steps, blockList: null, error: (r.stderr || r.stdout).trim() || `virsh exited with ${r.code}` };
    const l = await exec('virsh', ['-c', libvirt.uri, 'domblklist', libvirt.domain, '--details'], { timeoutMs });
    note(`virsh -c ${libvirt.uri} domblklist ${libvirt.domain} --details: ${l.stdout.trim()}`);
    return { ok: l.code === 0, steps, blockList: l.stdout, error: l.code === 0 ? null : l.stderr.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
