/**
 * Quick fixes on hostile bodies (the safety sweep): one fix on a big one-line body must not be
 * quadratic in the text. jsonc-parser's modify() with formatting applies each formatting edit to
 * a new copy of the text, so removing one device_name from a one-line body of 1 000 entries
 * (141 KB) took 12 s; codeActions.ts `modifyFormatted` makes the same edit in one pass. Growth as
 * a ratio in the same run (test/unit/growth.ts), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modify } from 'jsonc-parser';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { runRequest, type DocState } from '../../server/src/features/requests';
import { modifyFormatted } from '../../server/src/features/codeActions';
import { nodeHashes } from '../../server/src/host';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const U = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;
const FMT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

/** A one-line body whose n volumes all ask for the image root's device name: one diagnostic, one fix on the one line. */
function sameRootName(n: number): DocState {
  const entries = Array.from({ length: n }, (_, i) => `{"source_type":"volume","uuid":"${U(i)}","destination_type":"volume","boot_index":${i},"device_name":"/dev/vda"}`);
  const text = `{"server": {"name": "s", "flavorRef": "1", "imageRef": "${U(0)}", "networks": "auto", "block_device_mapping_v2": [${entries.join(',')}]}}`;
  const context = defaultContext();
  return { text, analysis: analyzeDocument(text, 'json', context), context, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHashes };
}

function fixesOf(s: DocState) {
  return runRequest(s, 'codeAction', { diagnostics: s.analysis.diagnostics.map((d) => ({ code: d.code, offset: d.span.offset })), refactor: true });
}

// 350 vs 700: past about 90 KB V8 copies each whole new text, and the quadratic copying shows
// (before the fix: 0.25 s at 600 entries, 3 s at 700, 12 s at 1 000)
test('the fix of a device name that takes the root\'s, on a one-line body, grows linearly: 350 vs 700 entries', WATCHDOG, () => {
  const small = fixesOf(sameRootName(3));
  assert.ok(small.some((a) => a.title.startsWith('Remove device_name')), small.map((a) => a.title).join('\n'));
  const g = bestGrowth(sameRootName, fixesOf, 350, 3, 2, 3);
  assert.ok(g.ratio < 3, `${describeGrowth('remove device_name on a one-line body', 350, g)} (linear ~2, quadratic ~4)`);
});

test('modifyFormatted makes the edit jsonc-parser\'s modify() makes with formatting', () => {
  const base = { server: { name: 's', block_device_mapping_v2: [{ source_type: 'image', uuid: 'u', boot_index: 0, device_name: 'vda' }, { a: [1, 2, { b: 3 }], device_name: 'x', tag: 't' }], networks: 'auto' } };
  const texts: string[] = [];
  for (const indent of [undefined, 2, 4, '\t']) {
    for (const eol of ['\n', '\r\n']) {
      const t = JSON.stringify(base, null, indent).replace(/\n/g, eol);
      texts.push(t, t.replace('"tag"', '/* c */ "tag"').replace('"networks"', `// x${eol}"networks"`), `  ${t}${eol}${eol}`);
    }
  }
  const paths: Array<Array<string | number>> = [
    ['server', 'block_device_mapping_v2', 0, 'device_name'], ['server', 'block_device_mapping_v2', 1, 'tag'],
    ['server', 'block_device_mapping_v2', 1, 'volume_size'], ['server', 'networks'], ['server', 'block_device_mapping_v2'],
    ['server', 'block_device_mapping'], ['server', 'block_device_mapping_v2', 1, 'a', 2, 'b'], ['server', 'block_device_mapping_v2', 1, 'a', 0],
  ];
  const values = [undefined, 10, 'none', [{ a: 1, b: [2] }], { x: { y: 'z' } }];
  let compared = 0;
  for (const t of texts) {
    for (const p of paths) {
      for (const v of values) {
        assert.deepEqual(modifyFormatted(t, p, v), modify(t, p, v, FMT), `${JSON.stringify(t)} ${JSON.stringify(p)} ${JSON.stringify(v)}`);
        compared++;
      }
    }
  }
  assert.equal(compared, 24 * 8 * 5);
});
