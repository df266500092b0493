/**
 * Heat's `yaql` function (server/src/source/heat/yaql.ts): expressions evaluated as yaql 2.0.0
 * does with Heat 19's limits, or left to a note, never a value Heat does not give.
 *
 * Labels: yaql 2.0.0 itself for the expressions (scripts/heat-hunt26-yaql-labels.json, written by
 * `node --import tsx scripts/heat-hunt26-yaql-direct.ts 26 400 --label scripts/heat-hunt26-yaql-labels.json`),
 * Heat 19.0.0 for whole templates (scripts/heat-hunt26-templates.json, written by
 * scripts/heat-hunt26-templates.ts: Stack.validate, then the body the heat-oracle's create sends).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { evaluateYaql, NotEvaluated, YDict, YList } from '../../server/src/source/heat/yaql';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { serverResources } from '../fixtures/heat/templates';
import { yaqlCases } from '../../scripts/heat-hunt26-yaql-cases';
import { mine, same } from '../../scripts/heat-hunt26-yaql-direct';
import { bestGrowth, describeGrowth } from './growth';

const SCRIPTS = join(__dirname, '..', '..', 'scripts');
const WATCHDOG = { timeout: 60_000 };

const LABELS = JSON.parse(readFileSync(join(SCRIPTS, 'heat-hunt26-yaql-labels.json'), 'utf8')) as { seed: number; count: number; cases: Array<[string, { value?: unknown; error?: string }]> };

test('yaql 2.0.0 (Heat\'s limits) on 636 expressions: bdm-lab gives its value or its failure, or a note; never another answer', () => {
  const cases = yaqlCases(LABELS.count, LABELS.seed);
  assert.equal(cases.length, LABELS.cases.length);
  let agree = 0;
  cases.forEach(([e, data], i) => {
    const [expression, heat] = LABELS.cases[i];
    assert.equal(e, expression, 'the cases and the labels are of one seed');
    const m = mine(e, data);
    if (m === undefined) return;
    assert.ok(same(m, heat), `${e}: bdm-lab ${JSON.stringify(m)}, yaql ${JSON.stringify(heat)}`);
    agree++;
  });
  // (the count the labels were written with: fewer is a regression to notes)
  assert.ok(agree >= 498, `${agree} of ${cases.length} agree`);
});

test('the block device lists operators build with yaql are evaluated', () => {
  const realistic = LABELS.cases.slice(0, 12);
  const cases = yaqlCases(0, LABELS.seed).slice(0, 12);
  cases.forEach(([e, data], i) => {
    if (!('value' in realistic[i][1])) return;
    const m = mine(e, data);
    assert.ok(m !== undefined, `${e}: not evaluated`);
    assert.ok(same(m, realistic[i][1]), e);
  });
});

const TEMPLATES = JSON.parse(readFileSync(join(SCRIPTS, 'heat-hunt26-templates.json'), 'utf8')) as Array<HeatCase & { heat: HeatOracle }>;

for (const c of TEMPLATES) {
  test(`hunt 26: ${c.id} as Heat 19.0.0 answers it`, () => {
    const { diffs } = compareWithOracle(c, c.heat);
    if (!diffs.length) return;
    // what bdm-lab does not evaluate: Heat refuses the stack where bdm-lab sends with a note
    const t = heatSources(c.template, { params: c.params })[0].translation;
    assert.notEqual(c.heat.stack_validate, 'ok', diffs.join('\n'));
    assert.equal(t.error, null, diffs.join('\n'));
    assert.ok(t.notes.some((n) => /`yaql` is not evaluated by bdm-lab/.test(n.message)), diffs.join('\n'));
  });
}

test('hunt 26: at most the 4 templates whose yaql failure bdm-lab cannot be sure of are notes', () => {
  const notes = TEMPLATES.filter((c) => compareWithOracle(c, c.heat).diffs.length);
  assert.ok(notes.length <= 4, notes.map((c) => c.id).join(', '));
});

test('a yaql block device list from a comma_delimited_list parameter is the list Heat sends', () => {
  const t = heatSources(`heat_template_version: 2016-10-14
parameters:
  vols: {type: comma_delimited_list, default: 'v1,v2'}
${serverResources(`      block_device_mapping_v2:
        yaql:
          expression: $.data.vols.select({volume_id => $, boot_index => -1})
          data: {vols: {get_param: vols}}
`)}`)[0].translation;
  assert.equal(t.error, null);
  const bdms = (t.body?.server.block_device_mapping_v2 as Array<Record<string, unknown>>).filter((b) => b.source_type === 'volume');
  assert.deepEqual(bdms.map((b) => [b.uuid, b.boot_index]), [['v1', -1], ['v2', -1]]);
  assert.ok(!t.notes.some((n) => /yaql/.test(n.message)), JSON.stringify(t.notes));
});

test('a yaql failure Heat surely meets is its property error, in yaql\'s words', () => {
  const t = heatSources(`heat_template_version: 2018-08-31
${serverResources("      block_device_mapping_v2: {yaql: {expression: '$.data.vols.select({volume_id => $, boot_index => $.data.n})', data: {vols: [a]}}}\n")}`)[0].translation;
  assert.equal(t.error?.message, 'Property error: resources.srv.properties.block_device_mapping_v2: Unknown function "#property#data"');
});

test('yaql before 2016-10-14 is no function (a map), and an expression of 8 M steps (Heat takes minutes) is a note', () => {
  const tmpl = (v: string, e: string) => `heat_template_version: ${v}\n${serverResources(`      metadata: {yaql: {expression: ${JSON.stringify(e)}}}\n`)}`;
  // (the heat-oracle's metadata for both: a map's value as JSON; '3')
  assert.deepEqual(heatSources(tmpl('2016-04-08', '1'))[0].translation.body?.server.metadata, { yaql: '{"expression": "1"}' });
  assert.deepEqual(heatSources(tmpl('2016-10-14', "{a => str(1 + 2)}"))[0].translation.body?.server.metadata, { a: '3' });
  const t = heatSources(tmpl('2016-10-14', 'range(200).select(range(200).select(range(200).select($)))'))[0].translation;
  assert.ok(t.notes.some((n) => /`yaql` is not evaluated by bdm-lab: an evaluation past/.test(n.message)), JSON.stringify(t.notes));
});

function notEvaluated(expression: string, data: unknown = {}): string {
  try {
    evaluateYaql(expression, toYaqlData(data));
  } catch (e) {
    if (e instanceof NotEvaluated) return e.message;
    throw e;
  }
  return assert.fail(`${expression} was evaluated`);
}
const toYaqlData = (d: unknown): YDict | YList | null => (Array.isArray(d) ? new YList(d.map((x) => x as never), 'tuple') : d && typeof d === 'object' ? new YDict(new Map(Object.entries(d) as never)) : null);

test('hostile yaql ends within its budgets: nested loops, deep nesting, long chains', WATCHDOG, () => {
  assert.match(notEvaluated('range(200).select(range(200).select(range(200).select($ + 1)))'), /budget/);
  assert.match(notEvaluated(`${'('.repeat(4000)}1${')'.repeat(4000)}`), /nested too deep/);
  assert.match(notEvaluated(`${'-'.repeat(5000)}1`), /nested too deep/);
  assert.match(notEvaluated(`${'[1] + '.repeat(3000)}[1]`), /deep|long|past/);
  assert.match(notEvaluated('range(100).select("x" * 8000)'), /memory quota|budget/);
  assert.match(notEvaluated('range(300)'), /limit_iterators/);
});

test('a long yaql chain grows linearly: 200 vs 400 terms', WATCHDOG, () => {
  const make = (n: number) => Array.from({ length: n }, (_, i) => `[${i}]`).join(' + ').replace(/^/, 'len(').concat(')');
  const g = bestGrowth(make, (e) => { try { evaluateYaql(e, null); } catch (x) { if (!(x instanceof NotEvaluated)) throw x; } }, 100, 3, 3, 3);
  assert.ok(g.ratio < 3, describeGrowth('yaql chain', 100, g));
});

test('comparing big yaql data grows linearly: 2 000 vs 4 000 items compared', WATCHDOG, () => {
  const make = (n: number) => new YDict(new Map([['a', new YList(Array.from({ length: 5 }, () => new YList(Array.from({ length: n / 5 }, (_, i) => i), 'tuple')), 'tuple')]]));
  const g = bestGrowth(make, (d) => { try { evaluateYaql('$.data.a = $.data.a', d); } catch (x) { if (!(x instanceof NotEvaluated)) throw x; } }, 2000, 3, 3, 3);
  assert.ok(g.ratio < 3, describeGrowth('yaql =', 2000, g));
});
