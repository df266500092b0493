// libvirt domain XML completion over LSP, from the bundled server: the children libvirt's domain
// schema allows inside <interface> and inside <os> (the table is the lazy chunk
// dist/lazy/libvirt-domain-schema.cjs, required by dist/lazy/libvirtxml.cjs on first use), and a
// hover on an element the hand-written <disk> catalogue does not know.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, positionOf } from './helpers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const complete = (s, uri, { line, character }) => s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
const items = (r) => (Array.isArray(r) ? r : r?.items ?? []);

// '<' typed on a line of its own, once in <os> and once in <interface>
const DOMAIN = `<domain type="kvm">
  <name>vm1</name>
  <memory unit="KiB">1048576</memory>
  <os>
    <type arch="x86_64" machine="q35">hvm</type>
    <
  </os>
  <devices>
    <disk type="file" device="disk">
      <driver name="qemu" type="qcow2"/>
      <source file="/var/lib/libvirt/images/vm1.qcow2"/>
      <target dev="vda" bus="virtio"/>
    </disk>
    <interface type="network">
      <source network="default"/>
      <
    </interface>
  </devices>
</domain>
`;

test('completion inside <interface> and inside <os> offers what libvirt\'s domain schema allows there', { timeout: 60_000 }, async () => {
  assert.ok(existsSync(join(root, 'dist', 'lazy', 'libvirt-domain-schema.cjs')), 'npm run build makes the lazy chunk of the table');
  const s = await startServer();
  try {
    const uri = 'file:///tmp/vm1-domain.xml';
    await s.open(uri, DOMAIN, 'xml');
    await s.waitDiagnostics(uri);
    const lines = DOMAIN.split('\n');
    const osLine = lines.indexOf('    <');
    const ifLine = lines.indexOf('      <');
    assert.ok(osLine > 0 && ifLine > osLine);

    const inOs = items(await complete(s, uri, { line: osLine, character: 5 }));
    const osLabels = inOs.map((i) => i.label);
    for (const n of ['type', 'loader', 'boot', 'kernel', 'nvram', 'bootmenu', 'smbios']) assert.ok(osLabels.includes(n), `<os>: ${n} in ${osLabels.join(' ')}`);
    for (const n of ['interface', 'disk', 'source', 'devices']) assert.ok(!osLabels.includes(n), `<os>: ${n} offered`);
    assert.equal(inOs.find((i) => i.label === 'boot')?.kind, 7, 'an element is a CompletionItemKind.Class');

    const inInterface = items(await complete(s, uri, { line: ifLine, character: 7 }));
    const ifLabels = inInterface.map((i) => i.label);
    for (const n of ['source', 'mac', 'model', 'target', 'driver', 'address', 'virtualport', 'bandwidth', 'vlan', 'link', 'mtu']) assert.ok(ifLabels.includes(n), `<interface>: ${n} in ${ifLabels.join(' ')}`);
    for (const n of ['loader', 'iotune', 'readonly', 'disk', 'os']) assert.ok(!ifLabels.includes(n), `<interface>: ${n} offered`);

    // attributes of the interface's <source>, not the disk's
    const src = positionOf(DOMAIN, '<source network="default"/>');
    const srcAttrs = items(await complete(s, uri, { line: src.line, character: src.character + '<source network="default"'.length })).map((i) => i.label);
    assert.ok(srcAttrs.includes('bridge') && srcAttrs.includes('portgroup'), srcAttrs.join(' '));
    assert.ok(!srcAttrs.includes('file') && !srcAttrs.includes('protocol') && !srcAttrs.includes('network'), srcAttrs.join(' '));

    const p = positionOf(DOMAIN, 'interface type=');
    const h = await s.hover(uri, p.line, p.character + 3);
    assert.match(h?.contents?.value ?? '', /domain schema/);
    assert.match(h?.contents?.value ?? '', /`<virtualport>`/);
  } finally {
    await s.stop();
  }
});
