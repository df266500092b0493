/**
 * Hunt 39: yaql expressions for the functions and forms hunt 39 added (toDict, enumerate, zip,
 * switch, substring, indexOf; mergeWith's receiver; a method-only name called as a function and a
 * function-only one called as a method) and for an attribute over a list, which yaql maps lazily
 * (its failure only where something reads that item), compared with yaql 2.0.0 as Heat 19 runs it
 * (scripts/heat-hunt26-yaql-direct.py), through scripts/heat-hunt26-yaql-direct.ts's reading of
 * bdm-lab's answer. Prints each case bdm-lab answers otherwise, or leaves as a note.
 *
 *     node --import tsx scripts/heat-hunt39-yaql.ts [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt39/yaql-labels.json, which test/unit/heat-hunt39.test.ts reads)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

export const CASES: Array<[string, unknown]> = [
  ['$.data.toDict($, 1)', ["a","a"]],
  ['$.data.toDict($.k)', [{"k":"a"}]],
  ['$.data.toDict($[0], $[1])', [["a",1],["b",2]]],
  ['$.data.toDict($)', [1,2]],
  ['$.data.toDict($)', {"a":1}],
  ['$.data.toDict($)', "ab"],
  ['$.data.toDict()', ["a"]],
  ['$.data.toDict($, $, 1)', ["a"]],
  ['$.data.toDict($.x)', ["a"]],
  ['$.data.toDict($)', []],
  ['$.data.toDict(keySelector => $)', ["a"]],
  ['$.data.enumerate()', []],
  ['$.data.enumerate(-1)', ["a"]],
  ['$.data.enumerate(a)', ["a"]],
  ['$.data.enumerate()', "ab"],
  ['$.data.enumerate()', {"a":1}],
  ['$.data.enumerate(1.5)', ["a"]],
  ['$.data.enumerate(true)', ["a"]],
  ['enumerate($.data, 2)', ["a"]],
  ['$.data.enumerate().len()', ["a"]],
  ['$.data.enumerate()[0]', ["a"]],
  ['switch()', 1],
  ['switch(1)', 1],
  ['switch($.data => a)', null],
  ['switch($.data = 1 => a, $.x.y => b)', 1],
  ['switch($.x.y => a)', 1],
  ['switch(false => $.x.y, true => 2)', 1],
  ['$.data.switch(true => 1)', 1],
  ['switch(1 => 2, 3)', 1],
  ['$.data.substring(0)', ""],
  ['$.data.substring(1, -1)', "abc"],
  ['$.data.substring(1, 0)', "abc"],
  ['$.data.substring(-5)', "abc"],
  ['$.data.substring(a)', "abc"],
  ['$.data.substring(true)', "abc"],
  ['$.data.substring()', "abc"],
  ['$.data.substring(1.0)', "abc"],
  ['$.data.substring(1)', ["abc"]],
  ['$.data.substring(-1, 5)', "abc"],
  ['$.data.substring(1, 2, 3)', "abc"],
  ['$.data.substring(1)', "aé€"],
  ['$.data.zip([1])', []],
  ['$.data.zip([1], [2,3])', [0,9]],
  ['$.data.zip()', [1]],
  ['$.data.zip(1)', [1]],
  ['$.data.zip([1])', "ab"],
  ['$.data.zip([1])', {"a":1}],
  ['$.data.zip([1]).len()', [5]],
  ['$.data.zip([1])[0]', [5]],
  ['$.data.indexOf(3)', [1]],
  ['$.data.indexOf(1)', [1,1]],
  ['$.data.indexOf(1)', "a1"],
  ['$.data.indexOf("b")', "abcb"],
  ['$.data.indexOf(b, 2)', "abcb"],
  ['$.data.indexOf(1)', {"a":1}],
  ['indexOf($.data, 1)', [1]],
  ['$.data.indexOf(1, 2)', [1]],
  ['$.data.indexOf(true)', [1]],
  ['$.data.indexOf(1)', [true]],
  ['$.data.lastIndexOf(1)', [1,1]],
  ['$.data.mergeWith(dict(a=>2))', {"a":1}],
  ['$.data.mergeWith(1)', {"a":1}],
  ['$.data.mergeWith(dict(a=>2))', "x"],
  ['$.data.mergeWith(dict(a=>2))', null],
  ['mergeWith($.data, 1)', 1],
  ['$.data.sequence()', [1]],
  ['$.data.sequence()', {"a":1}],
  ['sequence(1, 3)', 1],
  ['$.data.vols[0]', ["v1"]],
  ['$.data.vols.sum()', ["v1"]],
  ['$.data.vols.select({volume_id => $})', ["v1","v2"]],
  ['$.data.vols.len()', ["v1"]],
  ['len($.data.vols)', ["v1"]],
  ['$.data.vols.count()', ["v1"]],
  ['$.data.vols.first()', ["v1"]],
  ['$.data.vols.first()', [{"vols":1},"v1"]],
  ['$.data.vols.take(1)', [{"vols":1},"v1"]],
  ['$.data.vols.any()', [{"vols":1},"v1"]],
  ['$.data.vols.where($ > 0).first()', [{"vols":1},"v1"]],
  ['$.data.vols', [{"vols":1},"v1"]],
  ['$.data.vols.get(a)', ["v1"]],
  ['$.data.vols.join(",")', ["v1"]],
  ['$.data.x.contains(1)', [{"x":1},"a"]],
  ['$.data.x.contains(2)', [{"x":1},"a"]],
  ['$.data.select($.x)', [{"x":1},{"y":1}]],
  ['$.data.x.toList()', [{"x":1},{"y":1}]],
  ['$.data.x.distinct()', [{"x":1},{"y":1}]],
  ['[$.data.x]', [{"y":1}]],
  ['$.data.x = 1', [{"y":1}]],
  ['$.data.x.orderBy($)', [{"y":1}]],
  ['$.data.x.skip(1)', [{"x":1},{"y":1}]],
  ['$.data.x.enumerate()', [{"y":1}]],
  ['$.data.x.zip([1])', [{"y":1}]],
  ['$.data.x.toDict($)', [{"y":1}]],
  ['$.data.x.indexOf(1)', [{"x":1},{"y":1}]],
  ['$.data.x.indexOf(2)', [{"x":1},{"y":1}]],
  ['let(a => $.data.x) -> 1', [{"y":1}]],
  ['$.data.x.reverse()', [{"x":1},{"y":1}]],
  ['$.data.x.flatten()', [{"y":1}]],
  ['dict($.data.x)', [{"y":1}]],
  ['$.data.x.single()', [{"y":1}]],
  ['$.data.x.max()', [{"y":1}]],
  ['$.data.x.concat([1])', [{"y":1}]],
  ['concat($.data.x, [1]).first()', [{"x":1},{"y":1}]],
  ['$.data.x.last()', [{"x":1},{"y":1}]],
  ['$.data.x in [1]', [{"y":1}]],
  ['1 in $.data.x', [{"x":1},{"y":1}]],
  ['str($.data.x)', [{"y":1}]],
  ['$.data.x.all()', [{"x":0},{"y":1}]],
  ['$.data.x.limit(1)', [{"x":0},{"y":1}]],
  ['$.data.x.select($).first()', [{"x":0},{"y":1}]],
  ['$.data.x + [1]', [{"y":1}]],
  ['$.data.indexOf("€b")', "aé€b"],
  ['$.data.indexOf("")', "ab"],
  ['$.data.indexOf("x")', "ab"],
  ['$.data.indexOf("b")', "😀b"],
  ['$.data.range()', 3],
  ['$.data.str()', 3],
  ['$.data.int()', "3"],
  ['$.data.list()', [1]],
  ['$.data.dict()', [[1,2]]],
  ['$.data.bool()', 1],
  ['$.data.switch(true => 1)', [1]],
  ['$.data.let(1)', 1],
  ['$.data.format(1)', "{0}"],
  ['$.data.concat([1])', [2]],
  ['$.data.zip([1])', [2]],
  ['$.data.sequence()', "ab"],
  ['$.data.range(3)', 1],
];

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) {
    writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt39', 'yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
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
