/**
 * Terraform fidelity: what Terraform (main @ 883c7221, go.mod: go-cty v1.18.1, hcl v2.24.0),
 * terraform-plugin-sdk v2.40.1 and terraform-provider-openstack @ 27f261252ad2 with gophercloud
 * v2.13.0 say about configurations bdm-lab judged differently before. There is no Terraform or Go
 * here: each case is labelled from the upstream function named beside it (facts read from the
 * source, not run). Cases marked "negative" show the neighbouring input that is still accepted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { terraformSources } from '../../server/src/source/terraform';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { codeActionsOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';

const VOL = '22222222-2222-4222-8222-222222222222';

/** an instance `vm` (name, flavor) with these lines */
const vm = (lines: string, name = '  name      = "vm"') => `resource "openstack_compute_instance_v2" "vm" {\n${name}\n  flavor_id = "1"\n${lines}\n}\n`;
/** a volume block_device with one more line */
const volBd = (line: string) => `  block_device {\n    source_type      = "volume"\n    uuid             = "${VOL}"\n    destination_type = "volume"\n${line}\n  }`;

function first(tf: string, instance?: string) {
  const docs = terraformSources(tf);
  const d = instance ? docs.find((x) => x.instanceKey === instance) : docs[0];
  assert.ok(d, 'the resource is found');
  return d;
}
/** the refusal's code and words */
const refusal = (tf: string) => { const d = first(tf); return [d.findings[0]?.code, d.findings[0]?.args?.detail]; };
const typeError = (name: string, why: string) => ['BDM-TF-CONFIG', `Incorrect attribute value type: Inappropriate value for attribute "${name}": ${why}.`];

// hcl hcldec AttrSpec.decode converts each argument with go-cty's convert.Convert; when no conversion
// exists the reason is convert.MismatchMessage (cty/convert/mismatch_msg.go, v1.18.1): between a
// primitive and a structural type, or bool and number, "<want> required, but have <got>"
test('a number for a bool argument: no conversion, go-cty names both types', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    delete_on_termination = 1')}`)), typeError('delete_on_termination', 'bool required, but have number'));
});
test('a bool for an integer argument: go-cty has no bool-to-number conversion', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    boot_index = true')}`)), typeError('boot_index', 'number required, but have bool'));
});
test('a tuple for an integer argument', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    volume_size = [1]')}`)), typeError('volume_size', 'number required, but have tuple'));
});
test('a tuple for a string argument', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    disk_bus = ["virtio"]')}`)), typeError('disk_bus', 'string required, but have tuple'));
});
test('a string that does not parse as a number keeps the conversion\'s words (negative of the above)', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    volume_size = "ten"')}`)), typeError('volume_size', 'a number is required'));
});
// mismatchMessageCollectionsFromStructural: the first tuple element that cannot become the element type, by index
test('a set of strings with an object element: the element is named by its index', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  tags = ["a", { x = 1 }]')), typeError('tags', 'element 1: string required, but have object'));
});
test('a string for a list argument names the list type (scheduler_hints.different_host is a TypeList)', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  scheduler_hints {\n    different_host = "x"\n  }')), typeError('different_host', 'list of string required, but have string'));
});
test('a map argument with a tuple value: the element is named by its key', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  metadata = { a = [1] }')), typeError('metadata', 'element "a": string required, but have tuple'));
});
test('a tuple for a map argument', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  metadata = ["a"]')), typeError('metadata', 'map of string required'));
});

// cty.ParseNumberVal is math/big ParseFloat in base 10 (math/big/floatconv.go Parse/scan): a `p`
// exponent is a power of two, "inf"/"Inf" is infinity, a 0x prefix is not accepted in base 10
test('a string with a p exponent is a number to go-cty: "1p4" is 16 and sent', () => {
  const d = first(vm(`  block_device {\n    source_type      = "image"\n    uuid             = "${VOL}"\n    destination_type = "volume"\n    volume_size      = "1p4"\n  }`));
  assert.deepEqual(d.findings.filter((f) => f.code.startsWith('BDM-TF-') && f.code !== 'BDM-TF-UNRESOLVED'), []);
  assert.equal((d.body as { server: { block_device_mapping_v2: Array<{ volume_size: number }> } }).server.block_device_mapping_v2[0].volume_size, 16);
});
test('"inf" converts to an infinite number, which the SDK refuses as not whole (Go prints +Inf)', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    volume_size = "inf"')}`)), ['BDM-TF-CONFIG', 'Attribute must be a whole number, got +Inf']);
});
test('a hex string is not a number in base 10', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    volume_size = "0x10"')}`)), typeError('volume_size', 'a number is required'));
});

// cty/convert/conversion_primitive.go: a number becomes a string by big.Float Text('f', -1), plain digits
test('a number given to a string argument is written in plain digits, never in e-notation', () => {
  const d = first(vm('  image_id = 1e21\n  metadata = { small = 0.0000001 }'));
  const server = (d.body as { server: { imageRef: string; metadata: Record<string, string> } }).server;
  assert.equal(server.imageRef, '1000000000000000000000');
  assert.deepEqual(server.metadata, { small: '0.0000001' });
});

// terraform-plugin-sdk helper/schema schemaMap.validate: a Required argument whose value is null is
// missing; the SDK names it by its flatmap path (validateList adds the index of a list block)
test('source_type = null in the second block_device: the SDK names block_device.1.source_type', () => {
  const tf = vm(`  image_id = "i"\n${volBd('')}\n  block_device {\n    source_type      = null\n    uuid             = "${VOL}"\n    destination_type = "volume"\n  }`);
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Missing required argument: The argument "block_device.1.source_type" is required, but no definition was found.']);
});
test('name = null is missing to the SDK before the provider is asked (not gophercloud\'s [Name])', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"', '  name = null')), ['BDM-TF-CONFIG', 'Missing required argument: The argument "name" is required, but no definition was found.']);
});
test('name = "" is not null: the SDK passes it and gophercloud refuses the empty name (negative)', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"', '  name = ""')), ['BDM-TF-PROVIDER', 'Error creating OpenStack server: Missing input for argument [Name]']);
});
test('volume_id = null on a volume attach: the SDK refuses it', () => {
  const tf = `resource "openstack_compute_volume_attach_v2" "a" {\n  instance_id = "${VOL}"\n  volume_id   = null\n}\n`;
  assert.deepEqual(refusal(tf), ['BDM-TF-CONFIG', 'Missing required argument: The argument "volume_id" is required, but no definition was found.']);
});

// helper/schema Resource.CoreConfigSchema adds "id" as Optional+Computed for Terraform; the SDK's
// schemaMap.validateObject finds no "id" in the provider's schema: "Invalid or unknown key" (summary only)
test('id = "x": Terraform takes it, the SDK refuses an unknown key', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  id = "x"')), ['BDM-TF-CONFIG', 'Invalid or unknown key']);
});
test('a computed attribute of a network block is named by its path, as schemaMap.validate does', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  network {\n    name = "n"\n  }\n  network {\n    name = "m"\n    mac  = "fa:16:3e:00:00:01"\n  }')),
    ['BDM-TF-CONFIG', 'Value for unconfigurable attribute: Can\'t configure a value for "network.1.mac": its value will be decided automatically based on the result of applying this configuration.']);
});

// internal/terraform/eval_count.go: count is EvaluateExpr(..., cty.Number) (lang/eval.go wraps a
// conversion error as "Invalid expression value: …"), then gocty.FromCtyValue into a Go int
// (cty/gocty/out.go fromCtyNumberInt: a whole number within int64, else its range in the words)
test('count = " 2": go-cty does not trim a string, so it is not a number', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  count = " 2"')), ['BDM-TF-CONFIG', 'Incorrect value type: Invalid expression value: a number is required.']);
});
test('count = true: no bool-to-number conversion', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  count = true')), ['BDM-TF-CONFIG', 'Incorrect value type: Invalid expression value: number required, but have bool.']);
});
test('count = 1.5: gocty names the int64 range', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  count = 1.5')), ['BDM-TF-CONFIG', 'Invalid count argument: The given "count" argument value is unsuitable: value must be a whole number, between -9223372036854775808 and 9223372036854775807.']);
});
test('count = "2" is converted (negative): two instances', () => {
  const docs = terraformSources(vm(`  image_id = "i"\n  count = "2"\n${volBd('    boot_index = count.index')}`));
  assert.deepEqual(docs.map((d) => d.instanceKey), ['[0]', '[1]']);
});

// gophercloud v2.13.0 servers.SchedulerHintOpts.ToSchedulerHintsMap: BuildNearHostIP must pass Go's
// net.ParseCIDR (netip.ParseAddr: IPv4 fields 0-255 without leading zeros, IPv6, no zone; prefix
// within the address length), then the text is split at "/" as written
const near = (ip: string) => vm(`  image_id = "i"\n  scheduler_hints {\n    build_near_host_ip = "${ip}"\n  }`);
const nearRefusal = ['BDM-TF-PROVIDER', 'Error creating OpenStack server: Must be a valid subnet in the form 192.168.1.1/24'];
for (const ip of ['999.1.1.1/24', '1.2.3.4/33', '01.2.3.4/24', 'fe80::1%eth0/64', '1.2.3.4::/64', '1:2:3:4:5:6:7::8/64', '1.2.3.4']) {
  test(`build_near_host_ip ${ip}: net.ParseCIDR refuses it`, () => assert.deepEqual(refusal(near(ip)), nearRefusal));
}
for (const [ip, host, cidr] of [['2001:db8::1/64', '2001:db8::1', '/64'], ['1.2.3.4/024', '1.2.3.4', '/024'], ['::ffff:1.2.3.4/96', '::ffff:1.2.3.4', '/96']]) {
  test(`build_near_host_ip ${ip}: accepted, sent as written`, () => {
    const d = first(near(ip));
    assert.deepEqual((d.body as Record<string, unknown>)['os:scheduler_hints'], { build_near_host_ip: host, cidr });
  });
}

test('a long configuration of type errors stays linear (ratio of times at 2n and n)', { timeout: 60_000 }, () => {
  const big = (n: number) => vm(`  image_id = "i"\n  tags = [${Array.from({ length: n }, (_, i) => `"t${i}"`).join(', ')}, { x = 1 }]`);
  const time = (n: number) => { const t0 = performance.now(); for (let k = 0; k < 3; k++) refusal(big(n)); return performance.now() - t0; };
  time(2000);
  const ratio = time(40000) / Math.max(time(20000), 1);
  assert.ok(ratio < 4, `time ratio ${ratio.toFixed(2)} at 2n/n`);
});

// hclsyntax (v2.24.0) BinaryOpExpr/ConditionalExpr convert operands with go-cty: a string operand is
// a number only when cty.ParseNumberVal takes it whole, a condition "1"/"0" is a bool, and a number
// inside a template is written as go-cty writes it (plain digits)
test('"0x10" + 1 is no number to Terraform: bdm-lab does not send 17', () => {
  const d = first(vm(`  image_id = "i"\n${volBd('    volume_size = "0x10" + 1')}`));
  // hclsyntax BinaryOpExpr refuses the operand (terraform-hunt25-fidelity.test.ts has its words)
  assert.equal(d.findings[0]?.code, 'BDM-TF-CONFIG');
  assert.equal(d.body, null);
});
test('a condition "1" converts to true', () => {
  const d = first(vm(`  image_id = "i"\n${volBd('    boot_index = "1" ? 3 : 4')}`));
  assert.equal((d.body as { server: { block_device_mapping_v2: Array<{ boot_index: number }> } }).server.block_device_mapping_v2[0].boot_index, 3);
});
test('"true" && "1" is true (both operands convert to bool)', () => {
  const d = first(vm(`  image_id = "i"\n${volBd('    delete_on_termination = "true" && "1"')}`));
  assert.equal((d.body as { server: { block_device_mapping_v2: Array<{ delete_on_termination: boolean }> } }).server.block_device_mapping_v2[0].delete_on_termination, true);
});
test('a number interpolated into a string is written in plain digits', () => {
  const d = first(vm('  image_id = "i"', '  name = "vm-${1e21}"'));
  assert.equal((d.body as { server: { name: string } }).server.name, 'vm-1000000000000000000000');
});

// hclsyntax (v2.24.0) Body.Content: an unexpected argument is suggested an attribute of the schema
// that the body does not set yet (computed ones and the SDK's "id" are in the schema Terraform sees);
// an unexpected block whose name is an argument is told to use the equals sign
test('metadata written as a block: Terraform says to use the equals sign', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  metadata {\n    a = "b"\n  }')),
    ['BDM-TF-CONFIG', 'Unsupported block type: Blocks of type "metadata" are not expected here. Did you mean to define argument "metadata"? If so, use the equals sign to assign it a value.']);
});
test('a typo of an argument already set is not suggested', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n${volBd('    uid = "x"')}`)), ['BDM-TF-CONFIG', 'Unsupported argument: An argument named "uid" is not expected here.']);
});
test('a typo of an argument not set yet is suggested (negative)', () => {
  assert.deepEqual(refusal(vm(`  image_id = "i"\n  block_device {\n    source_type      = "volume"\n    uid              = "${VOL}"\n    destination_type = "volume"\n  }`)),
    ['BDM-TF-CONFIG', 'Unsupported argument: An argument named "uid" is not expected here. Did you mean "uuid"?']);
});
test('"ids" is suggested "id", an attribute of the schema Terraform sees', () => {
  assert.deepEqual(refusal(vm('  image_id = "i"\n  ids = "x"')), ['BDM-TF-CONFIG', 'Unsupported argument: An argument named "ids" is not expected here. Did you mean "id"?']);
});

// hcl ext/dynblock expand_spec.go (v2.24.0) decodeSpec: a for_each that cannot be iterated, a null
// one, then exactly one content block (checked even when the collection is unknown)
const dyn = (forEach: string, content: string) => vm(`  image_id = "i"\n  dynamic "block_device" {\n    for_each = ${forEach}\n${content}\n  }`);
const content = `    content {\n      source_type      = "volume"\n      uuid             = "${VOL}"\n      destination_type = "volume"\n      boot_index       = -1\n    }`;
test('a dynamic for_each = null: "Cannot use a null value in for_each." only', () => {
  assert.deepEqual(refusal(dyn('null', content)), ['BDM-TF-CONFIG', 'Invalid dynamic for_each value: Cannot use a null value in for_each.']);
});
test('a dynamic for_each over a bool names go-cty\'s type name', () => {
  assert.deepEqual(refusal(dyn('true', content)), ['BDM-TF-CONFIG', 'Invalid dynamic for_each value: Cannot use a bool value in for_each. An iterable collection is required.']);
});
test('two content blocks in a dynamic block', () => {
  assert.deepEqual(refusal(dyn('["a"]', `${content}\n${content}`)), ['BDM-TF-CONFIG', 'Extraneous dynamic content block: Only one nested content block is allowed for each dynamic block.']);
});
test('no content block, for_each unknown: Terraform still refuses the dynamic block', () => {
  assert.deepEqual(refusal(`variable "vols" {}\n${dyn('var.vols', '')}`), ['BDM-TF-CONFIG', 'Missing dynamic content block: A dynamic block must have a nested block of type "content" to describe the body of each generated block.']);
});
test('one content block over a known list is expanded (negative)', () => {
  const d = first(dyn('["a", "b"]', content));
  assert.equal((d.body as { server: { block_device_mapping_v2: unknown[] } }).server.block_device_mapping_v2.length, 2);
});

// Terraform converts a variable's default to its type constraint when it loads the variable
// (internal/configs/named_values.go decodeVariableBlock: convert.Convert of the default)
test('a number variable whose default is the string "1" equals 1', () => {
  const d = first(`variable "n" {\n  type    = number\n  default = "1"\n}\n${vm(`  image_id = "i"\n${volBd('    boot_index = var.n == 1 ? 5 : 6')}`)}`);
  assert.equal((d.body as { server: { block_device_mapping_v2: Array<{ boot_index: number }> } }).server.block_device_mapping_v2[0].boot_index, 5);
});
test('a string variable whose default is the number 10 is "10"', () => {
  const d = first(`variable "s" {\n  type    = string\n  default = 10\n}\n${vm(`  image_id = "i"\n${volBd('    boot_index = var.s == "10" ? 5 : 6')}`)}`);
  assert.equal((d.body as { server: { block_device_mapping_v2: Array<{ boot_index: number }> } }).server.block_device_mapping_v2[0].boot_index, 5);
});

test('no quick fix renames an argument to the computed "id" Terraform suggests; a typo of a real argument keeps its rename', () => {
  const titles = (text: string) => {
    const s: DocState = { text, analysis: analyzeDocument(text, 'terraform', defaultContext()), context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
    const d = s.analysis.diagnostics.find((x) => x.code === 'BDM-TF-CONFIG');
    assert.ok(d, 'a BDM-TF-CONFIG diagnostic');
    return codeActionsOf(s, [{ code: d.code, offset: d.span.offset }], false).map((a) => a.title);
  };
  assert.ok(!titles(vm('  image_id = "i"\n  ids = "x"')).some((t) => /Rename/.test(t)));
  assert.ok(titles(vm('  image_id = "i"\n  imag_name = "x"')).includes('Rename imag_name to image_name'));
});

// resource_openstack_compute_instance_v2.go: the provider reads scheduler_hints List()[0], a TypeSet
// ordered by resourceComputeSchedulerHintsHash codes as strings (terraform-plugin-sdk Set.listCode);
// the element map holds every field, unset ones as zero values (field_reader.go readObjectField).
// Codes computed with Python's zlib.crc32: group 5555… -> 651926324, group 6666… -> 3777376498
test('two scheduler_hints blocks: the provider sends the one whose hash code sorts first', () => {
  const A = '55555555-5555-4555-8555-555555555555';
  const B = '66666666-6666-4666-8666-666666666666';
  const d = first(vm(`  image_id = "i"\n  scheduler_hints {\n    group = "${A}"\n  }\n  scheduler_hints {\n    group = "${B}"\n  }`));
  assert.deepEqual((d.body as Record<string, unknown>)['os:scheduler_hints'], { group: B });
});
