/**
 * AWS::EC2::Instance as Heat 19.0.0 creates it (facts from heat/engine/resources/aws/ec2/instance.py
 * Instance.handle_create, novaclient 18.1 servers.create/_boot): once Stack.validate has passed
 * (stackResources.ts checks its properties) and the resources it refers to are made, its properties
 * are read again with every value, and Heat asks its nova client (at Heat's microversion) for a
 * server: the image and flavor Heat looks up, its multi-part user data, the Tags as metadata,
 * KeyName, the NovaSchedulerHints (a repeated key gathers its values in a list), the security
 * groups, the AvailabilityZone, the BlockDeviceMappings as Nova's legacy block_device_mapping and
 * the nics (NetworkInterfaces sorted by DeviceIndex, else a port Heat makes on the SubnetId). Then,
 * the server ACTIVE, each of its Volumes is attached (the same request as a volume attachment
 * resource's). Where the server is not made (novaclient refuses it, Heat's own code fails before
 * it), nothing is attached.
 */
import type { Span } from '../../text/span';
import type { BodyPath } from '../doc';
import { entry, type TemplateNote } from './template';
import { HeatError, validateMap, type PVal } from './props';
import { resolve, STACK_NAME } from './resolve';
import { standInId } from './standIn';
import { asciiDigits, pyRepr, pyTruth as pyTrue } from './py';
import { parseLegacyMapping, HeatTypeError } from './build';
import { INSTANCE_SCHEMA, placeOf, type AttachTranslation } from './attach';
import { validateAtStack, heatRefusal, mvAtLeast, USER_DATA_STANDIN, HEAT_DEFAULT_MICROVERSION, type HeatTranslation, type Place, type ServerInput } from './translate';

/** Python's type name of a value as the template gives it */
function pyType(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** Python's int() of a DeviceIndex (its TypeError or ValueError words: a HeatTypeError) */
function pyInt(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) throw new HeatTypeError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new HeatTypeError('cannot convert float infinity to integer');
    return Math.trunc(v);
  }
  if (typeof v === 'string') {
    const m = /^[\s\x1c-\x1f\x85]*([+-]?)(\d(?:_?\d)*)[\s\x1c-\x1f\x85]*$/.exec(asciiDigits(v));
    if (!m) throw new HeatTypeError(`invalid literal for int() with base 10: ${pyRepr(v)}`);
    const n = Number(m[2].replace(/_/g, ''));
    return m[1] === '-' ? -n : n;
  }
  throw new HeatTypeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyType(v)}'`);
}

/** `nic[key]` on one NetworkInterfaces entry, as Python subscripts it */
function subscript(nic: unknown, key: string): unknown {
  if (nic !== null && typeof nic === 'object' && !Array.isArray(nic)) {
    if (!Object.hasOwn(nic, key)) throw new HeatTypeError(`'${key}'`);
    return (nic as Record<string, unknown>)[key];
  }
  if (Array.isArray(nic)) throw new HeatTypeError('list indices must be integers or slices, not str');
  if (typeof nic === 'string') throw new HeatTypeError('string indices must be integers');
  throw new HeatTypeError(`'${pyType(nic)}' object is not subscriptable`);
}

interface Built { server: Record<string, unknown>; hints: Record<string, unknown> | null }

/** Instance.handle_create and novaclient's servers.create/_boot: the body, in novaclient's key order */
function buildInstance(inp: ServerInput, p: Record<string, PVal | undefined>, out: HeatTranslation, typeSpan: Span): Built {
  const g = (k: string) => p[k]?.v;
  const put = (path: BodyPath, v: PVal | undefined) => out.places.set(JSON.stringify(path), placeOf(v, typeSpan));
  const refuse = (e: unknown, v: PVal | undefined): never => {
    if (e instanceof HeatTypeError) throw new HeatError('novaclient', e.message, placeOf(v, typeSpan).whole);
    throw e;
  };
  const groups = ['SecurityGroups', 'SecurityGroupIds'].flatMap((k) => (Array.isArray(g(k)) ? g(k) as unknown[] : []));
  // the scheduler hints: a key written again gathers its values in a list
  let hints: Record<string, unknown> | null = null;
  if (pyTrue(g('NovaSchedulerHints'))) {
    hints = {};
    for (const tm of p.NovaSchedulerHints?.list ?? []) {
      const k = String(tm.map?.Key?.v);
      const val = tm.map?.Value?.v;
      if (Object.hasOwn(hints, k)) {
        if (typeof hints[k] === 'string') hints[k] = [hints[k]];
        (hints[k] as unknown[]).push(val);
      } else hints[k] = val;
    }
  }
  // the nics: each NetworkInterfaces entry (a port id is placed at its own index), sorted by
  // int(DeviceIndex), Python's sort keeping equal ones as written; else a port Heat makes on the subnet
  let nics: Array<{ port: unknown; src: PVal }> | null = null;
  const ifaces = p.NetworkInterfaces?.list ?? [];
  if (pyTrue(g('NetworkInterfaces'))) {
    const withIndex = ifaces.map((n, k) => ({ nic: typeof n.v === 'string' ? { NetworkInterfaceId: n.v, DeviceIndex: k } : n.v, src: n }));
    const keyed = withIndex.map((x) => {
      try {
        return { ...x, key: pyInt(subscript(x.nic, 'DeviceIndex')) };
      } catch (e) {
        return refuse(e, x.src);
      }
    });
    keyed.sort((a, b) => a.key - b.key);
    nics = keyed.map((x) => {
      try {
        return { port: subscript(x.nic, 'NetworkInterfaceId'), src: x.src };
      } catch (e) {
        return refuse(e, x.src);
      }
    });
  } else if (pyTrue(g('SubnetId'))) {
    const port = standInId('port', 'instance-subnet');
    out.notes.push({ span: placeOf(p.SubnetId, typeSpan).whole, message: `Heat makes a Neutron port on the SubnetId for the instance: its id is Neutron's answer; bdm-lab uses the stand-in ${port}.` });
    nics = [{ port, src: p.SubnetId! }];
  }
  // _build_block_device_mapping: `snapshot:snap:size:delete` by device name (a name written again
  // keeps its first place and its last mapping)
  const byName = new Map<string, { text: string; src: PVal }>();
  for (const m of p.BlockDeviceMappings?.list ?? []) {
    const ebs = m.map?.Ebs;
    if (!ebs || !pyTrue(ebs.v)) continue;
    const e = (k: string) => ebs.map?.[k]?.v;
    const parts: string[] = [];
    if (pyTrue(e('SnapshotId'))) parts.push(String(e('SnapshotId')), 'snap');
    // (a size bdm-lab could not resolve, a volume's size known only in the cloud: left out rather
    // than its stand-in id, which int() would refuse)
    const size = ebs.map?.VolumeSize;
    if (size?.node?.kind === 'unresolved') out.notes.push({ span: size.node.span, message: 'BlockDeviceMappings: the VolumeSize is not known to bdm-lab: it leaves the size out of the mapping.' });
    parts.push(pyTrue(e('VolumeSize')) && size?.node?.kind !== 'unresolved' ? String(e('VolumeSize')) : '');
    // (DeleteOnTermination written null is its default, true: never None)
    const del = e('DeleteOnTermination');
    parts.push(del === undefined || del === null || del ? 'True' : 'False');
    byName.set(String(m.map?.DeviceName?.v), { text: parts.join(':'), src: m });
  }
  const s: Record<string, unknown> = {};
  s.name = `${STACK_NAME}-${inp.name}-abcdefghijkl`;
  s.imageRef = standInId('image', String(g('ImageId') ?? ''));
  s.flavorRef = standInId('flavor', String(g('InstanceType') ?? ''));
  put(['server', 'imageRef'], p.ImageId);
  put(['server', 'flavorRef'], p.InstanceType);
  // Heat's multi-part user data (its cloud-init parts and the UserData): never empty
  s.user_data = USER_DATA_STANDIN;
  put(['server', 'user_data'], p.UserData);
  const tags = p.Tags?.list;
  if (tags?.length) {
    s.metadata = Object.fromEntries(tags.map((t) => [String(t.map?.Key?.v), t.map?.Value?.v]));
    put(['server', 'metadata'], p.Tags);
  }
  if (pyTrue(g('KeyName'))) { s.key_name = g('KeyName'); put(['server', 'key_name'], p.KeyName); }
  s.min_count = 1;
  s.max_count = 1;
  if (groups.length) {
    s.security_groups = groups.map((name) => ({ name }));
    put(['server', 'security_groups'], p.SecurityGroups ?? p.SecurityGroupIds);
  }
  if (pyTrue(g('AvailabilityZone'))) { s.availability_zone = g('AvailabilityZone'); put(['server', 'availability_zone'], p.AvailabilityZone); }
  // novaclient: nics are required from 2.37, checked before the body is built
  if (!nics?.length && mvAtLeast(inp.microversion, '2.37')) throw new HeatError('novaclient', 'nics are required after microversion 2.36', placeOf(p.NetworkInterfaces ?? p.SubnetId, typeSpan).whole);
  if (byName.size) {
    const entries = [...byName].map(([name, { text, src }], i) => {
      let e: Record<string, unknown>;
      try {
        e = parseLegacyMapping(name, text);
      } catch (err) {
        return refuse(err, src.map?.Ebs?.map?.VolumeSize ?? src);
      }
      const at: BodyPath = ['server', 'block_device_mapping', i];
      const ebs = src.map?.Ebs;
      put(at, src);
      put([...at, 'device_name'], src.map?.DeviceName);
      const write: Record<string, PVal | undefined> = { snapshot_id: ebs?.map?.SnapshotId, volume_id: ebs?.map?.SnapshotId, volume_size: ebs?.map?.VolumeSize, delete_on_termination: ebs?.map?.DeleteOnTermination?.node ? ebs.map.DeleteOnTermination : ebs };
      for (const k of Object.keys(e)) if (k !== 'device_name' && write[k]?.node) put([...at, k], write[k]);
      return e;
    });
    s.block_device_mapping = entries;
    put(['server', 'block_device_mapping'], p.BlockDeviceMappings);
  }
  if (nics) {
    s.networks = nics.map(({ port }) => (pyTrue(port) ? { port } : {}));
    put(['server', 'networks'], p.NetworkInterfaces?.list?.length ? p.NetworkInterfaces : p.SubnetId);
    nics.forEach((n, i) => { if (n.src !== p.SubnetId) put(['server', 'networks', i], n.src); });
  }
  if (hints) put(['os:scheduler_hints'], p.NovaSchedulerHints);
  return { server: s, hints };
}

/** One AWS::EC2::Instance once Stack.validate has passed: its server's request (or where Heat stops), then its Volumes' attachments. */
export function translateInstance(inp: ServerInput): { server: HeatTranslation; volumes: AttachTranslation[] } {
  const out: HeatTranslation = { microversion: inp.microversion || HEAT_DEFAULT_MICROVERSION, body: null, error: null, notes: [], places: new Map(), imageRef: null, props: null };
  const typeSpan = entry(inp.node, 'type')?.span ?? inp.keySpan;
  let p: Record<string, PVal | undefined>;
  try {
    // (Stack.validate's refusals are the stack's, found before: its notes are not this request's)
    const { input } = validateAtStack(inp, INSTANCE_SCHEMA, []);
    const { r, props, at, where } = input;
    r.notes = out.notes;
    p = validateMap(input.ctx(out.notes), INSTANCE_SCHEMA, props, [], where, (k, x) => resolve(r, x, [...at, k], 1));
    const b = buildInstance(inp, p, out, typeSpan);
    out.body = b.hints && Object.keys(b.hints).length ? { server: b.server, 'os:scheduler_hints': b.hints } : { server: b.server };
    out.imageRef = b.server.imageRef as string;
  } catch (e) {
    const err = heatRefusal(e, true);
    if (!err) throw e;
    out.error = err;
    return { server: out, volumes: [] };
  }
  const server = standInId('AWS::EC2::Instance', inp.name);
  const notes: TemplateNote[] = [...out.notes, { span: inp.keySpan, message: `The id of the server AWS::EC2::Instance '${inp.name}' makes is Nova's answer when it is created: bdm-lab uses the stand-in ${server}.` }];
  const volumes = (p.Volumes?.list ?? []).map((item): AttachTranslation => {
    const places = new Map<string, Place>();
    const whole = item.node?.span ?? inp.keySpan;
    places.set(JSON.stringify(['volumeAttachment']), { whole });
    const volume = item.map?.VolumeId;
    const device = item.map?.Device;
    const va: Record<string, unknown> = { volumeId: volume?.v ?? null };
    places.set(JSON.stringify(['volumeAttachment', 'volumeId']), placeOf(volume, whole));
    // the Device passed as it is (an empty one is sent)
    if (device && device.v !== null && device.v !== undefined) {
      va.device = device.v;
      places.set(JSON.stringify(['volumeAttachment', 'device']), placeOf(device, whole));
    }
    return { microversion: out.microversion, body: { volumeAttachment: va }, error: null, notes: [...notes], places, server };
  });
  return { server: out, volumes };
}

/** An AWS::EC2::Instance's Volumes, attached only where its server is made (translateInstance) */
export function translateInstanceVolumes(inp: ServerInput): { made: boolean; volumes: AttachTranslation[] } {
  const t = translateInstance(inp);
  return { made: !t.server.error, volumes: t.volumes };
}
