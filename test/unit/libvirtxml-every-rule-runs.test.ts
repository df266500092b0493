/**
 * Every libvirt XML rule runs to its end on a document that lacks what it reads: a rule that
 * throws is caught and shown as LIBVIRT-INTERNAL ("bdm-lab could not run ..."), which hides that
 * rule's verdict. The fixtures, each with one element taken out in turn, must give none. The two
 * documents below are what such a sweep found (a <domain> without <memory>; a q35 guest's IDE
 * cdrom without <target>).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeLibvirtXml, INTERNAL_ERROR_ID } from '../../server/src/libvirtxml/analyze';

const FIXTURES = resolve(__dirname, '../fixtures/libvirtxml');

const threw = (xml: string) => analyzeLibvirtXml(xml).problems.filter((p) => p.id === INTERNAL_ERROR_ID).map((p) => p.message);

test('a domain without <memory>: libvirt\'s "Memory size must be specified", and the memory-device total is still judged', () => {
  const xml = '<domain type="kvm">\n  <devices>\n    <disk type="file" device="disk">\n      <source file="/x.qcow2"/>\n      <target dev="vdb" bus="virtio"/>\n    </disk>\n  </devices>\n</domain>\n';
  const ids = analyzeLibvirtXml(xml).problems.map((p) => p.id);
  assert.ok(ids.includes('LIBVIRT-DOMAIN-MEMORY-MISSING'), ids.join(', '));
  assert.deepEqual(threw(xml), []);
});

test('a q35 guest with a disk that has no <target>: the machine\'s controller rule runs', () => {
  const xml = '<domain type="kvm">\n  <name>a</name>\n  <memory>131072</memory>\n  <os>\n    <type arch="x86_64" machine="q35">hvm</type>\n  </os>\n  <devices>\n    <disk type="file" device="cdrom">\n      <source file="/x.iso"/>\n    </disk>\n    <disk type="file" device="cdrom">\n      <source file="/y.iso"/>\n      <target dev="hdc" bus="ide"/>\n    </disk>\n  </devices>\n</domain>\n';
  assert.deepEqual(threw(xml), []);
  assert.ok(analyzeLibvirtXml(xml).problems.some((p) => p.id === 'LIBVIRT-DOMAIN-CONTROLLER-MACHINE'), 'the IDE cdrom on q35 is still refused');
});

test('the fixtures with each element taken out in turn: no rule throws', { timeout: 600_000 }, () => {
  const element = /<([a-zA-Z][\w:-]*)\b[^>]*?(\/>|>[\s\S]*?<\/\1>)/g;
  let documents = 0;
  const found = new Map<string, string>();
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.xml'))) {
    const text = readFileSync(join(FIXTURES, f), 'utf8');
    const variants = [text];
    element.lastIndex = 0;
    for (let m = element.exec(text), k = 0; m && k < 80; m = element.exec(text), k++) {
      variants.push(text.slice(0, m.index) + text.slice(m.index + m[0].length));
      element.lastIndex = m.index + 1;
    }
    for (const v of variants) {
      documents++;
      for (const message of threw(v)) if (!found.has(message)) found.set(message, f);
    }
  }
  assert.ok(documents > 500, `${documents} documents`);
  assert.deepEqual([...found].map(([m, f]) => `${f}: ${m}`), []);
});
