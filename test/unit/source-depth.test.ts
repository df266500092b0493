/**
 * Deeply nested Heat templates and Ansible tasks: Heat reads data nested a few hundred levels under a server's
 * properties and sends it; bdm-lab judges what Heat sends up to its own read limit
 * (MAX_READ_DEPTH), and past it says so as its own limit (BDM-LIMIT-TEMPLATE, an error as BDM-LIMIT-ENTRIES is: not judged),
 * never as a refusal in Heat's name, and never with V8's stack message.
 *
 * Labelled with the heat-oracle (Heat 19.0.0) and the nova-oracle on the body Heat sends:
 * - metadata nested 150 levels: Heat sends it (stage "sent"); Nova answers 400, the metadata
 *   value (Heat's JSON dump of the list) is "too long" (max 255);
 * - 250 and 300 levels: Heat sends it too;
 * - 330, 400, 900 levels: Heat fails with Python's RecursionError while reading the resource;
 * - a json parameter whose default nests 3000 levels (unused): Heat takes the template.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { MAX_READ_DEPTH } from '../../server/src/source/readLimit';

const WATCHDOG = { timeout: 60_000 };
const nested = (depth: number) => '['.repeat(depth) + 'x' + ']'.repeat(depth);
const inMetadata = (depth: number) => `heat_template_version: 2021-04-16\nresources:\n  vm:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: n}]\n      metadata: {a: ${nested(depth)}}\n`;
const inParameter = (depth: number) => `heat_template_version: 2021-04-16\nparameters:\n  p:\n    type: json\n    default: ${nested(depth)}\nresources:\n  vm:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      image: cirros\n      networks: [{network: n}]\n`;
const codes = (text: string) => analyzeDocument(text, 'yaml', defaultContext()).diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message }));

test('BDM-LIMIT-TEMPLATE negative: data nested 150, 250 and 300 levels under a server: judged as Heat sends it (Nova: the metadata value is too long), no template error', WATCHDOG, () => {
  for (const depth of [150, 250, 300]) {
    const ds = codes(inMetadata(depth));
    assert.ok(!ds.some((d) => /^BDM-HEAT-|^BDM-LIMIT-/.test(d.code)), `${depth}: ${JSON.stringify(ds.map((d) => d.code))}`);
    const schema = ds.find((d) => d.code === 'BDM-SCHEMA-REQUEST');
    assert.ok(schema, `${depth}: Nova's schema refuses the metadata value: ${JSON.stringify(ds.map((d) => d.code))}`);
    assert.match(schema.message, /^Invalid input for field\/attribute a\. Value: \[\[\[.*is too long/s);
  }
});

test('BDM-LIMIT-TEMPLATE: past bdm-lab\'s read limit: a BDM-LIMIT-TEMPLATE error in bdm-lab\'s name, not Heat\'s refusal and not V8\'s stack message', WATCHDOG, () => {
  assert.equal(MAX_READ_DEPTH, 320);
  for (const text of [inMetadata(330), inMetadata(900), inMetadata(5000), inParameter(3000)]) {
    const ds = codes(text);
    assert.deepEqual(ds.map((d) => d.code), ['BDM-LIMIT-TEMPLATE'], JSON.stringify(ds));
    assert.equal(ds[0]!.severity, 'error', 'not judged: a gate must not pass it (as BDM-LIMIT-ENTRIES)');
    assert.match(ds[0]!.message, /nests deeper than 320 levels; bdm-lab reads no further/);
    assert.doesNotMatch(ds[0]!.message, /call stack|Heat refuses/i);
  }
});

/**
 * Ansible: labelled with the ansible-oracle (ansible-core 2.14, openstack.cloud 1.10, openstacksdk
 * 0.101) and the nova-oracle: a `meta` value nested 60 or 100 levels is sent whole, and Nova's
 * 400 quotes the whole list (bdm-lab read only 64 levels before and quoted `None` inside).
 */
const ansibleMeta = (depth: number) => `- name: vm\n  openstack.cloud.server:\n    name: vm\n    image: cirros\n    flavor: m1\n    network: n\n    meta:\n      a: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;

test('BDM-LIMIT-TEMPLATE negative: an Ansible meta value nested 100 levels is judged whole, as openstacksdk sends it', WATCHDOG, () => {
  const ds = analyzeDocument(ansibleMeta(100), 'yaml', defaultContext()).diagnostics;
  const schema = ds.find((d) => d.code === 'BDM-SCHEMA-REQUEST');
  assert.ok(schema, JSON.stringify(ds.map((d) => d.code)));
  assert.equal(schema.novaMessage, `Invalid input for field/attribute a. Value: ${'['.repeat(100)}1${']'.repeat(100)}. ${'['.repeat(100)}1${']'.repeat(100)} is not of type 'string'`);
  assert.ok(!ds.some((d) => d.code === 'BDM-LIMIT-TEMPLATE'));
});

test('BDM-LIMIT-TEMPLATE: an Ansible argument nested past the read limit: the task is not judged, and says so on the module key', WATCHDOG, () => {
  const text = ansibleMeta(400);
  const ds = analyzeDocument(text, 'yaml', defaultContext()).diagnostics;
  assert.deepEqual(ds.map((d) => d.code), ['BDM-LIMIT-TEMPLATE'], JSON.stringify(ds.map((d) => d.code)));
  assert.match(ds[0]!.message, /an argument value nests deeper than 320 levels; bdm-lab reads no further/);
  assert.equal(ds[0]!.span.offset, text.indexOf('openstack.cloud.server'));
  // thousands of levels: the yaml reader itself runs out of stack; the document says so instead of
  // being skipped without a word (as one with a YAML error is)
  const deeper = ansibleMeta(5000);
  const dd = analyzeDocument(deeper, 'yaml', defaultContext()).diagnostics;
  assert.deepEqual(dd.map((d) => d.code), ['BDM-LIMIT-TEMPLATE'], JSON.stringify(dd.map((d) => d.code)));
  assert.match(dd[0]!.message, /the document nests deeper than 320 levels; bdm-lab reads no further/);
  assert.doesNotMatch(dd[0]!.message, /call stack/i);
  // vars nested past it are not read (a task using them names them unresolved); nothing throws
  const vars = `- hosts: all\n  vars:\n    deep: ${'['.repeat(400)}1${']'.repeat(400)}\n  tasks:\n    - openstack.cloud.server:\n        name: vm\n        image: cirros\n        flavor: m1\n        network: n\n`;
  assert.ok(Array.isArray(analyzeDocument(vars, 'yaml', defaultContext()).diagnostics));
});
