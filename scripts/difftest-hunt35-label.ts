/**
 * Labels hunt 35's cases with Nova's own answer (the nova-oracle) and writes
 * test/fixtures/nova-hunt35/probes.json, which test/unit/nova-hunt35.test.ts compares bdm-lab with:
 *
 *   - hand-written probes (PROBES35 below) of what earlier corpora did not hold: integer-like keys
 *     among unexpected keys (jsonschema names them in the body's order, which a JavaScript object
 *     does not keep), volume_size / boot_index spelled as floats under escaped or repeated keys,
 *     imageRef as links and near-uuids beside each kind of root, request envelopes of every
 *     shape at 2.0 / 2.1 / 2.96, delete_on_termination strings on volumeAttachment at 2.79;
 *   - the first 120 generated cases of seed 3501 (scripts/difftest-hunt35-gen.ts).
 *
 *   node --import tsx scripts/difftest-hunt35-label.ts
 */
import { writeOracleLabels } from './difftest-lib';
import { generateHunt35Cases, wsgiRefuses } from './difftest-hunt35-gen';
import type { DiffCase, DiffContext } from './difftest-gen';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';

export interface Case35 extends DiffCase { note: string }

const ctx = (more: Partial<DiffContext> = {}): DiffContext =>
  ({ microversion: '2.79', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false, ...more });
const server = (inner: string) => `{"server": {"name": "x", "flavorRef": "1", "networks": "none", ${inner}}}`;
const blankRoot = (fields: string, before = '') => server(`"block_device_mapping_v2": [${before}{"source_type": "blank", "destination_type": "volume", "boot_index": 0, ${fields}}]`);

const probes: Case35[] = [];
const add = (id: string, note: string, payloadText: string, context: DiffContext = ctx(), kind: 'server' | 'attach' = 'server') => probes.push({ id: `h35p-${id}`, note, kind, payloadText, context });

// integer-like keys among unexpected keys: Python's dict keeps the body's order
add('intkey-entry', 'an entry with "zz" then "1": jsonschema names both, sorted', server(`"block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "${VOL}", "boot_index": 0, "zz": 1, "1": 2}]`));
add('intkey-server', 'the server with "zz", "10", "2": the value printed in the body\'s order', server(`"imageRef": "${IMG}", "zz": 1, "10": 2, "2": 3`));
add('intkey-top', 'the envelope with "zz" then "5"', `{"zz": 1, "5": 2, "server": {"name": "x", "flavorRef": "1", "networks": "none", "imageRef": "${IMG}"}}`);
add('intkey-legacy', 'a legacy item with "zz" then "7"', server(`"imageRef": "${IMG}", "block_device_mapping": [{"device_name": "vdb", "volume_id": "${VOL}", "zz": 1, "7": 2}]`));
add('intkey-attach', 'a volumeAttachment with "zz" then "3"', `{"volumeAttachment": {"volumeId": "${VOL}", "zz": 1, "3": 2}}`, ctx(), 'attach');
add('intkey-attach-20', '... at 2.0: stripped', `{"volumeAttachment": {"volumeId": "${VOL}", "zz": 1, "3": 2}}`, ctx({ microversion: '2.0' }), 'attach');
add('intkey-metadata', 'metadata "b", "1", "a": the first bad value in the body\'s order', server(`"imageRef": "${IMG}", "metadata": {"b": "x", "1": "y", "a": 3}`));
add('dupkey-order', 'a repeated unexpected key keeps its first place and its last value', server(`"block_device_mapping_v2": [{"qq": 1, "source_type": "volume", "destination_type": "volume", "uuid": "${VOL}", "boot_index": 0, "aa": 1, "qq": 2}]`));
// float spellings under escaped and repeated keys
add('float-escaped-key', 'volume_size written with an escaped key, 0.0', blankRoot('"volume\\u005fsize": 0.0'));
add('float-escaped-key-1e1', '... 1.0e1', blankRoot('"volume\\u005fsize": 1.0e1'));
add('float-dup-last', 'volume_size 1 then 0.0: the last, a float', blankRoot('"volume_size": 1, "volume_size": 0.0'));
add('float-dup-first', 'volume_size 0.0 then 0: the last, an int', blankRoot('"volume_size": 0.0, "volume_size": 0'));
add('float-dup-escaped', 'volume_size 0 then the escaped key 0.0', blankRoot('"volume_size": 0, "volume\\u005fsize": 0.0'));
add('float-blanks', 'blanks around the colon', blankRoot('"volume_size"  :   0.0'));
add('float-in-metadata', 'a metadata key volume_size with "0.0" beside an entry\'s volume_size 0', server('"metadata": {"volume_size": "0.0"}, "block_device_mapping_v2": [{"source_type": "blank", "destination_type": "volume", "boot_index": 0, "volume_size": 0}]'));
add('float-other-entry', 'another entry\'s volume_size is a float, this one\'s is not', blankRoot('"volume_size": 0', '{"source_type": "blank", "destination_type": "volume", "boot_index": 1, "volume_size": 2.0}, '));
add('float-neg-zero', 'volume_size -0.0', blankRoot('"volume_size": -0.0'));
add('float-1e3', 'volume_size 1e3 against 1000', blankRoot('"volume_size": 1e3'));
add('float-100e-1', 'volume_size 100e-1', blankRoot('"volume_size": 100e-1'));
add('float-huge', 'volume_size 1E400 (inf)', blankRoot('"volume_size": 1E400'));
add('float-boot-escaped', 'boot_index 0.0 under an escaped key', blankRoot('"volume_size": 1, "boot\\u005findex": 0.0'));
add('float-boot-dup', 'boot_index 0, then 1.0', blankRoot('"volume_size": 1, "boot_index": 0, "boot_index": 1.0'));
add('nan-volume-size', 'NaN (Python\'s json reads it)', blankRoot('"volume_size": NaN'));
add('inf-boot-index', '-Infinity', server(`"block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "${VOL}", "boot_index": -Infinity}]`));
// imageRef as a link or a near-uuid, beside each root
const refs = [`http://glance/v2/images/${IMG}?x=1`, `http://glance/v2/images/${IMG}/`, `glance://${IMG}`, `/images/${IMG}`, `http://x/${IMG}#f`, `HTTP://x/${IMG}`, 'http://', `ftp://x/${IMG}`, `${IMG}\n`, ` ${IMG}`, `{${IMG}}`, `urn:uuid:${IMG}`, IMG.replace(/-/g, ''), `http://x/${IMG.toUpperCase()}`, `http://x/a/${IMG}/b`, `http://x y/${IMG}`];
refs.forEach((r, i) => {
  const ref = `"imageRef": ${JSON.stringify(r)}`;
  add(`imageref-${i}`, `imageRef ${JSON.stringify(r)} alone`, server(ref));
  add(`imageref-${i}-vol`, '... beside a boot volume', server(`${ref}, "block_device_mapping_v2": [{"source_type": "volume", "destination_type": "volume", "uuid": "${VOL}", "boot_index": 0}]`));
  add(`imageref-${i}-local`, '... beside an image -> local root', server(`${ref}, "block_device_mapping_v2": [{"source_type": "image", "destination_type": "local", "uuid": "${IMG}", "boot_index": 0}]`));
});
// envelopes and BDM lists of every shape, at 2.0, 2.1 and 2.96
const shapes = ['{"server": null}', '{"server": []}', '{"server": {}}', '{"server": {"name": "x"}}',
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": null}}', '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": {}}}',
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [null]}}', '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [{}]}}',
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping": [{}]}}', '{"server": {"name": "x", "flavorRef": "1", "imageRef": ""}}',
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping": [], "block_device_mapping_v2": []}}',
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping": [{"device_name": "vda"}]}}',
  `{"server": {"name": "x", "flavorRef": "1", "block_device_mapping": [{"device_name": "vda", "volume_id": "${VOL}", "boot_index": 0}]}}`,
  `{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "volume", "uuid": "${VOL}", "boot_index": 0}]}}`,
  `{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [{"destination_type": "volume", "uuid": "${VOL}", "boot_index": 0}]}}`,
  '{"server": {"name": "x", "flavorRef": "1", "block_device_mapping_v2": [{"source_type": "blank", "boot_index": 0}]}}',
  `{"server": {"name": "x", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"source_type": "image", "uuid": "${IMG}"}]}}`,
  `{"server": {"name": "x", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"source_type": "blank", "guest_format": "swap"}]}}`,
  `{"server": {"name": "x", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"no_device": true}]}}`,
  `{"server": {"name": "x", "flavorRef": "1", "imageRef": "${IMG}", "block_device_mapping_v2": [{"device_name": "vdb"}]}}`];
shapes.forEach((t, i) => {
  for (const mv of ['2.0', '2.1', '2.96']) add(`shape-${i}-${mv}`, `envelope shape ${i} at ${mv}`, t, ctx({ microversion: mv, flavor: { root_gb: 20, ephemeral_gb: 1, swap_mb: 1 } }));
});
// delete_on_termination strings on volumeAttachment at 2.79 (what Nova's BooleanField stores is the oracle's attachment)
['false', 'FALSE', 'no', '0', 'off', 'f', 'n', 't', '', 'On', 'yes'].forEach((d, i) => add(`attach-dot-${i}`, `delete_on_termination ${JSON.stringify(d)} at 2.79`, `{"volumeAttachment": {"volumeId": "${VOL}", "delete_on_termination": ${JSON.stringify(d)}}}`, ctx(), 'attach'));

export const PROBES35: Case35[] = probes;

/** the labelled slice of the generator: seed 3501's first 120 cases (less microversions Nova's wsgi layer refuses) */
export function generatedSlice(): Case35[] {
  return generateHunt35Cases(3501, 120).filter((c) => !wsgiRefuses(c.context.microversion)).map((c) => ({ ...c, note: 'generated, seed 3501' }));
}

if (process.argv[1] && /difftest-hunt35-label/.test(process.argv[1])) writeOracleLabels([...PROBES35, ...generatedSlice()], 'test/fixtures/nova-hunt35/probes.json');
