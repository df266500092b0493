/**
 * Heat's str_replace on a hostile template: each param scans the whole text (as in Heat), so
 * past MAX_REPLACE_WORK params × characters bdm-lab says it does not evaluate it instead of
 * holding the editor; Heat's own order of replacement is labelled in test/fixtures/heat
 * (str-replace-* cases).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

function template(params: number, chars: number): string {
  const ps = Array.from({ length: params }, (_, i) => `k${i}_: v`).join(', ');
  return `heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: img\n      networks: [{network: net}]\n      name: {str_replace: {template: "${'x'.repeat(chars)}", params: {${ps}}}}\n`;
}

test('a str_replace of 5 000 params on 20 000 characters is not evaluated, and says so', { timeout: 60_000 }, () => {
  const a = analyzeDocument(template(5_000, 20_000), 'yaml', defaultContext());
  const said = a.diagnostics.find((d) => d.message.includes('too large for bdm-lab to evaluate'));
  assert.ok(said, a.diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'));
  assert.match(said.message, /5000 params on 20000 characters/);
});

test('a small str_replace is evaluated as Heat does (the longest param first)', () => {
  const a = analyzeDocument(template(3, 10).replace(`"${'x'.repeat(10)}"`, '"k1_k10_"').replace('k2_: v', 'k10_: w'), 'yaml', defaultContext());
  assert.ok(!a.diagnostics.some((d) => d.message.includes('too large')));
  const body = a.requests?.[0]?.body as { server?: { name?: string } } | undefined;
  assert.equal(body?.server?.name, 'vw');
});
