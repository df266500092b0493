/**
 * Heat's translation rules on OS::Nova::Server and its parameter schemas, where bdm-lab places
 * them. REPLACE: a block_device_mapping_v2 `image_id` (a networks `uuid`) gives its value to
 * `image` (`network`) unless it is None, and both true is a refusal; RESOLVE: a name Heat looks
 * up (image, flavor, network, subnet, port) written as a false value ('', 0, false) passes
 * validation but is no name once Heat creates the server. Parameter schemas
 * (HOTParamSchema.from_dict) are read when the stack is made: a schema Heat cannot read refuses
 * the template before any resource is looked at. get_attr: the attribute must be one the
 * resource's type has (checked before any property is resolved).
 *
 * Expected words and bodies: the heat-oracle (Heat 19.0.0's own code), the same cases as
 * test/fixtures/heat/translation-parameters.json (labelled in oracle.json, compared whole by
 * heat.test.ts); where the oracle cannot run a template, Heat's code run directly (said at the test).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources, standInId } from '../../server/src/source/heat';
import { HEAT_RESOURCE_TYPES, heatAttributes } from '../../server/src/source/heat/resourceTypes';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const HEAD = 'heat_template_version: 2018-08-31\n';
const server = (props: string) => `${HEAD}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n${props}`;

/** Heat's refusal of the (first) server or template: its words and the text it is placed on */
function refusal(text: string): { stage: string; message: string; at: string } | null {
  const e = heatSources(text)[0].translation.error;
  return e && { stage: e.stage, message: e.message, at: text.slice(e.span.offset, e.span.offset + e.span.length) };
}

const body = (text: string) => heatSources(text)[0].translation.body!.server;

// ---- REPLACE ----

test('image_id and image both given: Heat\'s refusal at block_device_mapping_v2[0].image, placed on the image key', () => {
  const t = server('      networks: [{network: private}]\n      block_device_mapping_v2:\n        - image_id: cirros\n          image: ubuntu\n          volume_size: 8\n');
  // heat-oracle (case replace-image-and-image_id)
  assert.deepEqual(refusal(t), {
    stage: 'heat-validate',
    message: 'Property error: resources.srv.properties.block_device_mapping_v2[0].image: Cannot define the following properties at the same time: block_device_mapping_v2.image, block_device_mapping_v2.image_id',
    at: 'image',
  });
  const d = analyzeDocument(t, 'yaml', defaultContext()).diagnostics.find((x) => x.code.startsWith('BDM-HEAT-'));
  assert.equal(d?.code, 'BDM-HEAT-PROPERTY');
  assert.equal(t.slice(d.span.offset, d.span.offset + d.span.length), 'image');
});

test('networks uuid and network both given: the same refusal, at networks[0].network', () => {
  // heat-oracle (case replace-network-and-uuid)
  assert.deepEqual(refusal(server('      networks: [{network: a, uuid: b}]\n      block_device_mapping_v2: [{volume_id: v1}]\n')), {
    stage: 'heat-validate',
    message: 'Property error: resources.srv.properties.networks[0].network: Cannot define the following properties at the same time: networks.network, networks.uuid',
    at: 'network',
  });
});

test('REPLACE: the old key wins unless None; a false one is no conflict, and the entry Heat builds comes from it', () => {
  const bdm = (entry: string) => server(`      networks: [{network: private}]\n      block_device_mapping_v2: [${entry}]\n`);
  // heat-oracle (replace-image_id-null-image, replace-image_id-empty-image): image null or '' leaves image_id's cirros
  for (const image of ['null', "''"]) {
    const t = bdm(`{image_id: cirros, image: ${image}, volume_size: 8}`);
    const s = body(t);
    assert.deepEqual(s.block_device_mapping_v2, [{ uuid: standInId('image', 'cirros'), source_type: 'image', destination_type: 'volume', boot_index: 0, delete_on_termination: false, volume_size: 8 }]);
    // the entry's uuid is placed where image_id writes it
    const doc = heatSources(t)[0];
    const at = doc.locate(['server', 'block_device_mapping_v2', 0, 'uuid'], 'value')!;
    assert.equal(t.slice(at.offset, at.offset + at.length), 'cirros');
  }
  // heat-oracle (replace-empty-image_id-wins): image_id '' is not None, so it is the image; Heat builds no entry and fails on its None
  assert.deepEqual(refusal(bdm("{image_id: '', image: cirros, volume_size: 8}")), { stage: 'novaclient', message: "'NoneType' object does not support item assignment", at: 'block_device_mapping_v2' });
  // heat-oracle (replace-image_id-null-alone): image_id null alone is no image at all (not the '' an explicit `image: null` gives)
  assert.equal(refusal(bdm('{image_id: null, volume_size: 1}'))?.message, 'Either volume_id, snapshot_id, image_id, swap_size, ephemeral_size or ephemeral_format must be specified.');
  // heat-oracle (replace-image_id-list): the old value is checked as the new key's type, at the new key's path
  assert.deepEqual(refusal(bdm('{image_id: [a]}')), { stage: 'heat-validate', message: "Property error: resources.srv.properties.block_device_mapping_v2[0].image: Value must be a string; got ['a']", at: '[a]' });
  // heat-oracle (replace-uuid-null-network, replace-empty-uuid-wins)
  const nets = (n: string) => body(server(`      networks: [${n}]\n      block_device_mapping_v2: [{volume_id: v1}]\n`)).networks;
  assert.deepEqual(nets('{network: null, uuid: b}'), [{ uuid: standInId('network', 'b') }]);
  assert.deepEqual(nets("{network: a, uuid: '', fixed_ip: 1.2.3.4}"), [{ fixed_ip: '1.2.3.4' }]);
});

test('REPLACE order: an unknown key and an earlier property are refused first; the conflict before later properties', () => {
  const bdm = (entry: string) => refusal(server(`      networks: [{network: private}]\n      block_device_mapping_v2: [${entry}]\n`))?.message;
  // heat-oracle (replace-conflict-after-unknown-key, replace-earlier-key-before-conflict, replace-conflict-before-later-key)
  assert.equal(bdm('{image_id: x, image: y, bogus: 1}'), 'Property error: resources.srv.properties.block_device_mapping_v2[0]: Unknown Property bogus');
  assert.equal(bdm('{image_id: x, image: y, volume_id: [q]}'), "Property error: resources.srv.properties.block_device_mapping_v2[0].volume_id: Value must be a string; got ['q']");
  assert.match(bdm('{image_id: x, image: y, swap_size: q}')!, /\[0\]\.image: Cannot define the following properties at the same time/);
});

test('REPLACE negative: image_id alone, or image alone, is Heat\'s image (no refusal)', () => {
  for (const entry of ['{image_id: cirros, boot_index: 0}', '{image: cirros, boot_index: 0}']) {
    const t = server(`      networks: [{network: private}]\n      block_device_mapping_v2: [${entry}]\n`);
    assert.equal(refusal(t), null);
    assert.equal((body(t).block_device_mapping_v2 as Array<{ uuid: string }>)[0].uuid, standInId('image', 'cirros'));
  }
});

// ---- RESOLVE: a false name ----

test('a looked-up name written false passes validation as \'0\'/\'False\' but is no name in the request', () => {
  // heat-oracle (lookup-top-image-zero): `image: 0` still counts as the image for validation (a volume with boot_index 1 is no second boot source); the request has no imageRef
  const top = body(server('      image: 0\n      networks: [{network: private}]\n      block_device_mapping_v2: [{volume_id: v, boot_index: 1}]\n'));
  assert.equal(top.imageRef, '');
  assert.deepEqual(top.block_device_mapping_v2, [{ uuid: 'v', source_type: 'volume', destination_type: 'volume', boot_index: 1, delete_on_termination: false }]);
  // heat-oracle (lookup-flavor-zero, lookup-flavor-empty): novaclient sends flavorRef ''
  assert.equal(body(server('      image: cirros\n      networks: [{network: private}]\n').replace('flavor: m1.small', 'flavor: 0')).flavorRef, '');
  // heat-oracle (lookup-bdm-image-zero, lookup-network-subnet-port-zero)
  const s = body(server('      networks: [{network: 0}, {subnet: 0}, {port: false, network: n}]\n      block_device_mapping_v2: [{image: 0}]\n'));
  assert.equal(s.block_device_mapping_v2, undefined);
  assert.deepEqual(s.networks, [{}, {}, { uuid: standInId('network', 'n') }]);
  // negative: a true value is looked up (the string '0' is true)
  assert.equal(body(server("      image: '0'\n      networks: [{network: private}]\n")).imageRef, standInId('image', '0'));
});

// ---- parameter schemas ----

const withParams = (params: string, version = '2018-08-31') => `heat_template_version: ${version}\nparameters:\n${params}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: n}]\n`;

test('a parameter key Heat does not know refuses the template, placed on the key (allowed_values outside constraints)', () => {
  const t = withParams('  root_size: {type: number, default: 20, allowed_values: [20, 40]}\n');
  // heat-oracle (param-allowed_values-not-in-constraints)
  assert.deepEqual(refusal(t), { stage: 'template', message: "Invalid key 'allowed_values' for parameter (root_size)", at: 'allowed_values' });
  const a = analyzeDocument(t, 'yaml', defaultContext());
  const d = a.diagnostics.find((x) => x.code === 'BDM-HEAT-TEMPLATE');
  assert.ok(d);
  assert.equal(t.slice(d.span.offset, d.span.offset + d.span.length), 'allowed_values');
  assert.equal(a.requests?.[0].body, null);
});

test('a missing type is placed on the parameter\'s name, an invalid one on the type; Heat\'s order of checks', () => {
  // heat-oracle: param-missing-type, param-type-str, param-type-list, param-unknown-key-before-bad-type, param-constraints-before-type, param-first-bad-parameter-wins
  assert.deepEqual(refusal(withParams('  v:\n    default: 1\n')), { stage: 'template', message: 'Missing parameter type for parameter: v', at: 'v' });
  assert.deepEqual(refusal(withParams('  v: {type: str}\n')), { stage: 'template', message: 'Invalid type (str)', at: 'str' });
  assert.deepEqual(refusal(withParams('  v: {type: [a]}\n')), { stage: 'template', message: "Invalid type (['a'])", at: '[a]' });
  assert.equal(refusal(withParams('  v: {type: str, bogus: 1}\n'))?.message, "Invalid key 'bogus' for parameter (v)");
  assert.equal(refusal(withParams('  v: {type: str, default: 4, constraints: 5}\n'))?.message, 'Invalid parameter constraints for parameter v, expected a list');
  assert.equal(refusal(withParams('  w: {type: str}\n  v: {bogus: 1}\n'))?.message, 'Invalid type (str)');
  // heat-oracle (param-null-key, param-int-name): keys as Python prints them
  assert.equal(refusal(withParams('  v: {type: string, default: a, null: 1}\n'))?.message, "Invalid key 'None' for parameter (v)");
  assert.equal(refusal(withParams('  5: {default: a}\n'))?.message, 'Missing parameter type for parameter: 5');
});

test('a parameter schema error comes before the stack\'s other errors (a condition, a resource type, a property)', () => {
  const t = `${HEAD}parameters:\n  v: {type: str}\nconditions:\n  c: {equals: [{get_param: nope}, 1]}\nresources:\n  a:\n    type: OS::Nope::Thing\n  srv:\n    type: OS::Nova::Server\n    condition: zz\n    properties: {flavor: m1, bogus: 1}\n`;
  // heat-oracle (param-error-before-stack-errors)
  assert.deepEqual(refusal(t), { stage: 'template', message: 'Invalid type (str)', at: 'str' });
});

test('constraints: each as Heat makes it (modulo from 2017-02-24, range, length, allowed_values, allowed_pattern)', () => {
  const c = (cons: string, version?: string) => refusal(withParams(`  v: {type: number, default: 4, constraints: [${cons}]}\n`, version));
  // heat-oracle: param-modulo-offset-too-big, param-range-not-a-number, param-length-string-float, param-constraint-none-expressed,
  // param-modulo-before-2017-02-24, param-modulo-inf, param-allowed_values-not-list
  assert.deepEqual(c('{modulo: {step: 2, offset: 3}}'), { stage: 'template', message: 'offset must be smaller (by absolute value) than step.', at: '3' });
  assert.deepEqual(c('{range: {min: abc}}'), { stage: 'template', message: "could not convert string to float: 'abc'", at: 'abc' });
  assert.deepEqual(c("{length: {max: '2e1'}}"), { stage: 'template', message: 'min/max length must be integral', at: "'2e1'" });
  assert.deepEqual(c('{description: x}'), { stage: 'template', message: 'No constraint expressed', at: '{description: x}' });
  assert.equal(c('{modulo: {step: 2}}', '2016-10-14')?.message, 'No constraint expressed');
  assert.equal(c("{modulo: {step: '-inf', offset: 1}}")?.message, 'cannot convert float infinity to integer');
  assert.equal(c('{allowed_values: {a: 1}}')?.message, 'AllowedValues must be a list');
  // negative (param-range-string-number, param-length-string-int, param-modulo-ignored-before-2017-02-24, param-range-before-length)
  assert.equal(c("{range: {min: '1.5', max: ' 1_0 '}}"), null);
  // Heat reads this schema; Stack.validate then refuses a length constraint on a number (test/fixtures/heat/stack_checks.py)
  assert.deepEqual(c("{length: {min: '2', max: true}}"), { stage: 'template', message: "Parameter 'v' is invalid: Length constraint invalid for number", at: 'length' });
  assert.equal(c('{modulo: {step: 2}, range: {min: 1}}', '2016-10-14'), null);
  assert.equal(c('{range: {min: 1}, length: 5}'), null);
});

test('parameter schemas Heat reads pass: every known key, tags from 2018-03-02', () => {
  // heat-oracle (param-valid-keys, param-tags-2018-03-02, param-tags-before-2018-03-02)
  assert.equal(refusal(withParams('  v: {type: string, hidden: yes, label: l, immutable: true, description: d, default: x, schema: 1, constraints: []}\n  j: {type: json, default: {a: 1}}\n')), null);
  assert.equal(refusal(withParams('  v: {type: string, default: a, tags: [a]}\n', '2018-03-02')), null);
  assert.equal(refusal(withParams('  v: {type: string, tags: [a]}\n', '2016-10-14'))?.message, "Invalid key 'tags' for parameter (v)");
});

test('a parameters section that is no mapping: Python\'s AttributeError when Heat lists its items; a false one is none', () => {
  // Heat 19's code run directly (template_format.parse, Template, all_param_schemata, Stack): the
  // heat-oracle cannot label these, its own parameter filling fails on such a section first
  for (const [section, type] of [['[a]', 'list'], ['abc', 'str'], ['5', 'int'], ['true', 'bool'], ['1.5', 'float']]) {
    const t = withParams('').replace('parameters:\n', `parameters: ${section}\n`);
    assert.deepEqual(refusal(t), { stage: 'template', message: `'${type}' object has no attribute 'items'`, at: section });
  }
  assert.equal(refusal(withParams('').replace('parameters:\n', 'parameters: []\n')), null);
});

// ---- get_attr: the attribute names of each type ----

test('the attribute names of every type bdm-lab knows are Heat\'s (test/fixtures/heat/attributes.json, from Heat\'s classes and validation)', () => {
  const heat = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'heat', 'attributes.json'), 'utf8')) as Record<string, string[] | null>;
  assert.deepEqual(Object.keys(heat).sort(), [...HEAT_RESOURCE_TYPES].sort());
  for (const [type, names] of Object.entries(heat)) {
    const ours = heatAttributes(type);
    if (names === null) assert.equal(ours, null, `${type} takes any attribute name`);
    else assert.deepEqual([...ours!].sort(), [...names].sort(), type);
  }
  // a provider template (or any type without a list) is not checked
  assert.equal(heatAttributes('my/template.yaml'), undefined);
});

const withVolume = (props: string, head = HEAD) => `${head}resources:\n  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 10, image: cirros}\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n      networks: [{network: private}]\n${props}`;

test('get_attr of an attribute the type does not have is Heat\'s refusal, placed on the attribute\'s name', () => {
  const t = withVolume('      block_device_mapping_v2:\n        - {volume_id: {get_attr: [vol, id]}, boot_index: 0}\n');
  // heat-oracle (getattr-volume-id)
  assert.deepEqual(refusal(t), { stage: 'heat-validate', message: 'resources.srv.properties.block_device_mapping_v2[0].volume_id.get_attr: The Referenced Attribute (vol id) is incorrect.', at: 'id' });
  const d = analyzeDocument(t, 'yaml', defaultContext()).diagnostics.find((x) => x.code.startsWith('BDM-HEAT-') && x.code !== 'BDM-HEAT-NOTE');
  assert.equal(d?.code, 'BDM-HEAT-VALIDATE');
  assert.equal(t.slice(d.span.offset, d.span.offset + d.span.length), 'id');
});

test('get_attr negative: names the type has (its own, `show`), and any name of a type that reads attributes its own way', () => {
  // Heat's code run directly (test/fixtures/heat/attributes.py's validation path): the heat-oracle
  // refuses every get_attr, its stand-in resources have no attribute names
  for (const attr of ['size', 'show', 'attachments_list']) assert.equal(refusal(withVolume(`      image: cirros\n      name: {get_attr: [vol, ${attr}]}\n`)), null, attr);
  const group = `${HEAD}resources:\n  g:\n    type: OS::Heat::ResourceGroup\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: n}]\n      name: {get_attr: [g, anything_at_all]}\n`;
  assert.equal(refusal(group), null);
  // with a path after the attribute the attribute is still checked (heat-oracle: getattr-with-path); a good one is not refused
  assert.equal(refusal(withVolume('      image: cirros\n      metadata: {a: {get_attr: [vol, attached, 0]}}\n'))?.message, 'resources.srv.properties.metadata.a.get_attr: The Referenced Attribute (vol attached) is incorrect.');
  assert.equal(refusal(withVolume('      image: cirros\n      metadata: {a: {get_attr: [vol, attachments_list, 0]}}\n')), null);
});

test('get_attr inside another function or an `if`: Heat names each function as a level; an `if` checks its chosen value only', () => {
  // heat-oracle: getattr-nested-list_join, getattr-nested-str_replace, getattr-if-in-bdm, getattr-if-list, getattr-if-false-branch-not-checked
  assert.equal(refusal(withVolume("      image: cirros\n      name: {list_join: ['-', [a, {get_attr: [vol, name]}]]}\n"))?.message, 'resources.srv.properties.name.list_join: [1][1].get_attr: The Referenced Attribute (vol name) is incorrect.');
  assert.equal(refusal(withVolume('      image: cirros\n      name: {str_replace: {template: x, params: {x: {get_attr: [vol, name]}}}}\n'))?.message, 'resources.srv.properties.name.str_replace: params.x.get_attr: The Referenced Attribute (vol name) is incorrect.');
  const conds = `${HEAD}conditions:\n  t: true\n  f: false\n`;
  assert.equal(refusal(withVolume('      image: cirros\n      block_device_mapping_v2: [{volume_id: {if: [t, {get_attr: [vol, volume_id]}, x]}, boot_index: 1}]\n', conds))?.message, 'resources.srv.properties.block_device_mapping_v2[0].volume_id.if: get_attr: The Referenced Attribute (vol volume_id) is incorrect.');
  assert.equal(refusal(withVolume('      image: cirros\n      name: {if: [f, {get_attr: [vol, id]}, x]}\n', conds)), null);
});

test('get_attr is checked before any property is resolved: its refusal wins over earlier-written property errors', () => {
  // heat-oracle (getattr-before-earlier-property-errors): a parameter not provided, str_replace's empty key, an unknown property, all written first
  const t = withVolume("      image: cirros\n      key_name: {get_param: nope}\n      admin_pass: {str_replace: {template: a, params: {'': b}}}\n      bogus: 1\n      name: {get_attr: [vol, id]}\n");
  assert.equal(refusal(t)?.message, 'resources.srv.properties.name.get_attr: The Referenced Attribute (vol id) is incorrect.');
  // the check's own notes are dropped: a good get_attr is named once
  const notes = heatSources(withVolume('      image: cirros\n      name: {get_attr: [vol, size]}\n'))[0].translation.notes;
  assert.equal(notes.filter((n) => /attribute size/.test(n.message)).length, 1);
});
