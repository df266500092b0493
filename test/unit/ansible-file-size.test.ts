/**
 * An Ansible file longer than bdm-lab reads (2 000 000 characters) is not judged, and a finding
 * says so where the file names the server module: before, such a file got no finding at all (its
 * tasks were skipped in silence). A file under the bound is read as ever.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { ROOT } from './cli-run';

const SAMPLE = readFileSync(join(ROOT, 'samples', 'workspace', 'ansible', 'boot-from-volume.yml'), 'utf8');

/** the sample's play, then a comment that brings the file to `size` characters */
function padded(size: number): string {
  const room = size - SAMPLE.length - 3;
  return SAMPLE + '# ' + 'x'.repeat(room) + '\n';
}

test('an Ansible file over the bound: one BDM-LIMIT-TEMPLATE finding on the server module, no verdict', () => {
  const text = padded(2_000_001);
  assert.equal(text.length, 2_000_001);
  const a = analyzeDocument(text, 'yaml', defaultContext());
  assert.deepEqual(a.diagnostics.map((d) => d.code), ['BDM-LIMIT-TEMPLATE']);
  const d = a.diagnostics[0];
  assert.match(d.message, /^the file has 2000001 characters, more than bdm-lab reads of an Ansible file \(2000000\); its tasks are not read/);
  assert.equal(text.slice(d.span.offset, d.span.offset + d.span.length), 'openstack.cloud.server');
});

test('an Ansible file at the bound is read: the sample\'s own finding, no limit', () => {
  const small = analyzeDocument(SAMPLE, 'yaml', defaultContext()).diagnostics.map((d) => d.code);
  assert.ok(small.length > 0, 'the sample has a finding of its own');
  const a = analyzeDocument(padded(2_000_000), 'yaml', defaultContext());
  assert.deepEqual(a.diagnostics.map((d) => d.code), small);
});
