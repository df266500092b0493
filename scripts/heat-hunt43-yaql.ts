/**
 * Hunt 43: yaql dicts with a collection (a list, a dict, a dict's view) as a key, compared with
 * yaql 2.0.0 as Heat 19 runs it (scripts/heat-hunt26-yaql-direct.py, through
 * scripts/heat-hunt35-yaql.ts's labelYaql). yaql holds such a key as a tuple or a frozen dict and
 * makes the dict; Heat's output conversion makes the key a list or dict again, which Python cannot
 * hash: the result fails only where the dict is output, not where something reads it (len(), bool()).
 *
 *     node --import tsx scripts/heat-hunt43-yaql.ts [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt43/yaql-labels.json, which test/unit/heat-hunt43.test.ts reads)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

export const CASES: Array<[string, unknown]> = [
  ['dict($.data.select([[$], 1]))', ['a']], ['dict([[[1], 2]])', null], ['dict([[$.data, 2]])', ['a']], ['dict([[$.data, 2]])', { a: 1 }],
  ['dict([[list(1), 2]])', null], ['dict([[{a=>1}, 2]])', null], ['dict([[$.data.select($), 2]])', ['a']], ['dict([[$.data.keys(), 2]])', { a: 1 }],
  ['dict([[$.data.values(), 2]])', { a: 1 }], ['dict([[$.data.items(), 2]])', { a: 1 }], ['dict([[$.data.orderBy($), 2]])', [2, 1]], ['dict([[$.data.where(true), 2]])', [2, 1]],
  ['$.data.toDict($, 1)', [[1], [2]]], ['$.data.toDict($, 1)', [{ a: 1 }]], ['$.data.toDict([$], 1)', ['a']], ['$.data.toDict({a=>$}, 1)', ['a']],
  ['dict([[1, 2], [[1], 3]])', null], ['dict([[[1], 2], [1, 3]])', null], ['dict(a=>1, [1]=>2)', null], ['dict([[range(2), 2]])', null],
  ["dict([['a', 2]]).set([1], 3)", null], ['[[[1], 2]].toDict($[0], $[1])', null], ['$.data.select(dict([[[$], 1]]))', ['a']], ['$.data.select(dict([[[$], 1]])).first()', ['a']],
  ['dict([[$.data.items().first(), 2]])', { a: 1 }], ["dict([['a', [1]], [[2], 3]])", null],
  // read, not output: yaql gives a value (its length: equal keys are one)
  ['$.data.toDict([$], 1).len()', ['a']], ['len(dict([[[1], 2]]))', null], ['len(dict([[[1], 2], [[1], 3], [[true], 4]]))', null], ['len(dict([[[1], 2], [1, 3]]))', null],
  ['len(dict([[{a=>1}, 2], [{a=>1}, 3]]))', null], ['len(dict([[[1.0], 2], [[1], 3]]))', null], ['bool(dict([[[1], 2]]))', null], ['len($.data.toDict([$], 1))', ['a', 'b', 'a']],
  // (bdm-lab: a note) lazy results as keys (Python's objects), equality, a Python list from split (refused as the dict is made)
  ['len(dict([[$.data.select($), 2], [$.data.select($), 2]]))', [1]], ['dict([[[1], 2]]) = dict([[[1], 2]])', null], ["len(dict([['a b'.split(), 1]]))", null],
  // text keys: unchanged
  ["dict([['a', 1], ['b', 2]])", null], ['$.data.toDict($, 1)', ['a', 'b']],
];

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt43', 'yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  let agree = 0;
  CASES.forEach(([e, d], i) => {
    const m = mine(e, d);
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    console.log(`${m === undefined ? 'NOTE' : 'DIFFER'} ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`${agree}/${CASES.length} agree`);
}
