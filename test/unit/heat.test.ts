/**
 * The Heat source (server/src/source/heat): each OS::Nova::Server of a HOT template becomes the
 * body Heat 19.0.0 sends through novaclient 18.1, or Heat's own refusal in Heat's words. The
 * cases (test/fixtures/heat/cases.json and conditions.json, hand-written; generated.json and
 * generated-conditions.json, from scripts/heat-gen.ts; translation-parameters.json, hand-written:
 * Heat's REPLACE and RESOLVE translation rules, its parameter schemas, get_attr's attribute names;
 * hunt.json, hand-written: the template's version and sections, parameter values against their
 * constraints (allowed_pattern read as Python's re reads it), parameter groups, the resource
 * definitions' fields, the order of property errors, operators' templates, plain numbers as
 * PyYAML reads them, CloudFormation functions in HOT versions that removed them, and in 2013-05-23
 * Fn::GetAZs, Fn::MemberListToMap, Fn::ResourceFacade and resource_facade (`fn-2013-*`); before-create.json,
 * hand-written: where Stack.validate answers before the heat-oracle: a property that refers to a
 * resource not made yet, conditions no resource uses, a reference to a resource whose condition is
 * false, a `properties` that is a function, what Heat reads of a server when it makes it, two servers)
 * are labelled by Heat's own code (shared/tools/heat-oracle) and the bodies it sends by Nova's
 * (shared/tools/nova-oracle), stored in test/fixtures/heat/oracle.json, with Heat's own checks before
 * any resource (test/fixtures/heat/stack_checks.py: the sections, parameter values and groups, which
 * `stack create` runs and the heat-oracle does not) and Heat's Stack.validate itself
 * (test/fixtures/heat/stack_validate.py, `stack_validate`: its refusal, or "ok");
 * `node --import tsx test/unit/heat.test.ts --label` rewrites it (`--label-new` labels only the
 * cases without a label, `--label-stack-validate` only rewrites the `stack_validate` labels).
 * Each case records both answers. Where they differ (the heat-oracle validates each server with the
 * other resources already made, Stack.validate before any is), the test expects Stack.validate's
 * first refusal, since `stack create` answers it before it makes anything; where Stack.validate
 * passes, each server is then created as the heat-oracle creates it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources, heatRequests, mentionsHeat, standInId } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { hoverOf, codeActionsOf, type DocState } from '../../server/src/features/requests';
import { nodeHost } from '../../server/src/host';
import { compareWithOracle, type HeatCase, type HeatOracle } from '../fixtures/heat/compare';
import { serverResources } from '../fixtures/heat/templates';
import { labelHeatCases, setStackValidate, stackValidateAll } from '../fixtures/heat/label';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'heat');
const CASES = [...JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'generated.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'conditions.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'generated-conditions.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'translation-parameters.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'hunt.json'), 'utf8')), ...JSON.parse(readFileSync(join(DIR, 'before-create.json'), 'utf8'))] as HeatCase[];
const ORACLE_FILE = join(DIR, 'oracle.json');
const CTX = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } };

const labels = (): Record<string, HeatOracle> => JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, HeatOracle>;

// `--label`: run Heat's own code (heat-oracle, stack_checks.py, stack_validate.py) on every case,
// and Nova's (nova-oracle) on the bodies it sends; `--label-new`: only on the cases without a label;
// `--label-stack-validate`: only Stack.validate, on every case
if (process.argv.includes('--label') || process.argv.includes('--label-new')) {
  const all = process.argv.includes('--label');
  const old = all ? {} : labels();
  const heat = labelHeatCases(CASES.filter((c) => !old[c.id]), CTX.flavor);
  writeFileSync(ORACLE_FILE, JSON.stringify({ ...old, ...heat }, null, 1) + '\n');
}
if (process.argv.includes('--label-stack-validate')) {
  const tmpCases = `/tmp/bdm-lab-heat-sv-cases-${process.pid}.json`;
  writeFileSync(tmpCases, JSON.stringify(CASES));
  const l = labels();
  for (const [id, v] of Object.entries(stackValidateAll(tmpCases))) if (l[id]) setStackValidate(l[id], v);
  writeFileSync(ORACLE_FILE, JSON.stringify(l, null, 1) + '\n');
}

test('at least 60 oracle-labelled templates, where Heat sends, refuses at validation and in novaclient', () => {
  const l = labels();
  assert.ok(CASES.length >= 60);
  for (const c of CASES) assert.ok(l[c.id], `${c.id}: no oracle label; run with --label`);
  const stages = new Set(CASES.flatMap((c) => Object.values(l[c.id].servers).map((s) => s.stage)));
  for (const s of ['sent', 'heat-validate', 'novaclient']) assert.ok(stages.has(s), `no case where Heat answers at ${s}`);
});

for (const c of CASES) {
  test(`Heat 19.0.0 on ${c.id}: the refusal in Heat's words, or the body and microversion it sends; then Nova's verdict`, () => {
    const o = labels()[c.id];
    assert.ok(o, `${c.id}: no oracle label; run with --label`);
    const cmp = compareWithOracle(c, o);
    assert.deepEqual(cmp.diffs, []);
    // a condition on a parameter without default: the oracle decided it with a placeholder, bdm-lab does not guess
    if (c.params || cmp.undecided) return;
    const a = analyzeDocument(c.template, 'yaml', { ...CTX, heat_max_microversion: c.microversion ?? null });
    const docs = heatSources(c.template, { microversion: c.microversion });
    // (the servers' requests first, then the volume attachments Heat makes)
    assert.equal(a.requests?.length, docs.length + heatRequests(c.template, { microversion: c.microversion }).attachments.length);
    docs.forEach((d, i) => {
      const req = a.requests![i];
      assert.equal(req.tool, 'heat');
      const nova = o.nova?.[d.name];
      if (d.translation.error) {
        assert.equal(req.valid, false);
        assert.match(req.analysis!.verdict!.code, /^BDM-HEAT-/);
        assert.equal(req.toolError, d.translation.error.message);
      } else if (nova) {
        assert.equal(req.valid, nova.valid, `Nova says ${nova.valid ? 'valid' : `${nova.http_status} ${nova.message}`}; bdm-lab: ${req.analysis?.verdict?.code} ${req.analysis?.verdict?.message}`);
        if (!nova.valid) assert.equal(req.analysis!.verdict!.message, nova.message);
      }
    });
  });
}

const TEMPLATE = `heat_template_version: 2018-08-31
${serverResources(`      block_device_mapping_v2:
        - volume_id: 2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d
          source_type: volume
`)}`;

function state(text: string): DocState {
  const a = analyzeDocument(text, 'yaml', defaultContext());
  return { text, analysis: a, context: defaultContext(), tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHost().hashes };
}

test('mentionsHeat takes HOT templates only (an Ansible play or a Kubernetes manifest is not one)', () => {
  assert.ok(mentionsHeat(TEMPLATE));
  assert.ok(!mentionsHeat('- hosts: all\n  tasks:\n    - openstack.cloud.server: {name: x}\n'));
  assert.ok(!mentionsHeat('apiVersion: v1\nkind: Pod\n'));
});

test('BDM-HEAT-PROPERTY: lands on the unknown key, in Heat\'s words; the quick fix removes the key and keeps the entry', () => {
  const s = state(TEMPLATE);
  const d = s.analysis.diagnostics.find((x) => x.code === 'BDM-HEAT-PROPERTY');
  assert.ok(d);
  assert.equal(d.novaMessage, 'Property error: resources.srv.properties.block_device_mapping_v2[0]: Unknown Property source_type');
  assert.equal(TEMPLATE.slice(d.span.offset, d.span.offset + d.span.length), 'source_type');
  const fixes = codeActionsOf(s, [{ code: d.code, offset: d.span.offset }], false);
  assert.equal(fixes.length, 1);
  let text = TEMPLATE;
  for (const e of [...fixes[0].edits].sort((x, y) => y.span.offset - x.span.offset)) text = text.slice(0, e.span.offset) + e.newText + text.slice(e.span.offset + e.span.length);
  assert.ok(!text.includes('source_type'));
  const after = analyzeDocument(text, 'yaml', defaultContext());
  assert.ok(!after.diagnostics.some((x) => x.code === 'BDM-HEAT-PROPERTY'), 'the fix removes the refusal');
});

test('BDM-HEAT-PROPERTY negative: known keys of the right type pass Heat, and Nova judges the body', () => {
  const ok = TEMPLATE.replace('          source_type: volume\n', '          boot_index: 1\n');
  const a = analyzeDocument(ok, 'yaml', defaultContext());
  assert.deepEqual(a.diagnostics.filter((x) => x.code.startsWith('BDM-HEAT-')).map((x) => x.code), []);
  assert.equal(a.requests![0].body !== null, true);
});

test('BDM-HEAT-VALIDATE: image plus a volume without boot_index is "Multiple bootable sources"; the fix adds boot_index: -1', () => {
  const text = TEMPLATE.replace('          source_type: volume\n', '');
  const s = state(text);
  const d = s.analysis.diagnostics.find((x) => x.code === 'BDM-HEAT-VALIDATE');
  assert.ok(d);
  assert.equal(d.novaMessage, 'Multiple bootable sources for instance srv.');
  const fixes = codeActionsOf(s, [{ code: d.code, offset: d.span.offset }], false);
  assert.equal(fixes.length, 1);
  const e = fixes[0].edits[0];
  const fixed = text.slice(0, e.span.offset) + e.newText + text.slice(e.span.offset + e.span.length);
  assert.match(fixed, /volume_id: 2c1e9d0a-7f3b-4c1a-9a0e-0d6c1f2b3a4d\n {10}boot_index: -1\n/);
  assert.equal(analyzeDocument(fixed, 'yaml', defaultContext()).requests![0].toolError, null);
});

test('hover on the resource shows the Nova body Heat sends and its microversion', () => {
  const text = TEMPLATE.replace('          source_type: volume\n', '          boot_index: 1\n');
  const s = state(text);
  const h = hoverOf(s, text.indexOf('OS::Nova::Server'));
  assert.ok(h);
  assert.match(h.markdown, /Heat 19\.0\.0/);
  assert.match(h.markdown, /2\.92/);
  assert.match(h.markdown, /block_device_mapping_v2/);
});

test('BDM-HEAT-NOTE: a parameter without default is named in a note with the stand-in, never guessed silently', () => {
  const text = 'heat_template_version: 2018-08-31\nparameters:\n  img: {type: string}\nresources:\n  s:\n    type: OS::Nova::Server\n    properties:\n      image: {get_param: img}\n      flavor: m1\n      networks: [{network: n}]\n';
  const a = analyzeDocument(text, 'yaml', defaultContext());
  const n = a.diagnostics.find((x) => x.code === 'BDM-HEAT-NOTE');
  assert.ok(n);
  assert.match(n.message, /Parameter 'img' has no default/);
  assert.equal(n.severity, 'information');
});

test('the context\'s heat_max_microversion is the one Heat sends; below 2.37 no networks is fine', () => {
  const text = 'heat_template_version: 2018-08-31\nresources:\n  s:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1\n';
  assert.equal(analyzeDocument(text, 'yaml', defaultContext()).requests![0].toolError, 'nics are required after microversion 2.36');
  const r = analyzeDocument(text, 'yaml', { ...defaultContext(), heat_max_microversion: '2.36' }).requests![0];
  assert.equal(r.toolError, null);
  assert.equal(r.microversion, '2.36');
});

test('a hostile template costs little: aliases and nesting are bounded', () => {
  const lol = ['heat_template_version: 2018-08-31', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) lol.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
  const docs = heatSources(lol.join('\n') + '\n');
  assert.equal(docs.length, 1);
  assert.match(docs[0].translation.error!.message, /more than 20000 YAML nodes/);
});

/** the rule ids of a template's diagnostics */
const codesOf = (text: string) => analyzeDocument(text, 'yaml', defaultContext()).diagnostics.map((d) => d.code).filter((c) => c.startsWith('BDM-HEAT-'));
const SERVER = (props: string) => `heat_template_version: 2018-08-31\nresources:\n  s:\n    type: OS::Nova::Server\n    properties:\n${props}`;

test('BDM-HEAT-VALIDATE negative: the image and a volume with boot_index 1 is one bootable source', () => {
  assert.deepEqual(codesOf(SERVER('      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n      block_device_mapping_v2: [{volume_id: v, boot_index: 1}]\n')), []);
});

test('BDM-HEAT-TEMPLATE: Heat refuses a template that is not YAML, and a reference to a resource it does not have', () => {
  assert.deepEqual(codesOf('heat_template_version: 2018-08-31\nresources: {s: [\n'), ['BDM-HEAT-TEMPLATE']);
  const bad = analyzeDocument(SERVER('      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n      block_device_mapping_v2: [{volume_id: {get_resource: nope}, boot_index: 1}]\n'), 'yaml', defaultContext());
  assert.equal(bad.requests![0].toolError, 'The specified reference "nope" (in s.Properties.block_device_mapping_v2[0].volume_id) is incorrect.');
});

test('BDM-HEAT-TEMPLATE negative: a reference to a volume of the template resolves', () => {
  assert.deepEqual(codesOf(SERVER('      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n      block_device_mapping_v2: [{volume_id: {get_resource: v}, boot_index: 1}]\n') + '  v:\n    type: OS::Cinder::Volume\n    properties: {size: 1}\n').filter((c) => c !== 'BDM-HEAT-NOTE'), []);
});

test('BDM-HEAT-NOVACLIENT: at 2.92 a server without networks is refused by novaclient', () => {
  assert.deepEqual(codesOf(SERVER('      image: cirros\n      flavor: m1\n')), ['BDM-HEAT-NOVACLIENT']);
});

test('BDM-HEAT-NOVACLIENT negative: with networks novaclient sends the body', () => {
  assert.deepEqual(codesOf(SERVER('      image: cirros\n      flavor: m1\n      networks: [{allocate_network: auto}]\n')), []);
});

test('BDM-HEAT-NOTE negative: a template with literal values only has no note', () => {
  assert.deepEqual(codesOf(SERVER('      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n')), []);
});

test('a resource type Heat does not know fails every server of the stack, as Heat without an environment does', () => {
  const text = SERVER('      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n') + '  alarm:\n    type: OS::Ceilometer::Alarm\n';
  const r = analyzeDocument(text, 'yaml', defaultContext()).requests!;
  assert.equal(r[0].toolError, 'The Resource Type (OS::Ceilometer::Alarm) could not be found.');
  assert.equal(r[0].body, null);
});

const COND = `heat_template_version: 2016-10-14
parameters:
  env: {type: string, default: dev}
  size: {type: string}
conditions:
  prod: {equals: [{get_param: env}, prod]}
  sized: {equals: [{get_param: size}, big]}
resources:
  dark:
    type: OS::Nova::Server
    condition: prod
    properties: {image: cirros, flavor: m1, networks: [{network: n}]}
  lit:
    type: OS::Nova::Server
    condition: {not: prod}
    properties:
      flavor: m1
      networks: [{network: n}]
      image: {if: [prod, big-image, small-image]}
  maybe:
    type: OS::Nova::Server
    condition: sized
    properties: {image: cirros, flavor: m1, networks: [{network: n}]}
`;

test('conditions: a server whose condition is false is not created (no request); `if` picks by its condition', () => {
  const docs = heatSources(COND);
  assert.deepEqual(docs.map((d) => d.name), ['lit', 'maybe']);
  assert.equal(docs[0].translation.body!.server.imageRef, standInId('image', 'small-image'));
  assert.equal(heatSources(COND, { params: { env: 'prod' } }).map((d) => d.name).join(), 'dark,maybe');
  assert.equal(heatSources(COND, { params: { env: 'prod' } })[0].translation.error, null);
  const a = analyzeDocument(COND, 'yaml', defaultContext());
  assert.equal(a.requests?.length, 2);
});

test('conditions: one on a parameter without default is named in a note, never guessed (the server is judged as created)', () => {
  const d = heatSources(COND).find((x) => x.name === 'maybe')!;
  const n = d.findings.find((f) => f.code === 'BDM-HEAT-NOTE' && /size/.test(String(f.args?.detail)));
  assert.ok(n, 'a note names the parameter');
  assert.match(String(n.args?.detail), /Whether Heat creates maybe depends on its condition.*parameter 'size' has no default/);
  assert.equal(COND.slice(n.span.offset, n.span.offset + n.span.length), 'sized');
  const withSize = heatSources(COND, { params: { size: 'big' } }).find((x) => x.name === 'maybe')!;
  assert.ok(!withSize.findings.some((f) => /size/.test(String(f.args?.detail))));
  assert.deepEqual(heatSources(COND, { params: { size: 'small' } }).map((x) => x.name), ['lit']);
});

test('conditions: Heat\'s words for an unknown condition, a bad `if`, a condition function in the wrong version; the whole stack fails', () => {
  const t = (v: string, body: string) => `heat_template_version: ${v}\n${body}`;
  const srv = (extra: string) => `resources:\n  a:\n    type: OS::Nova::Server\n${extra}    properties: {image: cirros, flavor: m1, networks: [{network: n}]}\n  b:\n    type: OS::Nova::Server\n    properties: {image: {if: [c, x, y]}, flavor: m1, networks: [{network: n}]}\n`;
  const err = (text: string) => heatSources(text).map((d) => d.translation.error && `${d.translation.error.stage}: ${d.translation.error.message}`);
  assert.deepEqual(err(t('2016-10-14', 'conditions:\n  c: true\n' + srv('    condition: nope\n'))), Array(2).fill('template: resources.a.condition: Invalid condition "nope"'));
  assert.deepEqual(err(t('2016-10-14', 'conditions:\n  d: true\n' + srv(''))), Array(2).fill('template: resources.b.properties.image.if: Invalid condition "c"'));
  assert.deepEqual(err(t('2016-04-08', srv('    condition: true\n'))), Array(2).fill('template: Invalid keyword(s) inside a resource definition: condition'));
  assert.deepEqual(err(t('2017-02-24', 'conditions:\n  c: {contains: [a, [a]]}\n' + srv('    condition: c\n'))), Array(2).fill('template: Condition validation error: The definition of condition "c" is invalid: {\'contains\': [\'a\', [\'a\']]}'));
  assert.deepEqual(err(t('2017-09-01', 'conditions:\n  c: {contains: [a, [a]]}\n' + srv('    condition: c\n'))), [null, null]);
  assert.deepEqual(err(t('2016-10-14', 'conditions:\n  c: {and: [true]}\n' + srv(''))), Array(2).fill('template: conditions.c.and: The minimum number of condition arguments to "and" is 2.'));
  assert.deepEqual(err(t('2016-10-14', 'conditions:\n  c: {not: c}\n' + srv(''))), Array(2).fill('template: Condition validation error: Circular definition for condition "c"'));
  // before 2016-10-14 `if` is not a function: the property gets a map
  assert.match(heatSources(t('2016-04-08', srv('')))[1].translation.error!.message, /^Property error: resources\.b\.properties\.image: Value must be a string; got \{'if': \['c', 'x', 'y'\]\}$/);
});

test('conditions: an `if` without value_if_false (2021-04-16): true gives the value; false fails Heat 19.0.0\'s stack (its Ellipsis cannot be copied)', () => {
  const t = 'heat_template_version: 2021-04-16\nconditions:\n  c: false\nresources:\n  s:\n    type: OS::Nova::Server\n    properties:\n      image: cirros\n      flavor: m1\n      networks: [{network: n}]\n      key_name: {if: [c, mykey]}\n';
  // heat-oracle: TypeError from rsrc_defn._hash_data's deepcopy (later Heat may leave the property out)
  const e = heatSources(t)[0].translation.error!;
  assert.deepEqual([e.stage, e.message], ['template', 'EllipsisType takes no arguments']);
  assert.equal(t.slice(e.span.offset, e.span.offset + e.span.length), '{if: [c, mykey]}');
  assert.equal(heatSources(t.replace('c: false', 'c: true'))[0].translation.body!.server.key_name, 'mykey');
  // before 2021-04-16 two arguments are Heat's argument error
  assert.match(heatSources(t.replace('2021-04-16', '2018-08-31'))[0].translation.error!.message, /^resources\.s\.properties\.key_name\.if: Arguments to "if" must be of the form/);
});

test('conditions: where Heat words an error — an inline resource condition bare, a named one at the resource, an `if` at its path', () => {
  const t = (cond: string, image = 'cirros') => `heat_template_version: 2016-10-14\nparameters:\n  zones: {type: comma_delimited_list, default: 'a,b'}\nconditions:\n  bad: {not: {contains: [b, [b]]}}\n  ok: true\nresources:\n  s:\n    type: OS::Nova::Server\n    condition: ${cond}\n    properties: {image: ${image}, flavor: m1, networks: [{network: n}]}\n`;
  const err = (text: string) => heatSources(text)[0]?.translation.error?.message;
  // contains is no condition function before 2017-09-01: {contains: ...} is data, which `not` cannot take
  assert.equal(err(t('{not: {contains: [b, [b]]}}')), 'Invalid condition "{\'contains\': [\'b\', [\'b\']]}"');
  assert.equal(err(t('bad')), 'resources.s.condition: Invalid condition "{\'contains\': [\'b\', [\'b\']]}"');
  assert.equal(err(t('ok', '{if: [bad, x, y]}')), 'resources.s.properties.image.if: Invalid condition "{\'contains\': [\'b\', [\'b\']]}"');
  // and/or stop at the first condition that decides: a false before the bad one hides it
  assert.equal(err(t('{and: [false, bad]}')), undefined);
  assert.equal(heatSources(t('{and: [false, bad]}')).length, 0);
  // after a condition bdm-lab cannot decide, the bad one may never be reached: undecided, not refused
  const u = heatSources(t('{and: [{equals: [{get_param: nodef}, x]}, bad]}').replace("default: 'a,b'}", "default: 'a,b'}\n  nodef: {type: string}"))[0];
  assert.equal(u.translation.error, null);
  assert.ok(u.translation.notes.some((n) => /parameter 'nodef' has no default/.test(n.message)));
});

test('quick fix: an unknown condition name is replaced by the closest the template defines (Heat then creates the server)', () => {
  const t = 'heat_template_version: 2016-10-14\nconditions:\n  is_prod: true\n  is_dev: false\nresources:\n  s:\n    type: OS::Nova::Server\n    condition: is_prd\n    properties: {image: cirros, flavor: m1, networks: [{network: n}]}\n';
  const d = heatSources(t)[0];
  const f = d.findings[0];
  assert.equal(f.code, 'BDM-HEAT-TEMPLATE');
  assert.equal(t.slice(f.span.offset, f.span.offset + f.span.length), 'is_prd');
  const fixes = d.fixes({ code: f.code, span: f.span, path: '', entry: null });
  assert.deepEqual(fixes.map((x) => [x.title, x.preferred]), [["Use the condition 'is_prod'", true], ["Use the condition 'is_dev'", false]]);
  const e = fixes[0].edits[0];
  const fixed = t.slice(0, e.span.offset) + e.newText + t.slice(e.span.offset + e.span.length);
  assert.equal(heatSources(fixed)[0].translation.error, null);
  // negative: an inline condition function that is refused gets no rename
  const inline = t.replace('condition: is_prd', 'condition: {not: nope}');
  const g = heatSources(inline)[0].findings[0];
  assert.deepEqual(heatSources(inline)[0].fixes({ code: g.code, span: g.span, path: '', entry: null }), []);
});

test('conditions: a hostile chain of conditions naming each other costs little and never throws', { timeout: 60_000 }, () => {
  const n = 3000;
  const conds = Array.from({ length: n }, (_, i) => `  c${i}: ${i ? `{and: [c${i - 1}, c${i - 1}]}` : 'true'}`).join('\n');
  const t = `heat_template_version: 2016-10-14\nconditions:\n${conds}\nresources:\n  s:\n    type: OS::Nova::Server\n    condition: c${n - 1}\n    properties: {image: cirros, flavor: m1, networks: [{network: n}]}\n`;
  const d = heatSources(t);
  assert.equal(d.length, 1);
  assert.ok(d[0].translation.notes.some((x) => /more than 300 deep/.test(x.message)));
  // a short chain decides
  assert.equal(heatSources(t.replace(`condition: c${n - 1}`, 'condition: c20'))[0].translation.notes.length, 0);
});
