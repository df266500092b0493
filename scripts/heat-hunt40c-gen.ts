/**
 * Hunt 40c: `get_attr` in block devices. HOT templates with OS::Cinder::Volume resources (a size
 * written as a number, a text, a parameter, or none: made from an image, a snapshot, a source
 * volume) and OS::Heat::Value resources, whose attributes give an OS::Nova::Server's
 * block_device_mapping_v2 / block_device_mapping `volume_size` and an AWS::EC2::Instance's
 * BlockDeviceMappings `VolumeSize` (`{get_attr: [vol, size]}`, `{get_attr: [sz, value]}`), and a
 * server's availability_zone (`{get_attr: [vol, availability_zone]}`).
 *
 * Labelled from Heat 19.0.0's code facts, then by the oracles: the heat-oracle gives every
 * attribute a UUID (it cannot run get_attr as Heat does once the volume is made), so each case is
 * labelled on its `label` template, where each get_attr is replaced by the value Heat reads back
 * once the stack has made the resource:
 * - OS::Cinder::Volume (cinder/volume.py `_resolve_attribute`): Python's str() of the field of the
 *   volume Cinder shows: `size` the size the volume was created with (the `size` property, an
 *   Integer), `availability_zone` the zone given;
 * - OS::Heat::Value (heat/value.py `_resolve_attribute`): its `value` property as resolved (the
 *   class's schema, Any: not converted by `type`);
 * - a volume with no size (made from an image, snapshot or volume): its size is the cloud's; the
 *   label uses CLOUD_SIZE, and bdm-lab must not refuse (it leaves the size out: compared so).
 * The label template then goes through scripts/heat-hunt40b-gen.ts's label40b (Stack.validate,
 * the heat-oracle, each instance through Heat's own Instance, the nova-oracle) and bdm-lab is run
 * on the template as written (compare40c).
 *
 *     nice -n 10 node --import tsx scripts/heat-hunt40c-gen.ts COUNT SEED [--cache=FILE] [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt40c/labels.json, which test/unit/heat-hunt40c.test.ts reads)
 */
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './xorshift-rng';
import { compare40b, label40b, type Instance40bCase } from './heat-hunt40b-gen';
import type { HeatCase } from '../test/fixtures/heat/compare';

/** the size the label gives a volume whose size only the cloud knows */
export const CLOUD_SIZE = 7777;

export type Attr40cCase = Instance40bCase & { label: string; cloudSized: boolean };

/** the label's bodies with the cloud's size taken out (bdm-lab leaves a size it cannot know out of the mapping) */
function withoutCloudSize(body: unknown): unknown {
  const s = (body as { server?: Record<string, unknown> } | undefined)?.server;
  if (!s) return body;
  const strip = (xs: unknown) => (Array.isArray(xs) ? xs.map((e: Record<string, unknown>) => (String(e.volume_size) === String(CLOUD_SIZE) ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'volume_size')) : e)) : xs);
  const server = { ...s };
  for (const k of ['block_device_mapping_v2', 'block_device_mapping']) if (server[k]) server[k] = strip(server[k]);
  return { ...(body as object), server };
}

/**
 * bdm-lab's disagreements with Heat on a case: compare40b on the template as written against the
 * label template's answers; where the cloud decides a size, against the bodies without it (and
 * without Nova's verdict on them, which the size can change).
 */
export function compare40c(c: Attr40cCase): string[] {
  if (!c.cloudSized) return compare40b(c);
  const o = { ...c.oracle, servers: Object.fromEntries(Object.entries(c.oracle.servers).map(([n, s]) => [n, s.nova_body ? { ...s, nova_body: withoutCloudSize(s.nova_body) } : s])) };
  const instances = Object.fromEntries(Object.entries(c.instances).map(([n, i]) => [n, i.nova_body ? { ...i, nova_body: withoutCloudSize(i.nova_body), server_nova: undefined } : i]));
  // (compare40b judges Nova's verdict only on a case without params: one is given, empty)
  return compare40b({ ...c, oracle: o, instances, params: c.params ?? {} });
}

interface Gen { template: string; label: string; cloudSized: boolean }

export function generate(count: number, seed: number): Array<HeatCase & { label: string; cloudSized: boolean }> {
  const rnd = rng(seed);
  for (let i = 0; i < 8; i++) rnd();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const VERSIONS = ['2016-10-14', '2017-09-01', '2018-08-31', '2021-04-16', 'queens', 'wallaby'];
  const SNAP = '5f0e6d7c-8b9a-4c1d-9e2f-3a4b5c6d7e8f';
  const SRCVOL = 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d';
  const out: Array<HeatCase & { label: string; cloudSized: boolean }> = [];
  for (let i = 0; i < count; i++) {
    const v = pick(VERSIONS);
    const sizeDefault = pick([10, 20, 40, 1]);
    const params = `parameters:\n  vol_size: {type: number, default: ${sizeDefault}}\n  vol_size_s: {type: string, default: '${sizeDefault}'}\n  az: {type: string, default: nova}\n`;
    // the volumes: [template text of the size, Heat's str() of it | null (the cloud's)]
    const vols: Array<{ name: string; size: string | null; az: string | null; text: string }> = [];
    let cloudSized = false;
    for (const name of chance(0.3) ? ['vol', 'vol2'] : ['vol']) {
      const props: string[] = [];
      const kind = pick(['int', 'int', 'int', 'text', 'param', 'param_s', 'none_image', 'none_snap', 'none_src', 'int_image', 'int_snap']);
      let size: string | null = null;
      const n = pick([1, 5, 10, 20, 50, 100]);
      if (kind === 'int' || kind === 'int_image' || kind === 'int_snap') { props.push(`size: ${n}`); size = String(n); }
      if (kind === 'text') { const t = pick([`'${n}'`, `' ${n} '`, `'0${n}'`]); props.push(`size: ${t}`); size = String(n); }
      if (kind === 'param') { props.push('size: {get_param: vol_size}'); size = String(sizeDefault); }
      if (kind === 'param_s') { props.push('size: {get_param: vol_size_s}'); size = String(sizeDefault); }
      if (kind === 'none_image' || kind === 'int_image') props.push(`image: ${pick(['cirros', 'fedora-38'])}`);
      if (kind === 'none_snap' || kind === 'int_snap') props.push(`snapshot_id: ${SNAP}`);
      if (kind === 'none_src') props.push(`source_volid: ${SRCVOL}`);
      let az: string | null = null;
      if (chance(0.4)) { az = pick(['nova', 'az-2']); props.push(chance(0.5) ? `availability_zone: ${az}` : 'availability_zone: {get_param: az}'); if (props[props.length - 1].includes('get_param')) az = 'nova'; }
      if (chance(0.4)) props.push(`name: ${name}-data`);
      if (chance(0.2)) props.push(`volume_type: ${pick(['ssd', 'lvm'])}`);
      if (chance(0.15)) props.push('metadata: {role: data}');
      vols.push({ name, size, az, text: `  ${name}:\n    type: OS::Cinder::Volume\n    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n` });
    }
    const value = chance(0.25) ? pick(['15', "'15'", '{get_param: vol_size}', "{str_replace: {template: 'N0', params: {N: 3}}}", "'abc'", '2.5']) : null;
    const valueText = value ? `  sz:\n    type: OS::Heat::Value\n    properties:\n      value: ${value}\n${chance(0.4) ? `      type: ${pick(['number', 'string'])}\n` : ''}` : '';
    const labels: Array<[string, string]> = [];
    /** a get_attr giving a size, with its label */
    const sizeAttr = (): string => {
      if (value && chance(0.3)) { labels.push(['{get_attr: [sz, value]}', value]); return '{get_attr: [sz, value]}'; }
      const vol = pick(vols);
      const fn = `{get_attr: [${vol.name}, size]}`;
      if (vol.size === null) cloudSized = true;
      labels.push([fn, vol.size === null ? `'${CLOUD_SIZE}'` : `'${vol.size}'`]);
      return fn;
    };
    const servers: string[] = [];
    const srv = (name: string) => {
      const props = [`flavor: ${pick(['m1.small', 'm1.large'])}`, 'networks: [{network: private}]'];
      const bdms: string[] = [];
      const legacy = chance(0.2);
      const vol = pick(vols);
      const bootFromVol = chance(0.6);
      if (!bootFromVol) props.push('image: cirros');
      if (legacy) {
        const e = [`device_name: ${bootFromVol ? 'vda' : 'vdb'}`, `volume_id: {get_resource: ${vol.name}}`];
        if (chance(0.8)) e.push(`volume_size: ${sizeAttr()}`);
        if (chance(0.4)) e.push(`delete_on_termination: ${pick(['true', 'false'])}`);
        bdms.push(`{${e.join(', ')}}`);
        props.push(`block_device_mapping: [${bdms.join(', ')}]`);
      } else {
        const form = pick(['vol', 'vol', 'vol', 'image_vol', 'snap']);
        const e: string[] = [];
        if (form === 'vol') e.push(`volume_id: {get_resource: ${vol.name}}`);
        if (form === 'image_vol') e.push('image: cirros');
        if (form === 'snap') e.push(`snapshot_id: ${SNAP}`);
        if (bootFromVol) e.push('boot_index: 0'); else if (chance(0.5)) e.push('boot_index: -1');
        if (chance(0.85)) e.push(`volume_size: ${sizeAttr()}`);
        if (chance(0.5)) e.push(`delete_on_termination: ${pick(['true', 'false'])}`);
        if (chance(0.2)) e.push(`device_name: ${bootFromVol ? 'vda' : 'vdb'}`);
        bdms.push(`{${e.join(', ')}}`);
        if (chance(0.2)) bdms.push(`{snapshot_id: ${SNAP}, volume_size: ${sizeAttr()}}`);
        props.push(`block_device_mapping_v2: [${bdms.join(', ')}]`);
      }
      const withAz = vols.find((x) => x.az);
      if (withAz && chance(0.4)) { props.push(`availability_zone: {get_attr: [${withAz.name}, availability_zone]}`); labels.push([`{get_attr: [${withAz.name}, availability_zone]}`, withAz.az!]); }
      servers.push(`  ${name}:\n    type: OS::Nova::Server\n    properties:\n${props.map((p) => `      ${p}`).join('\n')}\n`);
    };
    srv('srv');
    if (chance(0.2)) srv('srv2');
    if (chance(0.25)) {
      const e = [`SnapshotId: ${SNAP}`];
      if (chance(0.9)) e.push(`VolumeSize: ${sizeAttr()}`);
      servers.push(`  inst:\n    type: AWS::EC2::Instance\n    properties:\n      ImageId: cirros\n      InstanceType: m1.small\n      SubnetId: sub-1\n      BlockDeviceMappings: [{DeviceName: vdb, Ebs: {${e.join(', ')}}}]\n`);
    }
    const template = `heat_template_version: ${v}\n${params}resources:\n${vols.map((x) => x.text).join('')}${valueText}${servers.join('')}`;
    let label = template;
    for (const [fn, val] of labels) label = label.split(fn).join(val);
    out.push({ id: `h40c-${seed}-${i}`, template, label, cloudSized });
  }
  return out;
}

/** label each case on its label template (Heat's values of the get_attrs), keeping the template as written */
export function label40c(cases: Array<HeatCase & Gen>): Attr40cCase[] {
  const labelled = label40b(cases.map((c) => ({ id: c.id, template: c.label, ...(c.microversion ? { microversion: c.microversion } : {}) })));
  return labelled.map((l, k) => ({ ...l, template: cases[k].template, label: cases[k].label, cloudSized: cases[k].cloudSized }));
}

if (require.main === module) {
  const [count = '150', seed = '4301'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const cache = process.argv.find((a) => a.startsWith('--cache='))?.slice(8);
  const cases: Attr40cCase[] = cache && existsSync(cache) ? JSON.parse(readFileSync(cache, 'utf8')) as Attr40cCase[] : label40c(generate(Number(count), Number(seed)));
  if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(cases));
  let agree = 0;
  const kinds = new Map<string, number>();
  for (const c of cases) {
    const diffs = compare40c(c);
    if (!diffs.length) { agree++; continue; }
    for (const d of diffs) { const k = d.replace(/^[\w.[\]]+: /, '').slice(0, 50); kinds.set(k, (kinds.get(k) ?? 0) + 1); }
    console.log(`${c.id}${c.cloudSized ? ' (cloud size)' : ''}:\n  ${diffs.join('\n  ')}`);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n}  ${k}`).join('\n'));
  console.log(`seed ${seed}: ${agree}/${cases.length} agree`);
  if (process.argv.includes('--label')) {
    writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt40c', 'labels.json'), `[\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]\n`);
  }
}
