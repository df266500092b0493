/**
 * What a validated `openstack.cloud.server` task sends: ServerModule.run and _create_server
 * (collection 1.10.0), then openstacksdk 0.101.0 `create_server` and `_get_boot_from_volume_kwargs`
 * (openstack/cloud/_compute.py) and the compute proxy's `Server.create`, which negotiates the
 * microversion up to the cloud's maximum but at most 2.73 (Server._max_microversion in 0.101.0).
 * Facts: shared/spec/sources.md (Ansible section); labelled by shared/tools/ansible-oracle.
 * Names the module looks up (image, flavor, volumes, networks, ports) become stand-in ids;
 * `resolved` lists them so a test can put the oracle's ids in their place.
 */
import type { BodyPath } from '../doc';
import { standInId } from '../oscCli/translate';
import { PyFloat } from './tasks';
import { pyStr } from './module';

/** openstacksdk 0.101.0's compute Server._max_microversion */
export const SDK_MAX_MICROVERSION = '2.73';
export { DEFAULT_CLOUD_MAX_MICROVERSION } from '../../model/context';

export interface Refusal {
  stage: 'module' | 'sdk';
  message: string;
  /** the option (canonical name) it is about, or null for the task */
  arg: string | null;
  /** a list item of that option */
  item?: number;
}

/** Where a body path comes from: the option (canonical name) that writes it, and which item of it. */
export interface Origin { arg: string | null; item?: number; part?: 'key' | 'value' | 'whole' }

export interface ServerRequest {
  body: { server: Record<string, unknown> } | null;
  microversion: string;
  refusal: Refusal | null;
  /** body path (JSON.stringify) -> the option that writes it */
  origins: Map<string, Origin>;
  resolved: Array<{ path: BodyPath; kind: string; name: string }>;
  imageRef: string | null;
  /** state: absent: the task sends no create request */
  absent: boolean;
}

/** min(SDK max, the cloud's max), as keystoneauth's discovery and the SDK negotiate it */
export function negotiate(cloudMax: string): string {
  const p = (s: string) => s.split('.').map(Number);
  const [a, b] = [p(SDK_MAX_MICROVERSION), p(cloudMax)];
  if (b.length !== 2 || b.some(Number.isNaN)) return SDK_MAX_MICROVERSION;
  return b[0] < a[0] || (b[0] === a[0] && b[1] < a[1]) ? cloudMax : SDK_MAX_MICROVERSION;
}

/** base64 of a string's UTF-8 bytes (the SDK's _encode_server_userdata) */
function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63] + (i + 1 < bytes.length ? abc[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? abc[n & 63] : '=');
  }
  return out;
}

const truthy = (v: unknown) => !(v === null || v === undefined || v === false || v === 0 || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0));

class Refused extends Error {
  constructor(readonly r: Refusal) {
    super(r.message);
  }
}

/** The request a validated task sends, or the module's/SDK's refusal. */
export function createServer(params: Record<string, unknown>, cloudMax: string): ServerRequest {
  const out: ServerRequest = { body: null, microversion: negotiate(cloudMax), refusal: null, origins: new Map(), resolved: [], imageRef: null, absent: false };
  if (params.state === 'absent') return { ...out, absent: true };
  try {
    build(params, out);
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    out.body = null;
    out.refusal = e.r;
  }
  return out;
}

function build(p: Record<string, unknown>, out: ServerRequest): void {
  const at = (path: BodyPath, o: Origin) => out.origins.set(JSON.stringify(path), o);
  const look = (path: BodyPath, kind: string, name: string) => { out.resolved.push({ path, kind, name }); return standInId(kind, name); };
  if (!(truthy(p.image) || truthy(p.boot_volume))) throw new Refused({ stage: 'module', message: "Parameter 'image' or 'boot_volume' is required if state == 'present'", arg: null });
  if (!truthy(p.flavor) && !truthy(p.flavor_ram)) throw new Refused({ stage: 'module', message: "Parameter 'flavor' or 'flavor_ram' is required if state == 'present'", arg: null });
  const server: Record<string, unknown> = { name: p.name };
  at(['server', 'name'], { arg: 'name' });
  const image = truthy(p.boot_volume) ? null : String(p.image);
  if (image !== null) { server.imageRef = look(['server', 'imageRef'], 'image', image); at(['server', 'imageRef'], { arg: 'image' }); }
  // flavor_ram is an int to AnsibleModule, which keeps a bool as it is (a bool is an int to Python):
  // the SDK is asked for the flavor with at least True MB, str() 'True'
  server.flavorRef = truthy(p.flavor) ? look(['server', 'flavorRef'], 'flavor', String(p.flavor)) : look(['server', 'flavorRef'], 'flavor', `ram-${pyStr(p.flavor_ram)}`);
  at(['server', 'flavorRef'], { arg: truthy(p.flavor) ? 'flavor' : 'flavor_ram' });
  networks(p, server, at, look);
  const sg = p.security_groups as unknown[] | null;
  if (sg) server.security_groups = sg.map((n) => ({ name: n }));
  // an explicit null (no default then): the SDK leaves it in its kwargs and sends it
  else if (sg === null) server.security_groups = null;
  if (sg?.length) at(['server', 'security_groups'], { arg: 'security_groups' });
  if (truthy(p.userdata)) { server.user_data = base64(String(p.userdata)); at(['server', 'user_data'], { arg: 'userdata' }); }
  if (p.config_drive) { server.config_drive = true; at(['server', 'config_drive'], { arg: 'config_drive' }); }
  if (truthy(p.key_name)) { server.key_name = p.key_name; at(['server', 'key_name'], { arg: 'key_name' }); }
  const meta = parseMeta(p.meta);
  if (truthy(meta)) { server.metadata = asDict(meta); at(['server', 'metadata'], { arg: 'meta' }); }
  if (truthy(p.availability_zone)) { server.availability_zone = p.availability_zone; at(['server', 'availability_zone'], { arg: 'availability_zone' }); }
  if (truthy(p.description)) { server.description = p.description; at(['server', 'description'], { arg: 'description' }); }
  // os:scheduler_hints: SDK 0.101.0 builds them into a dict it never sends
  server.min_count = 1;
  server.max_count = 1;
  bootFromVolume(p, server, image, at, look, out);
  out.body = { server };
  out.imageRef = typeof server.imageRef === 'string' && server.imageRef ? server.imageRef : null;
}

function parseMeta(meta: unknown): unknown {
  if (typeof meta === 'string') {
    const o: Record<string, string> = {};
    for (const kv of meta.split(',')) {
      const parts = kv.split('=');
      if (parts.length !== 2) throw new Refused({ stage: 'sdk', message: `ValueError: ${parts.length < 2 ? 'not enough values to unpack (expected 2, got 1)' : `too many values to unpack (expected 2)`}`, arg: 'meta' });
      o[parts[0]] = parts[1];
    }
    return o;
  }
  return meta ?? {};
}

/** the SDK's metadata attribute is a dict: what the module gives it must pass Python's dict() (a list of pairs is sent as it is) */
function asDict(v: unknown): unknown {
  const refuse = (message: string) => { throw new Refused({ stage: 'sdk', message, arg: 'meta' }); };
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof PyFloat)) return asJson(v);
  if (!Array.isArray(v)) return refuse(`TypeError: '${typeof v === 'boolean' ? 'bool' : v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)) ? 'float' : 'int'}' object is not iterable`);
  v.forEach((x, i) => {
    // each element a sequence of two: a string's characters, a list's items, a dict's keys
    const pair = typeof x === 'string' ? [...x] : Array.isArray(x) ? x : x !== null && typeof x === 'object' && !(x instanceof PyFloat) ? Object.keys(x) : null;
    if (!pair) refuse(`TypeError: cannot convert dictionary update sequence element #${i} to a sequence`);
    else if (pair.length !== 2) refuse(`ValueError: dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
  });
  return asJson(v);
}

/** a value as JSON carries it (a float as its number) */
function asJson(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) return v.map(asJson);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = asJson(x);
    return o;
  }
  return v;
}

type At = (path: BodyPath, o: Origin) => void;
type Look = (path: BodyPath, kind: string, name: string) => string;

/** _parse_nics, read lazily as _network_args does: a string gives one dict per ',' part, from exactly one '=' */
function* parseNics(nics: unknown[]): Generator<{ nic: Record<string, unknown>; item: number }> {
  for (const [item, n] of nics.entries()) {
    if (typeof n !== 'string') { yield { nic: n as Record<string, unknown>, item }; continue; }
    for (const part of n.split(',')) {
      const kv = part.split('=');
      if (kv.length !== 2) throw new Refused({ stage: 'sdk', message: `ValueError: dictionary update sequence element #0 has length ${kv.length}; 2 is required`, arg: 'nics', item });
      yield { nic: { [kv[0]]: kv[1] }, item };
    }
  }
}

/** ServerModule._network_args, then create_server's nics -> networks */
function networks(p: Record<string, unknown>, server: Record<string, unknown>, at: At, look: Look): void {
  const nics = p.nics as unknown;
  if (!Array.isArray(nics)) throw new Refused({ stage: 'module', message: "The 'nics' parameter must be a list.", arg: 'nics' });
  // _network_args: each entry as written (a net-name or port-name looked up, replaced by its id;
  // the name as Python writes it: a YAML true is asked for as True)
  const args: Array<{ sdk: Record<string, unknown>; item: number }> = [];
  for (const { nic, item } of parseNics(nics)) {
    if (!nic || typeof nic !== 'object' || Array.isArray(nic)) throw new Refused({ stage: 'module', message: "Each entry in the 'nics' parameter must be a dict.", arg: 'nics', item });
    const i = args.length;
    if (truthy(nic['net-id'])) args.push({ sdk: { ...nic }, item });
    else if (truthy(nic['net-name'])) {
      const { 'net-name': name, ...rest } = nic;
      args.push({ sdk: { ...rest, 'net-id': look(['server', 'networks', i, 'uuid'], 'network', pyStr(name)) }, item });
    } else if (truthy(nic['port-id'])) args.push({ sdk: { ...nic }, item });
    else if (truthy(nic['port-name'])) {
      const { 'port-name': name, ...rest } = nic;
      args.push({ sdk: { ...rest, 'port-id': look(['server', 'networks', i, 'port'], 'port', pyStr(name)) }, item });
    }
  }
  // create_server: each key taken by its presence (a net-name next to a net-id is dropped, one
  // left without it is looked up), at most one fixed IP, the last of port/port-id
  const nets: Array<Record<string, unknown>> = [];
  for (const { sdk, item } of args) {
    const i = nets.length;
    const net: Record<string, unknown> = {};
    if ('net-id' in sdk) { net.uuid = sdk['net-id']; delete sdk['net-id']; delete sdk['net-name']; }
    else if ('net-name' in sdk) { net.uuid = look(['server', 'networks', i, 'uuid'], 'network', pyStr(sdk['net-name'])); delete sdk['net-name']; }
    for (const k of ['v4-fixed-ip', 'v6-fixed-ip', 'fixed_ip']) {
      const ip = sdk[k];
      delete sdk[k];
      if (truthy(ip) && truthy(net.fixed_ip)) throw new Refused({ stage: 'sdk', message: 'Only one of v4-fixed-ip, v6-fixed-ip or fixed_ip may be given', arg: 'nics', item });
      if (truthy(ip)) net.fixed_ip = ip;
    }
    for (const k of ['port', 'port-id']) if (k in sdk) { net.port = sdk[k]; delete sdk[k]; }
    if ('tag' in sdk) { net.tag = sdk.tag; delete sdk.tag; }
    const extra = Object.keys(sdk);
    if (extra.length) throw new Refused({ stage: 'sdk', message: `Additional unsupported keys given for server network creation: dict_keys([${extra.map((k) => `'${k}'`).join(', ')}])`, arg: 'nics', item });
    // (the entry's values as YAML gave them: a float is sent as its number)
    nets.push(asJson(net) as Record<string, unknown>);
    at(['server', 'networks', i], { arg: 'nics', item });
  }
  if (!nets.length && truthy(p.network)) {
    nets.push({ uuid: look(['server', 'networks', 0, 'uuid'], 'network', String(p.network)) });
    at(['server', 'networks', 0], { arg: 'network' });
  }
  server.networks = nets.length ? nets : 'auto';
  if (nets.length) at(['server', 'networks'], { arg: nics.length ? 'nics' : 'network' });
}

/** SDK _get_boot_from_volume_kwargs: the root volume, the image's local root next to volumes, the volumes */
/** a volume root: the SDK sends imageRef "" (the image, if any, is the root entry's uuid) */
function noImageRef(server: Record<string, unknown>, out: ServerRequest): void {
  server.imageRef = '';
  out.resolved = out.resolved.filter((r) => !(r.path.length === 2 && r.path[1] === 'imageRef'));
}

function bootFromVolume(p: Record<string, unknown>, server: Record<string, unknown>, image: string | null, at: At, look: Look, out: ServerRequest): void {
  const volumes = ((p.volumes as unknown[] | null) ?? []).map(String);
  const L = ['server', 'block_device_mapping_v2'];
  if (!(truthy(p.boot_volume) || p.boot_from_volume || volumes.length)) return;
  const bdms: Array<Record<string, unknown>> = [];
  // an explicit null keeps no default (AnsibleModule) and the SDK sends it as it is
  const term = p.terminate_volume === null ? null : p.terminate_volume === true;
  if (truthy(p.boot_volume)) {
    bdms.push({ boot_index: '0', delete_on_termination: term, destination_type: 'volume', uuid: look([...L, 0, 'uuid'], 'volume', String(p.boot_volume)), source_type: 'volume' });
    noImageRef(server, out);
    at([...L, 0], { arg: 'boot_volume' });
    at([...L, 0, 'uuid'], { arg: 'boot_volume', part: 'value' });
    at([...L, 0, 'delete_on_termination'], { arg: p.terminate_volume !== undefined && 'terminate_volume' in p ? 'terminate_volume' : 'boot_volume' });
  } else if (p.boot_from_volume) {
    // the module passes volume_size only when truthy; the SDK's default is '50'
    const size = truthy(p.volume_size) ? pyStr(p.volume_size) : '50';
    bdms.push({ boot_index: '0', delete_on_termination: term, destination_type: 'volume', uuid: look([...L, 0, 'uuid'], 'image', String(image)), source_type: 'image', volume_size: size });
    noImageRef(server, out);
    at([...L, 0], { arg: 'boot_from_volume' });
    at([...L, 0, 'uuid'], { arg: 'image', part: 'value' });
    at([...L, 0, 'volume_size'], { arg: 'volume_size' });
    at([...L, 0, 'delete_on_termination'], { arg: 'terminate_volume' });
    at([...L, 0, 'source_type'], { arg: 'boot_from_volume' });
  }
  if (volumes.length && server.imageRef) {
    at([...L, bdms.length], { arg: 'volumes', part: 'key' });
    at([...L, bdms.length, 'uuid'], { arg: 'image', part: 'value' });
    bdms.push({ boot_index: 0, delete_on_termination: true, destination_type: 'local', source_type: 'image', uuid: look([...L, bdms.length, 'uuid'], 'image', String(image)) });
  }
  volumes.forEach((v, item) => {
    at([...L, bdms.length], { arg: 'volumes', item });
    at([...L, bdms.length, 'uuid'], { arg: 'volumes', item });
    bdms.push({ boot_index: '-1', delete_on_termination: false, destination_type: 'volume', uuid: look([...L, bdms.length, 'uuid'], 'volume', v), source_type: 'volume' });
  });
  server.block_device_mapping_v2 = bdms;
  at(L, { arg: truthy(p.boot_volume) ? 'boot_volume' : p.boot_from_volume ? 'boot_from_volume' : 'volumes', part: 'key' });
}
