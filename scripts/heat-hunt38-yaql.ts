/**
 * Hunt 38: yaql expressions for what hunt 35 left (methods of a receiver of the wrong kind, the
 * function forms given a value of the wrong kind, int() of a text or a collection, method
 * arguments read against the whole data, groupBy() with an aggregator, aggregate()'s selector
 * run at the call, set() of what is no dict, a whole-expression where()/map()), compared with yaql 2.0.0 as Heat 19 runs it
 * (scripts/heat-hunt26-yaql-direct.py), through scripts/heat-hunt26-yaql-direct.ts's reading of
 * bdm-lab's answer. Prints each case bdm-lab answers otherwise, or leaves as a note.
 *
 *     node --import tsx scripts/heat-hunt38-yaql.ts [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt38/yaql-labels.json, which test/unit/heat-hunt38.test.ts reads)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';

const KINDS: unknown[] = [1, 1.5, true, null, 'ab', { a: 1 }, [1, 2], []];
const METHODS = [
  'select($)', 'where(true)', 'sum()', 'max()', 'len()', 'count()', 'first()', 'last()', 'single()', 'distinct()', 'any()', 'all()', 'join(",")', 'orderBy($)', 'groupBy($)',
  'aggregate($1+$2)', 'toList()', 'flatten()', 'reverse()', 'skip(1)', 'take(1)', 'contains(1)', 'get(a)', 'containsKey(a)', 'split(",")', 'replace(a,b)', 'trim()', 'toUpper()',
  'startsWith(a)', 'set(a,1)', 'selectMany($)', 'concat([1])', 'map($)', 'filter(true)',
];
const FUNCTIONS = ['len($.data)', 'int($.data)', 'dict($.data)', 'range($.data)', 'concat($.data, $.data)', 'distinct($.data)', 'any($.data)', 'all($.data)', 'format($.data)'];

export const CASES: Array<[string, unknown]> = [
  ...METHODS.flatMap((m) => KINDS.map((d): [string, unknown] => [`$.data.${m}`, d])),
  ...FUNCTIONS.flatMap((f) => KINDS.map((d): [string, unknown] => [f, d])),
  // int() of texts and collections
  ['int($.data)', { a: 1 }], ['int($.data.split(","))', 'a'], ['int($.data.keys())', { a: 1 }], ['int($.data)', ' 1_0 '], ['int($.data)', '1__0'], ["int($.data)", "a'b"],
  ['int($.data)', ''], ['int($.data)', '1.5'], ['int($.data)', ' '], ['int($.data.orderBy($))', [1]], ['int($.data)', '-12'], ['int($.data)', '0x10'],
  // receivers printed: nested values, texts with quotes
  ['$.data.sum()', { a: [1, 2.5, true, null] }], ['$.data.where(true)', "it's"], ['$.data.split(",")', [1]], ['$.data.toUpper()', ['a']], ['$.data.set(a, 1)', [['a', 1]]],
  ['$.data.len(1)', 5], ['$.data.sum(1, 2, 3)', 5], ['$.data.first($.x.y)', 5], ['$.data.select($).sum()', 5], ['$.data.keys()', [1]], ['$.data.join(1)', 5],
  // method arguments read against the whole data (`$` is the data's parent there)
  ['$.data.sum($.first())', [[1], [2]]], ['$.data.sum($.first())', { first: 1 }], ['$.data.join($.sep)', ['a', 'b']], ['$.data.first($.x)', []], ['$.data.first($.data)', []],
  ['$.data.contains($.data)', [1]], ['$.data.skip($.data.len() - 1)', [1, 2, 3]], ['$.data.take($.n)', [1]], ['$.data.a.sum($.data.b)', { a: [1, 2], b: 10 }], ['$.data.last($.data.x)', []],
  ['max($.data.a, $.data.b)', { a: 1, b: 2 }], ['max($.x, 1)', null], ['$.data.max($.data.len())', []], ['$.data.a.first($.b.first())', { a: [], b: [] }],
  // groupBy() with an aggregator
  ['$.data.groupBy($ mod 2, $, $.len())', [1, 2, 3, 4, 5]], ['$.data.groupBy($ mod 2, aggregator => $.sum())', [1, 2, 3, 4, 5]], ['$.data.groupBy($ mod 2, $ * 10, $.sum())', [1, 2, 3, 4, 5]],
  ['$.data.groupBy($ mod 2, $ * 10, [$.len()])', [1, 2, 3, 4, 5]], ['$.data.groupBy($.k, $.v, $.sum())', [{ k: 'a', v: 1 }, { k: 'a', v: 2 }, { k: 'b', v: 3 }]],
  ['$.data.groupBy($.k, aggregator => $.len())', [{ k: 'a', v: 1 }, { k: 'b', v: 3 }]], ['$.data.groupBy($.k, valueSelector => $.v)', [{ k: 'a', v: 1 }, { k: 'a', v: 2 }]],
  ['$.data.groupBy($.k, aggregator => $)', [{ k: 'a', v: 1 }]], ['$.data.groupBy($ mod 2, aggregator => $[0])', [1, 2, 3]], ['$.data.groupBy($ mod 2, $, $.first())', [1, 2, 3]],
  ['$.data.groupBy($[0], $[1], $.sum())', [['a', 1], ['b', 2], ['a', 3]]], ['$.data.groupBy($.len(), aggregator => $.len())', ['ab', 'c', 'de']], ['$.data.groupBy($, aggregator => $.first())', []],
  // aggregate()'s selector runs at the call
  ['$.data.aggregate($1 + $2)', [1, 'a']], ['$.data.aggregate($1 + $2.x, 0)', [{ x: 1 }, 2]], ['$.data.aggregate($1 + $2.first(), 0)', [[1], []]], ['$.data.aggregate($1 * $2, 1)', [2, 'a', 3]],
  // set() of what is no dict
  ['$.data.set(1, 2)', [1, 2]], ['$.data.set(a, 2)', 'abc'], ['$.data.set(a, 2)', null], ['$.data.set(a => 1)', [1]], ['[1,2].set(0, 5)', null],
  // a whole where()/map()/filter(): each item's lambda run in order
  ['$.data.where($.get(a, 0) >= 0)', [null]], ['$.data.where($.get(a, 0) >= 0)', [{ a: 1 }, null]], ['$.data.where($.x)', [{ x: 1 }, { y: 2 }]], ['$.data.filter($ > 1)', [1, 'a']],
  ['$.data.map($.first())', [[1], []]], ['$.data.where($ > 1)', [1, 2, 3]], ['$.data.map($ * 2)', [1, 2]],
];

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) {
    writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt38', 'yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
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
