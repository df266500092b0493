/**
 * Hunt 34b, labelled by Heat 19.0.0's own code (the heat-oracle, Heat's checks before any resource
 * and Stack.validate, through test/fixtures/heat/label.ts), each case's label beside it in
 * scripts/heat-hunt34b-labels.json:
 * - `!!set` in the parameters section: Heat's loader (PyYAML's SafeLoader) makes a Python set,
 *   which the parameters keep: a string parameter's value is str() of it (`{'a'}`, `set()`, small
 *   ints ascending), a number's int() of it fails, a boolean's str() is no boolean word, a json
 *   one fails json.dumps ("Object of type set is not JSON serializable", the first of a set and
 *   bytes it meets naming its type), a comma_delimited_list's split is no attribute of a set; in
 *   the resources section the same tag is a list of its members (as before); `!!omap`/`!!pairs`
 *   items there are tuples, whose str() is `('a', 1)` (json.dumps writes them as lists);
 * - yaql 2.0.0's `let(...) -> expr`: positional arguments are `$1` (so `$`), `$2`, ..., named ones
 *   `$name` (the later of one name wins), evaluated at once (a StopIteration in them is Heat's),
 *   visible in the right side and its lambdas, a `->` chain keeping the earlier ones;
 * - a map or list where a property takes another kind, holding a yaql bdm-lab does not evaluate
 *   (`list_concat`/`make_url` before 2017-09-01 are plain keys): Heat's refusal prints the yaql's
 *   value, so bdm-lab notes it instead of refusing with `None` in its place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';
import { evaluateYaql, NotEvaluated } from '../../server/src/source/heat/yaql';
import { compareWithOracle } from '../fixtures/heat/compare';
import { labelledCases } from './heat-labelled';
import { bestGrowth, describeGrowth } from './growth';

const { cases: CASES, byId, srvOf } = labelledCases('heat-hunt34b-labels.json');
const UNEVALUATED = /^h34b-unev-/;

test('the hunt-34b cases are labelled', () => {
  assert.ok(CASES.length >= 35);
  for (const c of CASES) assert.ok(c.oracle, `${c.id}: no label`);
});

for (const c of CASES.filter((x) => !UNEVALUATED.test(x.id))) {
  test(`Heat 19.0.0 on ${c.id}`, () => {
    const r = compareWithOracle(c, c.oracle);
    assert.ok(!r.undecided);
    assert.deepEqual(r.diffs, []);
  });
}

test('a string parameter whose default is a !!set is str() of the set', () => {
  for (const [id, k] of [['h34b-set-6', "{'a'}"], ['h34b-set-7', '{1, 2}'], ['h34b-set-8', '{1, 3}'], ['h34b-set-9', 'set()'], ['h34b-set-10', '{1.5}'], ['h34b-set-11', "[{'a'}]"]]) {
    const c = byId(id);
    assert.deepEqual((c.oracle.servers.srv.nova_body as { server: { metadata: unknown } }).server.metadata, { k }, id);
    assert.deepEqual(srvOf(c).translation.body?.server.metadata, { k }, id);
  }
});

test('a set of several strings: its order is Python\'s per process, so bdm-lab does not guess it', () => {
  const t = byId('h34b-set-6').template.replace("!!set {a}", '!!set {a, b}');
  const d = heatSources(t, {})[0];
  assert.ok(!d.translation.body || d.translation.error?.stage === 'limit' || d.translation.notes.length > 0, JSON.stringify(d.translation.error));
  assert.doesNotMatch(JSON.stringify(d.translation.body ?? {}), /\{'a', 'b'\}|\{'b', 'a'\}/);
});

test('a json parameter whose default holds a set fails json.dumps', () => {
  for (const id of ['h34b-set-0', 'h34b-set-1', 'h34b-set-2', 'h34b-set-3', 'h34b-set-5']) {
    assert.match(String(byId(id).oracle.stack_validate), /Object of type set is not JSON serializable/, id);
    assert.match(srvOf(byId(id)).translation.error?.message ?? '', /Object of type set is not JSON serializable/, id);
  }
});

test('let(...) -> expr as yaql 2.0.0 evaluates it', () => {
  const ev = (e: string) => evaluateYaql(e, 5);
  assert.equal(ev('let(1, 2) -> $ + $2'), 3);
  assert.equal(ev('let(a => 1) -> let(b => 2) -> $a + $b'), 3);
  assert.equal(ev('let(x => "p", x => "q") -> $x'), 'q');
  assert.equal(ev('let(x => 1) -> $y'), null);
  assert.equal(ev('let(x => $.data) -> [1, 2].select($ + $x).sum()'), 13);
  // a `let` without its `->` is a yaql context in Heat's hands; a name that is no keyword, yaql's own refusal: notes
  assert.throws(() => ev('let(x => 1)'), NotEvaluated);
  assert.throws(() => ev('let("x" => 1) -> $x'), NotEvaluated);
});

test('a yaql bdm-lab does not evaluate inside a map where a string or list goes is a note, not a refusal with None', () => {
  for (const c of CASES.filter((x) => UNEVALUATED.test(x.id))) {
    // Heat refuses, printing the yaql's value
    assert.doesNotMatch(String(c.oracle.stack_validate), /None/, c.id);
    const tr = srvOf(c).translation;
    // (hunt 39: bdm-lab evaluates zip(), these cases' yaql: it then gives Heat's own refusal, with the value)
    if (tr.error) {
      assert.equal(tr.error.message, String(c.oracle.stack_validate).replace(/^[A-Za-z]+: /, ''), c.id);
      continue;
    }
    assert.ok(tr.notes.some((n) => /does not evaluate/.test(n.message) && /yaql/.test(n.message)), c.id);
  }
});

test('a chain of lets is linear in its length', { timeout: 120_000 }, () => {
  // (each `let` sets its names once in one map: no copy of the ones before)
  // (yaql's expressions are at most 10,000 characters here: each run evaluates the chain 20 times)
  const make = (n: number) => `${Array.from({ length: n }, (_, i) => `let(v${i}=>$)`).join('->')}->$v${n - 1}`;
  assert.equal(evaluateYaql(`${make(3)}.data`, 7), 7);
  const g = bestGrowth(make, (e) => { for (let i = 0; i < 20; i++) evaluateYaql(e, 7); }, 350, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('let chains', 350, g)} (linear ~2, quadratic ~4)`);
});
