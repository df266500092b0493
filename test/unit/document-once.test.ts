/**
 * A document's diagnostics say each finding once (document.ts onceEach): a refusal several
 * requests share, such as Terraform's module-wide cycle that comes with every resource's result,
 * is one diagnostic, as Terraform reports it once; each request keeps its own result, and findings
 * that differ in place, words or related places all stay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const resource = (name: string, extra = '') => `resource "openstack_compute_instance_v2" "${name}" {\n  name = "${name}"\n  flavor_name = "m1"\n  image_name = "cirros"\n${extra}}\n`;

test('a Terraform cycle shared by three resources is one diagnostic; each resource still carries it', () => {
  const text = `locals {\n  a = local.b\n  b = local.a\n}\n${resource('vm1')}${resource('vm2')}${resource('vm3')}`;
  const a = analyzeDocument(text, 'terraform', defaultContext());
  const cycles = a.diagnostics.filter((d) => d.message.startsWith('Cycle: '));
  assert.equal(cycles.length, 1, a.diagnostics.map((d) => d.message).join('\n'));
  assert.equal(a.valid, false);
  assert.equal(a.requests?.length, 3);
  for (const r of a.requests ?? []) {
    assert.equal(r.valid, false);
    assert.ok(r.analysis?.diagnostics.some((d) => d.message.startsWith('Cycle: ')), 'each request keeps its own result');
  }
});

test('two cycles stay two, and a resource\'s own refusal stays beside the shared one', () => {
  const text = `locals {\n  a = local.b\n  b = local.a\n  c = local.d\n  d = local.c\n}\n${resource('vm1')}${resource('vm2')}`;
  const a = analyzeDocument(text, 'terraform', defaultContext());
  assert.equal(a.diagnostics.filter((d) => d.message.startsWith('Cycle: ')).length, 2);
  // (no cycle: each resource's own refusal, at its own place, is its own diagnostic)
  const own = analyzeDocument(`${resource('vm1', '  volume_size = "x"\n')}${resource('vm2', '  volume_size = "x"\n')}`, 'terraform', defaultContext());
  const spans = own.diagnostics.filter((d) => d.severity === 'error').map((d) => d.span.offset);
  assert.equal(new Set(spans).size, spans.length, 'no two errors at one place');
  assert.ok(spans.length >= 2, own.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
});

test('the same command in two places of a script: both judged, both shown', () => {
  const line = 'openstack server create --flavor m1 --image cirros --block-device source_type=volume,uuid=70a599e0-31e7-49b7-b260-868f441e862b,destination_type=volume,boot_index=first vm\n';
  const a = analyzeDocument(`#!/bin/bash\n${line}${line}`, 'shell', defaultContext());
  assert.equal(a.requests?.length, 2);
  const errors = a.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 2, errors.map((d) => d.message).join('\n'));
  assert.notEqual(errors[0]!.span.offset, errors[1]!.span.offset);
});
