/**
 * Hostile documents found by the fuzzer's grammar-aware mutations of hunt 23 (scripts/fuzz-lib.ts,
 * `npm run fuzz:domain`, seeds 230601-): each is read without an exception, a hang or a place
 * outside its text. Never an absolute time: ratios (test/unit/growth.ts) and watchdogs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { render } from '../../server/src/source/ansible/template';
import { growthRatio, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const HEAT = 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n';
const yaml = (t: string) => analyzeDocument(t, 'yaml', defaultContext());

function inText(t: string, a: ReturnType<typeof yaml>): void {
  for (const d of a.diagnostics) for (const s of [d.span, ...d.related.map((r) => r.span)]) assert.ok(s.offset >= 0 && s.length >= 0 && s.offset + s.length <= t.length, `${d.code} ${JSON.stringify(s)} outside ${t.length}`);
}

// A dict as a key, nested past PyYAML's recursion limit (no verdict of Heat's, so the yaml
// package's reading goes on): its key was written out by the yaml package, whose text of a nested
// collection grows fourfold per level: 1 300 characters took seconds, a gigabyte, and ended in
// "Invalid string length" (fuzz seed 230601, flow-deep)
test('heat: a dict key nested 300 deep ({{{…-…}}}, 1 300 characters) is read without writing the key out', WATCHDOG, () => {
  for (const depth of [251, 300, 600]) {
    const t = `${HEAT}      name: ${'{'.repeat(depth)}-${'}'.repeat(depth)}\n`;
    const a = yaml(t);
    inText(t, a);
    assert.ok(!a.diagnostics.some((d) => /Invalid string length|call stack/i.test(d.message)), `${depth}: ${a.diagnostics.map((d) => d.message.split('\n')[0]).join(' | ')}`);
  }
  // below the limit Heat's own refusal stays
  const t = `${HEAT}      name: ${'{'.repeat(20)}-${'}'.repeat(20)}\n`;
  assert.match(yaml(t).diagnostics[0]?.message ?? '', /found unhashable key/);
});

test('heat: a list key nested past the limit ([[…]]: as a key) is read without writing the key out', WATCHDOG, () => {
  const t = `${HEAT}      metadata: {${'['.repeat(300)}a${']'.repeat(300)}: b, ${'{'.repeat(300)}${'}'.repeat(300)}: c}\n`;
  const a = yaml(t);
  inText(t, a);
  assert.ok(!a.diagnostics.some((d) => /Invalid string length/.test(d.message)));
});

// Python's re backtracks through every way a run of alternations matches: `(a|a){20}x` over 30
// a's runs 2^20 paths per start (2 s; {25}: a minute), `(a|a)(a|a)…x` the same. The pattern's
// effort bound (pyextra.ts translate) multiplies the branches of the groups, and a count above 1
// of a group that alternates or repeats is not read (left unresolved with its reason).
test('ansible: a run of alternating groups ((a|a){k}x, (a|a)(a|a)…x) is refused, not run through 2^k paths', WATCHDOG, () => {
  const t = (k: number) => `{{ ('a' * 30) | regex_search('(a|a){${k}}x') }}`;
  const run = (s: string) => { try { render(s, [new Map()] as never); } catch { /* refused */ } };
  // growthRatio builds sizes n and 2n: here k 14 and 17, three more groups, eight times the paths when they are all run
  const g = growthRatio((n) => t(n === 14 ? 14 : 17), run, 14, 3);
  assert.ok(g.ratio < 3, describeGrowth('(a|a){k}x, k 14 vs 17', 14, g));
  for (const s of [t(25), `{{ ('a' * 26) | regex_search('${'(a|a)'.repeat(22)}x') }}`]) {
    let why = '';
    try { render(s, [new Map()] as never); } catch (e) { why = String((e as Error).message ?? e); }
    const r = why ? null : render(s, [new Map()] as never);
    assert.ok(why !== '' || (r !== null && typeof r === 'object' && 'unresolved' in (r as object)), `${s}: answered ${JSON.stringify(r)}`);
  }
});

// `name in PSEUDO` was true for Object.prototype's names: get_param of `__proto__` called
// Object.prototype as a function (TypeError: PSEUDO[name] is not a function), of `toString` took
// "[object Object]" as a pseudo parameter's stand-in
test('heat: get_param and Ref of __proto__, constructor, toString are unknown parameters, not pseudo parameters', () => {
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    for (const f of [`{get_param: ${name}}`, `{Ref: ${name}}`, `{get_param: [${name}, x]}`]) {
      const t = `${HEAT}      networks: [{network: net}]\n      name: ${f}\n`;
      const a = yaml(t);
      inText(t, a);
      assert.ok(!a.diagnostics.some((d) => /known only when the stack is created|\[object Object\]/.test(d.message)), `${f}: ${a.diagnostics.map((d) => d.message.split('\n')[0]).join(' | ')}`);
    }
  }
  // the pseudo parameters themselves still are
  const a = yaml(`${HEAT}      networks: [{network: net}]\n      name: {get_param: OS::stack_name}\n`);
  assert.equal((a.requests?.[0]?.body as { server?: { name?: string } })?.server?.name, 'oracle');
});
