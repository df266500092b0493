/**
 * A line of blanks holding a tab inside a quoted scalar or a flow collection of a Heat template:
 * an empty line to Heat's YAML reader (libyaml, through PyYAML), whatever its indentation, where
 * the yaml package ends the scalar at a tab at or before the construct's column
 * (pyYamlFlow.ts pads such a line too). Outside them, in block context, libyaml refuses the tab.
 * Each case labelled by the heat-oracle (Heat 19.0.0, microversion 2.92): the server's name as
 * Heat sends it, or Heat's refusal of the template.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const base = 'heat_template_version: 2018-08-31\nresources:\n  s1:\n    type: OS::Nova::Server\n    properties:\n      flavor: m1\n      networks: [{network: n}]\n';
const bdm = '      block_device_mapping_v2: [{image: cirros, boot_index: 0, volume_size: 1, delete_on_termination: true}]\n';

/** [case, template, the name Heat sends (null: Heat's name for it), or Heat's refusal] */
const CASES: Array<[string, string, { name: string | null; metadata?: unknown } | { refused: RegExp }]> = [
  ['double-quoted, "  \\t" line', base + '      name: "abc\n  \t\n  def"\n' + bdm, { name: 'abc\ndef' }],
  ['double-quoted, "\\t" line', base + '      name: "abc\n\t\n  def"\n' + bdm, { name: 'abc\ndef' }],
  ['double-quoted, tab past the column', base + '      name: "abc\n          \t\n  def"\n' + bdm, { name: 'abc\ndef' }],
  ['single-quoted, " \\t " line', base + "      name: 'abc\n \t \n  def'\n" + bdm, { name: 'abc\ndef' }],
  ['flow mapping', base + '      metadata: {a: b,\n\t\n  c: d}\n' + bdm, { name: null, metadata: { a: 'b', c: 'd' } }],
  ['block context, "\\t" line', base + '      name: abc\n\t\n' + bdm, { refused: /^Error parsing template \[root stack\] while scanning for the next token\nfound character '\\t' that cannot start any token\n {2}in "<unicode string>", line 9, column 1:/ }],
  ['block context, "  \\t  " line', base + '      name: abc\n  \t  \n' + bdm, { refused: /found character '\\t' that cannot start any token\n {2}in "<unicode string>", line 9, column 3:/ }],
];

for (const [what, text, want] of CASES) {
  test(`a line of blanks with a tab: ${what} (heat-oracle)`, () => {
    const a = analyzeDocument(text, 'yaml', { ...defaultContext(), microversion: '2.92' });
    const heat = a.diagnostics.filter((d) => d.code === 'BDM-HEAT-TEMPLATE');
    if ('refused' in want) {
      assert.equal(heat.length, 1, a.diagnostics.map((d) => d.code).join(', '));
      assert.match(heat[0]!.message, want.refused);
      return;
    }
    assert.deepEqual(heat.map((d) => d.message), []);
    const server = (a.requests?.[0]?.body as { server?: Record<string, unknown> } | null)?.server;
    assert.ok(server, 'a request is made');
    if (want.name !== null) assert.equal(server.name, want.name);
    if (want.metadata !== undefined) assert.deepEqual(server.metadata, want.metadata);
    assert.deepEqual(server.block_device_mapping_v2, [{ uuid: 'ed7634ec-9f13-5ecd-840b-38fbcf085d1e', source_type: 'image', destination_type: 'volume', boot_index: 0, delete_on_termination: true, volume_size: 1 }]);
  });
}
