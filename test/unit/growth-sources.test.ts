/**
 * Editor requests over every diagnostic of a big document grow linearly (issue 15, "speed"): a
 * client sends back all the diagnostics of the range it asks code actions for (the whole text
 * when it is all selected). Never an absolute time: the median time at 2n over the median at n,
 * interleaved in the same run (test/unit/growth.ts; linear ~2, quadratic ~4), and a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, languageOf } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { MAX_FIXED_DIAGNOSTICS, runRequest, type DocState } from '../../server/src/features/requests';
import { nodeHashes } from '../../server/src/host';
import { modify } from 'jsonc-parser';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;
const U = (i: number) => `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`;

function state(file: string, text: string): DocState {
  const context = defaultContext();
  return { text, analysis: analyzeDocument(text, languageOf(file, text), context), context, tooLarge: false, lab: { name: 'none', labHost: null, problem: null }, hashes: nodeHashes };
}

/** The code actions for every diagnostic of the document, as a client asks them with the whole text selected. */
function allActions(s: DocState) {
  return runRequest(s, 'codeAction', { diagnostics: s.analysis.diagnostics.map((d) => ({ code: d.code, offset: d.span.offset })), refactor: true });
}

function assertLinear(what: string, n: number, make: (n: number) => DocState, work: (s: DocState) => unknown) {
  const g = bestGrowth(make, work, n, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth(what, n, g)} (linear ~2, quadratic ~4)`);
}

/** n SCSI disks that all claim the same drive address: each but one is told so, and each such finding has a fix. */
function sharedAddress(n: number): string {
  const disks = Array.from({ length: n }, (_, i) => `    <disk type="file" device="disk">\n      <driver name="qemu" type="qcow2"/>\n      <source file="/d${i}.qcow2"/>\n      <target dev="sd${i}" bus="scsi"/>\n      <address type="drive" controller="0" bus="0" target="0" unit="0"/>\n    </disk>\n`);
  return `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <devices>\n    <controller type="scsi" index="0" model="virtio-scsi"/>\n${disks.join('')}  </devices>\n</domain>\n`;
}

test('code actions for every diagnostic of a domain whose disks share a drive address grow linearly, 400 vs 800 disks', WATCHDOG, () => {
  const small = state('d.xml', sharedAddress(3));
  const moves = allActions(small).filter((a) => a.title === 'Move sd1 to the free unit 1' || a.title === 'Move sd2 to the free unit 1');
  assert.equal(moves.length, 2, 'each disk whose address is taken gets the move to the free unit');
  assertLinear('xml drive-address fixes', 400, (n) => state('d.xml', sharedAddress(n)), allActions);
});

// The requests of a runbook are looked up by a binary search over their spans (one scan per
// diagnostic before): each command's finding still gets its own command's fix.
test('code actions for every diagnostic of a runbook: each command gets the fix of its own misspelled key', () => {
  const runbook = (n: number) => Array.from({ length: n }, (_, i) => `Step ${i}\n\n\`\`\`sh\nopenstack server create --flavor m1 --image cirros --block-device uuid=${U(i)},sourcetype=volume,destination_type=volume,boot_index=1 web${i}\n\`\`\`\n\n`).join('');
  const s = state('r.md', runbook(40));
  const fixes = allActions(s).filter((a) => a.title === 'Use the --block-device key source_type');
  assert.equal(fixes.length, 40);
  fixes.forEach((f, i) => {
    const q = s.analysis.requests![i]!;
    assert.ok(f.edits[0]!.span.offset > q.span.offset && f.edits[0]!.span.offset < q.span.offset + q.span.length, `command ${i}`);
    assert.equal(s.text.substr(f.edits[0]!.span.offset, f.edits[0]!.span.length), 'sourcetype');
  });
});

/** n entries, each on its own lines, each naming source_type twice (the last one, blank, counts) and a uuid: a blank entry with a uuid. */
function dupKeys(n: number, layout: 'lines' | 'tabs' | 'crlf' | 'shared' = 'lines'): string {
  const entry = (i: number) => `{"source_type": "volume", "source_type": "blank", "uuid": "${U(i)}", "destination_type": "volume", "volume_size": 1, "boot_index": ${i ? -1 : 0}}`;
  const sep = layout === 'shared' ? ', ' : layout === 'tabs' ? ',\n\t\t' : ',\n    ';
  const text = `{\n  "server": {\n    "name": "x",\n    "flavorRef": "1",\n    "block_device_mapping_v2": [\n    ${Array.from({ length: n }, (_, i) => entry(i)).join(sep)}\n    ]\n  }\n}\n`;
  return layout === 'crlf' ? text.replace(/\n/g, '\r\n') : text;
}

test('the quick fixes of a body are the edits jsonc-parser makes on the whole text, whatever its layout', () => {
  for (const layout of ['lines', 'tabs', 'crlf', 'shared'] as const) {
    const s = state('b.json', dupKeys(4, layout));
    const fixes = allActions(s).filter((a) => a.title === 'Remove uuid from the blank entry');
    assert.equal(fixes.length, 4, layout);
    fixes.forEach((f, i) => {
      const whole = modify(s.text, ['server', 'block_device_mapping_v2', i, 'uuid'], undefined, { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } });
      assert.deepEqual(f.edits, whole.map((e) => ({ span: { offset: e.offset, length: e.length }, newText: e.content })), `${layout}, entry ${i}`);
    });
  }
});

test('code actions for every diagnostic of a body with a fix for each entry grow linearly, 300 vs 600 entries', WATCHDOG, () => {
  assertLinear('body quick fixes', 300, (n) => state('b.json', dupKeys(n)), (s) => {
    const out = allActions(s);
    assert.equal(out.filter((a) => a.title === 'Remove uuid from the blank entry').length, MAX_FIXED_DIAGNOSTICS);
  });
});

// A one-line body: each fix is worked out on the whole text; the request works out the fixes of
// the first MAX_FIXED_DIAGNOSTICS diagnostics only, so its time grows with the text, not with
// the text times the diagnostics.
test(`code actions for every diagnostic of a one-line body work out the first ${MAX_FIXED_DIAGNOSTICS} fixes: linear, 300 vs 600 entries`, WATCHDOG, () => {
  const oneLine = (n: number) => state('b.json', dupKeys(n, 'shared'));
  const few = allActions(oneLine(5));
  assert.equal(few.filter((a) => a.title === 'Remove uuid from the blank entry').length, 5, 'every fix of a small body');
  assertLinear('one-line body quick fixes', 300, oneLine, (s) => {
    const out = allActions(s);
    const fixes = out.filter((a) => a.title === 'Remove uuid from the blank entry');
    assert.equal(fixes.length, MAX_FIXED_DIAGNOSTICS);
    // the fixes are those of the first diagnostics sent, in order
    assert.deepEqual(fixes.map((a) => a.diagnostic), Array.from({ length: MAX_FIXED_DIAGNOSTICS }, (_, i) => i).filter((i) => fixes.some((f) => f.diagnostic === i)));
  });
});

test('code actions on a one-line body nested 150 deep answer (jsonc-parser\'s formatter throws on it)', () => {
  const deep = JSON.parse('['.repeat(150) + ']'.repeat(150)) as unknown;
  const text = JSON.stringify({ server: { name: 'x', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: U(0), boot_index: 0, foo: 1 }, deep] } });
  const s = state('b.json', text);
  assert.ok(s.analysis.diagnostics.some((d) => d.code === 'BDM-SCHEMA-ADDITIONAL-PROPERTIES'));
  assert.ok(allActions(s).some((a) => a.title === 'Remove "foo"'));
});

// "Raise the microversion" judges the body again at each microversion above the context's: the
// fixes of many such diagnostics asked together judge it once per microversion, not per diagnostic.
test('code actions for a tag in every entry (below 2.42) grow linearly, 100 vs 200 entries', WATCHDOG, () => {
  const body = (n: number) => JSON.stringify({ server: { name: 'x', flavorRef: '1', networks: 'none', block_device_mapping_v2: Array.from({ length: n }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: U(i), boot_index: i, tag: `t${i}` })) } }, null, 2);
  const small = state('b.json', body(3));
  const raise = allActions(small).filter((a) => a.title.startsWith('Raise the microversion setting to 2.42'));
  assert.equal(raise.length, 3, 'each tag finding offers the raise');
  // a new context object for each run: the judging at each microversion is done again, as for a new version of the document
  assertLinear('raise-microversion fixes', 100, (n) => state('b.json', body(n)), (s) => allActions({ ...s, context: { ...s.context } }));
});

test('code actions for a value libvirt does not know in every disk grow linearly, 500 vs 1 000 disks', WATCHDOG, () => {
  const domain = (n: number) => `<domain type="kvm">\n  <name>g</name>\n  <memory unit="MiB">512</memory>\n  <devices>\n` + Array.from({ length: n }, (_, i) => `    <disk type="file" device="disk">\n      <driver name="qemu" type="qcow2" cache="writebak"/>\n      <source file="/d${i}.qcow2"/>\n      <target dev="vd${i}" bus="virtio"/>\n    </disk>\n`).join('') + '  </devices>\n</domain>\n';
  const fixes = allActions(state('d.xml', domain(3))).filter((a) => a.title === 'Use cache="writeback"' && a.preferred);
  assert.equal(fixes.length, 3, 'each disk gets the close value');
  assertLinear('xml value fixes', 500, (n) => state('d.xml', domain(n)), allActions);
});
