/**
 * Hunt 40b: HOT templates with AWS::EC2::Instance resources whose BlockDeviceMappings (snapshot
 * ids, sizes as numbers and texts, DeleteOnTermination in its forms, device names, a name written
 * twice), nics (none, SubnetId, NetworkInterfaces in their forms), Tags, NovaSchedulerHints (a key
 * written twice), KeyName, AvailabilityZone, SecurityGroups and UserData make the server-create
 * request Heat 19.0.0 sends, labelled with Heat's own answers (label40b: scripts/heat-hunt39-attach.ts's
 * labelAttach, the heat-oracle, Heat's checks before any resource and Stack.validate; and
 * scripts/heat-hunt40b-instance.py: each instance's server request and Volumes attached, through
 * Heat's own Instance; the nova-oracle's verdict on each body) and compared with bdm-lab's
 * (compare40b: scripts/heat-hunt40-attach.ts's compare40, then each instance's server).
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt40b-gen.ts COUNT SEED [--hand] [--cache=FILE] [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt40b/instance-labels.json, which test/unit/heat-hunt40b.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { rng } from './xorshift-rng';
import { labelAttach, type AttachLabel } from './heat-hunt39-attach';
import { compare40, type Attach40Case, type InstanceLabel } from './heat-hunt40-attach';
import { stripType, type HeatCase } from '../test/fixtures/heat/compare';
import { heatSources } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

type Nova = NonNullable<AttachLabel['nova']>;
/** what scripts/heat-hunt40b-instance.py says of one AWS::EC2::Instance: hunt 40's label, its server's request and Nova's verdict on it */
export type Instance40bLabel = InstanceLabel & { nova_body?: unknown; microversion_header?: Record<string, string>; server_nova?: Nova };
export type Instance40bCase = Attach40Case & { instances: Record<string, Instance40bLabel> };

const NOVA = join(__dirname, '..', '..', 'shared', 'tools', 'nova-oracle', 'oracle.py');

/** label cases: labelAttach's labels, each instance's server request and Volumes (heat-hunt40b-instance.py), Nova's verdict on each body */
export function label40b(cases: HeatCase[]): Instance40bCase[] {
  const labelled = labelAttach(cases);
  const file = `/tmp/bdm-lab-heat-h40b-inst-${process.pid}.json`;
  writeFileSync(file, JSON.stringify(cases));
  const inst = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'heat-hunt40b-instance.py'), file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' }, maxBuffer: 1 << 26 })) as Record<string, Record<string, Instance40bLabel>>;
  const sent = Object.entries(inst).flatMap(([id, is]) => Object.entries(is).flatMap(([name, i]) => [
    ...(i.nova_body ? [{ id: `${id}::${name}::server`, payload: i.nova_body, context: { microversion: i.microversion_header!['X-OpenStack-Nova-API-Version'] } }] : []),
    ...(i.attach ?? []).flatMap((a, k) => (a ? [{ id: `${id}::${name}::${k}`, payload: a.body, context: { microversion: a.headers['X-OpenStack-Nova-API-Version'] } }] : [])),
  ]));
  writeFileSync(file, JSON.stringify(sent));
  const out = execFileSync('/usr/bin/python3', [NOVA, file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    const [id, name, k] = r.id.split('::');
    const nova = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
    if (k === 'server') inst[id][name].server_nova = nova;
    else inst[id][name].attach![Number(k)]!.nova = nova;
  }
  return labelled.map((c) => ({ ...c, instances: inst[c.id] ?? {} }));
}

/**
 * bdm-lab's disagreements with Heat on a labelled case: compare40's (the servers, the attachments),
 * then each AWS::EC2::Instance's server request: made only where Heat makes the stack and nothing
 * it needs failed; Heat's refusal (stage, words) or the body and microversion; then Nova's verdict
 * on the body against bdm-lab's.
 */
export function compare40b(c: Instance40bCase): string[] {
  const diffs = compare40(c);
  const docs = heatSources(c.template, { params: c.params, microversion: c.microversion }).filter((d) => d.type === 'AWS::EC2::Instance');
  const o = c.oracle;
  const refused = o.template_error || o.stack_checks || (o.stack_validate !== undefined && o.stack_validate !== 'ok');
  if (refused) {
    if (docs.length) diffs.push(`Heat refuses the stack; bdm-lab makes the instances ${docs.map((d) => d.name).join(', ')}`);
    return diffs;
  }
  const failed = (n: string) => (o.servers[n] !== undefined && o.servers[n].stage !== 'sent') || (c.instances?.[n] !== undefined && c.instances[n].stage !== 'sent');
  const want = Object.entries(c.instances ?? {}).filter(([, i]) => i.type && !(i.requires ?? []).some(failed));
  for (const [name, i] of want) {
    const d = docs.find((x) => x.name === name);
    if (!d) { diffs.push(`${name}: Heat ${i.stage === 'sent' ? 'sends a server' : `refuses (${i.stage}: ${i.error})`}; bdm-lab makes no server`); continue; }
    const t = d.translation;
    if (i.stage !== 'sent') {
      if (!t.error) diffs.push(`${name}: Heat refuses (${i.stage}): ${i.error}; bdm-lab sends`);
      else if (t.error.message !== stripType(i.error ?? '')) diffs.push(`${name}: Heat refuses: ${i.error}; bdm-lab refuses: ${t.error.message}`);
      continue;
    }
    if (t.error) { diffs.push(`${name}: Heat sends; bdm-lab refuses: ${t.error.message}`); continue; }
    if (!isDeepStrictEqual(t.body, i.nova_body)) diffs.push(`${name}: body ${JSON.stringify(t.body)} != ${JSON.stringify(i.nova_body)}`);
    if (t.microversion !== i.microversion_header?.['X-OpenStack-Nova-API-Version']) diffs.push(`${name}: microversion ${t.microversion} != ${i.microversion_header?.['X-OpenStack-Nova-API-Version']}`);
  }
  for (const d of docs) if (!want.some(([n]) => n === d.name)) diffs.push(`${d.name}: bdm-lab makes a server; Heat makes none`);
  if (diffs.length || c.params) return diffs;
  // Nova's verdict on each instance's body, as bdm-lab judges the template
  const a = analyzeDocument(c.template, 'yaml', { ...defaultContext(), heat_max_microversion: c.microversion ?? null } as never);
  for (const d of docs) {
    const nova = c.instances[d.name]?.server_nova;
    const req = (a.requests ?? []).find((q) => q.toolLabel === d.toolLabel);
    if (!nova || !req) continue;
    if (req.valid !== nova.valid || (!nova.valid && req.analysis?.verdict?.message !== nova.message)) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
  }
  return diffs;
}

export function generate(count: number, seed: number): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2013-05-23', '2015-04-30', '2016-10-14', '2018-08-31', '2021-04-16', 'queens', 'wallaby'];
  const U1 = '5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f';
  const U2 = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';
  const SNAP = [U1, U2, 'snap-1', 'b1c2d3e4-5f60-4718-92a3-b4c5d6e7f809', '{get_param: snap}', 'my-snapshot', "'snap:1'", '{get_resource: vol}', "{list_join: ['-', [snap, {get_param: n}]]}", "''"];
  const SIZE = ['10', "'10'", "' 20 '", '1', '0', "'0'", "'1_0'", '10.5', "'abc'", 'null', '{get_param: n}', "''", "'-3'", "'２'", '100'];
  const DEL = ['true', 'false', 'true', 'false', "'true'", "'False'", "'TRUE'", "'yes'", '1', '0', "'1'", 'null', "'t'", "'off'"];
  const DEV = ['vdb', 'vdb', 'vdc', '/dev/vdb', '/dev/vdc', 'sdb', 'xvdb', 'vda', '/dev/vda', "''", '{get_param: dev}', 'vdz'];
  const bdm = (k: number) => {
    const ebs: string[] = [];
    if (chance(0.95)) ebs.push(`SnapshotId: ${chance(0.8) ? [U1, U2][k % 2] : pick(SNAP)}`);
    if (chance(0.7)) ebs.push(`VolumeSize: ${chance(0.5) ? pick(['10', "'10'", '1', "'5'"]) : pick(SIZE)}`);
    if (chance(0.55)) ebs.push(`DeleteOnTermination: ${chance(0.8) ? pick(DEL.slice(0, 7)) : pick(DEL)}`);
    if (chance(0.02)) ebs.push(pick(['Iops: 100', 'VolumeType: ssd']));
    const e = [`DeviceName: ${chance(0.6) ? ['vdb', 'vdc', 'vdd', 'vde'][k] : pick(DEV)}`];
    if (chance(0.98)) e.push(`Ebs: {${ebs.join(', ')}}`);
    if (chance(0.02)) e.push('VirtualName: ephemeral0');
    return `{${e.join(', ')}}`;
  };
  const P1 = '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
  const P2 = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
  const NETS = ['', 'SubnetId: sub-1', 'SubnetId: sub-1', 'SubnetId: sub-1', 'SubnetId: {get_resource: subnet}', 'NetworkInterfaces: [port-1]', 'NetworkInterfaces: [{get_resource: port}]', 'NetworkInterfaces: [{get_resource: port}]',
    `NetworkInterfaces: [${P1}]`, `NetworkInterfaces: [{NetworkInterfaceId: ${P2}, DeviceIndex: '1'}, {NetworkInterfaceId: ${P1}, DeviceIndex: 0}]`, `NetworkInterfaces: [${P2}, {NetworkInterfaceId: {get_resource: port}, DeviceIndex: 0}]`,
    'NetworkInterfaces: [{NetworkInterfaceId: p1, DeviceIndex: one}]', 'NetworkInterfaces: [{NetworkInterfaceId: p1}]', 'NetworkInterfaces: [{DeviceIndex: 0}]', 'NetworkInterfaces: [5]',
    "NetworkInterfaces: [{NetworkInterfaceId: '', DeviceIndex: 0}]", 'NetworkInterfaces: [{NetworkInterfaceId: p1, DeviceIndex: 1.7}, {NetworkInterfaceId: p2, DeviceIndex: true}]', 'NetworkInterfaces: []', "SubnetId: ''"];
  const EXTRA = ['KeyName: mykey', "KeyName: ''", 'AvailabilityZone: nova', "AvailabilityZone: ''", 'SecurityGroups: [default, web]', 'SecurityGroupIds: [sg-1]', 'SecurityGroups: []',
    'Tags: [{Key: role, Value: db}, {Key: tier, Value: back}]', 'Tags: []', 'Tags: [{Key: a, Value: b}, {Key: a, Value: c}]', 'NovaSchedulerHints: [{Key: group, Value: g1}]',
    'NovaSchedulerHints: [{Key: group, Value: g1}, {Key: group, Value: g2}, {Key: group, Value: g3}]', 'NovaSchedulerHints: []', 'UserData: "#!/bin/sh\\necho hi"', "UserData: ''"];
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const inst = (name: string) => {
      const props = [`ImageId: ${pick(['cirros', 'cirros', 'fedora-38', '{get_param: image}', '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a'])}`, `InstanceType: ${pick(['m1.small', 'm1.small', 'm1.large', '{get_param: flavor}'])}`];
      const net = pick(NETS);
      if (net) props.push(net);
      const n = pick([0, 1, 1, 1, 1, 2, 2, 3]);
      if (n || chance(0.1)) props.push(`BlockDeviceMappings: ${n ? `[${Array.from({ length: n }, (_, k) => bdm(k)).join(', ')}]` : pick(['[]', 'null'])}`);
      if (n >= 2 && chance(0.1)) props[props.length - 1] = props[props.length - 1].replace(/DeviceName: [^,}]*/g, 'DeviceName: vdb');
      for (let k = 0; k < 3; k++) if (chance(0.3)) props.push(pick(EXTRA));
      if (chance(0.2)) props.push(`Volumes: [{VolumeId: {get_resource: vol}, Device: ${pick(['/dev/vdf', '/dev/vdg', "''"])}}]`);
      // (a property written twice: YAML keeps the last)
      const uniq = [...new Map(props.map((p) => [p.split(':')[0], p])).values()];
      return `  ${name}:\n    type: AWS::EC2::Instance\n    properties:\n${uniq.map((x) => `      ${x}`).join('\n')}\n`;
    };
    const two = chance(0.15);
    const srv = chance(0.2) ? `  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n` : '';
    const extra = `  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n  port:\n    type: OS::Neutron::Port\n    properties: {network: private}\n`;
    const subnet = chance(0.5) ? '  subnet:\n    type: OS::Neutron::Subnet\n    properties: {network: private, cidr: 10.0.0.0/24}\n' : '';
    const params = `parameters:\n  image: {type: string, default: ${pick(['cirros', 'ubuntu'])}}\n  flavor: {type: string, default: m1.tiny}\n  snap: {type: string, default: ${pick(['snap-9', 'c0ffee00-1111-4222-8333-444455556666', "''"])}}\n  dev: {type: string, default: ${pick(['vdd', '/dev/vdd', "''"])}}\n  n: {type: number, default: ${pick(['3', '0', '12'])}}\n`;
    let template = `heat_template_version: ${v}\n${params}resources:\n${extra}${subnet}${srv}${inst('inst')}${two ? inst('inst2') : ''}`;
    if (!subnet) template = template.replace(/\{get_resource: subnet\}/g, 'sub-2');
    const mv = pick([undefined, undefined, undefined, undefined, '2.1', '2.36', '2.60']);
    out.push({ id: `h40b-${seed}-${i}`, template, ...(mv ? { microversion: mv } : {}) });
  }
  return out;
}

const INST = (props: string) => `heat_template_version: 2018-08-31\nresources:\n  inst:\n    type: AWS::EC2::Instance\n    properties: {ImageId: cirros, InstanceType: m1.small, ${props}}\n`;
/** hand-written cases: the legacy mapping's forms, the nics, the refusals where the server is not made */
export const HAND: HeatCase[] = [
  { id: 'h40b-hand-bdm', template: INST("SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f, VolumeSize: '10'}}]") },
  { id: 'h40b-hand-bdm-delete-false', template: INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f, DeleteOnTermination: false}}]') },
  { id: 'h40b-hand-bdm-size-int', template: INST("NetworkInterfaces: [p1], BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: snap-1, VolumeSize: 20, DeleteOnTermination: 'no'}}]") },
  { id: 'h40b-hand-bdm-size-bad', template: INST("SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: snap-1, VolumeSize: '1.5'}}]") },
  { id: 'h40b-hand-bdm-size-zero', template: INST("SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f, VolumeSize: '0'}}]") },
  { id: 'h40b-hand-bdm-colon', template: INST("SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: 'a:b'}}]") },
  { id: 'h40b-hand-bdm-twice', template: INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: s1}}, {DeviceName: vdc, Ebs: {SnapshotId: s2}}, {DeviceName: vdb, Ebs: {SnapshotId: s3, VolumeSize: 3}}]') },
  { id: 'h40b-hand-bdm-vda', template: INST('SubnetId: sub-1, BlockDeviceMappings: [{DeviceName: vda, Ebs: {SnapshotId: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f}}]') },
  { id: 'h40b-hand-no-nics', template: INST('BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: snap-1}}]') },
  { id: 'h40b-hand-no-nics-old', template: INST('BlockDeviceMappings: [{DeviceName: vdb, Ebs: {SnapshotId: snap-1}}]'), microversion: '2.36' },
  { id: 'h40b-hand-nics-sorted', template: INST("NetworkInterfaces: [p0, {NetworkInterfaceId: p1, DeviceIndex: '0'}, {NetworkInterfaceId: p2, DeviceIndex: -1}]") },
  { id: 'h40b-hand-nic-index-bad', template: INST('NetworkInterfaces: [{NetworkInterfaceId: p1, DeviceIndex: eth0}]') },
  { id: 'h40b-hand-nic-no-id', template: INST('NetworkInterfaces: [{DeviceIndex: 0}]') },
  { id: 'h40b-hand-nic-no-index', template: INST('NetworkInterfaces: [{NetworkInterfaceId: p1}]') },
  { id: 'h40b-hand-everything', template: INST("SubnetId: sub-1, KeyName: k1, AvailabilityZone: az-2, SecurityGroups: [default], SecurityGroupIds: [sg-2], Tags: [{Key: a, Value: b}], NovaSchedulerHints: [{Key: group, Value: g1}, {Key: group, Value: g2}], UserData: hello, BlockDeviceMappings: [{DeviceName: /dev/vdb, Ebs: {SnapshotId: 5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f, VolumeSize: ' 7 '}}]") },
  { id: 'h40b-hand-with-server', template: INST('SubnetId: sub-1').replace('resources:\n', 'resources:\n  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n') },
];

if (require.main === module) {
  const [count = '150', seed = '4101'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => [...(process.argv.includes('--hand') ? HAND : []), ...generate(Number(count), Number(seed))];
  const cases: Instance40bCase[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Instance40bCase[] : label40b(make());
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  const kinds = new Map<string, number>();
  for (const c of cases) {
    const diffs = compare40b(c);
    if (!diffs.length) { agree++; continue; }
    for (const d of diffs) { const k = d.replace(/^[\w.[\]]+: /, '').slice(0, 40); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(`${c.id}${c.params ? ' ' + JSON.stringify(c.params) : ''}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}  ${k}`).join('\n'));
  console.log(`seed ${seed}: ${agree}/${cases.length} agree`);
  // the fixture: the hand-written cases, those with an instance Heat makes (or refuses as it makes
  // it), and a sample of the rest; one case a line
  if (process.argv.includes('--label')) {
    const keep = cases.filter((c, k) => c.id.includes('-hand-') || Object.values(c.instances).some((i) => i.stage === 'sent' || i.stage === 'novaclient') || k % 5 === 0);
    writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt40b', 'instance-labels.json'), `[\n${keep.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
  }
}
