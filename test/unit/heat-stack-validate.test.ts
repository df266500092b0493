/**
 * Heat 19.0.0's Stack.validate, which `stack create` runs before it makes any resource, against
 * the heat-oracle's shortcut (each server validated with the other resources already made): a
 * property that refers to another resource is read without validation (no constraint, no unknown
 * key, a type error worded at the whole property) and the block devices are checked before the
 * creation's checks; every condition is validated, used or not; a reference to a resource whose
 * condition is false fails Heat's dependency check; Heat makes each resource before it validates
 * any (a `properties` that is a function, the server's `user_data_format`, a name with a slash, an
 * unknown type); and a server Stack.validate refuses refuses the stack, so no other server is made.
 *
 * Labels: Heat's Stack.validate (test/fixtures/heat/stack_validate.py) on the cases of
 * test/fixtures/heat/before-create.json (with the heat-oracle's, in oracle.json) and of the
 * differential runs (scripts/heat-difftest.ts); each assertion names its case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatSources } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const VOL = '  vol:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n';
const srv = (props: string[], name = 'srv') => `  ${name}:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n${props.map((p) => `      ${p}\n`).join('')}`;
const tmpl = (body: string, head = '', version = '2018-08-31') => `heat_template_version: ${version}\n${head}resources:\n${body}`;
const NET = 'networks: [{network: private}]';

/** each server's refusal: its words, the text it is placed on, and whether Heat answers it only when creating the server */
function refusals(text: string): Array<{ name: string; message: string; at: string; atCreate: boolean } | { name: string; sent: true }> {
  return heatSources(text).map((d) => {
    const e = d.translation.error;
    return e ? { name: d.name, message: e.message, at: text.slice(e.span.offset, e.span.offset + e.span.length), atCreate: !!e.atCreate } : { name: d.name, sent: true as const };
  });
}

test('a property that refers to another resource: Stack.validate checks no constraint and no unknown key in it; they fail when Heat creates the server', () => {
  // sv-dep-constraint-at-create: Stack.validate passes; the creation refuses the cdrom/disk constraint
  const t = tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 1, device_type: floppy}]']));
  assert.deepEqual(refusals(t), [{ name: 'srv', message: 'Property error: resources.srv.properties.block_device_mapping_v2[0].device_type: "floppy" is not an allowed value ["cdrom", "disk"]', at: 'floppy', atCreate: true }]);
  // negative: the same entry without the reference is refused by Stack.validate (not at creation)
  const plain = refusals(t.replace('{get_resource: vol}', 'vol-1'))[0];
  assert.ok(!('sent' in plain) && !plain.atCreate);
  // sv-dep-unknown-key-then-source (gen-133): the unknown key is not named; the entry has no source
  const u = tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2:', '  - {volume_id: {get_resource: vol}, boot_index: 1}', '  - {volume_type: fast}']));
  assert.equal((refusals(u)[0] as { message: string }).message, 'Either volume_id, snapshot_id, image_id, swap_size, ephemeral_size or ephemeral_format must be specified.');
});

test('a type error inside a property that refers to another resource is worded at the whole property, and placed where it is', () => {
  // sv-dep-type-whole-property (gen-62)
  const t = tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: first}]']));
  assert.deepEqual(refusals(t), [{ name: 'srv', message: "Property error: resources.srv.properties.block_device_mapping_v2: Value 'first' is not an integer", at: 'first', atCreate: false }]);
  // sv-dep-v1-device-name-missing, sv-dep-replace-conflict
  assert.equal((refusals(tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping: [{volume_id: {get_resource: vol}}]'])))[0] as { message: string }).message, 'Property error: resources.srv.properties.block_device_mapping: Property device_name not assigned');
  assert.equal((refusals(tmpl(VOL + srv([NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}}, {image: cirros, image_id: x, boot_index: 1}]'])))[0] as { message: string }).message, 'Property error: resources.srv.properties.block_device_mapping_v2: Cannot define the following properties at the same time: block_device_mapping_v2.image, block_device_mapping_v2.image_id');
  // an earlier property is still checked first, in the schema's order (sv-dep-earlier-property-first)
  assert.equal((refusals(tmpl(VOL + srv(['image: [a]', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: x}]'])))[0] as { message: string }).message, "Property error: resources.srv.properties.image: Value must be a string; got ['a']");
});

test('before any resource is made get_attr gives None (a source all the same, and boot_index 0) and get_resource the name; an `if` counts by its chosen branch', () => {
  // sv-dep-attr-boot-index-zero: boot_index from get_attr is 0 at validation, so the volume is a second bootable source
  const t = tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: {get_attr: [vol, size]}}]']));
  assert.equal((refusals(t)[0] as { message: string }).message, 'Multiple bootable sources for instance srv.');
  // sv-dep-attr-none-is-a-source: '' is still a volume_id
  assert.deepEqual(refusals(tmpl(VOL + srv([NET, 'block_device_mapping_v2: [{volume_id: {get_attr: [vol, display_name]}}]']))), [{ name: 'srv', sent: true }]);
  // sv-dep-if-unchosen-branch / sv-dep-if-chosen-branch
  const withIf = (c: string) => refusals(tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {if: [c, {get_resource: vol}, abc]}, boot_index: 1, device_type: floppy}]']), `conditions: {c: ${c}}\n`))[0] as { atCreate: boolean };
  assert.equal(withIf('false').atCreate, false);
  assert.equal(withIf('true').atCreate, true);
});

test('every condition is validated, used or not, before any resource: a name, null, a number or data is no condition', () => {
  const c = (conds: string, version?: string) => (refusals(tmpl(srv(['image: cirros', NET]), `conditions: ${conds}\n`, version))[0] as { message?: string; at?: string });
  // cond_bad_cond_def_unused, sv-cond-unused-*
  assert.deepEqual(c('{c1: true, c2: c1}'), { name: 'srv', message: 'Condition validation error: The definition of condition "c2" is invalid: c1', at: 'c1', atCreate: false });
  assert.equal(c('{c1: }').message, 'Condition validation error: The definition of condition "c1" is invalid: None');
  assert.equal(c('{c1: 1.0}').message, 'Condition validation error: The definition of condition "c1" is invalid: 1.0');
  assert.equal(c('{c1: {equals: [1, 2], x: 1}}').message, "Condition validation error: The definition of condition \"c1\" is invalid: {'equals': [1, 2], 'x': 1}");
  assert.equal(c('{c1: {contains: [b, [a]]}}', '2016-10-14').message, "Condition validation error: The definition of condition \"c1\" is invalid: {'contains': ['b', ['a']]}");
  // negative: a condition function (even of a parameter the template does not have) and a boolean pass (sv-cond-unused-param-ok)
  assert.ok('sent' in c('{c1: {get_param: nope}, c2: yes}'));
});

test('a reference to a resource whose condition is false fails Heat\'s dependency check, in its words', () => {
  const off = '  vol2:\n    type: OS::Cinder::Volume\n    condition: c1\n    properties: {size: 1}\n';
  // cond_disabled_attr, sv-disabled-ref-in-metadata-fn
  const t = tmpl(off + srv(['image: cirros', NET, 'name: {get_attr: [vol2, display_name]}']), 'conditions: {c1: false}\n');
  assert.deepEqual(refusals(t), [{ name: 'srv', message: 'The specified reference "vol2" (in srv.Properties.name) is incorrect.', at: '{get_attr: [vol2, display_name]}', atCreate: false }]);
  assert.equal((refusals(tmpl(off + srv(['image: cirros', NET, "metadata: {a: {list_join: [',', [{get_resource: vol2}]]}}"]), 'conditions: {c1: false}\n'))[0] as { message: string }).message, 'The specified reference "vol2" (in srv.Properties.metadata.a.list_join[1][0]) is incorrect.');
  // negative (sv-disabled-ref-enabled)
  assert.ok('sent' in refusals(t.replace('c1: false', 'c1: true'))[0]);
});

test('Heat makes each resource before it validates any: a `properties` that is a function, the user_data_format it reads, a slash in a name', () => {
  const p = 'parameters:\n  p: {type: json, default: {flavor: m1, image: cirros, networks: [{network: private}]}}\n';
  const whole = (fn: string, version?: string, head = p) => refusals(`heat_template_version: ${version ?? '2018-08-31'}\n${head}resources:\n  srv:\n    type: OS::Nova::Server\n    properties: ${fn}\n`)[0] as { message: string; at: string };
  // sv-props-get-param, -map-merge, -if, -removed-cfn, -get-attr-2013: Python's TypeError names the function's class
  assert.deepEqual(whole('{get_param: p}'), { name: 'srv', message: "argument of type 'GetParam' is not iterable", at: '{get_param: p}', atCreate: false });
  assert.equal(whole('{map_merge: [{flavor: m1}, {image: cirros}]}').message, "argument of type 'MapMerge' is not iterable");
  assert.equal(whole('{if: [c, {get_param: p}, {flavor: x}]}', '2021-04-16', `${p}conditions: {c: true}\n`).message, "argument of type 'IfNullable' is not iterable");
  assert.equal(whole('{Fn::Join: [",", [a]]}').message, "argument of type 'Removed' is not iterable");
  assert.equal(whole('{get_attr: [x, y]}', '2013-05-23').message, "argument of type 'GetAttThenSelect' is not iterable");
  // negative: a condition function is data in the properties (sv-props-equals-is-data)
  assert.equal(whole('{equals: [1, 1]}').message, 'Property error: resources.srv.properties: Unknown Property equals');
  // before the references and the duplicate names (sv-make-udf-*, sv-make-slash-name, sv-make-unknown-type-before-refs)
  const m = (props: string[], name?: string) => (refusals(tmpl(VOL + srv(['image: cirros', NET, ...props, 'name: {get_resource: nope}'], name)))[0] as { message: string }).message;
  assert.equal(m(['user_data_format: {get_param: nope}']), 'The Parameter (nope) was not provided.');
  assert.equal(m(['user_data_format: [a]']), "Value must be a string; got ['a']");
  assert.equal(m(['user_data_format: {get_resource: nope2}']), 'The specified reference "nope2" (in unknown) is incorrect.');
  assert.equal(m([], 'a/b'), 'Resource name may not contain "/"');
  assert.equal(m(['user_data_format: {get_attr: [vol, x]}']), 'The specified reference "nope" (in srv.Properties.name) is incorrect.');
  assert.equal((refusals(tmpl('  vol:\n    type: OS::Nope\n' + srv(['image: {get_resource: zz}'])))[0] as { message: string }).message, 'The Resource Type (OS::Nope) could not be found.');
});

test('a server Stack.validate refuses refuses the stack: no other server is made, whatever it would have sent or been refused when created', () => {
  // sv-two-servers-validate-first (J), hunt-ops-two-servers
  const t = tmpl(VOL + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}, boot_index: 1, device_type: floppy}]']) + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: {get_resource: vol}}]'], 'srv1'));
  const r = refusals(t);
  assert.deepEqual(r.map((x) => 'message' in x && x.message), ['Multiple bootable sources for instance srv1.', 'Multiple bootable sources for instance srv1.']);
  // the analysis: the document's verdict is Stack.validate's refusal
  const a = analyzeDocument(t, 'yaml', defaultContext());
  assert.equal(a.verdict?.message, 'Multiple bootable sources for instance srv1.');
  // negative: refusals made only when creating (novaclient's) stay each server's own (sv-two-servers-novaclient-after)
  const n = refusals(tmpl(srv(['image: cirros']) + srv(['image: cirros', NET, 'block_device_mapping_v2: [{volume_id: v1, boot_index: 1}]'], 'srv1')));
  assert.deepEqual(n.map((x) => ('sent' in x ? 'sent' : x.message)), ['nics are required after microversion 2.36', 'sent']);
});

test('a condition that may fail only on a value bdm-lab cannot know is named, not decided, and leaves no condition half-resolved', () => {
  // conditions-6103 cond-gen-25: c1 is refused only when c2's first argument is true (nodef has no default)
  const t = 'heat_template_version: 2017-09-01\nparameters:\n  env: {type: string, default: dev}\n  nodef: {type: string}\nconditions:\n  c1: {not: nope}\n  c2: {and: [{not: {equals: [{get_param: nodef}, x]}}, c1]}\nresources:\n  vol:\n    type: OS::Cinder::Volume\n    condition: c1\n    properties: {size: {if: [{and: [{equals: [{get_param: nodef}, x]}, {equals: [{get_param: env}, prod]}, {not: c2}]}, 1, 2]}}\n' + srv(['image: cirros', NET]);
  const d = heatSources(t)[0].translation;
  // Heat's answer when nodef is x (c2 false): vol's own condition; never a "circular" c1
  assert.equal(d.error?.message, 'resources.vol.condition: Invalid condition "nope"');
  assert.ok(!/Circular/.test(d.error!.message));
});
