/**
 * Issue 16 item 9: xmllint names the <domain> or <devices> around a value libvirt's schema
 * refuses ("Element domain failed to validate content"); the check then finds the device and the
 * attribute or element at fault by validating less, and places the problem there. A fake
 * validator pins the search; libvirt's own schema (libxml2-utils + libvirt, installed by the test
 * set-up) labels the real cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { narrow, runLibvirtSchemaCheck } from '../../server/src/libvirtxml/schemaCheck';
import { nodeHost } from '../../server/src/host';
import type { Problem } from '../../server/src/libvirtxml';

const VAGUE: Problem[] = [{ id: 'LIBVIRT-SCHEMA', severity: 'error', message: 'libvirt schema: Element domain failed to validate content', span: { offset: 1, length: 6 } }];
const domain = (devices: string) => `<domain type="kvm">\n  <name>x</name>\n  <memory>1024</memory>\n  <os><type>hvm</type></os>\n  <devices>\n${devices}  </devices>\n</domain>\n`;
const goodDisk = '    <disk type="file" device="disk"><driver name="qemu" type="raw" cache="none"/><source file="/a.img"/><target dev="vda" bus="virtio"/></disk>\n';
const badDisk = '    <disk type="file" device="disk"><driver name="qemu" type="raw" cache="bogus"/><source file="/b.img"/><target dev="vdb" bus="virtio"/></disk>\n';

test('a fake validator that refuses only cache="bogus": the problem lands on that value, the good disk untouched', async () => {
  const text = domain(goodDisk + badDisk);
  const seen: string[] = [];
  const r = await narrow(text, async (c) => { seen.push(c); return c.includes('cache="bogus"') ? 'invalid' : 'valid'; }, VAGUE);
  assert.ok(r);
  assert.equal(r.length, 1);
  assert.equal(text.substr(r[0]!.span.offset, r[0]!.span.length), 'bogus');
  assert.match(r[0]!.message, /<driver> cache="bogus" is not accepted \(the disk validates without it\)\. xmllint: Element domain failed to validate content/);
  assert.ok(seen.length <= 40, `${seen.length} runs`);
});

test('nothing found within the budget, or a fault outside the devices: xmllint\'s own problems are kept', async () => {
  // a device that fails alone, with no single attribute or element to blame: the device is named
  const text = domain(badDisk);
  const dev = await narrow(text, async () => 'invalid', [{ ...VAGUE[0]!, message: 'libvirt schema: Extra element devices in interleave' }]);
  assert.equal(dev!.length, 1);
  assert.equal(text.substr(dev![0]!.span.offset, dev![0]!.span.length), 'disk');
  assert.match(dev![0]!.message, /this <disk> does not validate/);
  // a lone <disk> document with nothing found: xmllint's words stay as they were
  assert.equal(await narrow(badDisk.trim(), async () => 'invalid', VAGUE), null);
  assert.equal(await narrow(domain(goodDisk), async (c) => (c.includes('<devices>') && !c.includes('<memory>') ? 'valid' : 'invalid'), VAGUE), null);
  // a precise message is not narrowed at all
  let runs = 0;
  assert.equal(await narrow(domain(badDisk), async () => { runs++; return 'valid'; }, [{ ...VAGUE[0]!, message: 'libvirt schema: Invalid attribute cahce for element driver' }]), null);
  assert.equal(runs, 0);
});

const schemaInstalled = existsSync('/usr/share/libvirt/schemas/domain.rng') || existsSync('/usr/local/share/libvirt/schemas/domain.rng');

test('libvirt\'s own schema: a bad cache mode in a whole domain is placed on the value', { skip: !schemaInstalled && !process.env.CI ? 'libvirt schemas not installed' : false, timeout: 60_000 }, async () => {
  const text = domain(goodDisk + badDisk);
  const r = await runLibvirtSchemaCheck(text, nodeHost());
  assert.equal(r.available, true);
  const p = r.problems.find((x) => x.id === 'LIBVIRT-SCHEMA')!;
  assert.equal(text.substr(p.span.offset, p.span.length), 'bogus', JSON.stringify(r.problems));
  // a block disk written with <source file=>: the file attribute, not type="block"
  const block = domain('    <disk type="block" device="disk"><driver name="qemu" type="raw"/><source file="/dev/sdb"/><target dev="vdb" bus="virtio"/></disk>\n');
  const b = await runLibvirtSchemaCheck(block, nodeHost());
  const q = b.problems.find((x) => x.id === 'LIBVIRT-SCHEMA')!;
  assert.match(q.message, /<source> file="\/dev\/sdb" is not accepted/);
  // a valid domain: no problem, no extra run
  assert.deepEqual((await runLibvirtSchemaCheck(domain(goodDisk), nodeHost())).problems, []);
});
