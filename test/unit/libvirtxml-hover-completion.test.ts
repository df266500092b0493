import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt } from '../../server/src/libvirtxml/hover';
import { completeAt } from '../../server/src/libvirtxml/completion';
import { openElements } from '../../server/src/libvirtxml/cursor';
import { bestGrowth } from './growth';

/** '|' marks the cursor. */
function at(marked: string): [string, number] {
  const i = marked.indexOf('|');
  return [marked.slice(0, i) + marked.slice(i + 1), i];
}
const labels = (marked: string) => completeAt(...at(marked)).map((c) => c.label);
const hover = (marked: string) => hoverAt(...at(marked));

test('completion: child elements inside <disk>, <disk> inside <devices>', () => {
  const inDisk = labels('<devices>\n<disk type="file">\n  <|');
  for (const n of ['driver', 'source', 'target', 'auth', 'serial', 'boot', 'address', 'readonly', 'shareable', 'iotune', 'blockio', 'alias', 'encryption']) assert.ok(inDisk.includes(n), n);
  // (inside <devices> every device libvirt's schema takes there: libvirtxml-domain-completion.test.ts)
  { const d = labels('<domain><devices>\n  <|'); assert.ok(d.includes('disk') && d.includes('interface') && d.includes('controller') && !d.includes('source'), d.join(' ')); }
  assert.deepEqual(labels('<disk type="file"><dri|'), ['driver']);
  assert.ok(labels('<disk><iotune><total_|').includes('total_iops_sec'));
  assert.ok(labels('<disk><source protocol="rbd" name="p/v"><|').includes('host'));
  assert.ok(labels('<disk><auth username="c"><|').includes('secret'));
  assert.deepEqual(labels('<disk><source file="/a"/> text |'), []);
});

test('completion: empty elements are inserted self-closed', () => {
  const ro = completeAt(...at('<disk><rea|')).find((c) => c.label === 'readonly');
  assert.equal(ro?.insertText, 'readonly/>');
});

test('completion: attribute names not yet present', () => {
  const names = labels('<disk type="file"><driver name="qemu" |/>');
  assert.ok(names.includes('cache') && names.includes('io') && names.includes('discard') && names.includes('type'));
  assert.ok(!names.includes('name'));
  assert.deepEqual(labels('<disk type="file"><target dev="vda" b|'), ['bus']);
  const item = completeAt(...at('<disk type="file"><driver ca|')).find((c) => c.label === 'cache');
  assert.equal(item?.kind, 'attribute');
  assert.equal(item?.insertText, 'cache=""');
});

test('completion: attribute values', () => {
  assert.deepEqual(labels('<disk type="file"><driver cache="|"/>'), ['default', 'none', 'writeback', 'writethrough', 'directsync', 'unsafe']);
  assert.ok(labels('<disk type="|">').includes('network'));
  assert.ok(labels('<disk type="network"><source protocol="r|').includes('rbd'));
  assert.deepEqual(labels('<disk><auth username="c"><secret type="|"/>'), ['ceph', 'iscsi']);
  assert.deepEqual(labels('<disk><encryption format="luks"><secret type="|"/>'), ['passphrase']);
  assert.ok(labels('<disk><target dev="vda" bus="|"/>').includes('virtio'));
  const io = completeAt(...at('<disk><driver io="|"/>')).find((c) => c.label === 'native');
  assert.match(io?.detail ?? '', /O_DIRECT/);
  assert.deepEqual(labels('<disk><source file="|"/>'), []);
});

test('hover: element, attribute name and attribute value', () => {
  const el = hover('<disk type="file"><dri|ver cache="none"/></disk>');
  assert.ok(el);
  assert.match(el.markdown, /<driver>/);
  assert.deepEqual(el.span, { offset: 19, length: 6 });
  const attrName = hover('<disk type="file"><driver ca|che="none"/></disk>');
  assert.match(attrName?.markdown ?? '', /cache/);
  assert.match(attrName?.markdown ?? '', /writethrough/);
  const value = hover('<disk type="file"><driver cache="no|ne"/></disk>');
  assert.match(value?.markdown ?? '', /O_DIRECT/);
  const [text, offset] = at('<disk type="blo|ck">');
  const v = hoverAt(text, offset);
  assert.equal(text.substr(v!.span.offset, v!.span.length), 'block');
});

test('hover: an invalid value says so and lists the valid ones', () => {
  const h = hover('<disk><driver io="aio|"/></disk>');
  assert.match(h?.markdown ?? '', /not a value libvirt accepts/);
  assert.match(h?.markdown ?? '', /io_uring/);
});

test('hover: end tags, unknown names and text give sensible results', () => {
  assert.match(hover('<disk><target dev="vda"/></di|sk>')?.markdown ?? '', /One guest block device/);
  assert.equal(hover('<disk><frobnicate|/></disk>'), null);
  assert.equal(hover('<disk><serial>ab|c</serial></disk>'), null);
  assert.equal(hover('<disk foo|="1"/>'), null);
});

test('open elements: comments, PIs, CDATA, a DOCTYPE, self-closing and unclosed tags', () => {
  const t = '<domain><!-- <x> --><?pi <y>?><![CDATA[<z>]]><devices><disk type="file" a=\'>\'><target dev="vda"/><source';
  assert.deepEqual(openElements(t, t.length), ['domain', 'devices', 'disk']);
  assert.deepEqual(openElements('<a><b></b><c x="unclosed', 24), ['a']);
  assert.deepEqual(openElements('<a></a>', 7), []);
});

test('open elements: linear on long unclosed tags (a regular expression took 30 s on 200 KB here)', { timeout: 120_000 }, () => {
  // every candidate tag runs into a quote that is never closed before its '>'
  const make = (n: number) => '<domain>' + ('<d' + 'a'.repeat(100) + '\n').repeat(n / 100) + '">';
  const g = bestGrowth(make, (t) => openElements(t, t.length), 50_000, 3);
  assert.ok(g.ratio < 3, `time at 2n / time at n = ${g.ratio.toFixed(2)} (linear about 2, quadratic about 4)`);
});

test('hover and completion inside a tag that runs on for megabytes stay linear (an end-anchored pattern retried from every position)', { timeout: 120_000 }, () => {
  const make = (n: number) => `<domain><devices><disk ${'a'.repeat(n)} type="fi`;
  const g = bestGrowth(make, (t) => { hoverAt(t, t.length); completeAt(t, t.length); }, 20_000, 3);
  assert.ok(g.ratio < 3, `time at 2n / time at n = ${g.ratio.toFixed(2)} (linear about 2, quadratic about 4)`);
  // the attribute being typed is still found at the end of such a tag
  const t = make(100_000);
  assert.ok(completeAt(t, t.length).some((c) => c.label === 'file'), 'completion offers type="file"');
});
