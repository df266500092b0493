/**
 * The hover of a volumeAttachment body with a lab host (issue 16 item 10): the `<disk>` XML the
 * attach would write, from a simulated attach on the lab host (its connection_info, its
 * instance's disks for the device name), secrets redacted. Computed once per judged version.
 */
import { simulateAttach, type LabHost } from '../attach';
import type { Analysis } from '../analyze';
import { findAt, toValue } from '../parse/json';
import type { Hashes } from '../ports';
import { hoverXml } from './preview';

export interface AttachHoverInput {
  analysis: Analysis;
  lab: { name: string; labHost: LabHost | null; problem: string | null };
  microversion: string;
  hashes: Hashes;
}

const cache = new WeakMap<object, string | null>();

/** Markdown for the attachment's hover, or null when there is nothing to add (no lab host, no volume id). */
export function attachDiskMarkdown(key: object, input: () => AttachHoverInput): string | null {
  if (cache.has(key)) return cache.get(key)!;
  const md = compute(input());
  cache.set(key, md);
  return md;
}

function compute({ analysis, lab, microversion, hashes }: AttachHoverInput): string | null {
  const va = toValue(findAt(analysis.root, ['volumeAttachment']));
  if (!va || typeof va !== 'object' || Array.isArray(va)) return null;
  const volumeId = (va as { volumeId?: unknown }).volumeId;
  if (typeof volumeId !== 'string') return null;
  const l = lab.labHost;
  if (!l) return lab.problem ? `Lab host "${lab.name}": ${lab.problem}` : null;
  const vol = l.volumes.find((v) => v.id === volumeId);
  if (!vol) return `Volume \`${volumeId}\` is not on lab host "${l.name}": no \`<disk>\` XML here (**BDM: Select Lab Host** picks one that has it).`;
  const instance = l.instances.find((i) => i.vm_state === 'active' && !i.locked) ?? l.instances[0];
  if (!instance) return `Lab host "${l.name}" has no instance to attach to.`;
  const result = simulateAttach(l, { server_id: instance.uuid, volumeAttachment: va as never }, { microversion, hashes });
  const who = `instance \`${instance.name ?? instance.uuid}\``;
  if (result.attachOutcome !== 'attached' || !result.xml) {
    return `On lab host "${l.name}" (${who}) the simulated attach fails${result.error ? `: ${result.error}` : ''}. **BDM: Simulate Attach** shows each step.`;
  }
  return [
    `On lab host "${l.name}": ${who} gets \`${result.deviceName ?? '?'}\`, with the \`<disk>\` XML the attach writes (\`${vol.backend}\` volume):`,
    '',
    hoverXml(result.xml),
  ].join('\n');
}
