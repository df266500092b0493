/**
 * What Heat 19's Server.handle_create hands novaclient and what novaclient 18.1 makes of it:
 * _build_block_device_mapping_v2 (bootable sources default to boot_index 0 and keep the volume,
 * swap and ephemeral disks are local, boot_index -1, deleted with the server; the keys written
 * override the defaults), _build_block_device_mapping + novaclient's legacy string parsing
 * (`id:type:size:delete` becomes string values), and _build_nics + novaclient's `networks`.
 */
import type { PVal } from './props';
import { standInId } from './standIn';
import { asciiDigits, pyRepr } from './py';

/** a Python TypeError inside Heat's handle_create (raised before novaclient sends anything) */
export class HeatTypeError extends Error {}

/** Heat's TypeError when it writes a key into the entry it never made */
export class NoneItemAssignment extends HeatTypeError {
  constructor() {
    super("'NoneType' object does not support item assignment");
  }
}

export interface BuiltEntry {
  entry: Record<string, unknown>;
  src: PVal;
  /** body key -> the Heat key that writes it */
  keys: Record<string, string>;
}

const truthy = (v: unknown): boolean => !(v === undefined || v === null || v === false || v === 0 || v === '' || (Array.isArray(v) && !v.length));

/** _build_block_device_mapping_v2, one entry (null when it names no source) */
function bdmV2Entry(m: PVal): BuiltEntry | null {
  const g = (k: string) => m.map?.[k]?.v;
  let e: Record<string, unknown> | null = null;
  const keys: Record<string, string> = {};
  const bootable = (uuidKey: string, source: string, id: unknown) => {
    keys.uuid = uuidKey;
    keys.source_type = uuidKey;
    return { uuid: id, source_type: source, destination_type: 'volume', boot_index: 0, delete_on_termination: false };
  };
  if (truthy(g('volume_id'))) e = bootable('volume_id', 'volume', g('volume_id'));
  else if (truthy(g('snapshot_id'))) e = bootable('snapshot_id', 'snapshot', g('snapshot_id'));
  // an image_id's value is the image's (props.ts), written where image_id is
  else if (truthy(g('image'))) e = bootable('image', 'image', standInId('image', String(g('image'))));
  else if (truthy(g('swap_size'))) {
    e = { source_type: 'blank', destination_type: 'local', boot_index: -1, delete_on_termination: true, guest_format: 'swap', volume_size: g('swap_size') };
    Object.assign(keys, { source_type: 'swap_size', volume_size: 'swap_size' });
  } else if (truthy(g('ephemeral_size')) || truthy(g('ephemeral_format'))) {
    e = { source_type: 'blank', destination_type: 'local', boot_index: -1, delete_on_termination: true };
    if (truthy(g('ephemeral_size'))) { e.volume_size = g('ephemeral_size'); keys.volume_size = 'ephemeral_size'; }
    if (truthy(g('ephemeral_format'))) { e.guest_format = g('ephemeral_format'); keys.guest_format = 'ephemeral_format'; }
    keys.source_type = truthy(g('ephemeral_size')) ? 'ephemeral_size' : 'ephemeral_format';
  }
  if (!e) {
    // Heat 19 goes on setting keys on its None (a source given but falsy: swap_size 0, volume_id '')
    if (truthy(g('device_name')) || ['device_type', 'disk_bus', 'boot_index', 'volume_size', 'delete_on_termination'].some((k) => g(k) !== undefined && g(k) !== null)) throw new NoneItemAssignment();
    return null;
  }
  if (truthy(g('device_name'))) { e.device_name = g('device_name'); keys.device_name = 'device_name'; }
  for (const k of ['device_type', 'disk_bus', 'boot_index', 'volume_size', 'delete_on_termination']) {
    const v = g(k);
    if (v !== undefined && v !== null) { e[k] = v; keys[k] = k; }
  }
  return { entry: e, src: m, keys };
}

export function buildBdmV2(list: PVal[]): BuiltEntry[] {
  return list.map(bdmV2Entry).filter((x): x is BuiltEntry => x !== null);
}

/**
 * _build_block_device_mapping (a dict by device name: a repeated name keeps its first place and
 * its last mapping) of `id:type:size:delete` texts (`snap` or nothing for the type, the size and
 * `True` where given), then novaclient's _parse_block_device_mapping of each: split at every `:`
 * (so an id holding one is split too), the id a snapshot's where the second part starts with
 * `snap`, the third part through Python's int() where not empty, the fourth as it is.
 */
export function buildBdmV1(list: PVal[]): BuiltEntry[] {
  const byName = new Map<string, { text: string; src: PVal; idKey: string }>();
  for (const m of list) {
    const g = (k: string) => m.map?.[k]?.v;
    const snap = truthy(g('snapshot_id'));
    const id = snap ? g('snapshot_id') : g('volume_id');
    // a falsy snapshot_id ('') passes validation; then the missing volume_id is joined into the string
    if (id === null || id === undefined) throw new HeatTypeError('sequence item 0: expected str instance, NoneType found');
    const parts = [String(id), snap ? 'snap' : '', truthy(g('volume_size')) ? String(g('volume_size')) : ''];
    if (truthy(g('delete_on_termination'))) parts.push('True');
    // (a Map, as Python's dict, keeps a repeated key at its first place)
    byName.set(String(g('device_name')), { text: parts.join(':'), src: m, idKey: snap ? 'snapshot_id' : 'volume_id' });
  }
  return [...byName].map(([name, { text, src, idKey }]) => {
    const e = parseLegacyMapping(name, text);
    const keys: Record<string, string> = { device_name: 'device_name' };
    for (const k of Object.keys(e)) if (k !== 'device_name') keys[k] = k === 'snapshot_id' || k === 'volume_id' ? idKey : k;
    return { entry: e, src, keys };
  });
}

/**
 * novaclient's _parse_block_device_mapping of one `id:type:size:delete` text: split at every `:`,
 * the id a snapshot's where the second part starts with `snap` (a volume's where there is none or
 * another), the third part through Python's int() where not empty, the fourth as it is.
 */
export function parseLegacyMapping(name: string, text: string): Record<string, unknown> {
  const parts = text.split(':');
  const e: Record<string, unknown> = { device_name: name };
  e[parts.length > 1 && parts[1].startsWith('snap') ? 'snapshot_id' : 'volume_id'] = parts[0];
  if (parts.length > 2 && parts[2]) e.volume_size = pyIntText(parts[2]);
  if (parts.length > 3) e.delete_on_termination = parts[3];
  return e;
}

/** str(int(text)) as Python computes it, or its ValueError's words (HeatTypeError: novaclient's refusal) */
function pyIntText(text: string): string {
  const t = asciiDigits(text);
  const m = /^\s*([+-]?)(\d(?:_?\d)*)\s*$/.exec(t);
  if (!m) throw new HeatTypeError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  const digits = m[2].replace(/_/g, '');
  if (digits.length > 4300) throw new HeatTypeError(`Exceeds the limit (4300 digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
  const n = digits.replace(/^0+(?=\d)/, '');
  return m[1] === '-' && n !== '0' ? `-${n}` : n;
}

/** _build_nics and novaclient's networks: a list of {uuid, fixed_ip, port, tag}, or 'auto'/'none'; null without networks */
export function buildNics(nets: PVal[]): unknown {
  if (!nets.length) return null;
  const str = nets.map((n) => n.map?.allocate_network?.v).find((v) => truthy(v));
  if (str) return str;
  return nets.map((n, idx) => {
    const g = (k: string) => n.map?.[k]?.v;
    const out: Record<string, unknown> = {};
    let netId: string | null = truthy(g('network')) ? standInId('network', String(g('network'))) : null;
    const subnet = truthy(g('subnet')) ? standInId('subnet', String(g('subnet'))) : null;
    if (!netId && subnet) netId = standInId('network', `of-subnet-${subnet}`);
    let port: string | null = null;
    if (truthy(g('port'))) port = standInId('port', String(g('port')));
    else if (subnet) port = standInId('port', `internal-${idx}`);
    if (netId) out.uuid = netId;
    const ip = g('fixed_ip');
    if (!port && truthy(ip)) out.fixed_ip = ip;
    if (port) out.port = port;
    if (truthy(g('tag'))) out.tag = g('tag');
    return out;
  });
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 of a string's UTF-8 bytes */
export function base64(s: string): string {
  const bytes = [...new TextEncoder().encode(s)];
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + (b === undefined ? '=' : B64[(n >> 6) & 63]) + (c === undefined ? '=' : B64[n & 63]);
  }
  return out;
}
