/**
 * Generated Terraform configurations (test/fixtures/terraform/generate.ts): bdm-lab's translation
 * against the model of the provider's code, the provider's invariants on every body it sends, and
 * Nova's verdict on the stored generated bodies (generated.json, labelled by the nova-oracle
 * through scripts/terraform-difftest.ts --write; 400 configurations, 108 sent, all agreed), and the
 * same for wider configurations (generateWide, --wide; generated-wide.json: 400 configurations,
 * 230 sent, 138 of them refused by Nova).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { terraformSources } from '../../server/src/source/terraform';
import { analyzeSource } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { analyzeDocument } from '../../server/src/document';
import { CASES } from '../fixtures/terraform/cases';
import { expected, expectedWide, generate, generateWide, render, renderExpanded, renderWide, rng, type Outcome } from '../fixtures/terraform/generate';
import { ROOT } from './cli-run';

const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };

/** what holds for every body the provider sends, whatever the configuration */
function invariants(tf: string, body: { server: Record<string, unknown> }, microversion: string): void {
  const s = body.server;
  assert.equal(typeof s.config_drive, 'boolean', 'config_drive is always sent');
  assert.equal(typeof s.imageRef, 'string', 'imageRef is always sent');
  assert.equal(s.user_data, '', 'user_data "" is sent when unset');
  assert.deepEqual(Object.keys(s), Object.keys(s).sort(), 'keys in Go\'s order');
  const bdms = (s.block_device_mapping_v2 ?? []) as Array<Record<string, unknown>>;
  for (const e of bdms) {
    assert.ok(Number.isInteger(e.boot_index), 'boot_index is always sent');
    assert.equal(typeof e.delete_on_termination, 'boolean', 'delete_on_termination is always sent');
    assert.notEqual(e.volume_size, 0, 'volume_size 0 is never sent');
    assert.ok(!('multiattach' in e), 'multiattach is never sent');
    assert.ok(['local', 'volume'].includes(String(e.destination_type)));
    for (const k of ['uuid', 'guest_format', 'volume_type', 'disk_bus']) assert.notEqual(e[k], '', `${k} "" is never sent`);
  }
  if (bdms.length && !bdms.some((e) => e.source_type === 'image' && e.destination_type === 'local')) assert.equal(s.imageRef, '', 'no image->local device: imageRef ""');
  if (bdms.some((e) => e.volume_type)) assert.equal(microversion, '2.67');
  else if (/multiattach = true/.test(tf)) assert.equal(microversion, '2.60');
  if (!/multiattach = true|volume_type = "ssd"|tags|network_mode = "(auto|none)"/.test(tf)) assert.equal(microversion, '2.1', 'a block_device alone keeps 2.1');
}

test('1000 generated configurations: the translation equals the provider\'s model, and every body keeps the provider\'s invariants', () => {
  const r = rng(2026);
  let sent = 0;
  const refusals = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const spec = generate(r);
    const tf = render(spec);
    const d = terraformSources(tf)[0];
    const o = expected(spec);
    if ('error' in o) {
      assert.equal(d.body, null, tf);
      assert.deepEqual([d.findings[0].code, d.findings[0].args?.detail], [o.code, o.error], tf);
      refusals.add(o.error.replace(/ \S*$/, ''));
    } else {
      sent++;
      assert.deepEqual(d.body, o.body, tf);
      assert.equal(d.microversion, o.microversion, tf);
      invariants(tf, d.body as { server: Record<string, unknown> }, d.microversion);
    }
  }
  assert.ok(sent > 150, `${sent} sent`);
  assert.ok(refusals.size >= 7, [...refusals].join(' | '));
});

test('500 generated configurations with count/for_each and dynamic block_device blocks: every instance is the provider\'s model of the expanded resource', () => {
  const r = rng(2027);
  let sent = 0;
  let dynamic = 0;
  let none = 0;
  for (let i = 0; i < 500; i++) {
    const spec = generate(r);
    const { tf, instances } = renderExpanded(spec, r);
    if (/dynamic "block_device"/.test(tf)) dynamic++;
    const docs = terraformSources(tf);
    const o = expected(spec);
    // count = 0 makes nothing; N instances that send the same body (or are refused alike) are judged once, the others named
    const want = instances === 0 ? 0 : 1;
    assert.equal(docs.length, want, tf);
    if (/for_each = toset/.test(tf) && instances > 1) assert.match(String(docs[0].findings.at(-1)?.args?.detail), /^Instances? \["b"\].* (the same body as|refused the same way as) \["a"\]: judged once\.$/, tf);
    if (!want) { none++; continue; }
    for (const d of docs) {
      if ('error' in o) {
        assert.equal(d.body, null, tf);
        assert.deepEqual([d.findings[0].code, d.findings[0].args?.detail], [o.code, o.error], tf);
      } else {
        sent++;
        assert.deepEqual(d.body, o.body, tf);
        assert.equal(d.microversion, o.microversion, tf);
        invariants(render(spec), d.body as { server: Record<string, unknown> }, d.microversion);
      }
    }
  }
  assert.ok(sent > 100 && dynamic > 150 && none > 10, `${sent} sent, ${dynamic} with dynamic blocks, ${none} with count = 0`);
});

test('generated configurations replayed: translation and Nova\'s verdict as stored (nova-oracle)', () => {
  const cases = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'terraform', 'generated.json'), 'utf8')) as Array<{ id: string; tf: string; outcome: Outcome; nova: { valid: boolean; http_status: number; message?: string } | null }>;
  assert.ok(cases.length >= 300);
  let invalid = 0;
  for (const c of cases) {
    const d = terraformSources(c.tf)[0];
    if ('error' in c.outcome) {
      assert.equal(d.findings[0]?.args?.detail, c.outcome.error, c.id);
      continue;
    }
    assert.deepEqual(d.body, c.outcome.body, c.id);
    assert.ok(c.nova, `${c.id}: Nova's label`);
    const a = analyzeSource(d, { ...defaultContext(), flavor: FLAVOR });
    assert.equal(a.valid, c.nova.valid, `${c.id}: Nova ${c.nova.valid ? 'valid' : c.nova.message}; bdm-lab ${a.verdict?.code} ${a.verdict?.message}\n${c.tf}`);
    if (!c.nova.valid) { invalid++; assert.equal(a.verdict?.message, c.nova.message, c.id); }
  }
  assert.ok(invalid > 10, `${invalid} bodies Nova refuses`);
});

test('1000 wide generated configurations (every block_device field, networks, power_state, zones, hypervisor_hostname, personality, values from variables and locals): the translation equals the provider\'s model', () => {
  const r = rng(2028);
  let sent = 0;
  const refusals = new Set<string>();
  const mvs = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const spec = generateWide(r);
    const tf = renderWide(spec, r);
    const d = terraformSources(tf)[0];
    const o = expectedWide(spec);
    if ('error' in o) {
      assert.equal(d.body, null, tf);
      assert.deepEqual([d.findings[0].code, d.findings[0].args?.detail], [o.code, o.error], tf);
      refusals.add(o.error.replace(/ (got|for|type) .*$/, ''));
    } else {
      sent++;
      mvs.add(o.microversion);
      assert.deepEqual(d.body, o.body, tf);
      assert.equal(d.microversion, o.microversion, tf);
    }
  }
  assert.ok(sent > 400, `${sent} sent`);
  for (const m of ['2.1', '2.37', '2.52', '2.60', '2.67', '2.74']) assert.ok(mvs.has(m), `a body sent at ${m}`);
  for (const e of ['expected power_state to be one of ["active" "shutoff" "shelved_offloaded" "paused"],', 'Conflicting configuration arguments: "availability_zone_hints": conflicts with availability_zone', 'Conflicting configuration arguments: "network_mode": conflicts with network', 'At least one of network.uuid, network.name, or network.port must be set', 'Error creating OpenStack server: Missing input', 'Attribute must be a whole number,']) assert.ok(refusals.has(e), `no refusal "${e}" among ${[...refusals].join(' | ')}`);
});

test('wide generated configurations replayed (scripts/terraform-difftest.ts 400 7310 --wide --write): translation and Nova\'s verdict as stored (nova-oracle)', () => {
  const cases = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'terraform', 'generated-wide.json'), 'utf8')) as Array<{ id: string; tf: string; outcome: Outcome; nova: { valid: boolean; http_status: number; message?: string } | null }>;
  assert.ok(cases.length >= 400);
  let invalid = 0;
  let valid = 0;
  for (const c of cases) {
    const d = terraformSources(c.tf)[0];
    if ('error' in c.outcome) {
      assert.equal(d.body, null, c.id);
      assert.equal(d.findings[0]?.args?.detail, c.outcome.error, c.id);
      continue;
    }
    assert.deepEqual(d.body, c.outcome.body, c.id);
    assert.equal(d.microversion, c.outcome.microversion, c.id);
    assert.ok(c.nova, `${c.id}: Nova's label`);
    const a = analyzeSource(d, { ...defaultContext(), flavor: FLAVOR });
    assert.equal(a.valid, c.nova.valid, `${c.id}: Nova ${c.nova.valid ? 'valid' : c.nova.message}; bdm-lab ${a.verdict?.code} ${a.verdict?.message}\n${c.tf}`);
    if (!c.nova.valid) { invalid++; assert.equal(a.verdict?.message, c.nova.message, c.id); } else valid++;
  }
  assert.ok(invalid > 50 && valid > 50, `${invalid} bodies Nova refuses, ${valid} it takes`);
});

test('hostile input: 3000 mutated configurations never make the source or the judge throw', { timeout: 120_000 }, () => {
  const r = rng(5);
  const bits = ['{', '}', '[', ']', '(', ')', '"', '=', '\n', ' ', '$', '%', '<<', '#', '/*', '*/', '.', ',', ':', '?', '-', '\\', 'x', '0', '${', '~'];
  const texts = CASES.map((c) => c.tf);
  for (let i = 0; i < 3000; i++) {
    let t = texts[Math.floor(r() * texts.length)];
    for (let j = 0, k = 1 + Math.floor(r() * 3); j < k; j++) {
      const at = Math.floor(r() * t.length);
      t = r() < 0.5 ? t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 3)) : t.slice(0, at) + bits[Math.floor(r() * bits.length)] + t.slice(at);
    }
    assert.doesNotThrow(() => terraformSources(t), JSON.stringify(t));
    if (i % 10 === 0) assert.doesNotThrow(() => analyzeDocument(t, 'terraform', defaultContext()), JSON.stringify(t));
  }
});
