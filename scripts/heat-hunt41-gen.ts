/**
 * Hunt 41: stacks of several OS::Nova::Server resources (and an AWS::EC2::Instance, attachments)
 * that depend on each other (depends_on, a get_resource Heat hides in multi-part user data, an
 * attachment between them), some of which Heat fails to create (no nics from 2.37: novaclient's
 * refusal), and OS::Cinder::Volume attributes in a server's properties (`metadata`,
 * `volume_type`, `snapshot_id`, `source_volid`, `status`, `multiattach`, ..., and `get_attr` with
 * no attribute name: a map of every attribute). Shapes hunt 40's generators did not draw: chains
 * of servers, a failure upstream of a server, a volume's metadata, type and sources.
 *
 * Labelled by Heat 19.0.0's own code through the oracles:
 * - scripts/heat-hunt41-attrs.py: the value Heat reads back for each volume attribute the
 *   template uses (Heat's _create_arguments and _resolve_attribute on a model of Cinder's answer;
 *   what only the cloud knows is marked so); each one the template decides is written into a
 *   label template in place of its get_attr (the heat-oracle's stand-in resources have no
 *   attributes: as hunt 40c did), and one only the cloud knows as the heat-oracle's stand-in id
 *   for it (bdm-lab's too), but a size or bootable flag only the source knows;
 * - scripts/heat-hunt40-attach.ts's label40 on the label template: Stack.validate, the
 *   heat-oracle (each server), each attachment's request, each instance through Heat's own
 *   Instance, the nova-oracle on each attachment body;
 * - scripts/heat-hunt41-requires.py: what each resource requires, directly or not, in Heat's own
 *   dependency graph. Heat starts a resource only once those it requires are made, and stops at
 *   a failure: a resource that requires one that fails is never made (compare41).
 * bdm-lab runs on the template as written.
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt41-gen.ts COUNT SEED [--cache=FILE] [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt41/labels.json, which test/unit/heat-hunt41.test.ts reads)
 * The random numbers are scripts/xorshift-rng.ts's.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './xorshift-rng';
import { compare40, label40, type Attach40Case } from './heat-hunt40-attach';
import type { HeatCase } from '../test/fixtures/heat/compare';
import { heatRequests } from '../server/src/source/heat';

export type Hunt41Case = Attach40Case & { label: string; requires: Record<string, string[] | null>; attrs: Record<string, Record<string, unknown>> };

const py = (script: string, data: unknown): unknown => {
  const file = `/tmp/bdm-lab-heat-h41-${process.pid}.json`;
  writeFileSync(file, JSON.stringify(data));
  return JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, script), file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: '0' }, maxBuffer: 1 << 26 }));
};

/** the get_attr calls of a volume the generator writes: `{get_attr: [NAME, ATTR]}` */
const ATTR_CALL = /\{get_attr: \[(vol\d?), ([a-z_]+)\]\}/g;

/** label cases: the attribute values (Heat's code on Cinder's answer), the label template through label40, Heat's dependency graph */
export function label41(cases: HeatCase[]): Hunt41Case[] {
  const asks = cases.map((c) => {
    const attrs: Record<string, string[]> = {};
    for (const m of c.template.matchAll(ATTR_CALL)) {
      const names = (attrs[m[1]] ??= []);
      if (!names.includes(m[2])) names.push(m[2]);
    }
    return { ...c, attrs };
  });
  const values = py('heat-hunt41-attrs.py', asks) as Record<string, Record<string, Record<string, unknown>>>;
  const labels = cases.map((c) => ({ ...c, template: c.template.replace(ATTR_CALL, (all, vol: string, attr: string) => {
    const v = values[c.id]?.[vol]?.[attr];
    // (what only the cloud knows: the heat-oracle's stand-in id, as a get_attr of its stand-in
    // resources gives and bdm-lab writes; but a size or a bootable flag only the source knows,
    // which bdm-lab leaves unknown: left as written)
    const standin = (v as { standin?: string } | null)?.standin;
    if (standin && attr !== 'size' && attr !== 'bootable') return JSON.stringify(standin);
    return v === undefined || (v !== null && typeof v === 'object') ? all : v === null ? 'null' : JSON.stringify(String(v));
  }) }));
  const labelled = label40(labels);
  const requires = py('heat-hunt41-requires.py', cases) as Record<string, Record<string, string[] | null>>;
  return labelled.map((l, i) => ({ ...l, template: cases[i].template, label: l.template, requires: requires[cases[i].id] ?? {}, attrs: values[cases[i].id] ?? {} }));
}

/**
 * the heat-oracle's own artefacts when it validates a server after Stack.validate passed: its
 * stand-in resources name no attribute (a get_attr's attribute "is incorrect") and a server it has
 * not made has no data; compareWithOracle sets them aside likewise (a check Server.validate makes
 * again at creation is not its property error)
 */
const artefact = (stage: string, e?: string) => stage === 'heat-validate' && !/^(StackValidationFailed: )?Property error: /.test(e ?? '');

/**
 * Heat's message, but the repr of a map only the cloud fills (`{…}` in bdm-lab's words; the
 * heat-oracle's stand-ins give `{}`) and a Python object's address (`0x…` in bdm-lab's words)
 */
export const sameWords = (mine: string, heat: string): boolean => {
  const h = heat.replace(/ at 0x[0-9a-f]+>/g, ' at 0x…>');
  return mine === h || (mine.includes('{…}') && new RegExp(`^${mine.split('{…}').map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\{.*\\}')}$`).test(h));
};

/**
 * bdm-lab's disagreements with Heat on a labelled case: compare40 (servers, attachments, instances'
 * Volumes, Nova's verdict on attachment bodies) on what Heat makes: a server, instance or attachment
 * that requires one that fails as Heat creates it is never made, and must get no request.
 */
export const UNDECIDED = 'not compared: a resource requires a server the heat-oracle cannot create (its stand-ins name no attribute)';

export function compare41(c: Hunt41Case): string[] {
  const o = c.oracle;
  const failed = new Set<string>([
    ...Object.entries(o.servers).filter(([, s]) => s.stage !== 'sent' && !artefact(s.stage, s.error)).map(([n]) => n),
    ...Object.entries(c.instances ?? {}).filter(([, i]) => i.type && i.stage !== 'sent').map(([n]) => n),
    ...Object.entries(c.attach ?? {}).filter(([, a]) => a.type && a.stage !== 'sent').map(([n]) => n),
  ]);
  const refused = o.template_error || o.stack_checks || (o.stack_validate !== undefined && o.stack_validate !== 'ok');
  // a resource that requires a server the heat-oracle could not create (its artefact): whether Heat makes it is not labelled
  const unlabelled = Object.entries(o.servers).filter(([, s]) => s.stage !== 'sent' && artefact(s.stage, s.error)).map(([n]) => n);
  if (!refused && Object.entries(c.requires).some(([, r]) => (r ?? []).some((x) => unlabelled.includes(x)))) return [UNDECIDED];
  const notMade = (n: string) => !refused && (c.requires[n] ?? []).some((x) => failed.has(x));
  const keep = <T>(r: Record<string, T>) => Object.fromEntries(Object.entries(r).filter(([n]) => !notMade(n)));
  // (Heat's refusal of a map only the cloud fills: its words with the map as the heat-oracle prints it)
  const servers = Object.fromEntries(Object.entries(keep(o.servers)).map(([n, s]) => [n, s]));
  const diffs = compare40({ ...c, oracle: { ...o, servers }, instances: keep(c.instances ?? {}), attach: keep(c.attach ?? {}) });
  const { servers: docs } = heatRequests(c.template, { params: c.params, microversion: c.microversion });
  for (const d of docs) if (notMade(d.name)) diffs.push(`${d.name}: bdm-lab ${d.translation.error ? 'refuses' : 'sends'} it; Heat never makes it (it requires ${(c.requires[d.name] ?? []).filter((x) => failed.has(x)).join(', ')}, which fails)`);
  // a map of every attribute (get_attr with no attribute name) in a server's body: the heat-oracle's
  // stand-ins give {} where the cloud gives its values, so such a body is not compared
  const everyAttribute = /\{get_attr: \[vol\d?\]\}/.test(c.template);
  // a refusal whose words print a map of the cloud's: the same words but the map
  return diffs.filter((d) => {
    if (everyAttribute && /^\S+: body /.test(d)) return false;
    const m = /^(\S+): refusal (\S+) ("(?:[^"\\]|\\.)*") != (\S+) ("(?:[^"\\]|\\.)*")$/.exec(d);
    if (m) return !sameWords(JSON.parse(m[3]) as string, JSON.parse(m[5]) as string);
    // (Stack.validate's refusal: one of bdm-lab's is one of Heat's)
    const v = /^refusal (\[.*\]) != (\[.*\]|".*")$/.exec(d);
    if (!v) return true;
    const ours = JSON.parse(v[1]) as string[];
    const wants = ([] as string[]).concat(JSON.parse(v[2]) as string | string[]);
    return !ours.some((x) => wants.some((w) => sameWords(x, w)));
  });
}

export function generate(count: number, seed: number): HeatCase[] {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2014-10-16', '2015-10-15', '2016-10-14', '2017-02-24', '2018-03-02', '2018-08-31', '2021-04-16', 'newton', 'queens', 'wallaby'];
  const ATTRS = ['metadata', 'metadata', 'volume_type', 'volume_type', 'snapshot_id', 'source_volid', 'status', 'multiattach', 'encrypted', 'display_name', 'display_description', 'size', 'availability_zone', 'bootable', 'created_at'];
  const out: HeatCase[] = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const res: string[] = [];
    // volumes: their metadata, type and sources
    const vols = ['vol', ...(chance(0.3) ? ['vol2'] : [])];
    for (const name of vols) {
      const props = [`size: ${pick(['1', '1', '10', "'2'"])}`];
      if (chance(0.5)) props.push(`metadata: ${pick(['{role: data}', '{role: data}', '{a: x, b: y}', '{}', '{role: 1}', "{'bad key!': x}", '{tier: gold, zone: z1}', '{k: {get_param: label}}'])}`);
      if (chance(0.5)) props.push(`volume_type: ${pick(['lvm', 'lvm', 'ceph-ssd', '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', '{get_param: vtype}', "''"])}`);
      if (chance(0.2)) props.push(pick(['snapshot_id: 0c9a8b7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d', 'source_volid: 1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a', 'image: cirros', 'snapshot_id: snap-1']));
      if (chance(0.3)) props.push(`name: ${pick(['data-vol', 'v1', "''"])}`);
      if (chance(0.15)) props.push('description: scratch space');
      res.push(`  ${name}:\n    type: OS::Cinder::Volume\n    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    const attr = () => {
      const vol = pick(vols);
      return chance(0.12) ? `{get_attr: [${vol}]}` : `{get_attr: [${vol}, ${pick(ATTRS)}]}`;
    };
    const nServers = pick([1, 2, 2, 3, 3, 4]);
    const names = Array.from({ length: nServers }, (_, k) => `s${k + 1}`);
    const withInstance = chance(0.25);
    const withAttach = chance(0.35);
    for (const [k, name] of names.entries()) {
      const props = ['flavor: m1.small'];
      const bfv = chance(0.2);
      if (!bfv) props.push('image: cirros');
      // (no nics: novaclient refuses the server from 2.37, after Stack.validate)
      if (chance(0.7)) props.push(`networks: [{network: ${pick(['private', 'private', 'net-b'])}}]`);
      if (bfv) props.push(`block_device_mapping_v2: [{boot_index: 0, volume_id: ${chance(0.8) ? `{get_resource: ${pick(vols)}}` : attr()}, delete_on_termination: false}]`);
      else if (chance(0.2)) props.push(`block_device_mapping_v2: [{volume_id: ${chance(0.5) ? `{get_resource: ${pick(vols)}}` : attr()}, boot_index: ${pick(['1', '-1'])}}]`);
      // a volume's attribute in the server's name or metadata
      if (chance(0.45)) props.push(pick([`name: ${attr()}`, `metadata: {from_vol: ${attr()}}`, `metadata: {from_vol: ${attr()}, owner: ops}`, `name: {list_join: ['-', [srv, ${attr()}]]}`]));
      // what it requires: an earlier server, the instance, the attachment
      const deps: string[] = [];
      const earlier = names.slice(0, k);
      if (earlier.length && chance(0.6)) deps.push(pick(earlier));
      if (withInstance && k > 0 && chance(0.3)) deps.push('inst');
      if (withAttach && k > 0 && chance(0.25)) deps.push('att');
      let head = '';
      if (deps.length) {
        const form = pick(['depends_on', 'depends_on', 'depends_on', 'user_data']);
        if (form === 'user_data' && deps.length === 1) props.push(`user_data: {get_resource: ${deps[0]}}`);
        else head = `    depends_on: ${deps.length === 1 && chance(0.5) ? deps[0] : `[${deps.join(', ')}]`}\n`;
      }
      res.push(`  ${name}:\n    type: OS::Nova::Server\n${head}    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    }
    if (withInstance) {
      const net = pick(['', '', 'SubnetId: sub-1', 'NetworkInterfaces: [port-1]']);
      // (after the first server only: a later one may require the instance, with no cycle)
      const dep = chance(0.3) ? `    depends_on: ${names[0]}\n` : '';
      res.push(`  inst:\n    type: AWS::EC2::Instance\n${dep}    properties:\n      ImageId: cirros\n      InstanceType: m1.small\n${net ? `      ${net}\n` : ''}${chance(0.4) ? '      Volumes: [{VolumeId: {get_resource: vol}, Device: /dev/vdc}]\n' : ''}`);
    }
    if (withAttach) {
      // (it attaches to the first server: a server after it may require it, with no cycle)
      const srv = names[0];
      res.push(pick([
        `  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: ${srv}}, volume_id: {get_resource: ${pick(vols)}}${chance(0.5) ? ', mountpoint: /dev/vdb' : ''}}\n`,
        `  att:\n    type: AWS::EC2::VolumeAttachment\n    properties: {InstanceId: {get_resource: ${srv}}, VolumeId: {get_resource: ${pick(vols)}}, Device: /dev/vd${pick(['b', 'c'])}}\n`,
      ]));
    }
    const params = `parameters:\n  label: {type: string, default: ${pick(['blue', 'x'.repeat(3)])}}\n  vtype: {type: string, default: ${pick(['lvm', 'ceph'])}}\n`;
    const template = `heat_template_version: ${v}\n${params}resources:\n${res.join('')}`;
    const mv = pick([undefined, undefined, undefined, undefined, '2.1', '2.36', '2.79']);
    out.push({ id: `h41-${seed}-${i}`, template, ...(mv ? { microversion: mv } : {}) });
  }
  return out;
}

const HEAD = 'heat_template_version: 2018-08-31\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1, metadata: {role: data}, volume_type: lvm}\n';
const SRV = (name: string, props: string, head = '') => `  ${name}:\n    type: OS::Nova::Server\n${head}    properties: {flavor: m1.small, image: cirros${props ? `, ${props}` : ''}}\n`;
const NETS = 'networks: [{network: private}]';
/** hand-written cases: a failure upstream of a server, an instance, an attachment; a volume's attributes; every attribute; a lazy yaql result in Heat's words */
export const HAND: HeatCase[] = [
  { id: 'h41-hand-chain', template: HEAD + SRV('s1', '') + SRV('s2', NETS, '    depends_on: s1\n') + SRV('s3', NETS) + '  att:\n    type: OS::Cinder::VolumeAttachment\n    properties: {instance_uuid: {get_resource: s2}, volume_id: {get_resource: vol}}\n' },
  { id: 'h41-hand-chain-old', template: HEAD + SRV('s1', '') + SRV('s2', NETS, '    depends_on: s1\n') + SRV('s3', NETS), microversion: '2.36' },
  { id: 'h41-hand-user-data', template: HEAD + SRV('s1', '') + SRV('s2', `${NETS}, user_data: {get_resource: s1}`) },
  { id: 'h41-hand-instance', template: HEAD + '  inst:\n    type: AWS::EC2::Instance\n    properties: {ImageId: cirros, InstanceType: m1.small}\n' + SRV('s2', NETS, '    depends_on: [inst]\n') },
  { id: 'h41-hand-two-deep', template: HEAD + SRV('s1', '') + SRV('s2', NETS, '    depends_on: s1\n') + SRV('s3', NETS, '    depends_on: s2\n') + SRV('s4', NETS) },
  { id: 'h41-hand-attr-metadata', template: HEAD + SRV('s1', `${NETS}, metadata: {from_vol: {get_attr: [vol, metadata]}}`) },
  { id: 'h41-hand-attr-type', template: HEAD + SRV('s1', `${NETS}, name: {get_attr: [vol, volume_type]}`) },
  { id: 'h41-hand-attr-snapshot', template: HEAD + SRV('s1', `${NETS}, name: {list_join: ['-', [{get_attr: [vol, snapshot_id]}, {get_attr: [vol, source_volid]}]]}`) },
  { id: 'h41-hand-attr-description', template: HEAD + SRV('s1', `${NETS}, metadata: {d: {get_attr: [vol, display_description]}}`) },
  { id: 'h41-hand-every-attr', template: HEAD + SRV('s1', `${NETS}, name: {get_attr: [vol]}`) + SRV('s2', NETS, '    depends_on: s1\n') },
  { id: 'h41-hand-every-attr-bdm', template: HEAD + SRV('s1', `${NETS}, block_device_mapping_v2: [{volume_id: {get_attr: [vol]}, boot_index: 1}]`) },
  { id: 'h41-hand-yaql-map', template: HEAD + SRV('s1', `${NETS}, block_device_mapping_v2: [{volume_id: {yaql: {expression: '$.data.vols.select($).get(0)', data: {vols: [a, b]}}}, boot_index: 1}]`) },
  { id: 'h41-hand-yaql-filter', template: HEAD + SRV('s1', `${NETS}, name: {yaql: {expression: '$.data.vols.where($ != a).toUpper()', data: {vols: [a, b]}}}`) },
];

if (require.main === module) {
  const [count = '150', seed = '4101'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const make = () => [...(process.argv.includes('--hand') ? HAND : []), ...generate(Number(count), Number(seed))];
  const cases: Hunt41Case[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Hunt41Case[] : label41(make());
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  let undecided = 0;
  const kinds = new Map<string, number>();
  for (const c of cases) {
    const diffs = compare41(c);
    if (!diffs.length) { agree++; continue; }
    if (diffs[0] === UNDECIDED) { undecided++; continue; }
    for (const d of diffs) { const k = d.replace(/^\S+: /, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'ID').slice(0, 60); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(`${c.id}${c.microversion ? ' mv' + c.microversion : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${n}\t${k}`).join('\n'));
  console.log(`seed ${seed}: ${agree}/${cases.length - undecided} agree (${undecided} not compared)`);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt41', 'labels.json'), JSON.stringify(cases, null, 1) + '\n');
}
