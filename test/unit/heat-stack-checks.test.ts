/**
 * What Heat 19.0.0 checks of a template before it validates any server, and in what order:
 * the version, the parameter schemas (an allowed_pattern compiled by Python's re), the sections
 * and each resource's keys and type (Template.validate), the parameters' values against their
 * constraints and the parameter groups (Parameters.validate, ParameterGroups.validate), the
 * resource definitions' fields, a parameter and a resource of one name, the references; then
 * each server's properties, unknown keys first and then in the schema's order, a function
 * resolved only when its property is reached.
 *
 * Labels: the heat-oracle with Heat's own checks before any resource
 * (test/fixtures/heat/hunt.json, labelled in oracle.json by heat.test.ts --label, which also runs
 * test/fixtures/heat/stack_checks.py); Heat's Stack.validate itself where the heat-oracle does not
 * reach (test/fixtures/heat/stack-validate.json, labelled by stack_validate.py: `--label` here
 * rewrites stack-validate.oracle.json); Python 3.11's own re and json for bdm-lab's readers of them
 * (test/fixtures/heat/python-re.json and python-json.json, from python_cases.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { pyCompile, pyPatternAccepts } from '../../server/src/source/heat/pyRegex';
import { pyJsonLoads } from '../../server/src/source/heat/pyJson';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { stripType, type HeatCase } from '../fixtures/heat/compare';
import { ROOT } from './cli-run';

const DIR = join(ROOT, 'test', 'fixtures', 'heat');
const SV_CASES = JSON.parse(readFileSync(join(DIR, 'stack-validate.json'), 'utf8')) as HeatCase[];
const SV_FILE = join(DIR, 'stack-validate.oracle.json');

if (process.argv.includes('--label')) {
  const out = execFileSync('/usr/bin/python3', [join(DIR, 'stack_validate.py'), join(DIR, 'stack-validate.json')], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1' }, maxBuffer: 1 << 24 });
  writeFileSync(SV_FILE, out);
}

/** Heat's refusal of the first server (or the template), its words and the text it is placed on */
function refusal(text: string, params?: Record<string, unknown>): { stage: string; message: string; at: string } | null {
  const e = heatSources(text, { params })[0]?.translation.error;
  return e ? { stage: e.stage, message: e.message, at: text.slice(e.span.offset, e.span.offset + e.span.length) } : null;
}

const server = (version: string, head: string, props: string) => `heat_template_version: ${version}\n${head}resources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1.small\n${props}`;
const withParam = (param: string, head = '') => server('2018-08-31', `${head}parameters:\n  p:\n${param}`, '      image: cirros\n      name: {get_param: p}\n      networks: [{network: private}]\n');

// ---- Stack.validate where the heat-oracle does not reach

const svLabels = JSON.parse(readFileSync(SV_FILE, 'utf8')) as Record<string, string>;
for (const c of SV_CASES) {
  test(`Heat's Stack.validate on ${c.id}: every server refused in its words, or sent`, () => {
    const want = svLabels[c.id];
    assert.ok(want, `${c.id}: no label; run with --label`);
    const docs = heatSources(c.template, { params: c.params });
    assert.ok(docs.length > 0);
    if (want === 'ok') for (const d of docs) assert.equal(d.translation.error, null, `${d.name}: ${d.translation.error?.message}`);
    else for (const d of docs) assert.equal(d.translation.error?.message, stripType(want), d.name);
  });
}

// ---- 1. allowed_pattern: Python's re.compile refuses the template; values matched as re.match does

test('an allowed_pattern Python cannot compile refuses the template in re.error\'s words, placed on the pattern, whether or not the parameter has a value', () => {
  // heat-oracle (hunt-param-bad-set, hunt-param-bad-nodefault, hunt-param-bad-lookbehind, hunt-param-bad-escape)
  assert.deepEqual(refusal(withParam('    type: string\n    default: x\n    constraints:\n      - allowed_pattern: "[a-z"\n')), { stage: 'template', message: 'unterminated character set at position 0', at: '"[a-z"' });
  assert.equal(refusal(withParam('    type: string\n    constraints: [{allowed_pattern: "[a-z"}]\n'))?.message, 'unterminated character set at position 0');
  assert.equal(refusal(withParam('    type: string\n    default: x\n    constraints: [{allowed_pattern: "(?<=a+)b"}]\n'))?.message, 'look-behind requires fixed-width pattern');
  assert.equal(refusal(withParam('    type: string\n    default: x\n    constraints: [{allowed_pattern: "\\\\q"}]\n'))?.message, 'bad escape \\q at position 0');
  // before the sections (Heat reads the parameter schemas first): heat-oracle (hunt-param-sec-and-schema)
  assert.equal(refusal(withParam('    type: string\n    default: X\n    constraints: [{allowed_pattern: "[a-z"}]\n', 'foo: 1\n'))?.message, 'unterminated character set at position 0');
});

test('allowed_pattern is Python\'s re.match ending at the value\'s end: the first alternative that matches decides, and Python\'s syntax and Unicode classes apply', () => {
  const p = (pattern: string, value: string) => refusal(withParam(`    type: string\n    default: ${JSON.stringify(value)}\n    constraints: [{allowed_pattern: ${JSON.stringify(pattern)}}]\n`))?.message ?? null;
  // Heat's Stack.validate (stack_checks.py): hunt-param-pat-alt-first, hunt-param-pat-prefix, hunt-param-pat-dollar-nl
  assert.equal(p('a|ab', 'ab'), 'Parameter \'p\' is invalid: Invalid default ab ("ab" does not match pattern "a|ab")');
  assert.equal(p('[a-z]+', 'web1'), 'Parameter \'p\' is invalid: Invalid default web1 ("web1" does not match pattern "[a-z]+")');
  assert.equal(p('[a-z]+$', 'abc\n'), 'Parameter \'p\' is invalid: Invalid default abc\n ("abc\n" does not match pattern "[a-z]+$")');
  // accepted (hunt-param-pat-named, -pat-Z, -pat-brace, -pat-inline-i, -pat-unicode-digit): JavaScript reads each otherwise
  for (const [pattern, value] of [['(?P<x>a)(?P=x)', 'aa'], ['abc\\Z', 'abc'], ['x{,3}', 'xx'], ['(?i)abc', 'ABC'], ['\\d', '\u0663'], ['ab|a', 'ab']]) assert.equal(p(pattern, value), null, pattern);
  // the description replaces the words (hunt-param-pat-desc), and the refusal is placed on the default
  const t = withParam('    type: string\n    default: Web\n    constraints:\n      - allowed_pattern: "[a-z]+"\n        description: lower case only\n');
  assert.deepEqual(refusal(t), { stage: 'template', message: "Parameter 'p' is invalid: Invalid default Web (lower case only)", at: 'Web' });
  // a value given for the stack (hunt-ops-given-pattern): its own words, placed on the parameter
  assert.deepEqual(refusal(t.replace('default: Web', 'default: web'), { p: 'WEB_01' }), { stage: 'template', message: 'Parameter \'p\' is invalid: lower case only', at: 'p' });
});

test('a pattern bdm-lab does not match to the end (a possessive group, Python 3.11.2 keeps a failed iteration\'s place) or that backtracks past its budget: named in a note, no refusal guessed', () => {
  const t = (pattern: string, value: string) => heatSources(withParam(`    type: string\n    default: ${JSON.stringify(value)}\n    constraints: [{allowed_pattern: ${JSON.stringify(pattern)}}]\n`))[0].translation;
  for (const [pattern, value] of [['(a+?b)?+', 'a'], ['(a*)*b', 'a'.repeat(40)]]) {
    const tr = t(pattern, value);
    assert.equal(tr.error, null, pattern);
    assert.ok(tr.notes.some((n) => /Heat checks parameter 'p' against its constraints before it makes any resource; bdm-lab cannot/.test(n.message)), pattern);
  }
});

test('bdm-lab\'s reading of Python\'s re agrees with Python 3.11 on every pattern of test/fixtures/heat/python-re.json (compile errors, and which values match to the end)', () => {
  const data = JSON.parse(readFileSync(join(DIR, 'python-re.json'), 'utf8')) as { values: string[]; patterns: Array<{ p: string; error?: string; accepts?: string }> };
  let unsupported = 0;
  for (const c of data.patterns) {
    const r = pyCompile(c.p);
    if ('unsupported' in r) {
      // only what bdm-lab names: a possessive repeat of a group, a named character
      assert.ok(/[*+?}]\+|\\N\{/.test(c.p), c.p);
      unsupported++;
      continue;
    }
    if (c.error) {
      assert.ok('error' in r, `${c.p}: Python refuses (${c.error})`);
      assert.equal(`${r.error.kind}: ${r.error.message}`, c.error, c.p);
      continue;
    }
    assert.ok('re' in r, `${c.p}: Python compiles it`);
    data.values.forEach((v, i) => assert.equal(pyPatternAccepts(r.re, v), c.accepts![i] === '1', `${c.p} on ${JSON.stringify(v)}`));
  }
  assert.ok(data.patterns.length > 300 && unsupported < 40);
});

test('bdm-lab\'s reading of Python\'s json agrees with Python 3.11 on every text of test/fixtures/heat/python-json.json', () => {
  const data = JSON.parse(readFileSync(join(DIR, 'python-json.json'), 'utf8')) as Array<{ text: string; error?: string; ok?: true }>;
  for (const c of data) {
    const r = pyJsonLoads(c.text);
    if (c.error) assert.equal('error' in r ? r.error : 'parsed', c.error, JSON.stringify(c.text));
    else assert.ok('value' in r, JSON.stringify(c.text));
  }
  // a json parameter's default Python cannot read (hunt-param-json-bad)
  assert.equal(refusal(withParam("    type: json\n    default: '{bad'\n"))?.message, "Parameter 'p' is invalid: Value must be valid JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
});

// ---- the parameters' values against the other constraints, the groups

test('parameter values: a constraint the type does not take, a default that fails its constraint, a value of the wrong type, in Heat\'s words and order', () => {
  const m = (param: string, head = '') => refusal(withParam(param, head))?.message ?? null;
  // Heat's Stack.validate (stack_checks.py) on hunt-param-* cases
  assert.equal(m('    type: number\n    default: 5\n    constraints: [{allowed_pattern: "[0-9]+"}]\n'), "Parameter 'p' is invalid: AllowedPattern constraint invalid for number");
  assert.equal(m('    type: number\n    default: 30\n    constraints: [{range: {min: 1, max: 20}}]\n'), "Parameter 'p' is invalid: Invalid default 30 (30 is out of range (min: 1, max: 20))");
  assert.equal(m('    type: string\n    default: c\n    constraints: [{allowed_values: [a, b]}]\n'), 'Parameter \'p\' is invalid: Invalid default c ("c" is not an allowed value ["a", "b"])');
  assert.equal(m('    type: comma_delimited_list\n    default: "a, b"\n    constraints: [{allowed_values: [a, b]}]\n'), 'Parameter \'p\' is invalid: Invalid default a, b (["a", " b"] is not an allowed value ["a", "b"])');
  assert.equal(m('    type: number\n    default: 5\n    constraints: [{modulo: {step: 2.0, offset: 0}}]\n'), "Parameter 'p' is invalid: Invalid default 5 (5 is not a multiple of 2.0 with an offset of 0)");
  assert.equal(m('    type: string\n    default: 123\n    constraints: [{length: {max: 2}}]\n'), "Parameter 'p' is invalid: Invalid default 123 (object of type 'int' has no len())");
  assert.equal(m('    type: number\n    default: abc\n'), "Parameter 'p' is invalid: could not convert string to float: 'abc'");
  // a parameter no resource uses is checked too, and the first written fails first (hunt-param-two-params)
  assert.equal(m('    type: string\n    default: A\n    constraints: [{allowed_pattern: "[a-z]"}]\n  q:\n    type: number\n    default: x\n'), 'Parameter \'p\' is invalid: Invalid default A ("A" does not match pattern "[a-z]")');
  // a parameter without value or default is given when the stack is created: no value checked
  assert.equal(m('    type: string\n    constraints: [{allowed_pattern: "[a-z]+"}]\n'), null);
  // groups (hunt-param-pg-*)
  assert.equal(m('    type: string\n    default: x\n', 'parameter_groups:\n- label: g1\n  parameters: [p, q]\n'), 'Parameter Groups error: parameter_groups.g1: The grouped parameter q does not reference a valid parameter.');
  assert.equal(m('    type: string\n    default: x\n', 'parameter_groups:\n- {label: g1, parameters: [OS::stack_id, OS::project_id]}\n'), null);
});

// ---- 2. the version

test('heat_template_version: Heat\'s words for an unknown version, one that is no string, and none at all', () => {
  const t = (head: string) => `${head}resources:\n  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m1.small, image: cirros, networks: [{network: private}]}\n`;
  const known = '2013-05-23, 2014-10-16, 2015-04-30, 2015-10-15, 2016-04-08, 2016-10-14, 2017-02-24, 2017-09-01, 2018-03-02, 2018-08-31, 2021-04-16, newton, ocata, pike, queens, rocky, wallaby';
  // heat-oracle (hunt-ver-unknown, hunt-ver-alias-bad, hunt-ver-int, hunt-ver-null)
  assert.deepEqual(refusal(t('heat_template_version: 2099-01-01\n')), { stage: 'template', message: `The template version is invalid: "heat_template_version: 2099-01-01". "heat_template_version" should be one of: ${known}`, at: '2099-01-01' });
  assert.equal(refusal(t('heat_template_version: zed\n'))?.message, `The template version is invalid: "heat_template_version: zed". "heat_template_version" should be one of: ${known}`);
  assert.equal(refusal(t('heat_template_version: 2018\n'))?.message, 'The template version is invalid: Template version was not provided');
  assert.equal(refusal(t('heat_template_version:\n'))?.message, 'The template version is invalid: Template version was not provided');
  // not at the top (template_format.parse): Heat's code run directly, the heat-oracle's parse too
  assert.equal(refusal(t('description: x\nmetadata:\n  heat_template_version: 2018-08-31\n'))?.message, 'Template format version not found.');
  // two version keys: Heat names them in its set's order, which Python's string hashing decides
  const both = refusal(t("heat_template_version: 2018-08-31\nHeatTemplateFormatVersion: '2012-12-12'\n"))?.message;
  assert.ok(['The template version is invalid: Ambiguous versions (heat_template_version, HeatTemplateFormatVersion)', 'The template version is invalid: Ambiguous versions (HeatTemplateFormatVersion, heat_template_version)'].includes(both!), both);
  // the aliases are versions (negative)
  assert.equal(refusal(t('heat_template_version: rocky\n')), null);
  assert.equal(refusal(t("heat_template_version: '2018-08-31'\n")), null);
});

// ---- 3. the sections, and each resource's keys and type (Template.validate)

test('a top-level section Heat does not have refuses the template, placed on its key; `conditions` only from 2016-10-14', () => {
  // heat-oracle with stack_checks.py (hunt-ops-section-typo, hunt-param-sec-cond-old, hunt-param-sec-int, hunt-param-sec-undef)
  const t = server('2018-08-31', 'parameter:\n  image: {type: string, default: cirros}\n', '      image: cirros\n      networks: [{network: private}]\n');
  assert.deepEqual(refusal(t), { stage: 'template', message: 'The template section is invalid: parameter', at: 'parameter' });
  assert.equal(refusal(server('2016-04-08', 'conditions: {}\n', '      image: cirros\n'))?.message, 'The template section is invalid: conditions');
  assert.equal(refusal(server('2016-04-08', '1: 1\n', '      image: cirros\n'))?.message, 'The template section is invalid: 1');
  assert.equal(refusal(server('2016-04-08', '__undefined__: 1\n', '      image: cirros\n      networks: [{network: private}]\n')), null);
  // the analysis says it as the template's refusal
  const d = analyzeDocument(t, 'yaml', defaultContext()).diagnostics.find((x) => x.code.startsWith('BDM-HEAT-'));
  assert.equal(d?.code, 'BDM-HEAT-TEMPLATE');
  assert.equal(t.slice(d.span.offset, d.span.offset + d.span.length), 'parameter');
});

test('each resource\'s keys and type (Template.validate, resources by name), then the fields of each definition in the order written', () => {
  const two = (x: string) => `heat_template_version: 2018-08-31\nresources:\n${x}  srv:\n    type: OS::Nova::Server\n    properties: {flavor: m, image: c, networks: [{network: p}]}\n`;
  // heat-oracle with stack_checks.py (hunt-sorted, hunt-type-empty, hunt-res-emptymap, hunt-res-list, hunt-val-key)
  assert.equal(refusal(two('  z:\n    type: OS::Heat::None\n    bogus1: 1\n  a:\n    type: OS::Heat::None\n    bogus2: 1\n'))?.message, '"bogus2" is not a valid keyword inside a resource definition');
  assert.equal(refusal(two("  x:\n    type: ''\n"))?.message, 'Each Resource must contain a Type key.');
  assert.equal(refusal(two('  x: {}\n'))?.message, 'Each resource must contain a type key.');
  assert.equal(refusal(two('  x: [a]\n'))?.message, '"resources" must contain a map of resource maps. Found a [<class \'list\'>] instead');
  assert.equal(refusal(two('  x:\n    type: OS::Heat::None\n    value: 1\n'))?.message, 'Invalid keyword(s) inside a resource definition: value');
  // the fields (hunt-res-props-null, hunt-res-dep-list-int, hunt-res-del-bad, hunt-res-two-res-order, hunt-ops-props-empty)
  const srv = (x: string) => `heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n${x}`;
  assert.deepEqual(refusal(srv('    properties:\n')), { stage: 'template', message: 'Resource srv properties type must be object', at: 'properties' });
  assert.equal(refusal(srv('    properties: {flavor: m, image: c}\n    depends_on: [5]\n'))?.message, 'Resource srv depends_on must be a list of strings');
  assert.equal(refusal(srv('    properties: {flavor: m, image: c}\n    deletion_policy: Keep\n'))?.message, 'Invalid deletion policy "Keep"');
  assert.equal(refusal(two('  b:\n    type: OS::Heat::None\n    depends_on: 5\n  a:\n    type: OS::Heat::None\n    deletion_policy: x\n'))?.message, 'Resource b depends_on type must be list or string');
});

// ---- 4. the order of a server's property errors

test('a server\'s first property error is Heat\'s: unknown keys first, then the schema\'s order, a function resolved only when its property is reached', () => {
  const t = (props: string) => server('2018-08-31', '', props);
  // heat-oracle (hunt-p1, hunt-p2, hunt-p6, hunt-p8, hunt-p3, hunt-ops-order-missing-param)
  assert.deepEqual(refusal(t('      key_name: {get_param: nope}\n      image: [a]\n      networks: [{network: private}]\n')), { stage: 'heat-validate', message: "Property error: resources.srv.properties.image: Value must be a string; got ['a']", at: '[a]' });
  assert.deepEqual(refusal(t('      image: {get_param: nope}\n      bogus: 1\n      networks: [{network: private}]\n')), { stage: 'heat-validate', message: 'Property error: resources.srv.properties: Unknown Property bogus', at: 'bogus' });
  assert.equal(refusal(t('      user_data: {get_param: nope}\n      image: cirros\n      networks: [{network: {get_param: nope2}}]\n'))?.message, 'Property error: resources.srv.properties.networks: The Parameter (nope2) was not provided.');
  assert.equal(refusal(t('      tags: [{get_param: nope}]\n      metadata: {get_param: nope2}\n      image: cirros\n'))?.message, 'Property error: resources.srv.properties.metadata: The Parameter (nope2) was not provided.');
  // a function's failure is Heat's at the top-level property (the whole value is resolved there)
  assert.equal(refusal(t('      image: cirros\n      networks: [{network: private}]\n      block_device_mapping_v2:\n        - volume_size: {get_param: nope}\n          bogus: 1\n'))?.message, 'Property error: resources.srv.properties.block_device_mapping_v2: The Parameter (nope) was not provided.');
  assert.equal(refusal(t("      image: cirros\n      networks: [{network: private}]\n      block_device_mapping_v2:\n        - boot_index: {str_replace: {template: a, params: {'': b}}}\n          volume_size: x\n"))?.message, 'Property error: resources.srv.properties.block_device_mapping_v2: empty separator');
  // a reference the stack does not have still comes before every property (Heat computes the dependencies first)
  assert.equal(refusal(t('      config_drive: maybe\n      name: {get_resource: nope}\n      image: cirros\n'))?.message, 'The specified reference "nope" (in srv.Properties.name) is incorrect.');
});
