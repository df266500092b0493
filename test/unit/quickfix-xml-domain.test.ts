/** Issue 20: the obvious fixes of the domain-wide rows: drop the second <auth>/<encryption>, renumber a taken drive address. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/document';
import { quickFixes, applyEdits } from '../../server/src/features/codeActions';
import { defaultContext } from '../../server/src/model/context';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'libvirtdomain', name), 'utf8');

function fixOnce(text: string, code: string) {
  const a = analyzeDocument(text, 'xml', defaultContext());
  const d = a.diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code}: ${a.diagnostics.map((x) => x.code).join(', ')}`);
  const f = quickFixes(a, text, d);
  assert.equal(f.length, 1, f.map((x) => x.title).join());
  assert.equal(f[0]!.preferred, true);
  const fixed = applyEdits(text, f[0]!.edits);
  return { title: f[0]!.title, fixed, errors: analyzeDocument(fixed, 'xml', defaultContext()).diagnostics.filter((x) => x.severity === 'error').map((x) => x.code) };
}

test('<auth> in <disk> and in <source>: the fix removes the one in <source>, and the domain is accepted', () => {
  // both fixture shapes were labelled by libvirt (refused), and the fixed text is the accepted shape
  for (const [name, element] of [['refuse-iscsi-auth-twice.xml', 'auth'], ['refuse-encryption-twice.xml', 'encryption']] as const) {
    const text = fixture(name);
    const r = fixOnce(text, 'LIBVIRT-DISK-AUTH-TWICE');
    assert.match(r.title, new RegExp(`Remove the <${element}> in <source>`));
    assert.deepEqual(r.errors, []);
    assert.equal((r.fixed.match(new RegExp(`<${element}[\\s>]`, 'g')) ?? []).length, 1);
    assert.ok(r.fixed.length < text.length);
  }
});

test('a taken drive address: the fix moves the disk to the lowest free unit', () => {
  const text = fixture('refuse-scsi-duplicate-drive-address.xml');
  const r = fixOnce(text, 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP');
  assert.equal(r.title, 'Move sdb to the free unit 1');
  assert.deepEqual(r.errors, []);
  // a unit taken by a name-implied address and by a SCSI hostdev is skipped
  const busy = fixture('refuse-scsi-explicit-collides-with-name.xml').replace('</devices>', '    <hostdev mode="subsystem" type="scsi"><source><adapter name="scsi_host0"/><address bus="0" target="0" unit="4"/></source><address type="drive" controller="0" bus="0" target="0" unit="1"/></hostdev>\n  </devices>');
  const b = fixOnce(busy, 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP');
  assert.equal(b.title, 'Move sdc to the free unit 2');
  assert.deepEqual(b.errors, []);
});
