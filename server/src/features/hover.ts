/**
 * Hover content for JSON request bodies: on a field, its documentation and the microversion
 * that allows it; on an entry, the driver class it becomes (and, when a preview provider is
 * given, the libvirt device and <disk> XML). Plain data in, markdown out.
 */
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { locationAt } from './location';
import type { Analysis } from '../analyze';
import type { Context } from '../model/context';
import { mvMinor } from '../model/context';
import { schemaAt } from '../rules/schema';
import type { Span } from '../text/span';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const FIELD_GATES: Record<string, { from: number; text: string; only?: number }> = {
  tag: { from: 42, only: 32, text: 'microversion 2.32, or 2.42 and later' },
  volume_type: { from: 67, text: 'microversion 2.67 and later' },
};

const CLASS_DOC: Record<string, string> = {
  DriverImageBlockDevice: 'The image root: Nova copies the Glance image into a local file on the compute host (`/var/lib/nova/instances/<uuid>/disk`).',
  DriverVolumeBlockDevice: 'An existing Cinder volume: Nova reserves it, builds the host connector, asks Cinder for the connection and attaches it.',
  DriverVolSnapshotBlockDevice: 'Cinder creates a volume from the snapshot, Nova waits for it to become available, then attaches it.',
  DriverVolImageBlockDevice: 'Cinder creates a volume from the image, Nova waits for it to become available, then attaches it.',
  DriverVolBlankBlockDevice: 'Cinder creates an empty volume, Nova waits for it to become available, then attaches it.',
  DriverSwapBlockDevice: 'A local swap file (`disk.swap`), size in MiB.',
  DriverEphemeralBlockDevice: 'A local ephemeral disk (`disk.eph<N>`), size in GiB, formatted with guest_format.',
};

export type EntryPreview = (entryIndex: number) => string | null;

export function hoverJson(analysis: Analysis, text: string, offset: number, context: Context, preview?: EntryPreview): HoverResult | null {
  if (!analysis.root || !analysis.kind) return null;
  const loc = locationAt(analysis.root, text, offset);
  const node = findNodeAtOffset(analysis.root, offset, true);
  if (!node) return null;
  const path = loc.path;
  const schemaKind = analysis.kind === 'attach' ? 'attach' : 'server';
  const fullPath = analysis.kind === 'array' ? ['server', 'block_device_mapping_v2', ...path] : path;
  const entryIdx = entryIndexOf(fullPath);
  // On a key (or its value) inside an entry: field documentation.
  if (entryIdx !== null && fullPath.length >= 4 && typeof fullPath[3] === 'string') {
    const field = fullPath[3] as string;
    const sch = schemaAt(schemaKind, '2.94', fullPath.slice(0, 4) as Array<string | number>)
      ?? schemaAt(schemaKind, '2.32', fullPath.slice(0, 4) as Array<string | number>);
    const doc = (sch?.markdownDescription as string | undefined) ?? `\`${field}\` is not a BDM v2 field.`;
    const gate = FIELD_GATES[field];
    const minor = mvMinor(context.microversion);
    let gateLine = '';
    if (gate) {
      const allowed = minor >= gate.from || minor === gate.only;
      gateLine = `\n\nAllowed at ${gate.text}; the context's microversion is ${context.microversion} — ${allowed ? 'allowed' : '**not allowed**'}.`;
    }
    const enumLine = sch?.enum ? `\n\nValues: ${(sch.enum as unknown[]).map((v) => '`' + JSON.stringify(v) + '`').join(', ')}` : '';
    const span = keyOrValueSpan(node);
    // The entry's verdict comes along: people hover whatever key is under the mouse.
    const entry = analysis.entries.some((x) => x.index === entryIdx) ? `\n\n---\n\n${entryMarkdown(analysis, entryIdx, preview)}` : '';
    return { markdown: `**${field}**\n\n${doc}${enumLine}${gateLine}${entry}`, span };
  }
  if (entryIdx !== null) {
    const e = analysis.entries.find((x) => x.index === entryIdx);
    if (!e) return null;
    return { markdown: entryMarkdown(analysis, entryIdx, preview), span: e.span };
  }
  if (analysis.kind === 'attach' && fullPath[0] === 'volumeAttachment' && typeof fullPath[1] === 'string') {
    const sch = schemaAt('attach', '2.79', fullPath.slice(0, 2) as Array<string | number>);
    const doc = (sch?.markdownDescription as string | undefined) ?? `\`${fullPath[1]}\` is not a volumeAttachment field.`;
    return { markdown: `**${fullPath[1]}**\n\n${doc}\n\n---\n\n${attachEntryMarkdown(analysis, preview)}`, span: keyOrValueSpan(node) };
  }
  if (analysis.kind === 'attach' && fullPath[0] === 'volumeAttachment' && fullPath.length === 1) {
    return { markdown: attachEntryMarkdown(analysis, preview), span: keyOrValueSpan(node) };
  }
  if (analysis.kind === 'server' && fullPath[0] === 'server' && typeof fullPath[1] === 'string' && fullPath.length === 2) {
    const sch = schemaAt('server', '2.94', fullPath as Array<string | number>);
    const doc = sch?.markdownDescription as string | undefined;
    if (doc) return { markdown: `**${fullPath[1]}**\n\n${doc}`, span: keyOrValueSpan(node) };
  }
  return null;
}

export function entryMarkdown(analysis: Analysis, index: number, preview?: EntryPreview): string {
  const e = analysis.entries.find((x) => x.index === index);
  if (!e) return '';
  const lines: string[] = [];
  const extra = preview?.(index);
  if (e.driverClass) {
    lines.push(`**Entry #${index}** → \`${e.driverClass}\` (nova/virt/block_device.py)`);
    // The preview says what Nova does with this very entry; the class's general line otherwise.
    if (!extra) lines.push('', CLASS_DOC[e.driverClass] ?? '');
  } else if (e.bdm) {
    const why = e.bdm.no_device ? 'no_device is set, so the entry is a placeholder' : !e.bdm.destination_type ? 'destination_type is missing' : `${e.bdm.source_type}→${e.bdm.destination_type} is handled by no driver class`;
    lines.push(`**Entry #${index}** → no driver class — ${why}.`);
  } else {
    lines.push(`**Entry #${index}** → no driver class: Nova refuses this entry (see the problems).`);
  }
  const errs = analysis.diagnostics.filter((d) => d.entry === index && d.severity === 'error');
  if (errs.length) lines.push('', ...errs.slice(0, 3).map((d) => `- \`${d.code}\`: ${d.novaMessage}`));
  if (extra) lines.push('', extra);
  return lines.join('\n');
}

/**
 * The attachment as Nova holds it (entry 0), and the device name the libvirt driver gives it;
 * with `preview` (a lab host), the `<disk>` XML the attach writes there, under the title.
 */
function attachEntryMarkdown(analysis: Analysis, preview?: EntryPreview): string {
  const e = analysis.entries[0];
  if (!e?.driverClass || !e.bdm) return entryMarkdown(analysis, 0).replace('**Entry #0**', '**The attachment**');
  const onLab = preview?.(0) ?? null;
  const lines = [
    `**The attachment** → \`${e.driverClass}\` (nova/virt/block_device.py) for volume \`${e.bdm.uuid ?? '?'}\``,
    '',
    ...(onLab ? [onLab, ''] : []),
    CLASS_DOC[e.driverClass] ?? '',
    '',
    `Device name: the libvirt driver takes the next free name on the volume's bus${e.bdm.device_name ? ` and ignores the requested \`${e.bdm.device_name}\`` : ''}${onLab ? '' : ` — \`/dev/vdb\` on a guest whose only disk is its virtio root \`/dev/vda\``} (nova/virt/libvirt/driver.py get_device_name_for_instance).${onLab ? '' : ' Simulate Attach on a lab host shows the name and the `<disk>` XML for a given instance.'}`,
    '',
    `delete_on_termination: \`${e.bdm.delete_on_termination}\`${e.bdm.tag ? ` · tag: \`${e.bdm.tag}\`` : ''}`,
  ];
  return lines.join('\n');
}

function entryIndexOf(path: Array<string | number>): number | null {
  if (path[0] === 'server' && (path[1] === 'block_device_mapping_v2' || path[1] === 'block_device_mapping') && typeof path[2] === 'number') return path[2];
  return null;
}

function keyOrValueSpan(node: Node): Span {
  const p = node.parent?.type === 'property' ? node.parent : node;
  return { offset: p.offset, length: p.length };
}
