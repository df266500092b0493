/**
 * OS::Cinder::VolumeAttachment and its CloudFormation-compatible twin AWS::EC2::VolumeAttachment
 * (InstanceId, VolumeId, Device: the same request, other names, and a Device Heat requires and
 * holds to the pattern /dev/vd[b-z]): the volumeAttachment request Heat 19.0.0 sends when it
 * creates one (facts from heat/engine/resources/volume_base.py BaseVolumeAttachment.handle_create,
 * aws/ec2/volume.py, clients/os/nova.py attach_volume, novaclient 18.1
 * VolumeManager.create_server_volume): once Stack.validate has passed and the resources it refers
 * to are made, its properties are read again with every value (get_resource gives the resource's
 * id); the body names the volume, and the mountpoint (Device) as the device only where Python finds
 * it true (an empty one is none: no device); novaclient adds no tag and no delete_on_termination.
 * Heat's nova client asks for Heat's highest microversion, and posts to
 * /servers/{instance_uuid}/os-volume_attachments. An AWS::EC2::Instance's Volumes are the same
 * request (instance.ts).
 *
 * Stack.validate's checks of the properties are stackResources.ts's (a refusal there is the
 * stack's: Heat sends nothing); here only the request.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceDoc, SourceFinding } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import { entry, type TemplateNote } from './template';
import { validateMap, type PVal } from './props';
import { resolve } from './resolve';
import type { PSchema } from './schema';
import { validateAtStack, heatRefusal, type HeatTranslation, type Place, type ServerInput } from './translate';
import { resourceFindings } from './placedDoc';
import { locateWritten } from '../places';

/** CinderVolumeAttachment's properties schema, in its order */
export const VOLUME_ATTACHMENT_SCHEMA: Readonly<Record<string, PSchema>> = {
  instance_uuid: { t: 'String', req: true }, volume_id: { t: 'String', req: true }, mountpoint: { t: 'String' },
};

/** AWS::EC2::VolumeAttachment's properties schema, in its order (nova.server and cinder.volume ask the cloud: not modelled) */
export const AWS_VOLUME_ATTACHMENT_SCHEMA: Readonly<Record<string, PSchema>> = {
  InstanceId: { t: 'String', req: true }, VolumeId: { t: 'String', req: true }, Device: { t: 'String', req: true, pattern: '/dev/vd[b-z]' },
};

const S: PSchema = { t: 'String' };
const NOT_IMPLEMENTED = (t: PSchema['t']): PSchema => ({ t, unimplemented: true });
const KEY_VALUES: PSchema = { t: 'List', item: { t: 'Map', keys: { Key: { t: 'String', req: true }, Value: { t: 'String', req: true } } } };

/**
 * AWS::EC2::Instance's properties schema, in its order (heat/engine/resources/aws/ec2/instance.py;
 * glance.image, nova.flavor, nova.keypair, cinder.volume and cinder.snapshot ask the cloud: not
 * modelled): the properties Heat has but does not implement refuse any value written.
 */
export const INSTANCE_SCHEMA: Readonly<Record<string, PSchema>> = {
  ImageId: { t: 'String', req: true }, InstanceType: { t: 'String', req: true }, KeyName: S, AvailabilityZone: S,
  DisableApiTermination: NOT_IMPLEMENTED('String'), KernelId: NOT_IMPLEMENTED('String'), Monitoring: NOT_IMPLEMENTED('Boolean'),
  PlacementGroupName: NOT_IMPLEMENTED('String'), PrivateIpAddress: NOT_IMPLEMENTED('String'), RamDiskId: NOT_IMPLEMENTED('String'),
  SecurityGroups: { t: 'List' }, SecurityGroupIds: { t: 'List' }, NetworkInterfaces: { t: 'List' }, SourceDestCheck: NOT_IMPLEMENTED('Boolean'),
  SubnetId: S, Tags: KEY_VALUES, NovaSchedulerHints: KEY_VALUES, Tenancy: { t: 'String', allowed: ['dedicated', 'default'], unimplemented: true },
  UserData: S,
  Volumes: { t: 'List', def: [], item: { t: 'Map', keys: { Device: { t: 'String', req: true }, VolumeId: { t: 'String', req: true } } } },
  BlockDeviceMappings: {
    t: 'List',
    item: {
      t: 'Map',
      keys: {
        DeviceName: { t: 'String', req: true },
        Ebs: {
          t: 'Map',
          keys: {
            DeleteOnTermination: { t: 'Boolean', def: true }, Iops: NOT_IMPLEMENTED('Number'), SnapshotId: S, VolumeSize: S,
            VolumeType: NOT_IMPLEMENTED('String'),
          },
        },
        NoDevice: NOT_IMPLEMENTED('Map'), VirtualName: NOT_IMPLEMENTED('String'),
      },
    },
  },
};

/** each attachment type: its schema, and the properties that name the server, the volume and the device */
interface AttachKind { schema: Readonly<Record<string, PSchema>>; instance: string; volume: string; device: string }
const ATTACH_KINDS: Readonly<Record<string, AttachKind>> = {
  'OS::Cinder::VolumeAttachment': { schema: VOLUME_ATTACHMENT_SCHEMA, instance: 'instance_uuid', volume: 'volume_id', device: 'mountpoint' },
  'AWS::EC2::VolumeAttachment': { schema: AWS_VOLUME_ATTACHMENT_SCHEMA, instance: 'InstanceId', volume: 'VolumeId', device: 'Device' },
};

/** the resource types whose creation bdm-lab translates into a volumeAttachment request */
export const ATTACH_TYPES: ReadonlySet<string> = new Set(Object.keys(ATTACH_KINDS));

export interface AttachTranslation {
  microversion: string;
  body: { volumeAttachment: Record<string, unknown> } | null;
  error: HeatTranslation['error'];
  notes: TemplateNote[];
  places: Map<string, Place>;
  /** the server the request is posted to, as Heat names it (instance_uuid's value), or null */
  server: string | null;
}

/** Python's truth of a property's value (a text: not empty) */
const pyTrue = (v: unknown): boolean => !(v === undefined || v === null || v === false || v === 0 || v === '');

/** where a property's value is written (its key and value), else `fallback` */
export const placeOf = (v: PVal | undefined, fallback: Span): Place => {
  const n = v?.node;
  return n ? { key: n.keySpan, value: n.span, whole: n.keySpan ? { offset: n.keySpan.offset, length: n.span.offset + n.span.length - n.keySpan.offset } : n.span } : { whole: fallback };
};

/** One volume attachment resource (of one of ATTACH_TYPES): its properties as Heat reads them when it creates it, and the request it sends. */
export function translateAttachment(inp: ServerInput, type = 'OS::Cinder::VolumeAttachment'): AttachTranslation {
  const kind = ATTACH_KINDS[type] ?? ATTACH_KINDS['OS::Cinder::VolumeAttachment'];
  const out: AttachTranslation = { microversion: inp.microversion, body: null, error: null, notes: [], places: new Map(), server: null };
  const typeSpan = entry(inp.node, 'type')?.span ?? inp.keySpan;
  try {
    // (Stack.validate's refusals are the stack's, found before: its notes are not this request's)
    const { input } = validateAtStack(inp, kind.schema, []);
    const { r, props, at, where } = input;
    r.notes = out.notes;
    const p = validateMap(input.ctx(out.notes), kind.schema, props, [], where, (k, x) => resolve(r, x, [...at, k], 1));
    const volume = p[kind.volume];
    const device = p[kind.device];
    const va: Record<string, unknown> = { volumeId: volume?.v ?? null };
    const put = (path: BodyPath, v: PVal | undefined) => out.places.set(JSON.stringify(path), placeOf(v, typeSpan));
    out.places.set(JSON.stringify(['volumeAttachment']), { key: inp.keySpan, whole: typeSpan });
    put(['volumeAttachment', 'volumeId'], volume);
    if (pyTrue(device?.v)) {
      va.device = device!.v;
      put(['volumeAttachment', 'device'], device);
    }
    const server = p[kind.instance]?.v;
    out.server = typeof server === 'string' ? server : null;
    out.body = { volumeAttachment: va };
  } catch (e) {
    const err = heatRefusal(e, true);
    if (!err) throw e;
    out.error = err;
  }
  return out;
}

/** One volume attachment as the rules see it: the volumeAttachment body Heat sends, its paths placed on the properties. */
export class HeatAttachDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind = 'attach' as const;
  readonly api = 'attach' as const;
  readonly tool = 'heat';
  readonly toolLabel: string;
  readonly microversion: string;
  readonly body: unknown;
  readonly imageRef = null;
  readonly findings: readonly SourceFinding[];

  constructor(readonly text: string, readonly name: string, readonly whole: Span, readonly head: Span, readonly translation: AttachTranslation, type: string) {
    super();
    const t = translation;
    this.toolLabel = `Heat 19.0.0 (\`${type}\` ${name}, through novaclient 18.1)`;
    this.microversion = t.microversion;
    this.body = t.body;
    this.findings = resourceFindings(t.error, t.notes);
    if (t.body) this.readBody(t.body, 'attach', []);
  }

  /** where a body path is written: the property that writes it; else the nearest written ancestor; else the resource's type */
  locate(path: BodyPath, part: Part): Span | undefined {
    return locateWritten(this.translation.places, path, part, this.whole, this.head);
  }

  /** everything Heat sends comes from the template */
  covers(): boolean { return true; }
  printPath(path: string): string { return path; }
}
