/**
 * The human-readable rendering of a run (`--format text`): a summary, then the timeline
 * with simulated start, duration and actor, multi-line texts indented under their step.
 * An attach run and a boot-from-volume run have different shapes: one renderer each.
 */
import type { AttachResult, BootResult, BootVolumeResult, Step } from '../types';

function stepLines(steps: Step[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const head = `${s.at.toFixed(3).padStart(10)}s ${`+${s.durationS}s`.padEnd(9)} ${s.actor.padEnd(15)} `;
    const [first, ...rest] = s.text.replace(/\n$/, '').split('\n');
    out.push(head + first);
    for (const r of rest) out.push(' '.repeat(head.length) + r);
  }
  return out;
}

/** Whether the flow included a detach (its outcome then says how the detach went). */
export function withDetach(r: AttachResult): boolean {
  return r.detach !== undefined || (r.outcome !== 'attached' && r.outcome !== 'failed');
}

/** The headline names the flow's outcome; with a detach, the attach's own outcome follows. */
function summary(r: AttachResult, title: string): string[] {
  const head = withDetach(r)
    ? `${title} + detach: ${r.outcome.toUpperCase()} (attach ${r.attachOutcome.toUpperCase()}, client saw HTTP ${r.apiStatus})`
    : `${title}: ${r.outcome.toUpperCase()} (client saw HTTP ${r.apiStatus})`;
  const lines = [
    `${head} in ${r.durationS} s simulated`,
    `  volume status ${r.volumeStatus} / ${r.attachStatus}; sequence ${r.statusSequence.join(' -> ')}`,
  ];
  if (r.error) lines.push(`  error: ${r.error}`);
  if (r.deviceName) lines.push(`  guest device ${r.deviceName}, host source ${r.sourcePath ?? '-'}, attachDeviceFlags ${r.libvirtFlags ?? '-'}`);
  if (r.detach) lines.push(`  detach: HTTP ${r.detach.apiStatus}${r.detach.error ? `, ${r.detach.error}` : ''}`);
  return lines;
}

export function renderText(r: AttachResult): string {
  const out = summary(r, 'attach');
  if (r.xml) out.push('', 'disk XML:', ...r.xml.replace(/\n$/, '').split('\n').map((l) => `  ${l}`));
  out.push('', 'timeline:', ...stepLines(r.steps));
  (r.others ?? []).forEach((o, i) => {
    out.push('', ...summary(o, `attach #${i + 2}`), 'timeline:', ...stepLines(o.steps));
  });
  return out.join('\n') + '\n';
}

function bootVolumeLines(v: BootVolumeResult, i: number): string[] {
  const entry = v.entry === null ? '' : ` (entry ${v.entry})`;
  const lines = [
    `  volume #${i + 1}${entry}: ${v.sourceType} -> volume ${v.volumeId ?? '(not created)'} at ${v.deviceName ?? '-'}`,
    `    status ${v.volumeStatus} / ${v.attachStatus}; sequence ${v.statusSequence.length ? v.statusSequence.join(' -> ') : '(none)'}`,
  ];
  if (v.sourcePath) lines.push(`    host source ${v.sourcePath}`);
  if (v.xml) lines.push('    disk XML:', ...v.xml.replace(/\n$/, '').split('\n').map((l) => `      ${l}`));
  return lines;
}

/** A boot-from-volume run: the outcome, each volume (status sequence, device, XML), the timeline. */
export function renderBootText(r: BootResult): string {
  const out = [
    `boot from volume: ${r.outcome.toUpperCase()} (client saw HTTP ${r.apiStatus}) in ${r.durationS} s simulated`,
    `  instance ${r.instanceUuid}`,
  ];
  if (r.error) out.push(`  error: ${r.error}`);
  if (r.vmState) out.push(`  instance vm_state ${r.vmState}, task_state ${r.taskState ?? 'None'}${r.rescheduled ? '; the compute host asked nova-conductor to re-schedule the build' : ''}`);
  if (r.fault) out.push(`  instance fault: ${r.fault}`);
  if (r.maxAttempts === 1 && r.rescheduled === false) out.push('  re-scheduling off (max_attempts 1): the build ended on its compute host');
  if (r.deleted) out.push(`  then DELETE /servers/${r.instanceUuid}: HTTP ${r.deleted.apiStatus}; ${r.deleted.volumesCleaned ? 'nova-api deleted it locally and cleaned up its volumes' : 'no Cinder call: the volumes stay as the build left them'}`);
  out.push('', `volumes (${r.volumes.length}):`);
  r.volumes.forEach((v, i) => out.push(...bootVolumeLines(v, i)));
  out.push('', 'timeline:', ...stepLines(r.steps));
  return out.join('\n') + '\n';
}
