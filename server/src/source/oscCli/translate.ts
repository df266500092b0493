/**
 * `openstack server create` as python-openstackclient 6.0.0 runs it (with python-novaclient 18.1):
 * its argument parsing (argparse and its Actions for --block-device, --block-device-mapping,
 * --ephemeral), its own refusals, and the Nova body it then posts, with the microversion header.
 * Facts: shared/spec/sources.md (OSC section) and shared/tools/osc-oracle, which labels the tests.
 * Names that OSC looks up (an image, a volume, a flavor, a network) become stand-in ids: the real
 * ids live in the cloud; `resolved` lists them so a test can put the oracle's ids in their place.
 */
import type { Span } from '../../text/span';
import type { BodyPath } from '../doc';
import { subWord, type Word } from './shell';

export interface Place {
  key?: Span;
  value?: Span;
  whole: Span;
}

export interface OscError {
  /** which part of OSC answers: its argument parser (and Actions), the command itself, or novaclient under it */
  stage: 'osc-argparse' | 'osc' | 'novaclient';
  message: string;
  span: Span;
}

export interface Translation {
  microversion: string;
  body: { server: Record<string, unknown> } | null;
  error: OscError | null;
  /** where each written body path is (keyed by JSON.stringify(path)) */
  places: Map<string, Place>;
  /** body paths whose value is a name OSC looks up, with the kind of thing it names */
  resolved: Array<{ path: BodyPath; kind: string; name: string }>;
  imageRef: string | null;
}

const PROG = 'openstack server create: error: ';
const BDM_KEYS = ['uuid', 'source_type', 'destination_type', 'disk_bus', 'device_type', 'device_name', 'volume_size', 'guest_format', 'boot_index', 'delete_on_termination', 'tag', 'volume_type'];
// OSC prints the valid keys from a Python set; this is the order it shows (PYTHONHASHSEED=0)
const BDM_KEYS_SHOWN = 'uuid, guest_format, volume_type, volume_size, tag, device_type, disk_bus, source_type, destination_type, boot_index, device_name, delete_on_termination';

/** the options of CreateServer that take a value (all but the flags below) */
const WITH_VALUE = new Set(['--flavor', '--image', '--image-property', '--volume', '--snapshot', '--boot-from-volume', '--block-device-mapping', '--block-device', '--swap', '--ephemeral', '--network', '--port', '--nic', '--password', '--security-group', '--key-name', '--property', '--file', '--user-data', '--description', '--availability-zone', '--host', '--hypervisor-hostname', '--hint', '--config-drive', '--min', '--max', '--tag', '--hostname', '--trusted-image-cert', '-f', '--format', '-c', '--column', '--variable', '--prefix', '--max-width']);
const FLAGS = new Set(['--use-config-drive', '--no-config-drive', '--wait', '--noindent', '--fit-width', '--print-empty']);
const BOOT_GROUP = ['--image', '--image-property', '--volume', '--snapshot'];

const UUID_RE = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** An id for a name OSC looks up: a UUID stays itself, any other name gets a stable stand-in UUID. */
export function standInId(kind: string, name: string): string {
  if (UUID_RE.test(name)) {
    const h = name.replace(/-/g, '').toLowerCase();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  let hex = '';
  let h = 0x811c9dc5;
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${kind}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Python's int() of a command-line string, or null */
function pyInt(s: string): number | null {
  return /^\s*[+-]?\d+(_\d+)*\s*$/.test(s) ? Number(s.replace(/_/g, '')) : null;
}

/** oslo strutils.bool_from_string(strict=True) */
function pyBool(s: string): boolean | null {
  const v = s.trim().toLowerCase();
  if (['1', 't', 'true', 'on', 'y', 'yes'].includes(v)) return true;
  if (['0', 'f', 'false', 'off', 'n', 'no'].includes(v)) return false;
  return null;
}

function spanOf(w: { start: number; end: number }): Span {
  return { offset: w.start, length: Math.max(0, w.end - w.start) };
}
function join(a: { start: number }, b: { end: number }): Span {
  return { offset: a.start, length: Math.max(0, b.end - a.start) };
}

interface Opt { name: string; nameWord: Word; value: Word | null; whole: Span }

interface KV { key: string; keyWord: Word; valueWord: Word }

class Refusal extends Error {
  constructor(readonly stage: 'osc-argparse' | 'osc' | 'novaclient', message: string, readonly span: Span) {
    super(message);
  }
}

/** `k=v,k=v` as osc_lib's MultiKeyValueAction reads it (the last of a duplicated key wins). */
function keyValues(w: Word, required: string[], optional: string[], shownValid: string): Map<string, KV> {
  const params = new Map<string, KV>();
  let base = 0;
  for (const part of w.value.split(',')) {
    const pw = subWord(w, base, base + part.length);
    const eq = part.indexOf('=');
    if (eq < 0) throw new Refusal('osc-argparse', `Expected comma separated 'key=value' pairs, but got: ${part}`, spanOf(pw));
    const key = part.slice(0, eq);
    if (key === '') throw new Refusal('osc-argparse', `Each property key must be specified: ${part}`, spanOf(pw));
    params.delete(key);
    params.set(key, { key, keyWord: subWord(w, base, base + eq), valueWord: subWord(w, base + eq + 1, base + part.length) });
    base += part.length + 1;
  }
  const missing = required.filter((k) => !params.has(k));
  if (missing.length) throw new Refusal('osc-argparse', `Missing required keys ${missing.join(', ')}.\nRequired keys are: ${required.join(', ')}`, spanOf(w));
  const invalid = [...params.keys()].filter((k) => !required.includes(k) && !optional.includes(k));
  if (invalid.length) {
    const first = params.get(invalid[0])!;
    throw new Refusal('osc-argparse', `Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${shownValid}`, spanOf(first.keyWord));
  }
  return params;
}

/** Translate the words after `server create` (and the global microversion) as OSC 6.0.0 does. */
export function translate(words: Word[], microversion: string, commandSpan: Span): Translation {
  const places = new Map<string, Place>();
  const resolved: Translation['resolved'] = [];
  const put = (path: BodyPath, p: Place) => places.set(JSON.stringify(path), p);
  try {
    return run();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return { microversion, body: null, error: { stage: e.stage, message: e.message, span: e.span }, places, resolved, imageRef: null };
  }

  function run(): Translation {
    // argparse, left to right
    const opts: Opt[] = [];
    const positionals: Word[] = [];
    const unknown: Word[] = [];
    const seen = new Map<string, Opt>();
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      const eq = w.value.indexOf('=');
      const name = w.value.startsWith('--') && eq > 0 ? w.value.slice(0, eq) : w.value;
      if (w.value.startsWith('-') && w.value.length > 1 && !/^-\d/.test(w.value)) {
        if (FLAGS.has(name)) { opts.push({ name, nameWord: w, value: null, whole: spanOf(w) }); continue; }
        if (!WITH_VALUE.has(name)) { unknown.push(w); continue; }
        let value: Word;
        let nameWord = w;
        if (name !== w.value) { value = subWord(w, eq + 1, w.value.length); nameWord = subWord(w, 0, eq); }
        else {
          const next = words[i + 1];
          if (!next || (next.value.startsWith('-') && next.value.length > 1 && !/^-\d/.test(next.value))) throw new Refusal('osc-argparse', `${PROG}argument ${name}: expected one argument`, spanOf(w));
          value = next;
          i++;
        }
        const o: Opt = { name, nameWord, value, whole: join(w, value) };
        if (BOOT_GROUP.includes(name)) {
          const other = BOOT_GROUP.find((g) => g !== name && seen.has(g));
          if (other) throw new Refusal('osc-argparse', `${PROG}argument ${name}: not allowed with argument ${other}`, spanOf(w));
        }
        actionCheck(o);
        seen.set(name, o);
        opts.push(o);
      } else positionals.push(w);
    }
    const last = (n: string) => { let r: Opt | undefined; for (const o of opts) if (o.name === n) r = o; return r; };
    const all = (n: string) => opts.filter((o) => o.name === n);
    const required: string[] = [];
    if (!last('--flavor')) required.push('--flavor');
    if (!positionals.length) required.push('<server-name>');
    if (required.length) throw new Refusal('osc-argparse', `${PROG}the following arguments are required: ${required.join(', ')}`, commandSpan);
    if (!BOOT_GROUP.some((g) => seen.has(g))) throw new Refusal('osc-argparse', `${PROG}one of the arguments ${BOOT_GROUP.join(' ')} is required`, commandSpan);
    const extras = [...unknown, ...positionals.slice(1)].sort((a, b) => a.start - b.start);
    if (extras.length) throw new Refusal('osc-argparse', `${PROG}unrecognized arguments: ${extras.map((w) => w.value).join(' ')}`, spanOf(extras[0]));

    // take_action
    const mv = microversion.split('.').map(Number);
    const atLeast = (minor: number) => mv[0] > 2 || (mv[0] === 2 && mv[1] >= minor);
    const nameWord = positionals[0];
    const imageOpt = last('--image') ?? last('--image-property');
    // --image-property picks an image in the cloud by its properties: its id is a stand-in named by the option's text
    const imageKind = imageOpt?.name === '--image-property' ? 'image-property' : 'image';
    let image: string | null = imageOpt ? standInId(imageKind, imageOpt.value!.value) : null;
    const volumeOpt = last('--volume');
    const snapshotOpt = last('--snapshot');
    const bfvOpt = last('--boot-from-volume');
    const bfv = bfvOpt ? pyInt(bfvOpt.value!.value)! : 0;
    if (volumeOpt && bfv) throw new Refusal('osc', '--volume is not allowed with --boot-from-volume', bfvOpt!.whole);
    if (snapshotOpt && bfv) throw new Refusal('osc', '--snapshot is not allowed with --boot-from-volume', bfvOpt!.whole);
    const flavorOpt = last('--flavor')!;
    const minO = last('--min');
    const maxO = last('--max');
    const min = minO ? pyInt(minO.value!.value)! : 1;
    const max = maxO ? pyInt(maxO.value!.value)! : 1;
    if (min > max) throw new Refusal('osc', 'min instances should be <= max instances', minO!.whole);
    if (min < 1) throw new Refusal('osc', 'min instances should be > 0', minO!.whole);
    if (max < 1) throw new Refusal('osc', 'max instances should be > 0', maxO!.whole);
    const descO = last('--description');
    if (descO && descO.value!.value && !atLeast(19)) throw new Refusal('osc', 'Description is not supported for --os-compute-api-version less than 2.19', descO.whole);

    const L = ['server', 'block_device_mapping_v2'];
    const bdms: Array<Record<string, unknown>> = [];
    const entryPlaces: Array<{ whole: Span; start?: Span; keys: Map<string, { key?: Span; value?: Span }> }> = [];
    const entry = (m: Record<string, unknown>, whole: Span, keys: Array<[string, { key?: Span; value?: Span }]>, start?: Span) => {
      bdms.push(m);
      entryPlaces.push({ whole, start, keys: new Map(keys) });
    };
    const valueSpan = (o: Opt) => spanOf(o.value!);
    if (volumeOpt) {
      entry({ uuid: standInId('volume', volumeOpt.value!.value), boot_index: '0', source_type: 'volume', destination_type: 'volume' }, volumeOpt.whole, [['uuid', { key: spanOf(volumeOpt.nameWord), value: valueSpan(volumeOpt) }]], valueSpan(volumeOpt));
      resolved.push({ path: [...L, 0, 'uuid'], kind: 'volume', name: volumeOpt.value!.value });
    } else if (snapshotOpt) {
      entry({ uuid: standInId('snapshot', snapshotOpt.value!.value), boot_index: '0', source_type: 'snapshot', destination_type: 'volume', delete_on_termination: false }, snapshotOpt.whole, [['uuid', { key: spanOf(snapshotOpt.nameWord), value: valueSpan(snapshotOpt) }]], valueSpan(snapshotOpt));
      resolved.push({ path: [...L, 0, 'uuid'], kind: 'snapshot', name: snapshotOpt.value!.value });
    } else if (bfv) {
      entry({ uuid: image, boot_index: '0', source_type: 'image', destination_type: 'volume', volume_size: bfv }, bfvOpt!.whole, [
        ['volume_size', { key: spanOf(bfvOpt!.nameWord), value: valueSpan(bfvOpt!) }],
        ...(imageOpt ? [['uuid', { key: spanOf(imageOpt.nameWord), value: valueSpan(imageOpt) }] as [string, Place]] : []),
      ], valueSpan(bfvOpt!));
      if (imageOpt) resolved.push({ path: [...L, 0, 'uuid'], kind: imageKind, name: imageOpt.value!.value });
      image = null;
    }
    const swapO = last('--swap');
    const swap = swapO ? pyInt(swapO.value!.value)! : 0;
    if (swap) entry({ boot_index: -1, source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: swap, delete_on_termination: true }, swapO!.whole, [['volume_size', { key: spanOf(swapO!.nameWord), value: valueSpan(swapO!) }]], valueSpan(swapO!));
    for (const o of all('--ephemeral')) {
      const kv = keyValues(o.value!, ['size'], ['format'], 'format, size');
      const m: Record<string, unknown> = { boot_index: -1, source_type: 'blank', destination_type: 'local', delete_on_termination: true, volume_size: kv.get('size')!.valueWord.value };
      const keys: Array<[string, { key?: Span; value?: Span }]> = [['volume_size', { key: spanOf(kv.get('size')!.keyWord), value: spanOf(kv.get('size')!.valueWord) }]];
      const fmt = kv.get('format');
      if (fmt) { m.guest_format = fmt.valueWord.value; keys.push(['guest_format', { key: spanOf(fmt.keyWord), value: spanOf(fmt.valueWord) }]); }
      entry(m, o.whole, keys, valueSpan(o));
    }
    for (const o of all('--block-device-mapping')) {
      const w = o.value!;
      const eq = w.value.indexOf('=');
      const devName = subWord(w, 0, eq);
      const parts: Word[] = [];
      let at = eq + 1;
      for (const p of w.value.slice(eq + 1).split(':')) { parts.push(subWord(w, at, at + p.length)); at += p.length + 1; }
      const m: Record<string, unknown> = { device_name: devName.value, uuid: parts[0].value, source_type: 'volume', destination_type: 'volume' };
      const keys: Array<[string, { key?: Span; value?: Span }]> = [['device_name', { value: spanOf(devName) }], ['uuid', { value: spanOf(parts[0]) }]];
      if (parts[1]?.value) { m.source_type = parts[1].value; keys.push(['source_type', { value: spanOf(parts[1]) }]); }
      if (parts[2]?.value) { m.volume_size = parts[2].value; keys.push(['volume_size', { value: spanOf(parts[2]) }]); }
      if (parts[3]?.value) { m.delete_on_termination = parts[3].value; keys.push(['delete_on_termination', { value: spanOf(parts[3]) }]); }
      const kind = m.source_type === 'image' ? 'image' : m.source_type === 'snapshot' ? 'snapshot' : 'volume';
      resolved.push({ path: [...L, bdms.length, 'uuid'], kind, name: parts[0].value });
      m.uuid = standInId(kind, parts[0].value);
      entry(m, o.whole, keys, valueSpan(o));
    }
    for (const o of all('--block-device')) {
      const kv = keyValues(o.value!, [], BDM_KEYS, BDM_KEYS_SHOWN);
      const m: Record<string, unknown> = {};
      const keys: Array<[string, { key?: Span; value?: Span }]> = [];
      for (const [k, v] of kv) { m[k] = v.valueWord.value; keys.push([k, { key: spanOf(v.keyWord), value: spanOf(v.valueWord) }]); }
      const pair = (k: string) => { const v = kv.get(k)!; return join(v.keyWord, v.valueWord); };
      if (kv.has('boot_index')) {
        const n = pyInt(String(m.boot_index));
        if (n === null) throw new Refusal('osc', 'The boot_index key of --block-device should be an integer', pair('boot_index'));
        m.boot_index = n;
      }
      if (kv.has('tag') && !atLeast(42)) throw new Refusal('osc', '--os-compute-api-version 2.42 or greater is required to support the tag key of --block-device', pair('tag'));
      if (kv.has('volume_type') && !atLeast(67)) throw new Refusal('osc', '--os-compute-api-version 2.67 or greater is required to support the volume_type key of --block-device', pair('volume_type'));
      if (kv.has('source_type')) {
        if (!['volume', 'image', 'snapshot', 'blank'].includes(String(m.source_type))) throw new Refusal('osc', 'The source_type key of --block-device should be one of: volume, image, snapshot, blank', pair('source_type'));
      } else m.source_type = 'blank';
      if (kv.has('destination_type')) {
        if (!['local', 'volume'].includes(String(m.destination_type))) throw new Refusal('osc', 'The destination_type key of --block-device should be one of: local, volume', pair('destination_type'));
      } else m.destination_type = m.source_type === 'blank' ? 'local' : 'volume';
      if (kv.has('delete_on_termination')) {
        const b = pyBool(String(m.delete_on_termination));
        if (b === null) throw new Refusal('osc', 'The delete_on_termination key of --block-device should be a boolean-like value', pair('delete_on_termination'));
        m.delete_on_termination = b;
      } else if (m.destination_type === 'local') m.delete_on_termination = true;
      entry(m, o.whole, keys, valueSpan(o));
    }

    // nics
    const nicOpts = opts.filter((o) => o.name === '--nic' || o.name === '--network' || o.name === '--port');
    const special = nicOpts.find((o) => o.name === '--nic' && (o.value!.value === 'auto' || o.value!.value === 'none'));
    let networks: unknown;
    if (special) {
      if (nicOpts.length > 1) throw new Refusal('osc', 'Specifying a --nic of auto or none cannot be used with any other --nic, --network or --port value.', special.whole);
      networks = special.value!.value;
      // novaclient takes the strings auto/none only from 2.37 on
      if (!atLeast(37)) throw new Refusal('novaclient', "nics must be a list or a tuple, not <class 'str'>", special.whole);
    } else if (nicOpts.length) {
      networks = nicOpts.map((o, i) => {
        const looked = (kind: string, key: string, name: string) => { resolved.push({ path: ['server', 'networks', i, key], kind, name }); return standInId(kind, name); };
        if (o.name === '--network') return { uuid: looked('network', 'uuid', o.value!.value) };
        if (o.name === '--port') return { port: looked('port', 'port', o.value!.value) };
        const kv = new Map(o.value!.value.split(',').map((p) => [p.split('=')[0], p.slice(p.indexOf('=') + 1)] as [string, string]));
        const n: Record<string, unknown> = {};
        if (kv.get('net-id')) n.uuid = looked('network', 'uuid', kv.get('net-id')!);
        if (kv.get('port-id')) n.port = looked('port', 'port', kv.get('port-id')!);
        if (kv.get('v4-fixed-ip')) n.fixed_ip = kv.get('v4-fixed-ip');
        if (kv.get('v6-fixed-ip')) n.fixed_ip = kv.get('v6-fixed-ip');
        if (kv.get('tag')) n.tag = kv.get('tag');
        return n;
      });
    } else networks = atLeast(37) ? 'auto' : undefined;

    // novaclient: with an image and any entry, the image becomes an image->local root first
    if (image && bdms.length) {
      bdms.unshift({ uuid: image, boot_index: 0, source_type: 'image', destination_type: 'local', delete_on_termination: true });
      // the implicit root's boot_index 0 is the doing of --image itself
      entryPlaces.unshift({ whole: imageOpt!.whole, start: valueSpan(imageOpt!), keys: new Map([['uuid', { key: spanOf(imageOpt!.nameWord), value: valueSpan(imageOpt!) }], ['boot_index', { key: spanOf(imageOpt!.nameWord), value: imageOpt!.whole }]]) });
      for (const r of resolved) if (r.path[1] === L[1]) r.path = [...L, (r.path[2] as number) + 1, ...r.path.slice(3)];
      resolved.push({ path: [...L, 0, 'uuid'], kind: imageKind, name: imageOpt!.value!.value });
    }
    const server: Record<string, unknown> = { name: nameWord.value, imageRef: image ?? '', flavorRef: standInId('flavor', flavorOpt.value!.value), min_count: min, max_count: max };
    if (image) resolved.push({ path: ['server', 'imageRef'], kind: imageKind, name: imageOpt!.value!.value });
    resolved.push({ path: ['server', 'flavorRef'], kind: 'flavor', name: flavorOpt.value!.value });
    if (networks !== undefined) server.networks = networks;
    if (bdms.length) server.block_device_mapping_v2 = bdms;

    put([], { whole: commandSpan });
    put(['server'], { whole: commandSpan });
    put(['server', 'name'], { value: spanOf(nameWord), whole: spanOf(nameWord) });
    put(['server', 'flavorRef'], { key: spanOf(flavorOpt.nameWord), value: valueSpan(flavorOpt), whole: flavorOpt.whole });
    if (imageOpt) put(['server', 'imageRef'], { key: spanOf(imageOpt.nameWord), value: valueSpan(imageOpt), whole: imageOpt.whole });
    if (nicOpts.length) put(['server', 'networks'], { key: spanOf(nicOpts[0].nameWord), value: valueSpan(nicOpts[0]), whole: nicOpts[0].whole });
    if (bdms.length) put(L, { key: entryPlaces[0].whole, whole: entryPlaces[0].whole });
    entryPlaces.forEach((p, i) => {
      put([...L, i], { key: p.start, value: p.whole, whole: p.whole });
      for (const [k, s] of p.keys) put([...L, i, k], { key: s.key ?? s.value, value: s.value ?? s.key, whole: s.key && s.value ? { offset: s.key.offset, length: s.value.offset + s.value.length - s.key.offset } : (s.value ?? s.key)! });
    });
    return { microversion, body: { server }, error: null, places, resolved, imageRef: image };
  }

  /** what an option's argparse Action (or type) refuses as soon as it reads the value */
  function actionCheck(o: Opt): void {
    const v = o.value!;
    if (['--boot-from-volume', '--swap', '--min', '--max'].includes(o.name) && pyInt(v.value) === null) {
      throw new Refusal('osc-argparse', `${PROG}argument ${o.name}: invalid int value: '${v.value}'`, spanOf(v));
    }
    if (o.name === '--block-device') keyValues(v, [], BDM_KEYS, BDM_KEYS_SHOWN);
    if (o.name === '--ephemeral') keyValues(v, ['size'], ['format'], 'format, size');
    if (o.name === '--block-device-mapping') {
      const eq = v.value.indexOf('=');
      const dev = eq < 0 ? v.value : v.value.slice(0, eq);
      const map = eq < 0 ? '' : v.value.slice(eq + 1);
      if (!dev || !map) throw new Refusal('osc-argparse', `Invalid argument ${v.value}; argument must be of form 'dev-name=id[:type[:size[:delete-on-terminate]]]'`, spanOf(v));
      const type = map.split(':')[1];
      if (type && !['volume', 'snapshot', 'image'].includes(type)) throw new Refusal('osc-argparse', `Invalid argument ${v.value}; 'type' must be one of: volume, snapshot, image`, spanOf(v));
    }
  }
}
