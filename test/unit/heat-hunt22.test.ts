/**
 * Hunt 22 (scripts/heat-hunt22-gen.ts, scripts/heat-hunt22-difftest.ts): what Heat 19.0.0 does with
 * a template's meaning, labelled by Heat's own code (test/fixtures/heat-hunt22/oracle.json: the
 * heat-oracle, Heat's checks before any resource and its Stack.validate, as heat.test.ts labels;
 * `node --import tsx test/unit/heat-hunt22.test.ts --label` rewrites it):
 * - a deletion policy written as a function (get_param of each type, a path into a json parameter,
 *   if, list_join, str_replace): Heat resolves it when it reads the definition, before any
 *   resource is validated, and refuses a value that is no policy ("Invalid deletion policy",
 *   or Python's "unhashable type" for a list or a map);
 * - a circular dependency (a resource that refers to itself by get_resource, get_attr or
 *   depends_on; two that refer to each other): Stack.validate refuses the stack before it validates
 *   any resource, naming what is left of its dependency graph;
 * - `default: null` (or an empty `default:`): no default at all for Heat, whose stack then needs a
 *   value ("The Parameter (p) was not provided." when none is given), never a value "null"/"None";
 * - list_concat, list_concat_unique, filter and map_replace in block devices: their results, and
 *   their refusals in Heat's words (filter's second refusal is Python's: "format requires a mapping");
 *   repeat's refusal of a for_each value that is no list ("lists" before 2016-10-14, "lists or maps" after);
 * - a number parameter's value as Heat holds it: a float where it is written or given as one (`5.0`,
 *   '1e1': "Value must be a string; got 5.0"), a YAML bool as it is (Python's bool is a number);
 * - a block device that is a function bdm-lab did not evaluate (yaql): no refusal, a note (since hunt 26, the entry Heat sends);
 * - a function of a later version (list_concat_unique in 2016-10-14, filter and map_replace in
 *   2016-04-08) is a map's key there: no level of its own in the path of a refusal inside it;
 * - `Invalid condition "..."` of data holding a parameter without default: Heat's words show the value
 *   (the heat-oracle's placeholder, which bdm-lab uses too), never bdm-lab's own marker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { compareWithOracle, stripType, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { labelHeatCases } from '../fixtures/heat/label';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'heat-hunt22');
const CASES = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as HeatCase[];
const ORACLE_FILE = join(DIR, 'oracle.json');
if (process.argv.includes('--label')) writeFileSync(ORACLE_FILE, JSON.stringify(labelHeatCases(CASES, { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 }), null, 1) + '\n');
const ORACLE = JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, HeatOracle>;

test('every hunt-22 case is labelled by Heat', () => {
  for (const c of CASES) assert.ok(ORACLE[c.id], `${c.id}: no label; run with --label`);
  assert.ok(CASES.filter((c) => c.id.startsWith('deletion-policy-')).length >= 10);
  assert.ok(CASES.filter((c) => c.id.startsWith('circular-')).length >= 5);
});

// the deletion policies and the circular dependencies: bdm-lab answers as Heat does (Stack.validate's words)
for (const c of CASES.filter((x) => !x.id.startsWith('null-default-') && !x.id.startsWith('unevaluated-'))) {
  test(`Heat 19.0.0 on ${c.id}: ${ORACLE[c.id]?.stack_validate ?? ''}`, () => {
    const o = ORACLE[c.id];
    assert.deepEqual(compareWithOracle(c, o).diffs, []);
    const words = heatSources(c.template, { params: c.params }).map((d) => d.translation.error?.message ?? 'sent');
    // the refusals this hunt found, in Heat's words (its other answers are compared above)
    if (/Invalid deletion policy|unhashable type|Circular Dependency Found|Invalid condition|not supported in this version|Referenced Attribute/.test(o.stack_validate ?? '')) {
      assert.ok((o.stack_validate_any ?? [o.stack_validate!]).map(stripType).includes(words[0]), `${words[0]} is not Heat's ${o.stack_validate}`);
    }
  });
}

// `default: null`: the heat-oracle fills only parameters without a `default` key, so Heat asks for
// the value (its label); bdm-lab reads the template as the same one without the `default` line (a
// stand-in, as the heat-oracle fills it, named in a note), never a value "null" or "None"
for (const c of CASES.filter((x) => x.id.startsWith('null-default-'))) {
  test(`Heat 19.0.0 on ${c.id}: a null default is no default`, () => {
    const o = ORACLE[c.id];
    const docs = heatSources(c.template, { params: c.params });
    assert.equal(docs.length, 1);
    const t = docs[0].translation;
    if (c.params) {
      // a given value: Heat uses it, and sends what bdm-lab sends
      assert.equal(o.stack_validate, 'ok');
      assert.deepEqual(compareWithOracle(c, o).diffs, []);
      return;
    }
    assert.equal(stripType(o.stack_validate!), 'The Parameter (p) was not provided.');
    const text = c.template.replace(/\n {4}default:( null)?\n/, '\n');
    assert.notEqual(text, c.template);
    const without = heatSources(text)[0].translation;
    assert.deepEqual({ error: t.error?.message, body: t.body, notes: t.notes.map((n) => n.message) }, { error: without.error?.message, body: without.body, notes: without.notes.map((n) => n.message) });
    assert.ok(t.notes.some((n) => /'p' has no default/.test(n.message)), JSON.stringify(t.notes.map((n) => n.message)));
  });
}

// a block device that is a yaql function: bdm-lab evaluated none before (a note, and no refusal
// for it); since hunt 26 (test/unit/heat-yaql.test.ts) it evaluates this one as Heat does
for (const c of CASES.filter((x) => x.id.startsWith('unevaluated-'))) {
  test(`Heat 19.0.0 on ${c.id}: the entry is the one Heat sends`, () => {
    const o = ORACLE[c.id];
    assert.equal(o.stack_validate, 'ok');
    assert.equal(o.servers.srv0.stage, 'sent');
    assert.deepEqual(compareWithOracle(c, o).diffs, []);
  });
}
