/**
 * Hunt 40: HOT templates that attach volumes to servers, labelled with Heat 19.0.0's own answers
 * (label40: scripts/heat-hunt39-attach.ts's labelAttach, the heat-oracle, Heat's checks before any
 * resource, Stack.validate, and scripts/heat-hunt39-attach.py: the volumeAttachment request Heat's
 * own attachment resource sends, the nova-oracle's verdict on each body; and
 * scripts/heat-hunt40-instance.py: each AWS::EC2::Instance's Volumes attached) and compared with
 * bdm-lab's (compare40). Shapes hunt 39 did not draw:
 * - AWS::EC2::VolumeAttachment (InstanceId, VolumeId, Device and its pattern) next to
 *   OS::Cinder::VolumeAttachment, AWS::EC2::Volume and OS::Cinder::Volume;
 * - servers with block_device_mapping or block_device_mapping_v2 whose volume ids come from
 *   get_resource and get_attr in their forms (no attribute, a path, a text, an empty list, an
 *   attribute the type lacks), get_resource of a list or a number;
 * - yaql's mergeWith on dicts and lastIndexOf building a device name or a volume id;
 * - AWS::EC2::Instance with Volumes (its nics: none, SubnetId, NetworkInterfaces in their forms),
 *   BlockDeviceMappings, properties Heat does not implement, an attachment naming the instance.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt40-attach.ts COUNT SEED [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt40/attach-labels.json, which test/unit/heat-hunt40.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { rng } from './xorshift-rng';
import { labelAttach, type AttachCase, type AttachLabel } from './heat-hunt39-attach';
import { compareWithOracle, type HeatCase } from '../test/fixtures/heat/compare';
import { heatRequests } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

/** what scripts/heat-hunt40-instance.py says of one AWS::EC2::Instance */
export interface InstanceLabel { type?: string; stage: string; error?: string; server?: string; requires?: string[]; attach?: Array<{ url: string; body: unknown; headers: Record<string, string>; nova?: AttachLabel['nova'] } | null> }
export type Attach40Case = AttachCase & { instances: Record<string, InstanceLabel> };

/** label cases: scripts/heat-hunt39-attach.ts's labels, and each AWS::EC2::Instance's Volumes attached (scripts/heat-hunt40-instance.py) */
export function label40(cases: HeatCase[]): Attach40Case[] {
  const labelled = labelAttach(cases);
  const file = `/tmp/bdm-lab-heat-h40-inst-${process.pid}.json`;
  writeFileSync(file, JSON.stringify(cases));
  const inst = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'heat-hunt40-instance.py'), file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' }, maxBuffer: 1 << 26 })) as Record<string, Record<string, InstanceLabel>>;
  // Nova's verdict on each body an instance's Volumes send (shared/tools/nova-oracle), at Heat's microversion
  const sent = Object.entries(inst).flatMap(([id, is]) => Object.entries(is).flatMap(([name, i]) => (i.attach ?? []).flatMap((a, k) => (a ? [{ id: `${id}::${name}::${k}`, payload: a.body, context: { microversion: a.headers['X-OpenStack-Nova-API-Version'] } }] : []))));
  writeFileSync(file, JSON.stringify(sent));
  const out = execFileSync('/usr/bin/python3', [join(__dirname, '..', '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    const [id, name, k] = r.id.split('::');
    inst[id][name].attach![Number(k)]!.nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  return labelled.map((c) => ({ ...c, instances: inst[c.id] ?? {} }));
}

/**
 * bdm-lab's disagreements with Heat on a labelled case: the servers (compareWithOracle), then each
 * attachment resource's request and each instance's Volumes' (body, microversion; the server an
 * attachment resource names; an instance's server is Nova's answer, not compared), then Nova's
 * verdict on each body (the nova-oracle's) against bdm-lab's. Heat makes no attachment that needs
 * a server or an instance's server that failed.
 */
export function compare40(c: Attach40Case): string[] {
  const r = compareWithOracle(c, c.oracle);
  const diffs = r.undecided ? ['not compared (a condition on a parameter without default)'] : [...r.diffs];
  const { attachments } = heatRequests(c.template, { params: c.params, microversion: c.microversion });
  const o = c.oracle;
  const refused = o.template_error || o.stack_checks || (o.stack_validate !== undefined && o.stack_validate !== 'ok');
  if (refused) {
    if (attachments.length) diffs.push(`Heat refuses the stack; bdm-lab attaches ${attachments.map((a) => a.name).join(', ')}`);
    return diffs;
  }
  const failed = (n: string) => (o.servers[n] !== undefined && o.servers[n].stage !== 'sent') || (c.instances?.[n] !== undefined && c.instances[n].stage !== 'sent');
  const want: Array<[string, AttachLabel]> = Object.entries(c.attach).filter(([, a]) => a.type && !(a.requires ?? []).some(failed));
  for (const [name, i] of Object.entries(c.instances ?? {})) {
    if (!i.type || (i.requires ?? []).some(failed) || i.stage !== 'sent') continue;
    (i.attach ?? []).forEach((a, k) => want.push([`${name}.Volumes[${k}]`, a ? { stage: 'sent', ...a } : { stage: 'novaclient', error: '(no request)' }]));
  }
  for (const [name, a] of want) {
    const d = attachments.find((x) => x.name === name);
    if (!d) { diffs.push(`${name}: Heat ${a.stage === 'sent' ? 'sends' : `refuses (${a.error})`}; bdm-lab makes no request`); continue; }
    const t = d.translation;
    if (a.stage !== 'sent') {
      if (t.error?.message !== a.error?.replace(/^[A-Za-z]+: /, '')) diffs.push(`${name}: Heat refuses: ${a.error}; bdm-lab ${t.error ? `refuses: ${t.error.message}` : 'sends'}`);
      continue;
    }
    if (t.error) { diffs.push(`${name}: Heat sends; bdm-lab refuses: ${t.error.message}`); continue; }
    if (!isDeepStrictEqual(t.body, a.body)) diffs.push(`${name}: body ${JSON.stringify(t.body)} != ${JSON.stringify(a.body)}`);
    const mv = a.headers?.['X-OpenStack-Nova-API-Version'];
    if (mv !== d.microversion) diffs.push(`${name}: microversion ${d.microversion} != ${mv}`);
    const server = /^\/servers\/(.*)\/os-volume_attachments$/.exec(a.url ?? '')?.[1];
    if (!name.includes('.Volumes[') && server !== t.server) diffs.push(`${name}: server ${t.server} != ${server}`);
  }
  for (const d of attachments) if (!want.some(([n]) => n === d.name)) diffs.push(`${d.name}: bdm-lab attaches; Heat makes no such attachment`);
  // Nova's verdict on each body sent, as bdm-lab judges the template (its attachments' requests after the servers')
  if (diffs.length || r.undecided || c.params) return diffs;
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: c.microversion ?? null } as never);
  // (the requests in text order: each found by the name its tool label gives)
  attachments.forEach((d) => {
    const nova = want.find(([n]) => n === d.name)?.[1].nova;
    const req = (a.requests ?? []).find((q) => q.toolLabel === d.toolLabel);
    if (!nova || !req) return;
    if (req.valid !== nova.valid || (!nova.valid && req.analysis?.verdict?.message !== nova.message)) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
  });
  return diffs;
}

export function generate(count: number, seed: number): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2013-05-23', '2014-10-16', '2015-04-30', '2015-10-15', '2016-10-14', '2017-09-01', '2018-08-31', '2021-04-16', 'queens', 'wallaby'];
  const INSTANCE = ['{get_resource: srv}', '{get_resource: srv}', '{get_resource: srv}', '3c5e6f44-1b2a-4c3d-9e8f-0a1b2c3d4e5f', '{get_param: server_id}', '{get_attr: [srv, name]}', '{get_resource: [srv]}', '{get_resource: vol}', '{get_attr: [srv]}'];
  const VOLUME = ['{get_resource: vol}', '{get_resource: vol}', '{get_resource: avol}', '{get_param: vol_id}', '6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', '{get_attr: [vol, id]}', '{get_attr: [vol, show, id]}', '{get_attr: [vol]}', '{get_attr: vol}', '{get_attr: []}', '{get_attr: [vol, nosuch]}', '{get_resource: 12}', "''", '{get_attr: [vol, size]}'];
  const DEVICE = ['/dev/vdb', '/dev/vdb', '/dev/vdc', '/dev/vdz', '/dev/sdb', '/dev/vda', 'vdb', '/dev/vdb1', "''", '{get_param: dev}', '/dev/xvdb', '5', 'null', '[/dev/vdb]',
    "{yaql: {expression: 'dict(d=>\"/dev/vdb\").mergeWith(dict(d=>\"/dev/vdc\")).d', data: {}}}",
    "{yaql: {expression: '$.data.devs[$.data.devs.lastIndexOf(\"/dev/vdc\")]', data: {devs: [/dev/vdb, /dev/vdc, /dev/vdd]}}}",
    "{list_join: ['', [/dev/vd, {get_param: letter}]]}"];
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const conds = v >= '2016-10-14' || /^[a-z]/.test(v);
    const aws = (name: string) => {
      const props: string[] = [];
      if (chance(0.95)) props.push(`InstanceId: ${pick(INSTANCE)}`);
      if (chance(0.95)) props.push(`VolumeId: ${pick(VOLUME)}`);
      if (chance(0.9)) props.push(`Device: ${pick(DEVICE)}`);
      if (chance(0.05)) props.push(pick(['instance_uuid: {get_resource: srv}', 'mountpoint: /dev/vdb', 'device: /dev/vdb']));
      const cond = conds && chance(0.1) ? `    condition: ${pick(['c_on', 'c_off'])}\n` : '';
      return `  ${name}:\n    type: AWS::EC2::VolumeAttachment\n${cond}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
    };
    const cinder = (name: string) => {
      const props = [`instance_uuid: ${pick(INSTANCE)}`, `volume_id: ${pick(VOLUME)}`];
      if (chance(0.6)) props.push(`mountpoint: ${pick(DEVICE)}`);
      return `  ${name}:\n    type: OS::Cinder::VolumeAttachment\n    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`;
    };
    // an AWS::EC2::Instance with Volumes (its server made only with nics from 2.37), an attachment naming it
    const withInstance = chance(0.45);
    // (most stacks with an instance are otherwise plain: Heat makes them, and the instance is what is compared)
    const clean = withInstance && chance(0.7);
    const atts = clean ? [] : [chance(0.8) ? aws('att') : cinder('att'), ...(chance(0.3) ? [chance(0.6) ? aws('att2') : cinder('att2')] : [])];
    const inst = () => {
      const props = [`ImageId: ${pick(['cirros', 'cirros', '{get_param: server_id}', "''"])}`];
      if (chance(0.95)) props.push(`InstanceType: ${pick(['m1.small', 'm1.small', '{get_param: n}'])}`);
      const net = pick(['', '', 'SubnetId: sub-1', 'SubnetId: sub-1', 'NetworkInterfaces: [port-1, port-2]', 'NetworkInterfaces: [{NetworkInterfaceId: port-1, DeviceIndex: 1}, port-2]', 'SubnetId: {get_param: vol_id}', "SubnetId: ''", 'NetworkInterfaces: [port-1]', "NetworkInterfaces: [{NetworkInterfaceId: port-1, DeviceIndex: '0'}]", 'NetworkInterfaces: [{NetworkInterfaceId: port-1, DeviceIndex: x}]', 'NetworkInterfaces: [{DeviceIndex: 1}]', 'NetworkInterfaces: []']);
      if (net) props.push(net);
      const vols = Array.from({ length: pick([0, 1, 1, 2, 3]) }, (_, k) => {
        const e: string[] = [];
        if (chance(0.95)) e.push(`VolumeId: ${chance(0.15) ? pick(VOLUME) : pick(['{get_resource: vol}', '{get_resource: vol}', '{get_param: vol_id}', '6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', "{str_replace: {template: 'vol-X', params: {X: {get_param: n}}}}"])}`);
        if (chance(0.92)) e.push(`Device: ${pick([`/dev/vd${'bcde'[k]}`, `/dev/vd${'bcde'[k]}`, "''", '/dev/sdb', '5', '{get_param: dev}'])}`);
        if (chance(0.04)) e.push('DeleteOnTermination: true');
        return `{${e.join(', ')}}`;
      });
      if (vols.length || chance(0.2)) props.push(`Volumes: ${vols.length ? `[${vols.join(', ')}]` : pick(['[]', 'null'])}`);
      if (chance(0.2)) props.push(`BlockDeviceMappings: ${pick(['[{DeviceName: vdb, Ebs: {SnapshotId: snap-1, VolumeSize: \'2\'}}]', '[{DeviceName: vdb, Ebs: {VolumeSize: 2}}]', '[{DeviceName: vdb}]', '[{DeviceName: vdb, Ebs: {}}]', '[{DeviceName: vdb, Ebs: {SnapshotId: s, Iops: 100}}]', '[{Ebs: {SnapshotId: s}}]'])}`);
      if (chance(0.12)) props.push(pick(['KernelId: k-1', 'Monitoring: false', 'Tenancy: default', 'SecurityGroups: [default]', 'SecurityGroupIds: []', 'Tags: [{Key: a, Value: b}]', 'UserData: hi', 'KeyName: mykey', 'NovaSchedulerHints: [{Key: group, Value: g1}]', 'image: cirros']));
      return `  inst:\n    type: AWS::EC2::Instance\n    properties:\n${props.map((x) => `      ${x}`).join('\n')}\n`;
    };
    if (withInstance && chance(0.4)) atts.push(clean ? `  att3:\n    type: AWS::EC2::VolumeAttachment\n    properties: {InstanceId: {get_resource: inst}, VolumeId: {get_resource: vol}, Device: ${pick(['/dev/vdf', '/dev/vdb', '/dev/sdf'])}}\n` : aws('att3').replace(/InstanceId: [^\n]*/, 'InstanceId: {get_resource: inst}'));
    // the server's block devices
    const bdmVol = pick(VOLUME);
    const bdm = clean ? '' : pick([
      '',
      '',
      `      block_device_mapping: [{device_name: vda, volume_id: ${bdmVol}, delete_on_termination: ${pick(['true', 'false'])}}]\n`,
      `      block_device_mapping_v2: [{boot_index: 0, volume_id: ${bdmVol}}]\n`,
      `      block_device_mapping_v2: [{device_name: ${pick(['vdb', '/dev/vdc', "''"])}, volume_id: ${bdmVol}}]\n`,
      `      block_device_mapping_v2: [{image: cirros, boot_index: 0, volume_size: ${pick(['10', '{get_attr: [vol, size]}', '{get_param: n}'])}, delete_on_termination: true}]\n`,
      `      block_device_mapping_v2: [{snapshot_id: ${pick(['{get_attr: [vol, snapshot_id]}', '{get_resource: vol}', 'snap-1'])}, boot_index: 0, volume_size: 5}]\n`,
    ]);
    const bootsFromVolume = /boot_index: 0|device_name: vda/.test(bdm);
    const srvProps = `      flavor: m1.small\n${bootsFromVolume && chance(0.8) ? '' : '      image: cirros\n'}${chance(0.9) ? '      networks: [{network: private}]\n' : ''}${bdm}`;
    const srv = `  srv:\n    type: OS::Nova::Server\n    properties:\n${srvProps}`;
    const vol = `  vol:\n    type: OS::Cinder::Volume\n    properties:\n      size: ${clean ? '1' : pick(['1', '1', '10', '{get_param: n}'])}\n`;
    const avol = !clean && chance(0.5) ? `  avol:\n    type: AWS::EC2::Volume\n    properties:\n${chance(0.9) ? `      AvailabilityZone: ${pick(['nova', "''", '{get_attr: [srv, AvailabilityZone]}'])}\n` : ''}      Size: ${pick(['1', '2', '0', "'3'"])}\n` : '';
    const params = `parameters:\n  server_id: {type: string, default: 9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a}\n  vol_id: {type: string${chance(0.8) ? ', default: 0f1e2d3c-4b5a-4968-8776-655443322110' : ''}}\n  dev: {type: string, default: ${pick(['/dev/vdc', '/dev/vdc', "''", '/dev/sdb', 'vdd'])}}\n  letter: {type: string, default: ${pick(['c', 'c', 'a', 'bb'])}}\n  n: {type: number, default: ${pick(['3', '3', '0'])}}\n`;
    const c = conds ? 'conditions:\n  c_on: {equals: [{get_param: n}, 3]}\n  c_off: false\n' : '';
    const outputs = !clean && chance(0.15) ? `outputs:\n  o:\n    value: ${pick(['{get_attr: [att]}', '{get_attr: [vol]}', '{get_attr: [srv, show, id]}', '{get_resource: att}'])}\n` : '';
    const template = `heat_template_version: ${v}\n${params}${c}resources:\n${vol}${avol}${chance(0.92) ? srv : ''}${withInstance ? inst() : ''}${atts.join('')}${outputs}`;
    const mv = pick([undefined, undefined, undefined, '2.1', '2.60', '2.79']);
    const given = chance(0.12) ? { params: { dev: pick(['/dev/vdz', '', '/dev/vdb1', 'xyz']) } } : {};
    out.push({ id: `h40-attach-${seed}-${i}`, template, ...(mv ? { microversion: mv } : {}), ...given });
  }
  return out;
}

const HEAD = 'heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n';
const AWS = (name: string, props: string) => `  ${name}:\n    type: AWS::EC2::VolumeAttachment\n    properties: {${props}}\n`;
const INST = (props: string) => `  inst:\n    type: AWS::EC2::Instance\n    properties: {ImageId: cirros, InstanceType: m1.small, ${props}}\n`;
/** hand-written cases: Device's pattern, the properties required, a whole string match, the body, the microversion; an instance's Volumes, its nics, its checks; a number as a reference */
export const HAND: HeatCase[] = [
  { id: 'h40-hand-aws-sent', template: HEAD + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}, Device: /dev/vdb') },
  { id: 'h40-hand-aws-sent-mv', template: HEAD + AWS('att', 'InstanceId: 3c5e6f44-1b2a-4c3d-9e8f-0a1b2c3d4e5f, VolumeId: {get_resource: vol}, Device: /dev/vdz'), microversion: '2.60' },
  { id: 'h40-hand-aws-pattern', template: HEAD + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}, Device: /dev/sdb') },
  { id: 'h40-hand-aws-pattern-whole', template: HEAD + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}, Device: /dev/vdb1') },
  { id: 'h40-hand-aws-no-device', template: HEAD + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}') },
  { id: 'h40-hand-aws-hot-names', template: HEAD + AWS('att', 'instance_uuid: {get_resource: srv}, volume_id: {get_resource: vol}, mountpoint: /dev/vdb') },
  { id: 'h40-hand-aws-device-number', template: HEAD + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}, Device: 5') },
  { id: 'h40-hand-ref-number-before-outputs', template: HEAD.replace('2018-08-31', '2013-05-23') + AWS('att', 'InstanceId: {get_resource: 12}, VolumeId: {get_resource: vol}, Device: /dev/vdb') + 'outputs:\n  o:\n    value: {get_attr: [att]}\n' },
  { id: 'h40-hand-inst-subnet', template: HEAD + INST("SubnetId: sub-1, Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdb}, {VolumeId: 6a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d, Device: ''}]") + AWS('att', 'InstanceId: {get_resource: inst}, VolumeId: {get_resource: vol}, Device: /dev/vdc') },
  { id: 'h40-hand-inst-no-nics', template: HEAD + INST('Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdb}]') + AWS('att', 'InstanceId: {get_resource: inst}, VolumeId: {get_resource: vol}, Device: /dev/vdc') },
  { id: 'h40-hand-inst-no-nics-old', template: HEAD + INST('Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/sdb}]') + AWS('att', 'InstanceId: {get_resource: inst}, VolumeId: {get_resource: vol}, Device: /dev/vdc'), microversion: '2.36' },
  { id: 'h40-hand-inst-nic-index', template: HEAD + INST('NetworkInterfaces: [{NetworkInterfaceId: p1, DeviceIndex: first}], Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdb}]') },
  { id: 'h40-hand-inst-nics', template: HEAD + INST("NetworkInterfaces: [p1, {NetworkInterfaceId: p2, DeviceIndex: ' 1 '}], Volumes: [{VolumeId: {get_resource: vol}, Device: 5}]"), microversion: '2.79' },
  { id: 'h40-hand-inst-not-implemented', template: HEAD + INST('SubnetId: sub-1, KernelId: k-1, Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdb}]') },
  { id: 'h40-hand-inst-iops', template: HEAD + INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: s1, Iops: 100}}]') },
  { id: 'h40-hand-inst-ebs-missing', template: HEAD + INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb}]') },
  { id: 'h40-hand-inst-snapshot-missing', template: HEAD + INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {}}]') },
  { id: 'h40-hand-inst-groups-nics', template: HEAD + INST('SecurityGroups: [default], NetworkInterfaces: [p1]') },
  { id: 'h40-hand-inst-volume-device-missing', template: HEAD + INST('SubnetId: sub-1, Volumes: [{VolumeId: {get_resource: vol}}]') },
  { id: 'h40-hand-aws-volume', template: HEAD + '  avol:\n    type: AWS::EC2::Volume\n    properties: {Size: 0, AvailabilityZone: nova}\n' },
  { id: 'h40-hand-aws-volume-zone', template: HEAD + '  avol:\n    type: AWS::EC2::Volume\n    properties: {Size: 1}\n' },
  { id: 'h40-hand-aws-device-param', template: HEAD.replace('resources:', 'parameters:\n  dev: {type: string, default: /dev/vdc}\nresources:') + AWS('att', 'InstanceId: {get_resource: srv}, VolumeId: {get_resource: vol}, Device: {get_param: dev}'), params: { dev: '/dev/vdq' } },
];

if (require.main === module) {
  const [count = '150', seed = '4001'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => [...(process.argv.includes('--hand') ? HAND : []), ...generate(Number(count), Number(seed))];
  const cases: Attach40Case[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Attach40Case[] : label40(make());
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  for (const c of cases) {
    const diffs = compare40(c);
    if (!diffs.length) { agree++; continue; }
    console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log(`seed ${seed}: ${agree}/${cases.length} agree`);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt40', 'attach-labels.json'), JSON.stringify(cases, null, 1) + '\n');
}
