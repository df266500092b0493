/**
 * Hunt 42: Terraform's graph check, beyond hunt 41's: every cycle is reported (one error each, as
 * Terraform does), and a module call is a node of the graph (its count, for_each and depends_on
 * wait for what they read; every reference to the call waits for its expansion, so a meta-argument
 * that reads the call back is a cycle whatever the module's source holds); a dynamic for_each
 * that reads an undeclared resource or module is evaluated with no variables (try() and can()
 * catch the "Unknown variable"); path.cwd is an absolute path, never a number or a bool.
 * test/fixtures/terraform-hunt42/cases.jsonl holds configurations of scripts/terraform-hunt42-gen.ts
 * (`from`: a case of seed 4201 this round fixed, or "(agreed before)": a sample that agreed before
 * and still does); oracle.jsonl, line for line, the real terraform's diagnostics on each (Terraform
 * v1.11.4 `terraform validate`, scripts/terraform-hunt42-label.ts), judged as
 * scripts/terraform-hunt42-compare.ts judges them, with its two deliberate differences (the
 * split-module rule; a type word alone, which Terraform accepts from v1.15.0). The hand cases below
 * were labelled by the same terraform v1.11.4 `validate` (the file alone the root module, module
 * sources ./empty, a module with nothing in it, and ./child, `variable "x"` with outputs `out =
 * var.x` and `c = 3`; aws_instance standing in for the instance), their words written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TfDiag } from '../../scripts/terraform-hunt40-label';
import { agrees42, deliberate42, ours42, theirs42 } from '../../scripts/terraform-hunt42-compare';
import type { Case42 } from '../../scripts/terraform-hunt42-gen';
import { terraformSources } from '../../server/src/source/terraform/index';
import { bestGrowth, describeGrowth } from './growth';

const dir = join(__dirname, '..', 'fixtures', 'terraform-hunt42');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
const cases = lines('cases.jsonl').map((l) => JSON.parse(l) as Case42 & { from: string });
const rows = lines('oracle.jsonl').map((l) => JSON.parse(l) as TfDiag[]);

test('the fixture pairs each case with terraform\'s line', () => {
  assert.equal(cases.length, rows.length);
  assert.ok(cases.length >= 80);
  assert.ok(cases.every((c) => c.from));
  // the kinds this round reads: more than one cycle, cycles through a module call
  const cycles = rows.map((r) => r.filter((d) => d.summary.startsWith('Cycle: ')));
  assert.ok(cycles.filter((c) => c.length >= 2).length >= 20);
  assert.ok(cycles.filter((c) => c.some((d) => /module\.\w+ \(expand\)/.test(d.summary))).length >= 20);
});

cases.forEach((c, i) => {
  for (const owner of c.attach ? ['host', 'attach'] as const : ['host'] as const) {
    test(`hunt42 (terraform v1.11.4 validate; ${c.from}) ${owner}`, () => {
      const want = theirs42(c, rows[i], owner);
      const got = ours42(c, owner);
      const show = `bdm-lab: ${JSON.stringify(got)}\nterraform: ${JSON.stringify(want)}`;
      const why = deliberate42(c, want);
      // the split-module rule: an undeclared var.x / local.x in a file that declares none stays unknown
      if (why === 'split-module') return assert.ok(!('first' in got) || !/Reference to undeclared (input variable|local value)/.test(got.first), show);
      // a type word alone is no reference from Terraform v1.15.0 on
      if (why === 'type word') return assert.ok(!('first' in got) || !/Invalid reference: A reference to a resource type/.test(got.first), show);
      assert.ok(agrees42(got, want), show);
    });
  }
});

const instance = (pre: string, bd = 'volume_size = 1', post = '') => `${pre}resource "openstack_compute_instance_v2" "web" {\n  name = "web"\n  flavor_name = "m1.small"\n  block_device {\n    source_type = "blank"\n    destination_type = "volume"\n    ${bd}\n  }\n}\n${post}`;
const errors = (text: string) => terraformSources(text)[0].findings.filter((f) => f.code === 'BDM-TF-CONFIG').map((f) => String(f.args?.detail));
const members = (m: string) => m.replace(/^Cycle: /, '').replace(/ \(Terraform starts.*$/s, '').split(', ').sort().join(', ');
const finding = (text: string) => String(terraformSources(text)[0]?.findings[0]?.args?.detail);

test('every cycle is its own error, as Terraform reports each', () => {
  // terraform: "Cycle: local.b (expand), local.a (expand)", "Cycle: local.c (expand), local.d (expand)",
  // "Cycle: terraform_data.y, terraform_data.x" (each list and their order vary from run to run)
  const text = instance('locals {\n  a = local.b\n  b = local.a\n  c = local.d\n  d = local.c\n}\nresource "terraform_data" "x" {\n  input = terraform_data.y.id\n}\nresource "terraform_data" "y" {\n  input = terraform_data.x.id\n}\n');
  const got = errors(text);
  assert.deepEqual(got.map(members), ['local.a (expand), local.b (expand)', 'local.c (expand), local.d (expand)', 'terraform_data.x, terraform_data.y']);
  // each placed at its first member
  const fs = terraformSources(text)[0].findings;
  assert.deepEqual(fs.map((f) => text.slice(f.span.offset, f.span.offset + 1)), ['a', 'c', 'r']);
  assert.equal(terraformSources(text)[0].body, null);
});

test('a module call\'s count, for_each or depends_on that reads the call back is a cycle, whatever its source holds', () => {
  const mod = (body: string, pre = '') => instance(`${pre}module "m" {\n  source = "./empty"\n  ${body}\n}\n`);
  // terraform (./empty): "Cycle: module.m (close), module.m (expand), local.a (expand)"
  for (const [body, a] of [['count = length(local.a)', 'module.m'], ['count = length(local.a)', 'module.m[0].c'], ['depends_on = [local.a]', 'module.m'], ['for_each = local.a', 'module.m[0]']]) {
    const got = errors(mod(body, `locals {\n  a = ${a}\n}\n`));
    assert.equal(got.length, 1, `${body} / ${a}`);
    assert.equal(members(got[0]), 'local.a (expand), module.m (expand)', `${body} / ${a}`);
    assert.match(got[0], /Terraform's list may also hold module\.m \(close\) and the module's outputs and variables, which come from its source\)$/);
  }
  // terraform (./empty): "Cycle: module.m (close), module.m (expand)"
  assert.equal(members(errors(mod('count = length(module.m)'))[0]), 'module.m (expand)');
  // terraform (./empty): "Cycle: module.m (close), module.m (expand), terraform_data.r"
  assert.equal(members(errors(mod('count = 1\n  depends_on = [terraform_data.r]', 'resource "terraform_data" "r" {\n  input = module.m\n}\n'))[0]), 'module.m (expand), terraform_data.r');
});

test('a module call\'s arguments reach only its variables: no cycle bdm-lab can tell without the source', () => {
  // terraform (./child): x = module.m.c is valid, x = module.m.out is "Cycle: module.m.output.out (expand),
  // module.m.var.x (expand)": which output reads which variable is in the module's source, not read here
  for (const x of ['module.m.c', 'module.m.out']) {
    const text = instance(`module "m" {\n  source = "./child"\n  x = ${x}\n}\n`);
    assert.ok(!errors(text).some((m) => m.startsWith('Cycle: ')), x);
  }
  // terraform (./child): a module call whose count reads another call's output: no cycle
  assert.ok(!errors(instance('module "m" {\n  source = "./child"\n  x = 1\n}\nmodule "n" {\n  source = "./empty"\n  count = length(module.m.c)\n}\nlocals {\n  a = module.n\n}\n')).some((m) => m.startsWith('Cycle: ')));
});

test('a dynamic for_each that reads an undeclared module or resource is evaluated with no variables: try() and can() catch "Unknown variable"', () => {
  const dyn = (fe: string) => `resource "openstack_compute_instance_v2" "web" {\n  name = "web"\n  flavor_name = "m1.small"\n  dynamic "block_device" {\n    for_each = ${fe}\n    content {\n      source_type = "blank"\n      destination_type = "volume"\n      volume_size = 1\n    }\n  }\n}\n`;
  const NOT = (ty: string) => `Invalid dynamic for_each value: Cannot use a ${ty} value in for_each.${ty === 'null' ? '' : ' An iterable collection is required.'}`;
  const UNKNOWN = 'Unknown variable: There is no variable named "module".';
  // terraform v1.11.4 validate's first diagnostic by place: [for_each, offset from the for_each, length, words]
  const want: Array<[string, number, number, string]> = [
    ['try(module.vpc.out, 10)', 0, 23, NOT('number')],
    ['try(terraform_data.nope.id, "a")', 0, 32, NOT('string')],
    ['can(module.vpc) ? [1] : null', 0, 28, NOT('null')],
    ['module.vpc.out', 0, 6, UNKNOWN],
    ['coalesce(module.vpc.out, 1)', 9, 6, UNKNOWN],
    ['[for x in [1] : module.vpc]', 16, 6, UNKNOWN],
  ];
  for (const [fe, off, len, words] of want) {
    const t = dyn(fe);
    const at = t.indexOf('for_each = ') + 11;
    const f = terraformSources(t)[0].findings[0];
    assert.deepEqual({ off: f.span.offset - at, len: f.span.length, words: f.args?.detail }, { off, len, words }, fe);
  }
});

test('path.cwd is an absolute path: never a number or a bool, else unknown', () => {
  // terraform v1.11.4 validate: "Incorrect attribute value type: Inappropriate value for attribute …"
  assert.equal(finding(instance('', 'volume_size = path.cwd')), 'Incorrect attribute value type: Inappropriate value for attribute "volume_size": a number is required.');
  assert.equal(finding(instance('', 'volume_size = "${path.cwd}/disk"')), 'Incorrect attribute value type: Inappropriate value for attribute "volume_size": a number is required.');
  assert.equal(finding(instance('', 'volume_size = 1\n    delete_on_termination = path.cwd')), 'Incorrect attribute value type: Inappropriate value for attribute "delete_on_termination": a bool is required.');
  // a string: its directory is where terraform is started (before -chdir), which bdm-lab cannot know
  const d = terraformSources(instance('', 'volume_size = 1\n    volume_type = path.cwd'))[0];
  assert.equal(d.findings[0]?.code, 'BDM-TF-UNKNOWN');
  assert.match(String(d.findings[0]?.args?.detail), /path\.cwd, the absolute path of the directory terraform is started in \(the root module's unless -chdir names another\)/);
  // text after the path does not make it a number, but text before it is not known to be none
  assert.notEqual(terraformSources(instance('', 'volume_size = "${path.cwd}"'))[0].findings[0]?.code, 'BDM-TF-UNKNOWN');
  assert.equal(terraformSources(instance('', 'volume_size = "1${path.cwd}"'))[0].findings[0]?.code, 'BDM-TF-UNKNOWN');
});

test('the graph check with module calls is linear: a ring of 1 000 vs 2 000 module calls', { timeout: 180_000 }, () => {
  const ring = (n: number) => instance(Array.from({ length: n }, (_, i) => `module "m${i}" {\n  source = "./empty"\n  count = length([module.m${(i + 1) % n}])\n}\n`).join(''));
  assert.equal(members(errors(ring(3))[0]), 'module.m0 (expand), module.m1 (expand), module.m2 (expand)');
  const g = bestGrowth(ring, finding, 1_000, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('ring of module calls', 1_000, g)} (linear ~2, quadratic ~4)`);
});

test('every cycle reported is linear in their number: 500 vs 1 000 rings of two locals', { timeout: 180_000 }, () => {
  const rings = (n: number) => instance(`locals {\n${Array.from({ length: n }, (_, i) => `  a${i} = local.b${i}\n  b${i} = local.a${i}\n`).join('')}}\n`);
  assert.equal(errors(rings(3)).length, 3);
  const all = (text: string) => errors(text).length;
  const g = bestGrowth(rings, all, 500, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('rings of locals', 500, g)} (linear ~2, quadratic ~4)`);
});

test('a lifecycle condition that names its own resource or data source is refused when the configuration is loaded', () => {
  // terraform v1.11.4 (init and validate): "Invalid reference in postcondition" on the error_message's
  // whole expression (bytes 132-162), "Invalid reference in precondition" on the data source's condition
  const text = 'resource "terraform_data" "x" {\n  input = 1\n  lifecycle {\n    postcondition {\n      condition = self.id != ""\n      error_message = "id ${terraform_data.x[0].id}"\n    }\n  }\n}\ndata "terraform_remote_state" "n" {\n  backend = "local"\n  lifecycle {\n    precondition {\n      condition = data.terraform_remote_state.n.outputs != null && terraform_data.x.id != ""\n      error_message = "x"\n    }\n  }\n}\n';
  const docs = terraformSources(instance(text));
  assert.equal(docs.length, 1);
  const f = docs[0].findings[0];
  assert.deepEqual([f.code, f.span.offset, f.span.offset + f.span.length, f.args?.detail], ['BDM-TF-SYNTAX', 132, 162, 'Invalid reference in postcondition: Configuration for terraform_data.x may not refer to itself.']);
  const data = text.slice(text.indexOf('data "'));
  assert.equal(finding(instance(data)), 'Invalid reference in precondition: Configuration for data.terraform_remote_state.n may not refer to itself.');
  // the instance's own precondition (terraform: the same words for aws_instance.web)
  assert.equal(finding(instance('', 'volume_size = 1\n  }\n  lifecycle {\n    precondition {\n      condition = openstack_compute_instance_v2.web.id != ""\n      error_message = "x"\n    }\n')), 'Invalid reference in precondition: Configuration for openstack_compute_instance_v2.web may not refer to itself.');
  // self, and another resource, are no self-reference (terraform: valid)
  assert.deepEqual(terraformSources(instance('resource "terraform_data" "y" {\n  input = 1\n}\n', 'volume_size = 1', 'resource "terraform_data" "x" {\n  input = 1\n  lifecycle {\n    postcondition {\n      condition = self.id != terraform_data.y.id\n      error_message = "x"\n    }\n  }\n}\n'))[0].findings.map((x) => x.args?.detail), []);
});
