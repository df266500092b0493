/**
 * Hunt 26: yaql expressions for the comparison with yaql 2.0.0 as Heat 19 runs it
 * (scripts/heat-hunt26-yaql-direct.py): hand-picked forms first (block device lists built from a
 * parameter, the operators' types, method-only and function-only forms, lazy results, Heat's
 * limits), then seeded random compositions of the same pieces (xorshift: the same seed, the same
 * cases). Used by scripts/heat-hunt26-yaql-direct.ts and test/unit/heat-yaql.test.ts.
 */
import { rng } from './xorshift-rng';
export type YaqlCase = [expression: string, data: unknown];

const VOLS = { vols: ['v1', 'v2', 'v3'], n: 3, names: ['vdb', 'vdc'], d: { a: 1, b: 'x' }, f: 1.5, s: 'a,b, c', e: [], z: null, t: true, big: Array.from({ length: 201 }, (_, i) => i) };

export const EDGES: YaqlCase[] = [
  ['$.data.vols.select({uuid => $, source_type => volume, destination_type => volume, boot_index => -1})', VOLS],
  ['$.data.vols.select({uuid => $, source_type => volume, boot_index => $.len()})', VOLS],
  ['range(0, $.data.n).select({device_name => concat(vd, $)})', VOLS],
  ["range($.data.n).select(format('vd{0}', $))", VOLS],
  ['$.data.vols.where($ != v2)', VOLS], ['$.data.vols.len()', VOLS], ['len($.data.vols)', VOLS], ['$.data.vols.count()', VOLS],
  ['$.data.vols.first()', VOLS], ['$.data.vols.last()', VOLS], ['$.data.e.first()', VOLS], ['$.data.e.first(0)', VOLS], ['$.data.e.last(null)', VOLS],
  ['$.data.vols[0]', VOLS], ['$.data.vols[-1]', VOLS], ['$.data.vols[5]', VOLS], ['$.data.d[a]', VOLS], ['$.data.d[c, 7]', VOLS], ['$.data.d.get(c)', VOLS],
  ['$.data.d.keys()', VOLS], ['$.data.d.keys().select($)', VOLS], ['$.data.d.values()', VOLS], ['$.data.d.keys().len()', VOLS], ['$.data.d.values().len()', VOLS],
  ['$.data.missing', VOLS], ['$.data.d.a', VOLS], ['$.data?.d?.a', VOLS], ['$.data.z?.a', VOLS], ['$.data.vols.select($).len()', VOLS],
  ['$.data.vols.select($)[0]', VOLS], ['$.data.vols.select($) = $.data.vols', VOLS], ['$.data.vols = [v1, v2, v3]', VOLS], ["$.data.s.split(',')", VOLS],
  ["$.data.s.split(',') = [a, b, ' c']", VOLS], ['$.data.s.split()', VOLS], ["$.data.s.split(',').select($.trim())", VOLS], ["$.data.s.replace(',', ';')", VOLS],
  ["$.data.s.replace('', '-')", VOLS], ['$.data.vols.join(",")', VOLS], ['",".join($.data.vols)', VOLS], ['join($.data.vols, ",")', VOLS], ['[1, 2.5, null, true].join("-")', VOLS],
  ['[1, [2]].join("-")', VOLS], ['$.data.names.select($.toUpper())', VOLS], ['toUpper(a)', VOLS], ['$.data.f * 2', VOLS], ['$.data.n / 2', VOLS], ['$.data.n / 2.0', VOLS],
  ['-7 / 2', VOLS], ['-7 mod 3', VOLS], ['7 mod -3', VOLS], ['7.5 mod -2', VOLS], ['1 / 0', VOLS], ['2 * 3 + 4', VOLS], ['2 * (3 + 4)', VOLS], ['- 2 * 3', VOLS],
  ['1 + 2.0', VOLS], ['0.1 + 0.2', VOLS], ['1e3', VOLS], ['10 * 1000000000000000', VOLS], ['3 * 1000000000000000.0', VOLS], ['true + 1', VOLS], ['a + b', VOLS], ['a + 1', VOLS],
  ['[1] + [2]', VOLS], ['[1] + [2].select($)', VOLS], ['{a => 1} + {b => 2, a => 3}', VOLS], ['[1, 2] * 2', VOLS], ['2 * ab', VOLS], ['ab * -1', VOLS],
  ['1 = 1.0', VOLS], ['true = 1', VOLS], ['null = false', VOLS], ['[1, 2] = [1, 2]', VOLS], ['{a => 1} = {a => 1.0}', VOLS], ['a < b', VOLS], ['B < a', VOLS], ['1 < a', VOLS],
  ['null < 1', VOLS], ['1 < null', VOLS], ['null < null', VOLS], ['null > null', VOLS], ['null <= null', VOLS], ['1 < 2 < 3', VOLS], ['true < 2', VOLS], ['2 in [1, 2]', VOLS],
  ['2.0 in [1, 2]', VOLS], ['a in abc', VOLS], ['1 in abc', VOLS], ['a in {a => 1}', VOLS], ['not 1', VOLS], ['not []', VOLS], ['1 and 0', VOLS], ['0 or null', VOLS],
  ['null or [] or b', VOLS], ['not true and false', VOLS], ['$.data.vols.select($).where($ = v1) and 1', VOLS], ['[1, 2, 3].sum()', VOLS], ['[a, b].sum()', VOLS], ['[[1], [2]].sum()', VOLS],
  ['[].sum()', VOLS], ['[].sum(0)', VOLS], ['[1, 2.5].max()', VOLS], ['[b, a].min()', VOLS], ['max(1, 2)', VOLS], ['min(a, b)', VOLS], ['max([1, 2])', VOLS], ['[1, null].max()', VOLS],
  ['[3, 1, 2].orderBy($)', VOLS], ['[3, 1, 2].orderByDescending($)', VOLS], ['[b, A, a].orderBy($)', VOLS], ['[{k => 2}, {k => 1}].orderBy($.k)', VOLS], ['[1, a].orderBy($)', VOLS],
  ['[1, null, 0].orderBy($)', VOLS], ['[1, 1.0, true, 2].distinct()', VOLS], ['[{a => 1}, {a => 1}].distinct()', VOLS], ['[[1], [1]].distinct()', VOLS], ['$.data.s.split(",").distinct()', VOLS],
  ['[[1, 2], [3]].selectMany($)', VOLS], ['[1, [2]].selectMany($)', VOLS], ['[[1, [2]], 3].flatten()', VOLS], ['list(1, 2)', VOLS], ['list([1, 2])', VOLS], ['list([1, 2].select($))', VOLS],
  ['list()', VOLS], ['[1, 2].toList()', VOLS], ['dict(a => 1, b => 2)', VOLS], ['dict([[a, 1], [b, 2, 3]])', VOLS], ['dict([[a]])', VOLS], ['dict()', VOLS], ['{}', VOLS], ['[]', VOLS],
  ['{a => 1, a => 2}', VOLS], ['{1 => a}', VOLS], ['{$.data.vols[0] => 1}', VOLS], ['concat(a, b, c)', VOLS], ['concat([1], [2])', VOLS], ['[1].concat([2])', VOLS], ['a.concat(b)', VOLS],
  ['concat(a, [1])', VOLS], ["format('{0}-{1}', 1, 2.0)", VOLS], ["'{}:{}'.format(a, true)", VOLS], ["format('{x}{0}', 1, x => null)", VOLS], ["format('{0}{}', 1, 2)", VOLS], ["format('{0:>3}', 1)", VOLS],
  ["format('{{{0}}}', 1)", VOLS], ['str(1.0)', VOLS], ['str(10000000000000000.0)', VOLS], ['str(0.00001)', VOLS], ['str(null)', VOLS], ['str(true)', VOLS], ['int("12")', VOLS], ['int(" -3 ")', VOLS],
  ['int(2.7)', VOLS], ['int(null)', VOLS], ['int(true)', VOLS], ['int("1.5")', VOLS], ['bool([])', VOLS], ['range(3)', VOLS], ['range(1, 10, 3)', VOLS], ['range(5, 0, -2)', VOLS], ['range(0)', VOLS],
  ['range(3).len()', VOLS], ['$.data.big.len()', VOLS], ['$.data.big.select($)', VOLS], ['$.data.big', VOLS], ['range(300)', VOLS], ['range(300).where($ > 298)', VOLS],
  ['range(10).skip(8)', VOLS], ['range(10).limit(2)', VOLS], ['range(10).take(2)', VOLS], ['[1, 2].any()', VOLS], ['[].any()', VOLS], ['[1, 0].all()', VOLS], ['any([0], $)', VOLS], ['[1, 2].all($ > 0)', VOLS],
  ['[1, 2].contains(2)', VOLS], ['$.data.d.containsKey(a)', VOLS], ['a.startsWith(a, b)', VOLS], ['abc.endsWith(bc)', VOLS], ['" a ".trim()', VOLS], ['"xxaxx".trim(x)', VOLS], ['[1, 2].reverse()', VOLS],
  ['$.data.vols.select($).select($)', VOLS], ['len(abc)', VOLS], ['abc.len()', VOLS], ['len({a => 1})', VOLS], ['$1', VOLS], ['$x', VOLS], ['[1, 2].select($1 + 1)', VOLS], ['$', VOLS],
  ['1.5e3', VOLS], ['1a', VOLS], ['f(', VOLS], ['[1,]', VOLS], ['(1, 2)', VOLS], ['a.b', VOLS], ['-2.abs()', VOLS], ['"a\\tb"', VOLS], ['"a\\db"', VOLS], ["'it''s'", VOLS], ['not(true)', VOLS],
  ['len ([1])', VOLS], ['$.data.vols.select(dict(uuid => $, boot_index => 0))', VOLS], ['$.data.vols.uuid', { vols: [{ uuid: 1 }, { uuid: 2 }] }], ['$.data.vols.uuid', { vols: [{ uuid: 1 }, 'x'] }],
  ['$.data', { volume_id: 'v', boot_index: 1 }], ['$.data.x + 1', { x: 1.5 }], ['$.data.x', { x: 1.0 }], ['$.data.x * 2', { x: 2 ** 52 }], ['$.data.x + 1', { x: 2 ** 53 - 1 }],
  ['$.data.names.select($.toUpper())', { names: ['é'] }], ['$.data.s.len()', { s: '😀é' }], ['$.data.s * 3000', { s: 'ab' }], ['$.data.s * 2000', { s: 'ab' }],
  ['$.data.vols.select({uuid => $, boot_index => $.data.n})', VOLS], ['$.data.vols.select(uuid => $)', VOLS], ['$.data.vols.select(selector => $)', VOLS], ['$.data.vols.where(uuid => $)', VOLS],
  ['$.data.vols.select($).select(uuid => $)', VOLS], ['$.data.vols.select(uuid => $.x)', VOLS], ['$.data.vols.select($ + 1)', VOLS], ['[1, 0].select(1 / $)', VOLS], ['[1, a].select($ + 1)', VOLS],
  ['$.data.vols.select($.x)', VOLS], ['range(3).select(10 / ($ - 1))', VOLS], ['[].select($.x)', VOLS], ['[1, 0].select(1 / $).first()', VOLS], ['[[1], [0]].select($.select(1 / $))', VOLS],
  ['[1, 0].select(len(1 / $))', VOLS], ['[1, 0].select([1 / $])', VOLS], ['[1, 0].select({a => 1 / $})', VOLS], ['$.data.d.select($)', VOLS], ['abc.select($)', VOLS],
  ['[$.data.a, $.data.b].orderBy($)', { a: 'é', b: 'z' }], ['$.data.l.where($.size > 1).select({volume_id => $.id, boot_index => -1})', { l: [{ id: 'a', size: 1 }, { id: 'b', size: 2 }] }],
];

/** the seeded generator (re-exported for the generators that import it from here) */
export { rng };

/** `count` seeded random cases after the edges */
export function yaqlCases(count: number, seed: number): YaqlCase[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const scalars = ['1', '2', '0', '-1', '2.5', '0.0', 'a', "'b c'", '"Vd"', 'true', 'false', 'null', '$.data.n', '$.data.f', '$.data.s', '$.data.z', '$.data.t'];
  const colls = ['$.data.vols', '$.data.names', '$.data.e', '[1, 2, 3]', '[3, 1, 2]', '[a, b]', 'range(4)', 'range(1, 3)', '$.data.d.keys()', '$.data.d.values()', '[1, 2.0, true]', '[null, 1]', "$.data.s.split(',')", '[[1], [2, 3]]', '[{k => 1}, {k => 2}]'];
  const lambdas = ['$', '$ + 1', '$ * 2', 'str($)', '{uuid => $, boot_index => -1}', 'dict(v => $)', '$ = 1', '$ > 1', 'not $', '[$]', 'len(str($))', '$.k', "format('vd{0}', $)", 'concat(x, str($))'];
  const methods = ['select', 'where', 'selectMany', 'orderBy', 'orderByDescending', 'distinct', 'any', 'all'];
  const plain = ['len()', 'count()', 'first()', 'last()', 'sum()', 'max()', 'min()', 'distinct()', 'toList()', 'flatten()', 'reverse()', 'join(",")', 'skip(1)', 'limit(2)', 'contains(1)', 'contains(a)'];
  const ops = ['+', '-', '*', '/', 'mod', '=', '!=', '<', '>', '<=', '>=', 'in', 'and', 'or'];
  const scalar = (d: number): string => {
    const k = r();
    if (d > 2 || k < 0.4) return pick(scalars);
    if (k < 0.6) return `${scalar(d + 1)} ${pick(ops)} ${scalar(d + 1)}`;
    if (k < 0.7) return `${coll(d + 1)}.${pick(['len()', 'first()', 'sum()', 'max()', 'count()', 'last()'])}`;
    if (k < 0.8) return `${pick(['str', 'int', 'len', 'bool'])}(${scalar(d + 1)})`;
    if (k < 0.9) return `${pick(['-', 'not ', '+'])}${scalar(d + 1)}`;
    return `(${scalar(d + 1)})`;
  };
  const coll = (d: number): string => {
    const k = r();
    if (d > 2 || k < 0.35) return pick(colls);
    if (k < 0.7) return `${coll(d + 1)}.${pick(methods)}(${pick(lambdas)})`;
    if (k < 0.85) return `${coll(d + 1)}.${pick(plain)}`;
    if (k < 0.92) return `${coll(d + 1)} + ${coll(d + 1)}`;
    return `list(${coll(d + 1)})`;
  };
  const data = { ...VOLS, big: undefined };
  const out: YaqlCase[] = [...EDGES];
  while (out.length < EDGES.length + count) out.push([r() < 0.5 ? coll(0) : scalar(0), data]);
  return out;
}
