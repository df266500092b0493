import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLibvirtXml, libvirtRootOf } from '../../server/src/libvirtxml/recognize';
import { parseXml } from '../../server/src/libvirtxml/parse';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { bestGrowth, describeGrowth } from './growth';

test('recognition by root element, after the prolog', () => {
  assert.equal(isLibvirtXml('<domain type="kvm"/>'), true);
  assert.equal(isLibvirtXml('\uFEFF<?xml version="1.0"?>\n<!-- a <disk> in a comment -->\n<disk type="file"/>'), true);
  assert.equal(isLibvirtXml('<!DOCTYPE devices [ <!ELEMENT devices ANY> ]>\n<devices/>'), true);
  assert.equal(libvirtRootOf('  <devices>'), 'devices');
  assert.equal(isLibvirtXml('<network><name>default</name></network>'), false);
  assert.equal(isLibvirtXml('<!-- <domain> -->\n<pool type="dir"/>'), false);
  assert.equal(isLibvirtXml('{"domain": 1}'), false);
  assert.equal(isLibvirtXml(''), false);
  assert.equal(isLibvirtXml('<domains/>'), false);
});

test('well-formedness errors carry an offset at the reported line and column', () => {
  const text = '<disk type="file">\n  <source file="/a" file="/b"/>\n</disk>';
  const r = parseXml(text);
  assert.equal(r.root, null);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].id, 'LIBVIRT-XML-WELLFORMED');
  // The repeated attribute is on line 2; the span starts inside that line.
  const line2 = text.indexOf('\n') + 1;
  assert.ok(r.problems[0].span.offset >= line2 && r.problems[0].span.offset < text.indexOf('\n', line2));
  assert.ok(r.problems[0].span.length > 0);
});

test('mismatched end tags and a missing end are reported, never thrown', () => {
  for (const text of ['<disk><target dev="vda"></disk>', '<disk>', '<disk type="file"', '<', '<disk type=file/>', '<a/><b/>']) {
    const r = analyzeLibvirtXml(text);
    assert.ok(r.problems.some((p) => p.severity === 'error'), text);
    for (const p of r.problems) assert.ok(p.span.offset >= 0 && p.span.offset + p.span.length <= text.length, text);
  }
});

test('two root elements: the second is reported', () => {
  const text = '<disk type="file"><source file="/a"/><target dev="vda"/></disk>\n<disk/>';
  const p = parseXml(text).problems;
  assert.equal(p[0].id, 'LIBVIRT-XML-MULTIPLE-ROOTS');
  assert.equal(p[0].span.offset, text.lastIndexOf('<disk') + 1);
});

test('element, name and attribute spans are exact, CRLF included', () => {
  const text = '<?xml version="1.0"?>\r\n<disk type=\'block\'  device="disk">\r\n  <source dev="/dev/sdb"/>\r\n  <serial>a&amp;b</serial>\r\n</disk>\r\n';
  const { root } = parseXml(text);
  assert.ok(root);
  assert.equal(text.substr(root.nameSpan.offset, root.nameSpan.length), 'disk');
  assert.equal(text.substr(root.span.offset, root.span.length), text.slice(text.indexOf('<disk'), text.lastIndexOf('>') + 1));
  const type = root.attributes[0];
  assert.equal(text.substr(type.valueSpan.offset, type.valueSpan.length), 'block');
  assert.equal(text.substr(root.attributes[1].nameSpan.offset, 6), 'device');
  const source = root.children[0];
  assert.equal(text.substr(source.span.offset, source.span.length), '<source dev="/dev/sdb"/>');
  assert.equal(root.children[1].text, 'a&b');
});

test('a billion-laughs document is refused and nothing is expanded', { timeout: 60_000 }, () => {
  let decl = '<!ENTITY lol "lol">';
  let prev = 'lol';
  for (let i = 2; i <= 10; i++) {
    decl += `<!ENTITY lol${i} "${`&${prev};`.repeat(10)}">`;
    prev = `lol${i}`;
  }
  const text = `<?xml version="1.0"?>\n<!DOCTYPE domain [${decl}]>\n<domain type="kvm"><name>&${prev};</name></domain>`;
  const r = analyzeLibvirtXml(text);
  // nothing expanded: no tree, and the whole answer is smaller than the document (one expansion
  // of &lol10; alone would be 10^10 characters)
  assert.equal(parseXml(text).root, null);
  assert.ok(JSON.stringify(r).length < text.length, `the answer has ${JSON.stringify(r).length} characters`);
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].id, 'LIBVIRT-XML-ENTITY-DECL');
  assert.equal(r.problems[0].severity, 'error');
  assert.equal(text.substr(r.problems[0].span.offset, 8), '<!ENTITY');
});

test('an undeclared entity reference is left alone, not expanded', () => {
  const r = parseXml('<disk type="file"><serial>&xxe;</serial><target dev="vda"/></disk>');
  assert.ok(r.problems.length === 0 || r.problems.every((p) => p.id === 'LIBVIRT-XML-WELLFORMED'));
});

test('a large document is analysed in time linear in its disks', { timeout: 120_000 }, () => {
  const disk = (i: number) => `<disk type="file" device="disk"><source file="/i/${i}.img"/><target dev="vd${String.fromCharCode(97 + (i % 26))}${i}" bus="virtio"/></disk>\n`;
  const text = (n: number) => `<domain type="kvm"><name>x</name><devices>\n${Array.from({ length: n }, (_, i) => disk(i)).join('')}</devices></domain>`;
  assert.equal(analyzeLibvirtXml(text(2000)).disks.length, 2000);
  // time at 2n over time at n, same run (no absolute time): linear ≈ 2, quadratic ≈ 4
  const g = bestGrowth(text, (t) => analyzeLibvirtXml(t), 1000, 3);
  assert.ok(g.ratio < 3, describeGrowth('domain with n disks', 1000, g));
});
