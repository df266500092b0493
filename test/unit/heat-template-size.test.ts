/**
 * heat.conf max_template_size (524288 by default): Heat's template_format.parse refuses a longer
 * template before reading it. Labelled by Heat 19.0.0's own code (the heat-oracle, through
 * test/fixtures/heat/template-size-label.py): Python's len() of the file's text, so a surrogate
 * pair is one character and `\r\n` one (universal newlines), and the message says "bytes" of
 * what are characters. The refusal comes before any reading of the YAML (bdm-lab's own node
 * limit is not reached first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heatSources } from '../../server/src/source/heat';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { ROOT } from './cli-run';

interface Labelled { id: string; total: number; fill: string; newline: string; template_error: string | null; servers: Record<string, string> }
const CASES = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'heat', 'template-size.oracle.json'), 'utf8')) as Labelled[];

const HEAD = ['heat_template_version: 2018-08-31', 'resources:', '  web:', '    type: OS::Nova::Server', '    properties:', '      flavor: m1.small', '      block_device_mapping_v2:', '        - image: cirros', '          volume_size: 10', '          boot_index: 0', ''].join('\n');

/** the labeller's build(): HEAD, then one comment of `fill` up to `total` characters as Python counts them */
function build(r: Labelled): string {
  const room = r.total - HEAD.length - 2 - 1;
  const fillLength = [...r.fill].length;
  const body = '# ' + r.fill.repeat(Math.floor(room / fillLength)) + 'x'.repeat(room % fillLength);
  return HEAD.replace(/\n/g, r.newline) + body + r.newline;
}

for (const c of CASES) {
  test(`template size, ${c.id}: as Heat (${c.template_error ? 'refused' : 'read'})`, () => {
    const text = build(c);
    const docs = heatSources(text);
    if (c.template_error) {
      assert.equal(docs.length, 1);
      const e = docs[0].translation.error;
      assert.ok(e, 'refused');
      assert.equal(`RequestLimitExceeded: ${e.message}`, c.template_error);
      assert.equal(e.stage, 'template');
    } else {
      assert.deepEqual(docs.map((d) => d.name), Object.keys(c.servers));
      for (const d of docs) assert.doesNotMatch(d.translation.error?.message ?? '', /Request limit exceeded/);
    }
  });
}

test('a template over the size is refused as BDM-HEAT-TEMPLATE at its start, not as bdm-lab\'s node limit', () => {
  const c = CASES.find((x) => x.id === 'far-over')!;
  // the same size of YAML nodes instead of a comment: still Heat's size refusal, before any reading
  const many = HEAD + Array.from({ length: 20000 }, (_, i) => `        - {volume_id: v${i}, boot_index: ${i + 1}}`).join('\n') + '\n';
  for (const text of [build(c), many]) {
    const a = analyzeDocument(text, 'yaml', defaultContext());
    const d = a.diagnostics.filter((x) => x.code === 'BDM-HEAT-TEMPLATE');
    assert.equal(d.length, 1, a.diagnostics.map((x) => x.code).join());
    assert.match(d[0].message, /^Request limit exceeded: Template size \(\d+ bytes\) exceeds maximum allowed size \(524288 bytes\)\./);
    assert.equal(d[0].span.offset, 0);
    assert.ok(!a.diagnostics.some((x) => x.code === 'BDM-LIMIT-TEMPLATE'));
  }
});
