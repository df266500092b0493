/**
 * Hunt 35: yaql expressions for what hunt 34 left (aggregate(), a dict's set(), groupBy(), and
 * StopIteration raised inside lambdas: which reader lets it out), compared with yaql 2.0.0 as
 * Heat 19 runs it (scripts/heat-hunt26-yaql-direct.py), through scripts/heat-hunt26-yaql-direct.ts's
 * reading of bdm-lab's answer. Prints each case bdm-lab answers otherwise, or leaves as a note.
 *
 *     node --import tsx scripts/heat-hunt35-yaql.ts [--label]
 *
 * (`--label` writes scripts/heat-hunt35-yaql-labels.json, which test/unit/heat-hunt35.test.ts reads)
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same } from './heat-hunt26-yaql-direct';

const RAGGED = [[1], []];
export const CASES: Array<[string, unknown]> = [
  // StopIteration in a lambda: a whole read raises it, a reader that stops before it does not
  ['$.data.select($.first())', RAGGED], ['$.data.select($.first())', [[], [1]]], ['$.data.where($.first() > 0)', RAGGED],
  ['$.data.orderBy($.first())', [[2], []]], ['$.data.orderBy($.first())', [[2]]], ['$.data.orderBy($.first())', [[]]], ['$.data.orderBy($.first())', [[], [1]]],
  ['$.data.any($.first() = 1)', [[]]], ['$.data.any($.first() = 1)', RAGGED], ['$.data.all($.first() = 1)', RAGGED], ['$.data.all($.first() = 2)', RAGGED],
  ['dict($.data.select([$.first(), 1]))', [[]]], ['$.data.select($.single())', [[1, 2]]], ['$.data.select($.single())', [[1], [1, 2]]],
  ['$.data.selectMany($.first())', [[[1]], []]], ['$.data.select($.keys().first())', [{}]], ['$.data.select($.last())', RAGGED], ['$.data.select(dict($))', [[[1]]]],
  ['$.data.select($.first()).first()', RAGGED], ['$.data.select($.first()).toList()', RAGGED], ['$.data.select($.first()).count()', RAGGED],
  ['len($.data.select($.first()))', RAGGED], ['$.data.select($.first()).take(1)', RAGGED], ['$.data.select($.first()).skip(1)', RAGGED],
  ['$.data.select($.first()).any()', RAGGED], ['$.data.select($.first()).where($ = 1).first()', RAGGED], ['1 in $.data.select($.first())', RAGGED],
  ['$.data.select($.first()).contains(1)', RAGGED], ['$.data.select($.first()).last()', RAGGED], ['$.data.select($.first()).select($ + 1)', RAGGED],
  ['[$.data.select($.first())]', RAGGED], ['{a => $.data.select($.first())}', RAGGED], ['$.data.select([$.first()])', RAGGED], ['$.data.select($.first() + 1)', RAGGED],
  ['$.data.orderBy($.first()).first()', [[2], []]], ['$.data.distinct($.first())', [[2], []]], ['$.data.distinct($.first()).first()', [[2], []]],
  ['$.data.selectMany($.first()).first()', [[[1]], []]], ['let(x => $.data.select($.first())) -> 1', RAGGED], ['$.data.select($.first()).sum()', RAGGED],
  ['$.data.select($.first()).reverse()', RAGGED], ['$.data.select($.first()).distinct()', RAGGED], ['$.data.select($.first(0))', RAGGED],
  ['$.data.select($.first()).first(5)', [[]]], ['$.data.select($.first()).single()', RAGGED], ['$.data.where($.first() > 0).first()', RAGGED],
  // aggregate()
  ['$.data.aggregate($1 + $2)', [1, 2, 3]], ['$.data.aggregate($1 + $2)', []], ['$.data.aggregate($1 + $2, 10)', []], ['$.data.aggregate($1 + $2, 10)', [1, 2]],
  ['$.data.aggregate($1 + $2)', ['a']], ['$.data.aggregate($1 * $2, 1)', [2, 3, 4]], ['$.data.aggregate([$1, $2])', [1, 2, 3]], ['$.data.aggregate($1 + $2, [])', [[1], [2]]],
  ['$.data.aggregate($1 + $2)', { a: 1 }], ['$.data.aggregate($1 + $2)', 'ab'], ['$.data.aggregate($1 + $2)', null], ['$.data.aggregate(max($1, $2))', [3, 9, 2]],
  ['aggregate($.data, $1 + $2)', [1, 2]], ['$.data.aggregate($1 + $2, 0, $ * 2)', [1, 2]], ['$.data.aggregate()', [1, 2]], ['$.data.aggregate(1)', [1, 2]],
  ['$.data.aggregate($1 - $2)', [10, 3, 2]], ['$.data.aggregate($2 + $1)', ['a', 'b']], ['$.data.aggregate($ + $2)', ['a', 'b']],
  ['$.data.aggregate($1 + $2, seed => 5)', [1]], ['$.data.aggregate(selector => $1 + $2)', [1, 2]], ['$.data.where($ > 1).aggregate($1 + $2)', [1]],
  ['$.data.aggregate($1 + $2.first(), 0)', RAGGED], ['$.data.aggregate($1 + $2).first()', [[1], [2]]], ['$.data.aggregate($1.set($2, 1), {})', ['a', 'b']],
  // a dict's set()
  ['$.data.set(b, 3)', { a: 1, b: 2 }], ['$.data.set(c, 3)', { a: 1, b: 2 }], ['$.data.set({b => 3, c => 4})', { a: 1, b: 2 }], ['$.data.set(b => 3, c => 4)', { a: 1, b: 2 }],
  ['$.data.aggregate($1.set($2.k, $2.v), {})', [{ k: 'x', v: 1 }, { k: 'x', v: 2 }]],
  // groupBy()
  ['$.data.groupBy($.first())', RAGGED], ['$.data.groupBy($[1], $[0])', [['a', 1], ['b', 2], ['c', 1]]], ['$.data.groupBy($ mod 2)', [1, 2, 3, 4]],
  ['$.data.groupBy($.k)', [{ k: 1 }, { k: 1.5 }, { k: true }]], ['$.data.groupBy($)', []], ['$.data.groupBy($.first(), $.single())', [[1], [1, 2]]],
  ['$.data.groupBy($.first(), $.last())', RAGGED], ['$.data.groupBy($.first()).first()', RAGGED], ['$.data.groupBy($.len())', ['ab', 'c', 'de']],
];

/** yaql 2.0.0's answer to each case */
export function labelYaql(cases: Array<[string, unknown]>): Array<{ value?: unknown; error?: string }> {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'heat-hunt26-yaql-direct.py')], { input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 1 << 26 })) as Array<{ value?: unknown; error?: string }>;
}

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) {
    writeFileSync(join(__dirname, 'heat-hunt35-yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  }
  let agree = 0;
  CASES.forEach(([e, d], i) => {
    const m = mine(e, d);
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    console.log(`${m === undefined ? 'NOTE' : 'DIFFER'} ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`${agree}/${CASES.length} agree`);
}
