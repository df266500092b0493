/**
 * Hunt 42: stacks whose servers Nova itself refuses (HTTP 400 when Heat posts them: two boot
 * devices, a swap or an ephemeral disk over the flavor's, two swap disks, a metadata value or a
 * name over 255 characters, too many local disks, a bad device name) with servers, an instance
 * and attachments that require them (depends_on, get_resource in user data, get_attr of the
 * server, an attachment to it), next to OS::Cinder::Volume resources of every size form (0, a
 * negative, a float, a string, none with a source). Shapes hunt 41's generator did not draw: a
 * failure Nova answers rather than Heat or novaclient.
 *
 * Labelled as hunt 41 labels (scripts/heat-hunt41-gen.ts's label41: Stack.validate, the
 * heat-oracle on each server, each attachment and instance, the nova-oracle on each body Heat
 * sends, Heat's dependency graph). Heat's Server.handle_create posts the body through novaclient's
 * servers.create with no handler around it (a `try`/`finally` that only records the id), so Nova's
 * refusal (novaclient raises its BadRequest) fails the resource as novaclient's own refusal does:
 * what requires the server is never started (compare42).
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt42-gen.ts COUNT SEED [--hand] [--cache=FILE]
 *
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { rng } from './xorshift-rng';
import { label41, sameWords, UNDECIDED, type Hunt41Case } from './heat-hunt41-gen';
import { compare40 } from './heat-hunt40-attach';
import type { HeatCase } from '../test/fixtures/heat/compare';
import { heatRequests } from '../server/src/source/heat';
import { analyzeDocument } from '../server/src/document';
import { defaultContext } from '../server/src/model/context';

/** the flavor the labels' nova-oracle judges server bodies with (test/fixtures/heat/label.ts's callers) */
export const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };

/**
 * the heat-oracle's own artefacts when it validates a server after Stack.validate passed (as
 * compare41 sets them aside)
 */
const artefact = (stage: string, e?: string) => stage === 'heat-validate' && !/^(StackValidationFailed: )?Property error: /.test(e ?? '');

/** bdm-lab's analysis of a case, with the labels' flavor: the requests it judges */
export const judged = (c: HeatCase) => analyzeDocument(c.template, 'yaml', { ...defaultContext(), flavor: FLAVOR, heat_max_microversion: c.microversion ?? null } as never);

/**
 * bdm-lab's disagreements with Heat on a labelled case, as compare41, where a server Nova refuses
 * (the nova-oracle on the body Heat sends) fails as Heat creates it, as one Heat or novaclient
 * refuses does; then Nova's verdict on each server body Heat sends against bdm-lab's (the labels'
 * flavor). bdm-lab judges with that flavor: its requests are those of analyzeDocument.
 */
export function compare42(c: Hunt41Case): string[] {
  const o = c.oracle;
  const novaRefuses = (n: string) => o.nova?.[n] !== undefined && !o.nova[n].valid;
  const failed = new Set<string>([
    ...Object.entries(o.servers).filter(([n, s]) => (s.stage !== 'sent' && !artefact(s.stage, s.error)) || (s.stage === 'sent' && novaRefuses(n))).map(([n]) => n),
    ...Object.entries(c.instances ?? {}).filter(([, i]) => i.type && i.stage !== 'sent').map(([n]) => n),
    ...Object.entries(c.attach ?? {}).filter(([, a]) => a.type && (a.stage !== 'sent' || (a.nova && !a.nova.valid))).map(([n]) => n),
  ]);
  const refused = o.template_error || o.stack_checks || (o.stack_validate !== undefined && o.stack_validate !== 'ok');
  const notMade = (n: string) => !refused && (c.requires[n] ?? []).some((x) => failed.has(x));
  // a resource that requires a server the heat-oracle could not create (its artefact) and Heat
  // makes: whether Heat makes it is not labelled
  const unlabelled = Object.entries(o.servers).filter(([n, s]) => s.stage !== 'sent' && artefact(s.stage, s.error) && !notMade(n)).map(([n]) => n);
  if (!refused && Object.entries(c.requires).some(([, r]) => (r ?? []).some((x) => unlabelled.includes(x)))) return [UNDECIDED];
  const keep = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([n]) => !notMade(n)));
  const a = judged(c);
  const reqs = a.requests ?? [];
  const { servers: docs, attachments } = heatRequests(c.template, { params: c.params, microversion: c.microversion });
  const diffs = compare40({ ...c, oracle: { ...o, servers: keep(o.servers) }, instances: keep(c.instances ?? {}), attach: keep(c.attach ?? {}) })
    // (compare40 reads heatRequests without Nova's verdicts: what it says of a resource Heat never
    // makes is compared on analyzeDocument's requests below)
    .filter((d) => {
      const n = /^(\S+?):/.exec(d)?.[1];
      if (n && notMade(n.replace(/\.Volumes\[\d+\]$/, ''))) return false;
      // (the servers' names: those Heat never makes are compared below)
      const s = /^servers (\[.*\]) != (\[.*\])$/.exec(d);
      return !s || !isDeepStrictEqual((JSON.parse(s[1]) as string[]).filter((x) => !notMade(x)).sort(), (JSON.parse(s[2]) as string[]).sort());
    });
  const label = (name: string) => reqs.find((q) => docs.some((d) => d.name === name && d.toolLabel === q.toolLabel) || attachments.some((d) => d.name === name && d.toolLabel === q.toolLabel));
  for (const d of [...docs, ...attachments]) {
    const base = d.name.replace(/\.Volumes\[\d+\]$/, '');
    if (notMade(base) && label(d.name)) diffs.push(`${d.name}: bdm-lab ${d.translation.error ? 'refuses' : 'sends'} it; Heat never makes it (it requires ${(c.requires[base] ?? []).filter((x) => failed.has(x)).join(', ')}, which fails)`);
  }
  // Nova's verdict on each server body Heat sends, against bdm-lab's
  if (!refused && !c.params) {
    for (const d of docs) {
      const nova = o.nova?.[d.name];
      const req = label(d.name);
      if (!nova || !req || notMade(d.name) || d.translation.error) continue;
      if (req.valid !== nova.valid || (!nova.valid && !sameWords(req.analysis?.verdict?.message ?? '', nova.message ?? ''))) diffs.push(`${d.name}: Nova ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab ${req.valid ? 'valid' : `${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`}`);
    }
  }
  const everyAttribute = /\{get_attr: \[vol\d?\]\}/.test(c.template);
  return diffs.filter((d) => {
    if (everyAttribute && /^\S+: body /.test(d)) return false;
    // a get_resource of a server in metadata: the heat-oracle has not made the server (its
    // reference is the resource's name), Heat has (its id; bdm-lab's stand-in): not compared
    const b = /^\S+: body (\{.*\}) != (\{.*\})$/.exec(d);
    if (b && /peer: \{get_resource: srv\d\}/.test(c.template)) {
      const drop = (x: string) => { const j = JSON.parse(x) as { server?: { metadata?: Record<string, unknown> } }; delete j.server?.metadata?.peer; return j; };
      if (isDeepStrictEqual(drop(b[1]), drop(b[2]))) return false;
    }
    const m = /^(\S+): refusal (\S+) ("(?:[^"\\]|\\.)*") != (\S+) ("(?:[^"\\]|\\.)*")$/.exec(d);
    if (m) return !sameWords(JSON.parse(m[3]) as string, JSON.parse(m[5]) as string);
    const v = /^refusal (\[.*\]) != (\[.*\]|".*")$/.exec(d);
    if (!v) return true;
    const ours = JSON.parse(v[1]) as string[];
    const wants = ([] as string[]).concat(JSON.parse(v[2]) as string | string[]);
    return !ours.some((x) => wants.some((w) => sameWords(x, w)));
  });
}

/** what Nova refuses in a server Heat posts (the labels' flavor: swap 1024 MiB, ephemeral 10 GB) */
const NOVA_BAD = [
  'block_device_mapping_v2: [{boot_index: 0, volume_id: {get_resource: vol}}, {boot_index: 0, image: cirros, volume_size: 1}]',
  'block_device_mapping_v2: [{swap_size: 2048}]',
  'block_device_mapping_v2: [{swap_size: 512}, {swap_size: 256}]',
  'block_device_mapping_v2: [{ephemeral_size: 40}]',
  'block_device_mapping_v2: [{ephemeral_size: 6}, {ephemeral_size: 6}]',
  'block_device_mapping_v2: [{ephemeral_size: 1}, {ephemeral_size: 1}, {swap_size: 128}]',
  `metadata: {note: ${'x'.repeat(256)}}`,
  `name: ${'n'.repeat(256)}`,
  'block_device_mapping_v2: [{boot_index: 1, image: cirros, volume_size: 0}]',
  'block_device_mapping_v2: [{device_name: "/dev/vd b", volume_id: {get_resource: vol}}]',
  'block_device_mapping: [{device_name: vdb, volume_id: {get_resource: vol}, volume_size: 0}]',
  'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 2}]',
  'availability_zone: ""',
];
/** what Nova takes */
const NOVA_GOOD = [
  '',
  '',
  'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 1}]',
  'block_device_mapping_v2: [{swap_size: 512}]',
  'block_device_mapping_v2: [{ephemeral_size: 5}]',
  'metadata: {role: web}',
];

export function generate(count: number, seed: number): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2015-04-30', '2016-04-08', '2017-02-24', '2017-09-01', '2018-03-02', '2018-08-31', '2021-04-16', 'pike', 'rocky', 'wallaby'];
  const SIZES = ['1', '1', '2', '10', "'3'", '0', '-1', '1.5', "''", 'big', '{get_param: vsize}'];
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const res: string[] = [];
    // volumes of every size form; one with a source and no size
    const vols = ['vol', ...(chance(0.35) ? ['vol2'] : [])];
    for (const name of vols) {
      const props: string[] = [];
      const src = chance(0.3) ? pick(['image: cirros', 'snapshot_id: 0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d', 'source_volid: 1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', 'backup_id: 2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b']) : '';
      if (src) props.push(src);
      if (!src || chance(0.5)) props.push(`size: ${chance(0.7) ? '1' : pick(SIZES)}`);
      if (chance(0.2)) props.push(`volume_type: ${pick(['lvm', 'ceph'])}`);
      res.push(`  ${name}:\n    type: OS::Cinder::Volume\n    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    const nServers = pick([2, 2, 3, 3, 4]);
    const names = Array.from({ length: nServers }, (_, k) => `srv${k + 1}`);
    const withInstance = chance(0.2);
    const withAttach = chance(0.45);
    for (const [k, name] of names.entries()) {
      const props = ['flavor: m1.small', 'image: cirros', `networks: [{network: ${pick(['private', 'private', 'net-b'])}}]`];
      // the first server is Nova's refusal more often than not
      const extra = k === 0 ? (chance(0.7) ? pick(NOVA_BAD) : pick(NOVA_GOOD)) : (chance(0.3) ? pick(NOVA_BAD) : pick(NOVA_GOOD));
      if (extra) props.push(extra.replace(/\{get_resource: vol\}/g, `{get_resource: ${pick(vols)}}`));
      const deps: string[] = [];
      const earlier = names.slice(0, k);
      if (earlier.length && chance(0.65)) deps.push(pick(earlier));
      if (withAttach && k > 0 && chance(0.2)) deps.push('att');
      if (withInstance && k > 0 && chance(0.2)) deps.push('inst');
      let head = '';
      if (deps.length) {
        const form = pick(['depends_on', 'depends_on', 'user_data', 'get_attr', 'metadata']);
        if (form === 'user_data' && deps.length === 1) props.push(`user_data: {get_resource: ${deps[0]}}`);
        else if (form === 'get_attr' && deps.length === 1 && deps[0].startsWith('srv') && !/^metadata:/.test(extra)) props.push(`metadata: {peer: {get_attr: [${deps[0]}, name]}}`);
        else if (form === 'metadata' && deps.length === 1 && !/^metadata:/.test(extra)) props.push(`metadata: {peer: {get_resource: ${deps[0]}}}`);
        else head = `    depends_on: ${deps.length === 1 && chance(0.5) ? deps[0] : `[${deps.join(', ')}]`}\n`;
      }
      res.push(`  ${name}:\n    type: OS::Nova::Server\n${head}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    if (withInstance) {
      const dep = chance(0.5) ? `    depends_on: ${names[0]}\n` : '';
      res.push(`  inst:\n    type: AWS::EC2::Instance\n${dep}    properties:\n      ImageId: cirros\n      InstanceType: m1.small\n      SubnetId: sub-1\n${chance(0.4) ? '      Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdc}]\n' : ''}`);
    }
    if (withAttach) {
      const srv = names[0];
      res.push(pick([
        `  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: ${srv}}, volume_id: {get_resource: ${pick(vols)}}${chance(0.5) ? ', mountpoint: /dev/vdb' : ''}}\n`,
        `  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: ${srv}}, volume_id: {get_resource: ${pick(vols)}}, mountpoint: ${pick(['/dev/vdb', 'vdc', "'/dev/v d'"])}}\n`,
        `  att:\n    type: AWS::EC2::VolumeAttachment\n    properties: {InstanceId: {get_resource: ${srv}}, VolumeId: {get_resource: ${pick(vols)}}, Device: /dev/vd${pick(['b', 'c'])}}\n`,
      ]));
    }
    const params = `parameters:\n  vsize: {type: number, default: ${pick(['1', '0', '5'])}}\n`;
    const template = `heat_template_version: ${v}\n${params}resources:\n${res.join('')}`;
    const mv = pick([undefined, undefined, undefined, undefined, '2.36', '2.67', '2.79']);
    out.push({ id: `h42-${seed}-${i}`, template, ...(mv ? { microversion: mv } : {}) });
  }
  return out;
}

const HEAD = 'heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
const SRV = (name: string, props: string, head = '') => `  ${name}:\n    type: OS::Nova::Server\n${head}    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]${props ? `, ${props}` : ''}}\n`;
/** hand-written cases: a server Nova refuses, and what requires it */
export const HAND: HeatCase[] = [
  { id: 'h42-hand-two-swap', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{swap_size: 512}, {swap_size: 256}]') + SRV('s2', '', '    depends_on: s1\n') + SRV('s3', '') },
  { id: 'h42-hand-swap-attach', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{swap_size: 2048}]') + '  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: s1}, volume_id: {get_resource: vol}}\n' },
  { id: 'h42-hand-user-data', template: HEAD + SRV('s1', `metadata: {note: ${'x'.repeat(256)}}`) + SRV('s2', 'user_data: {get_resource: s1}') },
  { id: 'h42-hand-get-attr', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{ephemeral_size: 40}]') + SRV('s2', 'metadata: {peer: {get_attr: [s1, name]}}') + SRV('s3', '', '    depends_on: s2\n') },
  { id: 'h42-hand-accepted', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{swap_size: 512}]') + SRV('s2', '', '    depends_on: s1\n') },
  { id: 'h42-hand-instance', template: HEAD + SRV('s1', 'block_device_mapping_v2: [{ephemeral_size: 6}, {ephemeral_size: 6}]') + '  inst:\n    type: AWS::EC2::Instance\n    depends_on: s1\n    properties: {ImageId: cirros, InstanceType: m1.small, SubnetId: sub-1, Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdc}]}\n' },
  { id: 'h42-hand-attach-refused', template: HEAD + SRV('s1', '') + "  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: s1}, volume_id: {get_resource: vol}, mountpoint: '/dev/v d'}\n" + SRV('s2', '', '    depends_on: att\n') },
  { id: 'h42-hand-chain', template: HEAD + SRV('s1', `name: ${'n'.repeat(256)}`) + SRV('s2', '', '    depends_on: s1\n') + SRV('s3', '', '    depends_on: s2\n') + SRV('s4', '') },
  // a volume's size as Heat reads its integer property (Python's int()) and Cinder keeps it
  ...[['float', '1.5'], ['float-down', '2.9'], ['bool', 'true'], ['underscore', "'1_0'"], ['spaces', "' 007 '"], ['exponent', '1.0e+1']].map(([k, size]) => ({
    id: `h42-hand-size-${k}`,
    template: `heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: ${size}}\n${SRV('s1', 'name: {get_attr: [vol, size]}')}`,
  })),
];

if (require.main === module) {
  const [count = '150', seed = '4201'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => [...(process.argv.includes('--hand') ? HAND : []), ...generate(Number(count), Number(seed))];
  const cases: Hunt41Case[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Hunt41Case[] : label41(make());
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  let undecided = 0;
  const kinds = new Map<string, number>();
  for (const c of cases) {
    const diffs = compare42(c);
    if (!diffs.length) { agree++; continue; }
    if (diffs[0] === UNDECIDED) { undecided++; continue; }
    for (const d of diffs) { const k = d.replace(/^\S+: /, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID').slice(0, 70); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(`${c.id}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${n}\t${k}`).join('\n'));
  console.log(`seed ${seed}: ${agree}/${cases.length - undecided} agree (${undecided} not compared)`);
}
