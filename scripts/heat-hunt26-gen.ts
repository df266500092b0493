/**
 * Hunt 26: HOT templates whose server properties use `yaql` (the block device list built from
 * a parameter, one entry or one field of an entry, the metadata, a name), for the differential
 * test against Heat's own code (label and compare with scripts/heat-hunt22-difftest.ts):
 *
 *     node --import tsx scripts/heat-hunt26-gen.ts COUNT SEED > /tmp/h26-cases.json
 *     node --import tsx scripts/heat-hunt22-difftest.ts /tmp/h26-cases.json /tmp/h26-oracle.json
 *
 * Versions before 2016-10-14 (no yaql), parameters given or by default, expressions Heat
 * evaluates and ones it refuses (a key the data lacks, a type yaql does not add, a bad expression).
 */
import { rng } from './heat-hunt26-yaql-cases';

const count = Number(process.argv[2] ?? 150);
const seed = Number(process.argv[3] ?? 26);
const r = rng(seed);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (p: number) => r() < p;
const q = (s: string) => JSON.stringify(s);

const VERSIONS = ['2016-10-14', '2017-02-24', '2017-09-01', '2018-08-31', '2021-04-16', '2015-10-15', 'newton', 'pike'];

/** expressions giving block_device_mapping_v2 (data: vols, n, size, boot) */
const BDM_LISTS = [
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => -1})',
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume})',
  '$.data.vols.select({volume_id => $, boot_index => 0})',
  '$.data.vols.select(dict(volume_id => $, delete_on_termination => true))',
  "$.data.vols.where($ != '').select({volume_id => $})",
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => $.len() - 2})',
  'range($.data.n).select({source_type => blank, destination_type => volume, volume_size => $.data.size})',
  'range($.data.n).select({source_type => blank, destination_type => local, volume_size => $ + 1})',
  "range(1, $.data.n + 1).select({device_name => concat('vd', str($)), source_type => blank, destination_type => volume, volume_size => 1})",
  "range($.data.n).select({device_name => format('vd{0}', $), source_type => blank, destination_type => local, volume_size => 1})",
  '[{image => $.data.img, source_type => image, destination_type => volume, volume_size => $.data.size, boot_index => 0}] + $.data.vols.select({uuid => $, source_type => volume, destination_type => volume})',
  '$.data.vols.select({volume_id => $}).limit(1)',
  '$.data.vols.orderBy($).select({volume_id => $})',
  '$.data.vols.distinct().select({volume_id => $})',
  '$.data.vols.select({volume_id => $, boot_index => $.data.n})',
  '$.data.vols.select({volume_id => $, volume_size => $.data.size / 2})',
  '$.data.vols.select({volume_id => $, volume_size => $.data.size * 1.5})',
  '$.data.vols.select({volume_id => $, volume_size => $.data.size + a})',
  '$.data.vols.select({volume_id => $, volume_size => $.data.missing})',
  '$.data.vols.select({snapshot_id => $, source_type => snapshot, destination_type => volume, delete_on_termination => $.data.boot})',
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => 0})',
  'list($.data.vols.select({volume_id => $}))',
  '$.data.vols.select({volume_id => $})[0]',
  '$.data.vols.select($)',
  '$.data.vols.first()',
  '$.data.vols',
  '$.data.vols.len()',
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, disk_bus => $.data.bus.toLower()})',
  "$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, device_type => disk, disk_bus => 'virtio'})",
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => -1}',
  '$.data.vols.select(uuid => $)',
  'range($.data.n).select({source_type => blank, destination_type => volume, volume_size => $.data.size}).where($.volume_size > 1)',
  '$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => -1}).toList()',
  "$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, tag => $.toUpper()})",
  "$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, tag => $.replace('-', '_')})",
];

/** expressions giving one entry of the list */
const BDM_ITEMS = [
  '{volume_id => $.data.vols[0], boot_index => 0}',
  'dict(uuid => $.data.vols.last(), source_type => volume, destination_type => volume, boot_index => 0)',
  '$.data',
  '$.data.entry',
  '{source_type => blank, destination_type => local, volume_size => $.data.size}',
  '{source_type => blank, destination_type => local, volume_size => max($.data.size, 5)}',
  '{source_type => blank, destination_type => local, volume_size => [$.data.size, 3].min()}',
];

/** expressions giving one field */
const FIELDS: Array<[string, string]> = [
  ['boot_index', '$.data.n - 3'], ['boot_index', '$.data.n > 1'], ['boot_index', 'str($.data.n)'], ['volume_size', '$.data.size * 2'],
  ['volume_size', '$.data.size / 3'], ['volume_size', '$.data.size mod 0'], ['device_name', "concat('/dev/', $.data.bus.toLower(), 'b')"],
  ['device_name', "'vd' + $.data.vols.len()"], ['delete_on_termination', '$.data.boot and $.data.n > 0'], ['delete_on_termination', 'not $.data.boot'],
  ['disk_bus', '$.data.bus'], ['volume_id', '$.data.vols.join(",")'], ['volume_id', '$.data.vols[$.data.n - 1]'], ['volume_id', '$.data.vols.where($.startsWith(v)).first()'],
];

const META = [
  '{count => $.data.n, vols => $.data.vols.join(" ")}', 'dict($.data.vols.select([$, $.len()]))', '$.data.vols.select([$, upper]).toList()',
  "dict(k => format('{0}/{1}', $.data.n, $.data.size))", '{k => str($.data.size / 2.0)}', '{k => $.data.vols.len() = $.data.n}',
];

function dataFor(given: boolean): { params: string; data: string; values?: Record<string, unknown> } {
  const vols = pick([['v1', 'v2'], ['a-1', 'b-2', 'c-3'], [], ['v1'], ['v1', 'v1', 'v2']]);
  const n = pick([0, 1, 2, 3]);
  const size = pick([1, 2, 10, 2.5]);
  const bus = pick(['VIRTIO', 'scsi', 'ide']);
  const boot = pick([true, false]);
  const params = `parameters:
  vols: {type: comma_delimited_list, default: ${q(given ? 'x' : vols.join(','))}}
  n: {type: number, default: ${given ? 9 : n}}
  size: {type: number, default: ${size}}
  bus: {type: string, default: ${bus}}
  boot: {type: boolean, default: ${boot}}
  img: {type: string, default: cirros}
`;
  const data = pick([
    '{vols: {get_param: vols}, n: {get_param: n}, size: {get_param: size}, bus: {get_param: bus}, boot: {get_param: boot}, img: {get_param: img}}',
    `{vols: ${JSON.stringify(vols)}, n: ${n}, size: ${size}, bus: ${bus}, boot: ${boot}, img: cirros, entry: {volume_id: ${vols[0] ?? 'v0'}, boot_index: 0}}`,
  ]);
  return { params, data, ...(given ? { values: { vols: vols.join(','), n } } : {}) };
}

interface Case { id: string; template: string; params?: Record<string, unknown> }
const out: Case[] = [];
for (let i = 0; i < count; i++) {
  const version = chance(0.85) ? pick(VERSIONS.slice(0, 5)) : pick(VERSIONS.slice(5));
  const { params, data, values } = dataFor(chance(0.2));
  const y = (e: string) => `{yaql: {expression: ${q(e)}, data: ${data}}}`;
  const image = chance(0.7) ? '      image: cirros\n' : '';
  let props = '';
  const where = pick(['list', 'list', 'list', 'item', 'field', 'meta']);
  if (where === 'list') props = `      block_device_mapping_v2: ${y(pick(BDM_LISTS))}\n`;
  else if (where === 'item') props = `      block_device_mapping_v2: [${y(pick(BDM_ITEMS))}]\n`;
  else if (where === 'field') {
    const [k, e] = pick(FIELDS);
    const base = k === 'volume_id' || k === 'boot_index' || k === 'delete_on_termination' ? '{volume_id: v9' : '{source_type: blank, destination_type: local, volume_size: 1';
    props = `      block_device_mapping_v2: [${base}${k === 'volume_id' ? '' : ''}, ${k}: ${y(e)}}]\n`.replace('{volume_id: v9, volume_id:', '{volume_id:');
  } else props = `      metadata: ${y(pick(META))}\n`;
  const template = `heat_template_version: ${version}
${params}resources:
  srv0:
    type: OS::Nova::Server
    properties:
${image}      flavor: m1.small
      networks: [{network: private}]
${props}`;
  out.push({ id: `yaql-${where}-${i}`, template, ...(values ? { params: values } : {}) });
}
console.log(JSON.stringify(out, null, 1));
