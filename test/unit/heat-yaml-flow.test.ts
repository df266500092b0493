/**
 * A template's flow collections and quoted scalars read as Heat reads them (template_format:
 * libyaml, then PyYAML for the words of a refusal), not by YAML 1.2's indentation rules: later lines
 * at any indentation, down to column 0; PyYAML's refusals (a document marker, a `-`, a `?`, a
 * multi-line key, a tab, an undefined alias) in Heat's words. Labels: test/fixtures/heat/yaml-flow.json,
 * Heat 19.0.0's own template_format.simple_parse on each text (test/fixtures/heat/yaml_flow.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseTemplate, readYaml, entry } from '../../server/src/source/heat/template';
import { heatSources } from '../../server/src/source/heat';

interface Case { id: string; template: string; value?: unknown; error?: string }
const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'heat', 'yaml-flow.json'), 'utf8')) as Case[];

test('each text is read as Heat reads it: the same value, or a refusal (in Heat\'s words where bdm-lab words it)', () => {
  const diffs: string[] = [];
  let worded = 0;
  for (const c of cases) {
    const r = readYaml(c.template);
    if (c.error === undefined) {
      if ('error' in r) diffs.push(`${c.id}: we refuse (${r.error.message}); Heat reads it`);
      else if (!isDeepStrictEqual(r.root.value, c.value)) diffs.push(`${c.id}: ${JSON.stringify(r.root.value)} != ${JSON.stringify(c.value)}`);
      continue;
    }
    if (!('error' in r)) { diffs.push(`${c.id}: we read it; Heat refuses: ${c.error}`); continue; }
    const ours = r.error.message.startsWith('Error parsing template');
    if (ours) worded++;
    // the shapes of flow collections and quoted scalars are all worded; a refusal of the block
    // parser's may stay in the yaml package's words
    if ((ours || c.id.startsWith('shape-')) && r.error.message !== c.error) diffs.push(`${c.id}: ${JSON.stringify(r.error.message)} != ${JSON.stringify(c.error)}`);
  }
  assert.deepEqual(diffs, []);
  // most refusals of these texts are PyYAML's flow-context ones, which bdm-lab words
  assert.ok(worded >= 50, `only ${worded} refusals in Heat's words`);
});

test('a flow mapping whose later lines sit at column 0 keeps the positions of what is written', () => {
  const text = [
    'heat_template_version: 2018-08-31',
    'resources:',
    '  srv:',
    '    type: OS::Nova::Server',
    '    properties:',
    '      flavor: m1.small',
    '      block_device_mapping_v2: [{image: cirros,',
    'boot_index: 0,',
    '  volume_size: 10}]',
    '      networks: [{network: private}]',
  ].join('\n') + '\n';
  const t = parseTemplate(text);
  assert.equal(t.error, null);
  const props = entry(t.resources[0].node, 'properties')!;
  const bdm = entry(props, 'block_device_mapping_v2')!;
  const first = bdm.items![0];
  const size = entry(first, 'volume_size')!;
  assert.equal(size.value, 10);
  assert.equal(text.slice(size.span.offset, size.span.offset + size.span.length), '10');
  assert.equal(text.slice(size.keySpan!.offset, size.keySpan!.offset + size.keySpan!.length), 'volume_size');
  const boot = entry(first, 'boot_index')!;
  assert.equal(text.slice(boot.keySpan!.offset, boot.keySpan!.offset + 10), 'boot_index');
  // Heat translates the server: the body's entry from the flow mapping
  const [doc] = heatSources(text, {});
  assert.equal(doc.translation.error, null);
  const body = doc.translation.body as { server: { block_device_mapping_v2: Array<Record<string, unknown>> } };
  assert.equal(body.server.block_device_mapping_v2[0].volume_size, 10);
  assert.equal(body.server.block_device_mapping_v2[0].boot_index, 0);
});

test('a document marker at column 0 inside a flow sequence is refused in Heat\'s words, where it is', () => {
  const text = 'heat_template_version: 2018-08-31\nresources:\n  srv:\n    type: OS::Nova::Server\n    properties:\n      networks: [{network: private},\n---\n      ]\n';
  const t = parseTemplate(text);
  assert.equal(t.error?.message, "Error parsing template [root stack] while parsing a flow node\nexpected the node content, but found '<document start>'\n  in \"<unicode string>\", line 7, column 1:\n    ---\n    ^");
  assert.equal(t.error?.span.offset, text.indexOf('---'));
});
