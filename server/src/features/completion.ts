/**
 * Completion inside BDM entries that knows Nova: destination types valid for the source,
 * `swap` only on blank→local, the next free boot_index, buses and device types, ids from the
 * lab host's inventory, and microversion-gated keys only where the microversion allows them.
 */
import { findNodeAtOffset, type Node } from 'jsonc-parser';
import { locationAt } from './location';
import type { Analysis } from '../analyze';
import { mvMinor, type Context } from '../model/context';
import { toValue, findAt } from '../parse/json';
import { schemaAt } from '../rules/schema';
import { DISK_BUSES, DEVICE_TYPES, pyInt } from '../rules/novaValues';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  detail?: string;
  documentation?: string;
  /** JSON text to insert (already quoted where needed) */
  insertText: string;
  /** the value under the cursor that the insert replaces */
  replace?: { offset: number; length: number };
  sortText?: string;
}

export interface InventoryItem { id: string; name?: string; sizeGb?: number; kind: 'image' | 'volume' | 'snapshot' }

const V2_KEYS = ['source_type', 'destination_type', 'uuid', 'boot_index', 'volume_size', 'delete_on_termination', 'device_name', 'disk_bus', 'device_type', 'guest_format', 'no_device', 'tag', 'volume_type'];
const ATTACH_KEYS = ['volumeId', 'device', 'tag', 'delete_on_termination'];

export function completeJson(analysis: Analysis, text: string, offset: number, context: Context, inventory: InventoryItem[] = []): CompletionEntry[] {
  if (!analysis.root || !analysis.kind) return [];
  const loc = locationAt(analysis.root, text, offset);
  const path = analysis.kind === 'array' ? ['server', 'block_device_mapping_v2', ...loc.path] : loc.path;
  const minor = context.microversion.trim() === '2.0' ? 0 : mvMinor(context.microversion);
  if (analysis.kind === 'attach') return completeAttach(path, loc.isAtPropertyKey, minor, analysis.root);
  const inEntry = path[0] === 'server' && path[1] === 'block_device_mapping_v2' && typeof path[2] === 'number';
  if (!inEntry) return [];
  const entryPath = analysis.kind === 'array' ? [path[2] as number] : path.slice(0, 3);
  const entryNode = findAt(analysis.root, entryPath as Array<string | number>);
  const entry = (entryNode && entryNode.type === 'object' ? toValue(entryNode) : {}) as Record<string, unknown>;
  if (loc.isAtPropertyKey || path.length === 3) {
    // a blank entry takes no uuid (Nova refuses it: BDM-DICT-BLANK-WITH-UUID)
    return V2_KEYS.filter((k) => !(k in entry) && !(k === 'uuid' && entry.source_type === 'blank')).map((k) => keyItem(k, minor));
  }
  const field = path[3];
  if (typeof field !== 'string' || path.length !== 4) return [];
  const under = findNodeAtOffset(analysis.root, offset, true);
  const replace = under && under.type !== 'object' && under.type !== 'array' && under.type !== 'property' && under.parent?.type === 'property' && under.parent.children?.[1] === under
    ? { offset: under.offset, length: under.length } : undefined;
  const listNode = entryNode?.parent;
  const siblings = listNode && listNode.type === 'array' ? (listNode.children ?? []).map((n) => (n === entryNode ? entry : (toValue(n) as Record<string, unknown>) ?? {})) : [];
  return valueItems(field, entry, inventory, siblings).map((c) => ({ ...c, replace }));
}

function keyItem(k: string, minor: number): CompletionEntry {
  const sch = schemaAt('server', '2.94', ['server', 'block_device_mapping_v2', 0, k]);
  const gate = k === 'tag' ? (minor === 32 || minor >= 42 ? null : 'needs microversion 2.32 or 2.42+') : k === 'volume_type' ? (minor >= 67 ? null : 'needs microversion 2.67+') : null;
  return {
    label: k,
    kind: 'property',
    detail: gate ? `not allowed here: ${gate}` : undefined,
    documentation: (sch?.markdownDescription as string | undefined) ?? undefined,
    insertText: `"${k}": `,
    sortText: (gate ? 'z' : 'a') + String(V2_KEYS.indexOf(k)).padStart(2, '0'),
  };
}

function valueItems(field: string, entry: Record<string, unknown>, inventory: InventoryItem[], siblings?: Array<Record<string, unknown>>): CompletionEntry[] {
  const val = (v: unknown, detail?: string, doc?: string): CompletionEntry => ({ label: JSON.stringify(v), kind: 'value', detail, documentation: doc, insertText: JSON.stringify(v) });
  const st = entry.source_type;
  switch (field) {
    case 'source_type':
      return [val('image', 'a Glance image'), val('volume', 'an existing Cinder volume'), val('snapshot', 'a Cinder snapshot'), val('blank', 'an empty disk')];
    case 'destination_type': {
      const out: CompletionEntry[] = [];
      if (st === 'image') {
        out.push(val('volume', 'Cinder creates a volume from the image (needs volume_size)'));
        out.push(val('local', 'the image root: only with boot_index 0 and imageRef'));
      } else if (st === 'blank') {
        out.push(val('local', 'an ephemeral disk (or swap with guest_format swap)'), val('volume', 'an empty Cinder volume (needs volume_size)'));
      } else if (st === 'volume' || st === 'snapshot') {
        out.push(val('volume', `the ${st} is attached as a volume`));
      } else out.push(val('volume'), val('local'));
      return out;
    }
    case 'guest_format':
      return st === 'blank' && entry.destination_type === 'local'
        ? [val('swap', 'a swap disk (volume_size in MiB)'), val('ext4', 'ephemeral filesystem'), val('xfs', 'ephemeral filesystem'), val('vfat', 'ephemeral filesystem')]
        : [val('ext4'), val('xfs')];
    case 'boot_index': {
      // Read the other entries' raw values: a half-typed entry has no judged BDM yet.
      const used = new Set((siblings ?? []).filter((e) => e !== entry).map((e) => pyInt(e.boot_index)).filter((b): b is number => b !== null && b >= 0));
      let next = 0;
      while (used.has(next) && next !== pyInt(entry.boot_index)) next++;
      return [val(next, 'the next free boot index'), val(-1, 'not bootable'), val(null, 'not bootable')];
    }
    case 'disk_bus':
      return DISK_BUSES.map((b) => val(b, b === 'virtio' ? 'default for disks on kvm/qemu' : undefined));
    case 'device_type':
      return DEVICE_TYPES.map((t) => val(t, t === 'lun' ? 'needs disk_bus scsi' : t === 'fs' ? 'handled as disk by libvirt' : undefined));
    case 'delete_on_termination':
      return [val(true), val(false)];
    case 'volume_size':
      return st === 'blank' && entry.guest_format === 'swap' ? [val(1024, 'MiB (swap sizes are MiB)')] : [val(10, 'GiB')];
    case 'uuid': {
      const kind = st === 'image' ? 'image' : st === 'volume' ? 'volume' : st === 'snapshot' ? 'snapshot' : null;
      if (!kind) return [];
      return inventory.filter((i) => i.kind === kind).map((i) => val(i.id, [i.name, i.sizeGb !== undefined ? `${i.sizeGb} GiB` : undefined].filter(Boolean).join(', '), `${kind} from the active lab host`));
    }
    default:
      return [];
  }
}

function completeAttach(path: Array<string | number>, atKey: boolean, minor: number, root: Node): CompletionEntry[] {
  if (path[0] !== 'volumeAttachment') return [];
  const node = findAt(root, ['volumeAttachment']);
  const have = (node && node.type === 'object' ? toValue(node) : {}) as Record<string, unknown>;
  if (atKey || path.length === 1) {
    return ATTACH_KEYS.filter((k) => !(k in have)).map((k) => {
      const gate = k === 'tag' && minor < 49 ? 'needs microversion 2.49+' : k === 'delete_on_termination' && minor < 79 ? 'needs microversion 2.79+' : null;
      return { label: k, kind: 'property' as const, detail: gate ? `not allowed here: ${gate}` : undefined, insertText: `"${k}": `, sortText: (gate ? 'z' : 'a') + k };
    });
  }
  if (path[1] === 'delete_on_termination') return [{ label: 'true', kind: 'value', insertText: 'true' }, { label: 'false', kind: 'value', detail: 'use JSON false: any string is stored as true', insertText: 'false' }];
  if (path[1] === 'device') return [{ label: 'null', kind: 'value', detail: 'let Nova choose (libvirt ignores a requested name anyway)', insertText: 'null' }];
  return [];
}
