/**
 * Hunt 44: yaql dicts keyed by numbers, booleans and null (and looked up by them), compared with
 * yaql 2.0.0 as Heat 19 runs it (scripts/heat-hunt26-yaql-direct.py, through
 * scripts/heat-hunt35-yaql.ts's labelYaql). yaql makes such a dict (keys equal as Python compares
 * them, 1, 1.0 and true, are one: the first key, the last value); Heat's output keeps the keys.
 * The Python labeller tags a dict with a key that is no str by its repr (`dict-keys`), which
 * mine44 writes likewise for scalar values.
 *
 *     node --import tsx scripts/heat-hunt44-yaql.ts [--label]
 *
 * (`--label` writes test/fixtures/heat-hunt44/yaql-labels.json, which test/unit/heat-hunt44.test.ts reads)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mine, same, toYaql } from './heat-hunt26-yaql-direct';
import { labelYaql } from './heat-hunt35-yaql';
import { dictPairs, evaluateYaql, floatRepr, NotEvaluated, PyFloat, YDict, type YV } from '../server/src/source/heat/yaql';

export const CASES: Array<[string, unknown]> = [
  ['dict([[1, a], [2, b]])', null], ['dict([[true, a]])', null], ['dict([[null, a]])', null], ['dict([[1.5, a]])', null], ['dict([[2.0, a]])', null],
  ['dict([[1, a], [b, c]])', null], ['dict([[1, a], [true, b], [1.0, c]])', null], ['dict([[true, a], [1, b]])', null], ['dict([[-1, a], [0, b]])', null],
  ['$.data.toDict($, str($))', [1, 2]], ['$.data.toDict($, $)', [true, null]], ['$.data.toDict($ * 2, $)', [1, 2, 1]], ['range(3).toDict($, $ + 1)', null],
  // read: length, get(), an index, keys(), values(), containsKey(), bool()
  ['len(dict([[1, a], [true, b]]))', null], ['dict([[1, a]]).get(1)', null], ['dict([[1, a]]).get(1.0)', null], ['dict([[1, a]]).get(true)', null],
  ['dict([[1, a]]).get(2)', null], ['dict([[1, a]]).get(2, x)', null], ['dict([[1, a]]).get("1", x)', null], ['dict([[a, 1]]).get(1, x)', null],
  ['dict([[null, a]]).get(null)', null], ['dict([[1, a]])[1]', null], ['dict([[1, a]])[2, x]', null], ['dict([[a, b]])[1, x]', null],
  ['dict([[1, a], [2, b]]).keys().sum()', null], ['str(dict([[null, a]]).keys().first())', null], ['dict([[1, a], [2, b]]).values().join("")', null],
  ['dict([[1, a]]).containsKey(1)', null], ['dict([[1, a]]).containsKey("1")', null], ['dict([[a, b]]).containsKey(1)', null], ['bool(dict([[0, a]]))', null],
  ['let(d => range(5).toDict($, $)) -> $d.keys().where($d.get($) >= 0).len()', null], ['dict([[1, a]]).items().select($[0]).first()', null],
  // text keys: unchanged
  ["dict([['a', 1], ['b', 2]])", null], ['$.data.toDict($, 1)', ['a', 'b']],
];

/** Python's repr of a scalar (a str of printable ASCII) */
const reprScalar = (v: YV): string => {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (v instanceof PyFloat) return floatRepr(v.v);
  if (typeof v === 'string' && /^[\x20-\x7e]*$/.test(v) && !v.includes("'") && !v.includes('\\')) return `'${v}'`;
  throw new NotEvaluated('a repr mine44 does not write');
};

/** mine(), with a dict of scalar keys and values that are not all str tagged by its repr, as the labeller tags it */
export function mine44(expression: string, data: unknown): { value: unknown } | { error: string } | undefined {
  try {
    const v = evaluateYaql(expression, toYaql(data));
    if (v instanceof YDict) {
      const pairs = dictPairs(v);
      if (pairs.some(([k]) => typeof k !== 'string')) return { value: { 'dict-keys': `{${pairs.map(([k, x]) => `${reprScalar(k)}: ${reprScalar(x)}`).join(', ')}}` } };
    }
  } catch (e) {
    if (!(e instanceof NotEvaluated)) return mine(expression, data);
    return undefined;
  }
  return mine(expression, data);
}

if (require.main === module) {
  const heat = labelYaql(CASES);
  if (process.argv.includes('--label')) writeFileSync(join(__dirname, '..', 'test', 'fixtures', 'heat-hunt44', 'yaql-labels.json'), `[\n${CASES.map(([e, d], i) => JSON.stringify([e, d, heat[i]])).join(',\n')}\n]\n`);
  let agree = 0;
  CASES.forEach(([e, d], i) => {
    const m = mine44(e, d);
    if (m !== undefined && same(m, heat[i])) { agree++; return; }
    console.log(`${m === undefined ? 'NOTE' : 'DIFFER'} ${e} ${JSON.stringify(d)}: bdm-lab ${JSON.stringify(m)} yaql ${JSON.stringify(heat[i])}`);
  });
  console.log(`${agree}/${CASES.length} agree`);
}
