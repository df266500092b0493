/**
 * Heat templates that ask for more than an editor can make (the safety sweep): functions whose
 * result is far larger than the template (a long value put in at many places, a long delimiter
 * between many items, a `repeat` over the product of several lists, many `get_param` calls of a
 * big parameter). Heat itself would try to make them; bdm-lab says it does not evaluate the
 * function (as for a str_replace of too many params, heat-str-replace.test.ts) instead of
 * throwing RangeError, running out of memory or holding the editor. Growth as a ratio in the same
 * run (test/unit/growth.ts), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const rep = (n: number, f: (i: number) => string, sep = '') => Array.from({ length: n }, (_, i) => f(i)).join(sep);

function server(props: string, params = ''): string {
  return `heat_template_version: 2018-08-31\nparameters:\n  p: {type: string, default: x}\n${params}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n${props}`;
}

function said(text: string, words: RegExp): string {
  const a = analyzeDocument(text, 'yaml', defaultContext());
  const d = a.diagnostics.find((x) => words.test(x.message));
  assert.ok(d, a.diagnostics.map((x) => `${x.code}: ${x.message}`).join('\n'));
  return d.message;
}

test('a str_replace that puts a 40 000-character value at 40 000 places (1.6 G characters) is not evaluated, and says so', () => {
  const m = said(server(`      name: {str_replace: {template: "${'k'.repeat(40_000)}", params: {k: "${'v'.repeat(40_000)}"}}}\n`), /str_replace.*too large/);
  assert.match(m, /makes more than 10000000 characters/);
});

test('a list_join of 15 000 items with a 60 000-character delimiter is not evaluated, and says so', () => {
  said(server(`      name: {list_join: ["${'s'.repeat(60_000)}", [${rep(15_000, () => 'a', ',')}]]}\n`), /list_join.*too large/);
});

test('a small list_join and str_replace are still evaluated', () => {
  const a = analyzeDocument(server(`      name: {list_join: ["-", [{str_replace: {template: "kk", params: {k: "ab"}}}, c]]}\n`), 'yaml', defaultContext());
  assert.ok(!a.diagnostics.some((d) => /too large/.test(d.message)));
  assert.equal((a.requests?.[0]?.body as { server?: { name?: string } } | undefined)?.server?.name, 'abab-c');
});

test('a repeat whose one item would be 600 M characters is not evaluated, and says so', () => {
  said(server(`      metadata: {repeat: {for_each: {"%a%": ["${'a'.repeat(20_000)}"]}, template: "${'%a%'.repeat(30_000)}"}}\n`), /repeat.*too large/);
});

test('a repeat over the product of n lists of ten is refused before making it: 3 vs 6 lists (1 000 vs 1 000 000 items)', WATCHDOG, () => {
  const make = (n: number) => server(`      metadata: {repeat: {for_each: {${rep(n, (i) => `"%v${i}%": [${rep(10, (j) => `a${j}`, ',')}]`, ', ')}}, template: x}}\n`);
  said(make(4), /repeat` makes more than 1000 items/);
  const g = bestGrowth(make, (t) => analyzeDocument(t, 'yaml', defaultContext()), 3, 3, 2, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('repeat over n lists', 3, g)} (the product grows 1 000-fold)`);
});

test('many get_param calls of a big json parameter grow linearly: 250 vs 500 calls of 1 000 vs 2 000 values', WATCHDOG, () => {
  const make = (n: number) => server(`      metadata: {${rep(n, (i) => `m${i}: {get_param: big}`, ', ')}}\n`, `  big: {type: json, default: {${rep(n, (i) => `k${i}: [1, 2, 3]`, ', ')}}}\n`);
  const g = bestGrowth(make, (t) => analyzeDocument(t, 'yaml', defaultContext()), 250, 3, 3, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('get_param fan-out', 250, g)} (linear ~2, quadratic ~4)`);
});

test('a few get_param calls of a json parameter still give its value', () => {
  const a = analyzeDocument(server(`      metadata: {a: {get_param: [big, k]}, b: {get_param: [big, k]}}\n`, `  big: {type: json, default: '{"k": "v"}'}\n`), 'yaml', defaultContext());
  assert.ok(!a.diagnostics.some((d) => /too large/.test(d.message)), a.diagnostics.map((d) => d.message).join('\n'));
  assert.deepEqual((a.requests?.[0]?.body as { server?: { metadata?: unknown } } | undefined)?.server?.metadata, { a: 'v', b: 'v' });
});
