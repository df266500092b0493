/**
 * Hunt 40: references to names the configuration does not declare, as Terraform refuses them before
 * it evaluates anything (server/src/source/terraform/references.ts): its three rounds (addrs.ParseRef;
 * the static check of resources, data sources, module calls and `self`; the look-up of local values,
 * input variables, count, each, path and terraform attributes, only when the static check found
 * nothing), with its words, "Did you mean" and places; a resource's body read in two passes (the
 * dynamic blocks' for_each, then the body with the content of each dynamic block whose for_each is
 * known and not empty), the first pass's refusals shown with what the body's decoding refuses; a
 * local that reads itself; a local or resource downstream of a refused local not evaluated; the
 * validate walk (variables unknown) before the plan (their defaults).
 * test/fixtures/terraform-hunt40/cases.jsonl holds configurations in the form of
 * scripts/terraform-hunt40-gen.ts (`from`: a hand probe, or a case of the generator's seed 4001 that
 * this round fixed; "(agreed before)": a sample that agreed before and still does); oracle.jsonl,
 * line for line, the real terraform's diagnostics on each (Terraform v1.11.4 `terraform validate`,
 * scripts/terraform-hunt40-label.ts), judged as scripts/terraform-hunt40-compare.ts judges them.
 * typewords.jsonl: a primitive type's name with no step of the traversal, labelled by
 * scripts/terraform-hunt39-oracle (typewords-oracle.jsonl; Terraform 883c7221, where such a name is
 * no reference: v1.11.4 still calls it an "Invalid reference").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { theirs } from '../../scripts/terraform-hunt32-compare';
import { readRow } from '../../scripts/terraform-hunt38-label';
import { ours39 } from '../../scripts/terraform-hunt39-compare';
import { agrees, ours40, theirs40 } from '../../scripts/terraform-hunt40-compare';
import { render, type Case } from '../../scripts/terraform-hunt40-gen';
import type { TfDiag } from '../../scripts/terraform-hunt40-label';
import { terraformSources } from '../../server/src/source/terraform/index';
import { bestGrowth, describeGrowth } from './growth';

const dir = join(__dirname, '..', 'fixtures', 'terraform-hunt40');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
const cases = lines('cases.jsonl').map((l) => JSON.parse(l) as Case & { from: string });
const rows = lines('oracle.jsonl').map((l) => JSON.parse(l) as TfDiag[]);

test('the fixture pairs each case with terraform\'s line', () => {
  assert.equal(cases.length, rows.length);
  assert.ok(cases.length >= 100);
  assert.ok(cases.every((c) => c.from));
  // the fixture is about refusals: most cases have one of the kinds this round reads
  assert.ok(rows.filter((r) => r.some((d) => /undeclared|Invalid reference|non-counted|each/.test(d.summary))).length > cases.length / 2);
});

/**
 * bdm-lab's one deliberate difference: a file that declares no input variable (or no local value)
 * is taken as one file of a module whose variables (locals) another file declares, so its `var.x`
 * (`local.x`) is left unknown where Terraform, given the file alone, refuses it (references.ts)
 */
function splitModuleCase(c: Case, want: string): boolean {
  const { text } = render(c, 'bdm');
  return (want.includes('Reference to undeclared input variable') && !/^\s*variable\s+"/m.test(text))
    || (want.includes('Reference to undeclared local value') && !/^\s*locals\s*\{/m.test(text));
}

cases.forEach((c, i) => {
  for (const owner of c.attach ? ['host', 'attach'] as const : ['host'] as const) {
    test(`hunt40 (terraform v1.11.4 validate; ${c.from}) ${owner}`, () => {
      const want = theirs40(c, rows[i], owner);
      const got = ours40(c, owner);
      if (splitModuleCase(c, want)) return assert.doesNotMatch(got, /Reference to undeclared (input variable|local value)/, `terraform: ${want}`);
      assert.ok(agrees(got, want), `bdm-lab: ${got}\nterraform: ${want}`);
    });
  }
});

test('a file that declares no variable or no local leaves an undeclared one unknown (one file of a split module); one that declares some refuses it', () => {
  const res = (pre: string, expr: string) => `${pre}resource "openstack_compute_instance_v2" "web" {\n  name = "web"\n  flavor_name = "m1.small"\n  block_device {\n    source_type = "blank"\n    destination_type = "volume"\n    volume_size = ${expr}\n  }\n}\n`;
  // labelled by terraform v1.11.4 validate (the file alone is the module): each of these four is refused
  assert.equal(finding(res('variable "size" {\n  default = 1\n}\n', 'var.sise')), 'Reference to undeclared input variable: An input variable with the name "sise" has not been declared. Did you mean "size"?');
  assert.equal(finding(res('locals {\n  size = 1\n}\n', 'local.sise')), 'Reference to undeclared local value: A local value with the name "sise" has not been declared. Did you mean "size"?');
  // bdm-lab's deliberate difference: variables.tf / locals.tf beside this file
  for (const expr of ['var.size', 'local.size']) {
    const d = terraformSources(res('', expr))[0];
    assert.ok(d, expr);
    assert.ok(!d.findings.some((f) => /undeclared/.test(String(f.args?.detail))), `${expr}: ${JSON.stringify(d.findings.map((f) => f.args?.detail))}`);
    assert.ok(d.findings.some((f) => f.code === 'BDM-TF-UNKNOWN' || f.code === 'BDM-TF-UNRESOLVED'), `${expr} is named as a value bdm-lab does not know: ${JSON.stringify(d.findings.map((f) => f.code))}`);
  }
});

const typeWords = lines('typewords.jsonl').map((l) => JSON.parse(l) as { expr: string; from: string });
const typeRows = lines('typewords-oracle.jsonl');
typeWords.forEach((c, i) => {
  test(`hunt40 type word (terraform-hunt39-oracle; ${c.from}) ${c.expr}`, () => {
    assert.equal(ours39({ expr: c.expr }), theirs(readRow(typeRows[i]))[0]);
  });
});

/** the instance's finding in a configuration with `n` locals, each reading the one before, and a block_device reading the last */
function chain(n: number, last: string): string {
  const locals = Array.from({ length: n }, (_, i) => `  l${i} = ${i === 0 ? last : `local.l${i - 1}`}\n`).join('');
  return `locals {\n${locals}}\nresource "openstack_compute_instance_v2" "web" {\n  name = "web"\n  flavor_name = "m1.small"\n  block_device {\n    source_type = "blank"\n    destination_type = "volume"\n    volume_size = local.l${n - 1}\n  }\n}\n`;
}
const finding = (text: string) => String(terraformSources(text)[0]?.findings[0]?.args?.detail);

test('a chain of locals downstream of a refused one: each is looked at once, 400 vs 800 locals', { timeout: 180_000 }, () => {
  assert.equal(finding(chain(3, 'local.nope')), 'Reference to undeclared local value: A local value with the name "nope" has not been declared.');
  const g = bestGrowth((n) => chain(n, 'local.nope'), finding, 400, 3);
  // every local is evaluated (each reads the one before: its value is cached); the walk downstream is linear
  assert.ok(g.ratio < 3, `${describeGrowth('refused chain of locals', 400, g)} (linear ~2, quadratic ~4)`);
});

test('many references in one block_device: the three rounds are linear, 5 000 vs 10 000 references', { timeout: 180_000 }, () => {
  const make = (n: number) => `variable "b" {}\nresource "openstack_compute_instance_v2" "web" {\n  name = "web"\n  flavor_name = "m1.small"\n  block_device {\n    source_type = "blank"\n    destination_type = "volume"\n    volume_size = length([${'var.a, '.repeat(n)}local.b])\n  }\n}\n`;
  assert.match(finding(make(3)) ?? '', /^Reference to undeclared input variable: An input variable with the name "a" has not been declared\./);
  const g = bestGrowth(make, finding, 5_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('reference rounds', 5_000, g)} (linear ~2, quadratic ~4)`);
});
