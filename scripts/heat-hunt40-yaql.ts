/**
 * Hunt 40: yaql expressions for mergeWith on dicts and lastIndexOf (of a collection, of a text),
 * as block device fields use them (a device name, a volume id, a size picked from merged
 * defaults), compared with yaql 2.0.0 as Heat 19 runs it (scripts/heat-hunt26-yaql-direct.py),
 * through scripts/heat-hunt26-yaql-direct.ts's reading of bdm-lab's answer. Prints each case
 * bdm-lab answers otherwise, or leaves as a note.
 *
 *     node --import tsx scripts/heat-hunt40-yaql.ts [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt40/yaql-labels.json, which test/unit/heat-hunt40.test.ts reads)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

const DEF = { device: '/dev/vdb', size: 1, tags: ['a', 'b'], opts: { bus: 'virtio', type: 'disk' } };
export const CASES: Array<[string, unknown]> = [
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { size: 5 } }],
  ['$.data.defaults.mergeWith($.data.given).device', { defaults: DEF, given: { device: '/dev/vdc' } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { tags: ['b', 'c', 'c'] } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { opts: { bus: 'scsi', extra: 1 } } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { opts: 'x' } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { size: { gb: 1 } } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { size: [1] } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { tags: 'x' } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: { new: null, device: null } }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: {}, given: {} }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: [] }],
  ['$.data.defaults.mergeWith($.data.given)', { defaults: DEF, given: 'x' }],
  ['$.data.defaults.mergeWith()', { defaults: DEF }],
  ['$.data.defaults.mergeWith($.data.given, $1 + $2)', { defaults: DEF, given: { tags: ['b'] } }],
  ['$.data.defaults.mergeWith($.data.given, maxLevels => 1)', { defaults: DEF, given: { opts: { bus: 'ide' } } }],
  ['$.data.list.mergeWith($.data.given)', { list: [1], given: {} }],
  ['mergeWith($.data.defaults, $.data.given)', { defaults: DEF, given: {} }],
  ['dict(a => 1, b => [1, 2]).mergeWith(dict(b => [2, 3], c => 3))', null],
  ['dict(d => "/dev/vdb").mergeWith(dict(d => "/dev/vdc")).d', null],
  ['dict(a => dict(x => 1)).mergeWith(dict(a => dict(y => 2))).a', null],
  ['dict(a => [1, 2]).mergeWith(dict(a => [2, 3])).a', null],
  ['dict(a => [1, 2]).mergeWith(dict(a => list(2, 3))).a', null],
  ['dict(a => list(1, 2)).mergeWith(dict(a => list(2, 3))).a', null],
  ['$.data.defaults.mergeWith($.data.given).tags.len()', { defaults: DEF, given: { tags: ['a', 'z'] } }],
  ['$.data.defaults.mergeWith($.data.given).keys()', { defaults: DEF, given: { z: 1, a: 2, device: 3 } }],
  ['$.data.devs.lastIndexOf("/dev/vdc")', { devs: ['/dev/vdb', '/dev/vdc', '/dev/vdd', '/dev/vdc'] }],
  ['$.data.devs.lastIndexOf("/dev/vdz")', { devs: ['/dev/vdb', '/dev/vdc'] }],
  ['$.data.devs.lastIndexOf(1)', { devs: [1, 1.0, true, '1'] }],
  ['$.data.devs.lastIndexOf(null)', { devs: [null, 'a', null] }],
  ['$.data.devs.lastIndexOf({a => 1})', { devs: [{ a: 1 }, { a: 2 }] }],
  ['$.data.devs.lastIndexOf()', { devs: ['a'] }],
  ['$.data.devs.lastIndexOf("a", "b")', { devs: ['a'] }],
  ['$.data.devs[$.data.devs.lastIndexOf("/dev/vdc")]', { devs: ['/dev/vdb', '/dev/vdc', '/dev/vdd'] }],
  ['$.data.devs.where($ != "x").lastIndexOf("b")', { devs: ['a', 'b', 'x', 'b'] }],
  ['$.data.dev.lastIndexOf("d")', { dev: '/dev/vdd' }],
  ['$.data.dev.lastIndexOf("/")', { dev: '/dev/vdb' }],
  ['$.data.dev.lastIndexOf("")', { dev: 'vdb' }],
  ['$.data.dev.lastIndexOf("v", 3)', { dev: '/dev/vdb' }],
  ['$.data.dev.lastIndexOf("v", -3)', { dev: '/dev/vdb' }],
  ['$.data.dev.lastIndexOf("v", 10)', { dev: '/dev/vdb' }],
  ['$.data.dev.lastIndexOf("é")', { dev: 'aéaé' }],
  ['$.data.dev.lastIndexOf(1)', { dev: 'a1' }],
  ['$.data.dev.lastIndexOf("a", "b")', { dev: 'aa' }],
  ['$.data.dev.substring($.data.dev.lastIndexOf("/") + 1)', { dev: '/dev/vdb' }],
  ['$.data.m.lastIndexOf("a")', { m: { a: 1 } }],
  ['$.data.n.lastIndexOf(1)', { n: 5 }],
  ['lastIndexOf($.data.devs, "a")', { devs: ['a'] }],
  ['$.data.devs.lastIndexOf(item => "a")', { devs: ['a'] }],
];

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) {
    writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt40', 'yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  }
  let agree = 0; let notes = 0;
  CASES.forEach(([e, d], i) => {
    const m = mine(e, d);
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    if (m === undefined) notes++;
    console.log(`${m === undefined ? 'NOTE' : 'DIFFER'} ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`${agree}/${CASES.length} agree (${notes} notes, ${CASES.length - agree - notes} differ)`);
}
