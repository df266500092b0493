/** Issue 16 item 9: a libvirt attribute value outside libvirt's list gets "Use …" fixes, the closest first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { quickFixes, applyEdits } from '../../server/src/features/codeActions';
import { defaultContext } from '../../server/src/model/context';

const disk = (driver: string, bus = 'virtio') => `<disk type="file" device="disk">\n  <driver name="qemu" type="raw" ${driver}/>\n  <source file="/var/lib/x.img"/>\n  <target dev="vdb" bus="${bus}"/>\n</disk>\n`;

function fixes(text: string, code: string) {
  const a = analyzeDocument(text, 'xml', defaultContext());
  const d = a.diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code}: ${a.diagnostics.map((x) => x.code).join(', ')}`);
  return quickFixes(a, text, d);
}

test('an unknown cache mode: "Use cache=..." fixes, a near miss preferred, and applying it clears the error', () => {
  const text = disk('cache="writeback2"');
  const f = fixes(text, 'LIBVIRT-DISK-DRIVER-VALUE');
  assert.equal(f[0]!.title, 'Use cache="writeback"');
  assert.equal(f[0]!.preferred, true);
  assert.ok(f.length > 1 && f.length <= 6);
  assert.ok(f.every((x) => /^Use cache="(default|none|writeback|writethrough|directsync|unsafe)"$/.test(x.title)), f.map((x) => x.title).join());
  const fixed = applyEdits(text, f[0]!.edits);
  assert.match(fixed, /cache="writeback"/);
  assert.deepEqual(analyzeDocument(fixed, 'xml', defaultContext()).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code), []);
});

test('a value far from any: fixes offered, none preferred; a bus gets the bus list', () => {
  const f = fixes(disk('cache="bogus"'), 'LIBVIRT-DISK-DRIVER-VALUE');
  assert.ok(f.length > 0);
  assert.ok(f.every((x) => !x.preferred));
  const b = fixes(disk('cache="none"', 'virtoi'), 'LIBVIRT-DISK-BUS-VALUE');
  assert.equal(b[0]!.title, 'Use bus="virtio"');
  assert.equal(b[0]!.preferred, true);
});
