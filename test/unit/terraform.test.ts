/**
 * The Terraform source (server/src/source/terraform): the HCL parser with offsets, the provider's
 * translation of openstack_compute_instance_v2 / openstack_compute_volume_attach_v2, Terraform's
 * and the provider's refusals, where diagnostics land, hover, quick fixes and the CLI. The cases
 * (test/fixtures/terraform/cases.ts) are labelled from the provider's code; Nova's verdict on the
 * bodies it sends is labelled by shared/tools/nova-oracle in test/fixtures/terraform/nova.json
 * (`node --import tsx test/unit/terraform.test.ts --label` rewrites it). Generated configurations
 * are checked against the provider's invariants in test/unit/terraform-gen.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseHcl, terraformSources, type TerraformDoc } from '../../server/src/source/terraform';
import { CASES, IMG, NET, VOL, type TfCase } from '../fixtures/terraform/cases';
import { analyzeDocument, languageOf } from '../../server/src/document';
import { analyzeSource } from '../../server/src/analyze';
import { defaultContext, type Context } from '../../server/src/model/context';
import type { Inventory } from '../../server/src/model/inventory';
import { LineIndex } from '../../server/src/text/lineIndex';
import { cliRunner, ROOT } from './cli-run';
import { hoverOf, codeActionsOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';

const DIR = join(ROOT, 'test', 'fixtures', 'terraform');
const NOVA_FILE = join(DIR, 'nova.json');
const FLAVOR = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
const ctx = (): Context => ({ ...defaultContext(), flavor: FLAVOR });
interface NovaLabel { valid: boolean; http_status: number; message?: string }

function docOf(c: TfCase): TerraformDoc {
  const docs = terraformSources(c.tf);
  const d = docs.find((x) => (!c.resource || x.t?.resource.labels[1]?.value === c.resource) && (!c.instance || x.instanceKey === c.instance));
  assert.ok(d, `${c.id}: the resource is found`);
  return d;
}

test('at least 50 labelled configurations, every outcome among them', () => {
  assert.ok(CASES.length >= 50, `${CASES.length} cases`);
  assert.equal(new Set(CASES.map((c) => c.id)).size, CASES.length, 'ids are unique');
  const kinds = new Set<string>(CASES.map((c) => (c.expect.stage === 'sent' ? 'sent' : c.expect.code)));
  for (const k of ['sent', 'BDM-TF-CONFIG', 'BDM-TF-PROVIDER', 'BDM-TF-UNKNOWN', 'BDM-TF-SYNTAX']) assert.ok(kinds.has(k), `no case for ${k}`);
  const nova = JSON.parse(readFileSync(NOVA_FILE, 'utf8')) as Record<string, NovaLabel>;
  for (const c of CASES) if (c.expect.stage === 'sent') assert.ok(nova[c.id], `${c.id}: no Nova label; run with --label`);
});

for (const c of CASES) {
  test(`terraform ${c.id}: ${c.fact}`, () => {
    const d = docOf(c);
    const e = c.expect;
    if (e.stage === 'sent') {
      assert.deepEqual(d.findings.filter((f) => f.code !== 'BDM-TF-UNRESOLVED'), [], `the provider sends this; we say ${JSON.stringify(d.findings[0]?.args)}`);
      assert.deepEqual(d.body, e.body);
      // Go marshals maps with sorted keys
      assert.deepEqual(JSON.stringify(d.body), JSON.stringify(e.body, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v)));
      assert.equal(d.microversion, e.microversion);
      // Nova's verdict on that body (nova-oracle)
      const label = (JSON.parse(readFileSync(NOVA_FILE, 'utf8')) as Record<string, NovaLabel>)[c.id];
      const a = analyzeSource(d, ctx());
      assert.equal(a.valid, label.valid, `Nova says ${label.valid ? 'valid' : `${label.http_status} ${label.message}`}; bdm-lab: ${a.verdict?.code} ${a.verdict?.message}`);
      if (!label.valid) assert.equal(a.verdict!.message, label.message);
    } else {
      assert.equal(d.body, null);
      assert.equal(d.findings[0]?.code, e.code);
      assert.equal(d.findings[0]?.args?.detail, e.message);
      const a = analyzeDocument(c.tf, 'terraform', ctx());
      assert.equal(a.valid, e.code === 'BDM-TF-UNKNOWN');
      if (e.code !== 'BDM-TF-UNKNOWN') assert.equal(a.verdict?.code, e.code);
    }
  });
}

/** the rule ids of a configuration's diagnostics */
const tfCodes = (tf: string) => analyzeDocument(tf, 'terraform', defaultContext()).diagnostics.map((d) => d.code).filter((c) => c.startsWith('BDM-TF-'));
const one = (lines: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n${lines}\n}\n`;

test('BDM-TF-SYNTAX: an unclosed block is refused by Terraform', () => {
  assert.deepEqual(tfCodes(one('  image_id = "x"').replace(/\}\n$/, '')), ['BDM-TF-SYNTAX']);
});
test('BDM-TF-SYNTAX negative: the same block closed parses', () => {
  assert.deepEqual(tfCodes(one('  image_id = "x"')), []);
});
test('BDM-TF-CONFIG: an argument the schema lacks', () => {
  assert.deepEqual(tfCodes(one('  image_id = "x"\n  imageid = "y"')), ['BDM-TF-CONFIG']);
});
test('BDM-TF-CONFIG negative: every argument in the schema', () => {
  assert.deepEqual(tfCodes(one('  image_id = "x"\n  image_name = "y"')), []);
});
test('BDM-TF-PROVIDER: a volume block_device without uuid', () => {
  assert.deepEqual(tfCodes(one('  block_device {\n    source_type      = "volume"\n    destination_type = "volume"\n  }')), ['BDM-TF-PROVIDER']);
});
test('BDM-TF-PROVIDER negative: with its uuid', () => {
  assert.deepEqual(tfCodes(one('  block_device {\n    uuid             = "v"\n    source_type      = "volume"\n    destination_type = "volume"\n  }')), []);
});
test('BDM-TF-UNKNOWN: volume_size from a variable without default', () => {
  assert.deepEqual(tfCodes(`variable "n" {}\n${one('  image_id = "x"\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n    volume_size      = var.n\n  }')}`), ['BDM-TF-UNKNOWN']);
});
test('BDM-TF-UNKNOWN negative: the variable has a default', () => {
  assert.deepEqual(tfCodes(`variable "n" {\n  default = 1\n}\n${one('  image_id = "x"\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n    volume_size      = var.n\n    boot_index       = -1\n  }')}`), []);
});
test('BDM-TF-UNRESOLVED: an image id from a data source is a stand-in', () => {
  // the data source declared (one that is not is refused: hunt 40)
  assert.deepEqual(tfCodes(`data "openstack_images_image_v2" "u" {\n  name = "ubuntu"\n}\n${one('  image_id = data.openstack_images_image_v2.u.id')}`), ['BDM-TF-UNRESOLVED']);
});
test('BDM-TF-UNRESOLVED negative: a literal image id', () => {
  assert.deepEqual(tfCodes(one('  image_id = "x"')), []);
});

test('the HCL parser: blocks, labels, attributes, comments, templates, heredocs, with offsets', () => {
  const text = [
    '# a comment',
    'locals { x = "a${var.b}c" } // another',
    '/* block',
    '   comment */',
    'resource "t" "n" {',
    '  list = [1, 2.5e1,',
    '    "s"]',
    '  obj  = { a = 1, "b": [true, null]',
    '           c = -3 }',
    '  doc  = <<-EOT',
    '    one',
    '      two',
    '    EOT',
    '  call = lookup(var.m, "k", 1) + 2',
    '  esc  = "q\\"\\u00e9$${lit}"',
    '  nested { deep { v = a.b[0].c } }',
    '}',
  ].join('\n');
  const r = parseHcl(text);
  assert.equal(r.error, null);
  const [locals, res] = r.body.items as Array<Extract<(typeof r.body.items)[number], { type: 'block' }>>;
  assert.equal(locals.blockType, 'locals');
  assert.deepEqual(res.labels.map((l) => l.value), ['t', 'n']);
  const at = (name: string) => res.body.items.find((i) => i.type === 'attribute' && i.name === name) as Extract<(typeof res.body.items)[number], { type: 'attribute' }>;
  const src = (s: { offset: number; length: number }) => text.slice(s.offset, s.offset + s.length);
  assert.equal(src(at('list').expr.span), '[1, 2.5e1,\n    "s"]');
  assert.equal(src(at('obj').span), 'obj  = { a = 1, "b": [true, null]\n           c = -3 }');
  assert.equal(at('doc').expr.kind, 'template');
  const doc = at('doc').expr as Extract<ReturnType<typeof parseHcl>['body']['items'][number], { type: 'attribute' }>['expr'] & { kind: 'template' };
  assert.equal(doc.parts.map((p) => ('lit' in p ? p.lit : '')).join(''), 'one\n  two\n');
  assert.equal(at('call').expr.kind, 'other');
  const esc = at('esc').expr as typeof doc;
  assert.equal(esc.parts.map((p) => ('lit' in p ? p.lit : '')).join(''), 'q"é${lit}');
  assert.equal(src(res.span).split('\n').length, 13);
  // errors: the first one, with its place
  for (const [bad, message, at0] of [
    // hcl's words and places (scripts/terraform-hunt39-oracle): the end of the file, the block's opening brace, the scanner's quoted newline
    ['a = ', /^Missing expression: Expected the start of an expression, but found the end of the file\.$/, 4],
    ['resource "x" {\n', /^Unclosed configuration block: There is no closing brace for this block before the end of the file\./, 13],
    ['a = "x\n', /^Invalid multi-line string: Quoted strings may not be split over multiple lines\./, 6],
    ['a = 1 b = 2\n', /^Missing newline after argument/, 6],
    ['b { a = [1 2] }\n', /^Missing item separator/, 11],
    ['a = "\\q"\n', /^Invalid escape sequence/, 5],
    // a heredoc with no closing marker runs to the end of the file, where hcl finds none
    ['x = <<EOT\nno end\n', /^Unterminated template string: No closing marker was found for the string\.$/, 17],
  ] as Array<[string, RegExp, number]>) {
    const e = parseHcl(bad).error;
    assert.ok(e, `${JSON.stringify(bad)} is refused`);
    assert.match(e.message, message);
    assert.equal(e.span.offset, at0, JSON.stringify(bad));
  }
});

test('hostile input: deep nesting and long texts end quickly with an error or a parse', () => {
  // past bdm-lab's read limit: its own limit (Terraform's parser has no such bound), not a syntax error in Terraform's name
  const deep = `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
  assert.match(parseHcl(deep).error!.message, /nests deeper than 320 levels; bdm-lab reads no further/);
  assert.equal(parseHcl(deep).error!.limit, true);
  assert.deepEqual(terraformSources(deep)[0].findings.map((f) => f.code), ['BDM-LIMIT-TEMPLATE']);
  const blocks = `${'b {\n'.repeat(3000)}${'}\n'.repeat(3000)}`;
  assert.match(parseHcl(blocks).error!.message, /nests deeper than 320 levels/);
  // below it, a deep value is read (it was refused past 64 levels)
  assert.equal(parseHcl(`a = ${'['.repeat(200)}${']'.repeat(200)}\n`).error, null);
  const many = Array.from({ length: 2000 }, (_, i) => `resource "openstack_compute_instance_v2" "vm${i}" {\n  name = "vm"\n  flavor_id = "1"\n  image_id = "x"\n}\n`).join('');
  assert.equal(terraformSources(many).length, 2000);
  // a local that refers to itself does not loop: Terraform refuses it before it evaluates it (node_local.go)
  const loop = `locals {\n  a = local.a\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name = local.a\n  flavor_id = "1"\n  image_id = "x"\n}\n`;
  assert.equal(String(terraformSources(loop)[0].findings[0].args?.detail), 'Self-referencing local value: Local value local.a cannot use its own result as part of its expression.');
  // two locals that read each other end too: Terraform's graph refuses them before evaluating anything
  // (terraform v1.11.4 validate: "Cycle: local.a (expand), local.b (expand)", or b first: it varies)
  const cycle = loop.replace('  a = local.a\n', '  a = local.b\n  b = local.a\n');
  assert.match(String(terraformSources(cycle)[0].findings[0].args?.detail), /^Cycle: local\.(a|b) \(expand\), local\.(a|b) \(expand\) \(Terraform starts/);
});

test('diagnostics land on the Terraform attribute: the provider on volume_size, Nova on the block without boot_index', () => {
  const text = [
    'resource "openstack_compute_instance_v2" "a" {',
    '  name      = "a"',
    '  flavor_id = "1"',
    '  block_device {',
    '    uuid             = "11111111-1111-4111-8111-111111111111"',
    '    source_type      = "image"',
    '    destination_type = "volume"',
    '    volume_size      = 0',
    '  }',
    '}',
    'resource "openstack_compute_instance_v2" "b" {',
    '  name      = "b"',
    '  flavor_id = "1"',
    '  block_device {',
    '    uuid             = "11111111-1111-4111-8111-111111111111"',
    '    source_type      = "image"',
    '    destination_type = "volume"',
    '    volume_size      = 10',
    '    boot_index       = 0',
    '  }',
    '  block_device {',
    '    uuid             = "22222222-2222-4222-8222-222222222222"',
    '    source_type      = "volume"',
    '    destination_type = "volume"',
    '  }',
    '}',
    '',
  ].join('\n');
  assert.equal(languageOf('plaintext', text, 'file:///w/main.tf'), 'terraform');
  const a = analyzeDocument(text, 'terraform', defaultContext());
  const idx = new LineIndex(text);
  const where = (code: string) => {
    const d = a.diagnostics.find((x) => x.code === code);
    assert.ok(d, `${code} among ${a.diagnostics.map((x) => x.code).join(', ')}`);
    const p = idx.position(d.span.offset);
    return [p.line + 1, p.character + 1, text.slice(d.span.offset, d.span.offset + d.span.length), d.message.split('\n')[0]];
  };
  assert.deepEqual(where('BDM-TF-PROVIDER'), [8, 5, 'volume_size      = 0', 'You must specify a volume_size when creating a volume from an image']);
  const seq = where('BDM-COMPUTE-BOOT-SEQUENCE');
  assert.ok(seq[0] === 19 || seq[0] === 21, `the boot sequence lands on a block_device of b (line ${seq[0]})`);
  assert.equal(a.requests?.length, 2);
  assert.equal(a.requests![0].toolError, 'You must specify a volume_size when creating a volume from an image');
  assert.equal(a.requests![1].toolError, null);
  assert.equal(a.requests![1].tool, 'terraform');
  assert.equal(a.valid, false);
});

const stateOf = (text: string): DocState => ({ text, analysis: analyzeDocument(text, 'terraform', defaultContext()), context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes });

/** apply a code action's edits to the text */
function apply(text: string, edits: Array<{ span: { offset: number; length: number }; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((x, y) => y.span.offset - x.span.offset)) out = out.slice(0, e.span.offset) + e.newText + out.slice(e.span.offset + e.span.length);
  return out;
}

function fixOnce(text: string, code: string, title: RegExp): string {
  const s = stateOf(text);
  const i = s.analysis.diagnostics.findIndex((d) => d.code === code);
  assert.ok(i >= 0, `${code} among ${s.analysis.diagnostics.map((d) => d.code).join(', ')}`);
  const d = s.analysis.diagnostics[i];
  const actions = codeActionsOf(s, [{ code: d.code, offset: d.span.offset }], false);
  const act = actions.find((x) => title.test(x.title));
  assert.ok(act, `a fix ${title} among ${actions.map((x) => x.title).join(' | ')}`);
  return apply(text, act.edits);
}

test('quick fixes edit the HCL: add volume_size, add destination_type, renumber boot_index, rename a typo', () => {
  const base = (lines: string) => `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n${lines}\n}\n`;
  // the provider's volume_size refusal
  const noSize = base('  block_device {\n    uuid             = "11111111-1111-4111-8111-111111111111"\n    source_type      = "image"\n    destination_type = "volume"\n  }');
  const sized = fixOnce(noSize, 'BDM-TF-PROVIDER', /volume_size = 10/);
  assert.match(sized, /\n {4}destination_type = "volume"\n {4}volume_size = 10\n {2}\}/);
  assert.equal(stateOf(sized).analysis.diagnostics.filter((d) => d.severity === 'error').length, 0);
  // a one-line block is opened up
  const oneLine = base('  block_device { source_type = "volume" }');
  const fixedDest = fixOnce(oneLine.replace('"volume" }', '"volume"\n    uuid = "22222222-2222-4222-8222-222222222222" }').replace('block_device { source_type', 'block_device {\n    source_type'), 'BDM-TF-PROVIDER', /destination_type = "volume"/);
  assert.match(fixedDest, /destination_type = "volume"/);
  assert.equal(parseHcl(fixedDest).error, null);
  const opened = fixOnce(base('  block_device { source_type = "blank" }').replace('"blank" }', '"blank" }').replace('source_type = "blank" }', 'source_type = "blank" }'), 'BDM-TF-PROVIDER', /destination_type = "local"/);
  assert.equal(parseHcl(opened).error, null, opened);
  assert.match(opened, /block_device \{\n {4}source_type = "blank"\n {4}destination_type = "local"\n {2}\}/);
  // Nova's boot sequence: the devices without boot_index (sent as 0) become -1
  const two = base('  block_device {\n    uuid             = "22222222-2222-4222-8222-222222222222"\n    source_type      = "volume"\n    destination_type = "volume"\n  }\n  block_device {\n    uuid             = "33333333-2222-4222-8222-222222222222"\n    source_type      = "volume"\n    destination_type = "volume"\n  }');
  const seq = fixOnce(two, 'BDM-COMPUTE-BOOT-SEQUENCE', /boot_index = -1/);
  assert.equal(stateOf(seq).analysis.valid, true, stateOf(seq).analysis.diagnostics.map((d) => d.code).join(', '));
  // a microversion bump without networks: Nova requires them from 2.37
  const tagged = base('  image_id = "11111111-1111-4111-8111-111111111111"\n  tags     = ["db"]');
  const withNet = fixOnce(tagged, 'BDM-SCHEMA-REQUEST', /network_mode = "auto"/);
  assert.match(withNet, /\n {2}network_mode = "auto"\n\}/);
  assert.equal(stateOf(withNet).analysis.valid, true, stateOf(withNet).analysis.diagnostics.map((d) => d.code).join(', '));
  // Terraform's "Did you mean"
  const typo = base('  image_id = "x"\n  flavour_name = "m1"');
  assert.match(fixOnce(typo, 'BDM-TF-CONFIG', /Rename flavour_name to flavor_name/), /\n {2}flavor_name = "m1"/);
});

test('hover on the resource shows the Nova body it becomes; on a block_device its entry', () => {
  const text = `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  block_device {\n    uuid             = "22222222-2222-4222-8222-222222222222"\n    source_type      = "volume"\n    destination_type = "volume"\n  }\n}\n`;
  const s = stateOf(text);
  const h = hoverOf(s, text.indexOf('openstack_compute_instance_v2'));
  assert.ok(h, 'a hover on the resource');
  assert.match(h.markdown, /POST \/servers` at microversion 2\.1/);
  assert.match(h.markdown, /"block_device_mapping_v2"/);
  assert.match(h.markdown, /terraform-provider-openstack/);
  const e = hoverOf(s, text.indexOf('source_type'));
  assert.ok(e, 'a hover on the block_device');
  assert.match(e.markdown, /DriverVolumeBlockDevice/);
});

test('notes name what bdm-lab cannot know: a data source id is a stand-in, the body is still judged', () => {
  const text = `data "openstack_images_image_v2" "ubuntu" {\n  name = "ubuntu"\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  block_device {\n    uuid             = data.openstack_images_image_v2.ubuntu.id\n    source_type      = "image"\n    destination_type = "volume"\n    volume_size      = 10\n  }\n}\n`;
  const a = analyzeDocument(text, 'terraform', defaultContext());
  const note = a.diagnostics.find((d) => d.code === 'BDM-TF-UNRESOLVED');
  assert.ok(note);
  assert.equal(note.severity, 'information');
  assert.equal(text.slice(note.span.offset, note.span.offset + note.span.length), 'data.openstack_images_image_v2.ubuntu.id');
  assert.equal(a.valid, true);
  assert.equal(a.requests![0].toolError, null);
});

test('bdm-lab check FILE.tf: line:column per resource and the requests in the JSON output; xml on one resource', async () => {
  const tf = `resource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  block_device {\n    uuid             = "22222222-2222-4222-8222-222222222222"\n    source_type      = "volume"\n    destination_type = "volume"\n    multiattach      = true\n  }\n  network_mode = "none"\n}\n`;
  const bad = tf.replace('    destination_type = "volume"\n', '');
  const run = cliRunner({ 'test/fixtures/terraform/ok.tf': tf, 'test/fixtures/terraform/bad.tf': bad });
  const t = await run(['check', 'test/fixtures/terraform/bad.tf']);
  assert.equal(t.code, 1);
  assert.match(t.out, /bad\.tf:4:3: error BDM-TF-PROVIDER/);
  assert.match(t.out, /bad\.tf: invalid \(BDM-TF-PROVIDER\); 1 openstack_compute_instance_v2 or openstack_compute_volume_attach_v2 resource\n/);
  const j = await run(['check', '--format', 'json', 'test/fixtures/terraform/ok.tf']);
  const f = JSON.parse(j.out).files[0];
  assert.equal(f.requests.length, 1);
  assert.deepEqual(Object.keys(f.requests[0]).sort(), ['body', 'microversion', 'range', 'tool', 'toolError', 'valid']);
  assert.equal(f.requests[0].tool, 'terraform');
  assert.equal(f.requests[0].microversion, '2.60');
  assert.deepEqual(f.requests[0].range.start, { line: 0, character: 0 });
  const x = await run(['xml', 'test/fixtures/terraform/ok.tf']);
  assert.equal(x.code, 0, x.err);
  assert.match(x.out, /<target dev="vda" bus="virtio"\/>/);
});

test('bdm-lab attach FILE.tf replays the volume-attach resource\'s body; a volume not on the lab host is named at its place', async () => {
  // the instance declared after the attachment (a resource the file does not declare is refused: hunt 40)
  const tf = (vol: string) => `resource "openstack_compute_volume_attach_v2" "att" {\n  instance_id = openstack_compute_instance_v2.vm.id\n  volume_id   = "${vol}"\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "11111111-1111-4111-8111-111111111111"\n}\n`;
  const run = cliRunner({ 'test/fixtures/terraform/att.tf': tf('0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01'), 'test/fixtures/terraform/att-bad.tf': tf('5c6bf1f4-3c0b-4f3c-9b7a-1d2e3f4a5b6c'), 'test/fixtures/terraform/none.tf': 'resource "x" "y" {}\n' });
  const ok = await run(['attach', '--lab', 'default', 'test/fixtures/terraform/att.tf']);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /attach: ATTACHED/);
  const bad = await run(['attach', '--lab', 'default', 'test/fixtures/terraform/att-bad.tf']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /att-bad\.tf:3:17: volume 5c6bf1f4-3c0b-4f3c-9b7a-1d2e3f4a5b6c is not on lab host "default"/);
  const none = await run(['attach', '--lab', 'default', 'test/fixtures/terraform/none.tf']);
  assert.equal(none.code, 2);
  assert.match(none.err, /no openstack_compute_volume_attach_v2 resource/);
});

test('a volume resource of the file named by uuid exists for Nova\'s look-ups on a lab host, with its size and whether it is bootable (from an image)', () => {
  const inv: Inventory = { source: 'test', images: [{ id: '11111111-1111-4111-8111-111111111111', size_gib: 1 }], volumes: [], snapshots: [] };
  const tf = (volumeLines: string) => `resource "openstack_blockstorage_volume_v3" "root" {\n${volumeLines}\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name         = "vm"\n  flavor_id    = "1"\n  network_mode = "none"\n  block_device {\n    uuid             = openstack_blockstorage_volume_v3.root.id\n    source_type      = "volume"\n    destination_type = "volume"\n  }\n}\n`;
  const codes = (text: string) => analyzeDocument(text, 'terraform', ctx(), { inventory: inv }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
  assert.deepEqual(codes(tf('  size     = 10\n  image_id = "11111111-1111-4111-8111-111111111111"')), []);
  assert.deepEqual(codes(tf('  size = 10')), ['BDM-COMPUTE-ROOT-VOLUME-BOOTABLE']);
  const doc = terraformSources(tf('  size = 10'))[0];
  assert.deepEqual(doc.creates?.volumes.map((v) => [v.size, v.bootable, v.status]), [[10, false, 'available']]);
  // a volume id that is no resource of the file is still looked up on the lab host
  assert.deepEqual(codes(tf('  size = 10').replace('openstack_blockstorage_volume_v3.root.id', '"99999999-2222-4222-8222-222222222222"')), ['BDM-COMPUTE-ROOT-VOLUME-EXISTS']);
});

// `--label`: Nova's verdict (nova-oracle) on every body the provider sends.
if (process.argv.includes('--label')) {
  const sent = CASES.filter((c) => c.expect.stage === 'sent');
  // the provider marshals Go maps: keys sorted, which Nova's messages show
  const sortKeys = (v: unknown): unknown => (Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v);
  const tmp = '/tmp/bdm-lab-tf-nova-cases.json';
  writeFileSync(tmp, JSON.stringify(sent.map((c) => ({ id: c.id, payload: sortKeys((c.expect as { body: unknown }).body), context: { flavor: FLAVOR, microversion: (c.expect as { microversion: string }).microversion } }))));
  const out = execFileSync('/usr/bin/python3', [join(ROOT, '..', 'shared', 'tools', 'nova-oracle', 'oracle.py'), tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const labels: Record<string, NovaLabel> = {};
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number; nova_message?: string };
    labels[r.id] = { valid: r.valid, http_status: r.http_status, ...(r.valid ? {} : { message: r.nova_message }) };
  }
  writeFileSync(NOVA_FILE, JSON.stringify(labels, null, 1) + '\n');
}

// ---- count / for_each / dynamic blocks: what Terraform expands before the provider sees it
const counted = (count: string, dev: string) => `variable "vols" {\n  default = ["22222222-2222-4222-8222-222222222222", "33333333-3333-4333-8333-333333333333", "44444444-4444-4444-8444-444444444444"]\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  count     = ${count}\n  block_device {\n    uuid             = ${dev}\n    source_type      = "volume"\n    destination_type = "volume"\n  }\n}\n`;

test('count = 0 creates nothing: no request, no diagnostic (also from a variable default)', () => {
  assert.equal(terraformSources(counted('0', 'var.vols[0]')).length, 0);
  const viaVar = counted('var.n', 'var.vols[0]').replace('variable "vols"', 'variable "n" {\n  default = 0\n}\nvariable "vols"');
  assert.equal(terraformSources(viaVar).length, 0);
  assert.equal(analyzeDocument(viaVar, 'terraform', defaultContext()).requests?.length ?? 0, 0);
  // a conditional count (var.create ? 1 : 0) is evaluated
  const cond = counted('var.create ? 1 : 0', 'var.vols[0]').replace('variable "vols"', 'variable "create" {\n  default = false\n}\nvariable "vols"');
  assert.equal(terraformSources(cond).length, 0);
  assert.equal(terraformSources(cond.replace('default = false', 'default = true')).length, 1);
  // negative: count = 1 is one request
  assert.equal(terraformSources(counted('1', 'var.vols[0]')).length, 1);
});

test('count: block devices independent of count.index are judged once, with a note naming the count', () => {
  const docs = terraformSources(counted('3', 'var.vols[0]'));
  assert.equal(docs.length, 1);
  const note = docs[0].findings.find((f) => /count = 3/.test(String(f.args?.detail)));
  assert.match(String(note?.args?.detail), /Terraform creates 3 instances; their block devices do not depend on count.index, so each gets the check of index 0/);
});

test('count: block devices that depend on count.index are judged per index, each with its own body', () => {
  const docs = terraformSources(counted('3', 'var.vols[count.index]'));
  assert.deepEqual(docs.map((d) => d.instanceKey), ['[0]', '[1]', '[2]']);
  assert.deepEqual(docs.map((d) => ((d.body as { server: { block_device_mapping_v2: Array<{ uuid: string }> } }).server.block_device_mapping_v2[0].uuid.slice(0, 2))), ['22', '33', '44']);
  assert.match(docs[1].toolLabel, /openstack_compute_instance_v2\.vm\[1\]/);
  // past the cap: the first 8 are judged, a note says so
  const many = terraformSources(counted('20', '"vol-${count.index}"'));
  assert.equal(many.length, 8);
  // instances refused the same way are one request, the others named
  const refused = terraformSources(counted('2', 'var.vols[count.index]').replace('  }\n}\n', '  }\n  block_device {\n    source_type      = "blank"\n    destination_type = "local"\n  }\n}\n'));
  assert.equal(refused.length, 1);
  assert.deepEqual(refused[0].findings.map((f) => f.args?.detail), ['You must specify a volume_size when creating a blank block device', 'Instance [1] is refused the same way as [0]: judged once.']);
  // an unknown count: judged once, the count named
  const unk = terraformSources(`variable "nope" {}\n${counted('var.nope', 'var.vols[0]')}`);
  assert.equal(unk.length, 1);
  assert.ok(unk[0].findings.some((f) => /^count is var\.nope/.test(String(f.args?.detail))));
});

test('dynamic block_device: a diagnostic on an expanded entry lands on the attribute inside its content block', () => {
  const tf = 'variable "disks" {\n  default = [{ size = 10 }, { size = 0 }]\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "11111111-1111-4111-8111-111111111111"\n  dynamic "block_device" {\n    for_each = var.disks\n    content {\n      source_type      = "blank"\n      destination_type = "local"\n      volume_size      = block_device.value.size\n      boot_index       = -1\n    }\n  }\n}\n';
  const d = terraformSources(tf)[0];
  // the provider refuses the second (blank -> local without a size): at the content block's entry
  assert.equal(d.findings[0].code, 'BDM-TF-PROVIDER');
  assert.match(String(d.findings[0].args?.detail), /You must specify a volume_size when creating a blank block device/);
  const content = tf.indexOf('content {');
  assert.ok(d.findings[0].span.offset >= content, 'inside the content block');
  // with both sizes known and valid, each entry's volume_size is placed on the content's attribute
  const ok = terraformSources(tf.replace('size = 0', 'size = 5'))[0];
  const at = ok.locate(['server', 'block_device_mapping_v2', 1, 'volume_size'], 'key')!;
  assert.equal(tf.slice(at.offset, at.offset + at.length), 'volume_size');
  assert.ok(at.offset > content);
});

test('quick fix: for_each over a list is wrapped in toset(), which Terraform takes (one request per string)', () => {
  const tf = 'resource "openstack_compute_instance_v2" "vm" {\n  for_each  = ["a", "b"]\n  name      = each.key\n  flavor_id = "1"\n  image_id  = "11111111-1111-4111-8111-111111111111"\n}\n';
  const d = terraformSources(tf)[0];
  const f = d.findings[0];
  assert.equal(f.code, 'BDM-TF-CONFIG');
  assert.equal(tf.slice(f.span.offset, f.span.offset + f.span.length), '["a", "b"]');
  const fix = d.fixes({ code: f.code, span: f.span, path: '', entry: null }).find((x) => /toset/.test(x.title));
  assert.ok(fix);
  const out = apply(tf, fix.edits);
  assert.match(out, /for_each {2}= toset\(\["a", "b"\]\)/);
  assert.deepEqual(terraformSources(out).map((x) => [x.instanceKey, x.findings.length]), [['["a"]', 0], ['["b"]', 0]]);
  // negative: a map needs no fix
  assert.equal(terraformSources(tf.replace('["a", "b"]', '{ a = 1 }'))[0].findings.length, 0);
});

test('dynamic network: expanded over a known for_each into the body\'s networks; an unknown for_each is named; network_mode conflicts only with blocks that exist', () => {
  const net = (forEach: string, mode = '') => `variable "nets" {\n  default = ["55555555-5555-4555-8555-555555555555", "66666666-6666-4666-8666-666666666666"]\n}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "11111111-1111-4111-8111-111111111111"\n${mode}  dynamic "network" {\n    for_each = ${forEach}\n    content {\n      uuid = network.value\n    }\n  }\n}\n`;
  const d = terraformSources(net('var.nets'))[0];
  assert.ok(d.body, JSON.stringify(d.findings.map((f) => f.code)));
  assert.deepEqual((d.body as { server: { networks: unknown } }).server.networks, [{ uuid: '55555555-5555-4555-8555-555555555555' }, { uuid: '66666666-6666-4666-8666-666666666666' }]);
  // the iterator renamed
  const renamed = net('var.nets').replace('for_each = var.nets', 'for_each = var.nets\n    iterator = n').replace('network.value', 'n.value');
  assert.deepEqual((terraformSources(renamed)[0].body as { server: { networks: Array<{ uuid: string }> } }).server.networks.map((n) => n.uuid.slice(0, 2)), ['55', '66']);
  // an unknown collection: refused as unknown, naming it and the block type
  const unk = terraformSources(`variable "nope" {}\n${net('var.nope')}`)[0];
  assert.equal(unk.findings[0]?.code, 'BDM-TF-UNKNOWN');
  assert.match(String(unk.findings[0]?.args?.detail), /for_each is var\.nope.*one network per element/);
  // network_mode with networks made by the dynamic block: Terraform's conflict; with none made, no conflict
  assert.ok(tfCodes(net('var.nets', '  network_mode = "none"\n')).includes('BDM-TF-CONFIG'));
  assert.ok(!tfCodes(net('[]', '  network_mode = "none"\n')).includes('BDM-TF-CONFIG'));
  // another dynamic block type is still refused as unknown
  assert.ok(tfCodes(net('var.nets').replace('dynamic "network"', 'dynamic "personality"')).includes('BDM-TF-UNKNOWN') || tfCodes(net('var.nets').replace('dynamic "network"', 'dynamic "personality"')).includes('BDM-TF-CONFIG'));
});

test('a value known only after apply in a field whose form Nova or the provider checks gets a well-formed stand-in, not a refusal of the stand-in', () => {
  const vm = (lines: string) => `variable "v" {}\nresource "openstack_compute_instance_v2" "vm" {\n  name      = "vm"\n  flavor_id = "1"\n  image_id  = "${IMG}"\n${lines}\n}\n`;
  const attach = (lines: string) => `variable "v" {}\nresource "openstack_compute_volume_attach_v2" "va" {\n  instance_id = "${IMG}"\n  volume_id   = "${VOL}"\n${lines}\n}\n`;
  const judged = (tf: string) => {
    const d = terraformSources(tf)[0];
    assert.deepEqual(d.findings.map((f) => f.code), ['BDM-TF-UNRESOLVED'], JSON.stringify(d.findings));
    return analyzeSource(d, ctx());
  };
  for (const tf of [
    vm(`  network {\n    uuid        = "${NET}"\n    fixed_ip_v4 = var.v\n  }`),
    vm(`  hypervisor_hostname = var.v\n  network {\n    uuid = "${NET}"\n  }`),
    vm(`  network {\n    uuid = "${NET}"\n  }\n  scheduler_hints {\n    build_near_host_ip = var.v\n  }`),
    attach('  device = var.v'),
  ]) {
    const a = judged(tf);
    assert.equal(a.valid, true, `${tf}\n${a.verdict?.code} ${a.verdict?.message}`);
  }
  // negative: the same fields written with a bad value are still refused, by Nova or by the provider
  const bad = (tf: string) => analyzeSource(terraformSources(tf)[0], ctx());
  assert.equal(bad(vm(`  network {\n    uuid        = "${NET}"\n    fixed_ip_v4 = "10.0.0"\n  }`)).valid, false);
  assert.equal(bad(vm(`  hypervisor_hostname = "host one"\n  network {\n    uuid = "${NET}"\n  }`)).valid, false);
  assert.equal(bad(attach('  device = "vdc"')).verdict?.code, 'BDM-ATTACH-SCHEMA-DEVICE');
  assert.equal(terraformSources(vm(`  network {\n    uuid = "${NET}"\n  }\n  scheduler_hints {\n    build_near_host_ip = "10.0.0.1"\n  }`))[0].findings[0]?.args?.detail, 'Error creating OpenStack server: Must be a valid subnet in the form 192.168.1.1/24');
});
