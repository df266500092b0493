/**
 * Hunt 44b (a short round on hunt 44's leftovers), judged against Terraform's plan. Fixed: lookup()'s
 * default for a map of structures is converted to the map's element type (refused only when it does not
 * convert: a missing attribute, a value of another type); && and || with a known null operand are
 * refused ("argument must not be null", on the whole expression) however the other operand would
 * decide; a moved statement from an instance key that a count or for_each still makes is refused,
 * placed at that count or for_each expression (quoted string keys now read too).
 * test/fixtures/terraform-hunt44b/hand.jsonl holds hand-written configurations in the form of
 * scripts/terraform-hunt44-gen.ts (`from`: the hand case, "disagreed before" for those this round
 * fixed); hand-oracle.jsonl, line for line, the real terraform's answer (Terraform v1.11.4
 * `terraform plan`, each case alone a child module whose variables are not set, aws_instance
 * standing in for the instance: scripts/terraform-hunt44b-label.ts, each case alone through
 * scripts/terraform-hunt44-label.ts), judged as
 * scripts/terraform-hunt44-compare.ts judges it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare44, ours44 } from '../../scripts/terraform-hunt44-compare';
import type { Case44 } from '../../scripts/terraform-hunt44-gen';
import type { Label44 } from '../../scripts/terraform-hunt44-label';
import { terraformSources } from '../../server/src/source/terraform/index';
import { bestGrowth, describeGrowth } from './growth';

const dir = join(__dirname, '..', 'fixtures', 'terraform-hunt44b');
const lines = (f: string) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean);
const hand = lines('hand.jsonl').map((l) => JSON.parse(l) as Case44 & { from: string });
const rows = lines('hand-oracle.jsonl').map((l) => JSON.parse(l) as Label44);

test('the hand cases pair with terraform\'s lines, refusals and plans both', () => {
  assert.equal(hand.length, rows.length);
  assert.ok(hand.length >= 30);
  const said = (s: string) => rows.filter((r) => 'diags' in r && r.diags.some((d) => `${d.summary}: ${d.detail}`.includes(s))).length;
  assert.ok(said('the default value must have the same type as the map elements') >= 4);
  assert.ok(said('argument must not be null') >= 6);
  assert.ok(said('resource instance is still declared at') >= 4);
  assert.ok(rows.filter((r) => 'insts' in r).length >= 5);
  assert.ok(hand.filter((c) => c.from.includes('disagreed before')).length >= 10);
});

hand.forEach((c, i) => {
  test(`hunt44b (terraform v1.11.4 plan; ${c.from})`, () => {
    const got = ours44(c);
    const why = compare44(c, rows[i], got);
    assert.equal(why, null, `bdm-lab: ${JSON.stringify(got)}`);
  });
});

// the words of the hand cases above (terraform v1.11.4 plan), on the OpenStack text
const instance = (pre: string, meta: string, bd: string) => `${pre}resource "openstack_compute_instance_v2" "web" {\n${meta ? `  ${meta}\n` : ''}  name = "web"\n  flavor_name = "m1.small"\n  block_device {\n    source_type = "blank"\n    destination_type = "volume"\n    ${bd}\n  }\n}\n`;
const refusals = (text: string) => terraformSources(text).flatMap((d) => d.findings.filter((f) => f.code === 'BDM-TF-CONFIG').map((f) => [String(f.args?.detail), text.slice(f.span.offset, f.span.offset + f.span.length)]));

test('lookup() takes a default of a map of objects when it converts to the element type', () => {
  const disks = (type: string) => `variable "disks" {\n  type = ${type}\n  default = { data = { size = 10 } }\n}\n`;
  assert.deepEqual(refusals(instance(disks('map(object({ size = number }))'), '', 'volume_size = lookup(var.disks, "data", { size = 3 }).size')), []);
  assert.deepEqual(refusals(instance(disks('map(any)'), '', 'volume_size = lookup(var.disks, "data", { size = "3" }).size')), []);
  // an attribute the default lacks (an optional one the map's elements have as null)
  assert.deepEqual(refusals(instance(disks('map(object({ size = number, type = optional(string) }))'), '', 'volume_size = lookup(var.disks, "data", { size = 3 }).size')),
    [['Invalid function argument: Invalid value for "default" parameter: the default value must have the same type as the map elements.', '{']]);
});

test('&& and || refuse a null operand even when the other one decides', () => {
  const enabled = 'variable "enabled" {\n  type = bool\n  default = null\n}\n';
  for (const e of ['var.enabled && true', 'true || var.enabled', 'false && var.enabled', 'var.enabled || true']) {
    assert.deepEqual(refusals(instance(enabled, '', `delete_on_termination = ${e}`)), [['Operation failed: Error during operation: argument must not be null.', e]], e);
  }
  assert.deepEqual(refusals(instance(enabled, '', 'delete_on_termination = coalesce(var.enabled, false) && true')), []);
});

test('a moved statement from an instance the count or for_each still makes is refused at that expression', () => {
  const moved = (from: string, to: string) => `moved {\n  from = openstack_compute_instance_v2.web${from}\n  to   = openstack_compute_instance_v2.web${to}\n}\n`;
  assert.deepEqual(refusals(instance(moved('[0]', '[5]'), 'count = 2', 'volume_size = 1')),
    [['Moved object still exists: This statement declares a move from openstack_compute_instance_v2.web[0], but that resource instance is still declared at main.tf:6,11.\n\nChange your configuration so that this instance will be declared as openstack_compute_instance_v2.web[5] instead.', 'moved']]);
  assert.deepEqual(refusals(instance(moved('["a"]', '["z"]'), 'for_each = toset(["a", "b"])', 'volume_size = 1')).map((r) => r[0].split('\n')[0]),
    ['Moved object still exists: This statement declares a move from openstack_compute_instance_v2.web["a"], but that resource instance is still declared at main.tf:6,14.']);
  // keys it does not make: a move Terraform takes
  assert.deepEqual(refusals(instance(moved('[3]', '[0]'), 'count = 2', 'volume_size = 1')), []);
  assert.deepEqual(refusals(instance(moved('["0"]', '[5]'), 'count = 2', 'volume_size = 1')), []);
  assert.deepEqual(refusals(instance(moved('[0]', '[1]'), 'count = 0', 'volume_size = 1')), []);
});

test('moved statements about counted resources grow linearly with their number', { timeout: 120_000 }, () => {
  // n counted resources, each named by a moved statement from a key it still makes
  const many = (n: number) => {
    let t = '';
    for (let i = 0; i < n; i++) t += `moved {\n  from = openstack_compute_volume_v3.v${i}[0]\n  to   = openstack_compute_volume_v3.v${i}[9]\n}\nresource "openstack_compute_volume_v3" "v${i}" {\n  count = 2\n  size = 1\n}\n`;
    return instance(t, '', 'volume_size = 1');
  };
  assert.equal(refusals(many(3)).length, 3);
  const g = bestGrowth(many, (text: string) => refusals(text).length, 300, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('moved statements', 300, g)} (linear ~2, quadratic ~4)`);
});
