/**
 * Statuses for the steps of the real libvirt step (virsh.ts records them without one): all
 * `ok` when it succeeded, the last one `error` when it failed or was refused.
 */
import type { Step } from '../types';

export function realLibvirtSteps(real: { ok: boolean; steps: readonly Step[] }): Step[] {
  return real.steps.map((s, i) => ({ ...s, status: !real.ok && i === real.steps.length - 1 ? 'error' : 'ok' }));
}
