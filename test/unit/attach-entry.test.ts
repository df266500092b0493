/**
 * Issue 16 item 10: a volumeAttachment body lists its attachment as entry 0 — the BDM Nova's
 * compute API creates for it (nova/compute/api.py _create_volume_bdm: volume→volume, device as
 * requested, tag from 2.49, delete_on_termination from 2.79), a DriverVolumeBlockDevice — in the
 * CLI's JSON and in the hover, with the device name the libvirt driver picks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { hoverJson } from '../../server/src/features/hover';
import { defaultContext } from '../../server/src/model/context';
import { cliRunner } from './cli-run';

const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const at = (mv: string) => ({ ...defaultContext(), microversion: mv });
const text = (va: Record<string, unknown>) => JSON.stringify({ volumeAttachment: { volumeId: VOL, ...va } });

test('entry 0 is the attachment\'s BDM, fields by microversion', () => {
  const a = analyzeJson(text({ device: '/dev/vdc', tag: 'data', delete_on_termination: true }), at('2.79'));
  assert.equal(a.entries.length, 1);
  const e = a.entries[0]!;
  assert.equal(e.index, 0);
  assert.equal(e.driverClass, 'DriverVolumeBlockDevice');
  assert.deepEqual({ s: e.bdm!.source_type, d: e.bdm!.destination_type, uuid: e.bdm!.uuid, dev: e.bdm!.device_name, tag: e.bdm!.tag, dot: e.bdm!.delete_on_termination, boot: e.bdm!.boot_index }, { s: 'volume', d: 'volume', uuid: VOL, dev: '/dev/vdc', tag: 'data', dot: true, boot: null });
  // below 2.79 delete_on_termination is refused by the schema; below 2.49 so is tag
  const plain = analyzeJson(text({}), at('2.1')).entries[0]!;
  assert.deepEqual({ dev: plain.bdm!.device_name, tag: plain.bdm!.tag, dot: plain.bdm!.delete_on_termination }, { dev: null, tag: null, dot: false });
  // a string "false" is stored as true from 2.79 (BDM-ATTACH-DOT-STRING-TRUE)
  assert.equal(analyzeJson(text({ delete_on_termination: 'false' }), at('2.79')).entries[0]!.bdm!.delete_on_termination, true);
  assert.equal(JSON.stringify(a.entries[0]).includes('"driverClass":"DriverVolumeBlockDevice"'), true);
});

test('a body the schema refuses: entry 0 without a class', () => {
  const a = analyzeJson(text({ tag: 'x' }), at('2.1'));
  assert.equal(a.valid, false);
  assert.equal(a.entries[0]!.driverClass, null);
  assert.equal(a.entries[0]!.bdm, null);
});

test('the CLI lists the entry; the hover names the class and the device name libvirt picks', async () => {
  const r = await cliRunner({})(['check', '--format', 'json', 'samples/workspace/attach.json']);
  assert.deepEqual(JSON.parse(r.out).files[0].entries, [{ index: 0, driverClass: 'DriverVolumeBlockDevice' }]);
  const t = text({ device: '/dev/vdb' });
  const a = analyzeJson(t, at('2.1'));
  const h = hoverJson(a, t, t.indexOf('"volumeAttachment"') + 3, at('2.1'))!;
  assert.match(h.markdown, /\*\*The attachment\*\* → `DriverVolumeBlockDevice`/);
  assert.match(h.markdown, /ignores the requested `\/dev\/vdb` — `\/dev\/vdb` on a guest whose only disk is its virtio root/);
  const onField = hoverJson(a, t, t.indexOf('"volumeId"') + 3, at('2.1'))!;
  assert.match(onField.markdown, /^\*\*volumeId\*\*/);
  assert.match(onField.markdown, /The attachment/);
});

// Issue 16: with a lab host, the attachment's hover shows the <disk> XML the attach would write
// there (a simulated attach with the lab host's connection_info), under the title.
test('with a lab host, the attachment hover shows the <disk> XML the attach writes there', async () => {
  const { runRequest } = await import('../../server/src/features/requests');
  const { analyzeDocument } = await import('../../server/src/document');
  const { resolveLabHost } = await import('../../server/src/lsp/labHosts');
  const { nodeHashes } = await import('../../server/src/host');
  const hoverOn = (t: string, labName: string, needle = '"volumeAttachment"') => {
    const r = resolveLabHost(labName, null);
    const s = { text: t, analysis: analyzeDocument(t, 'json', at('2.1')), context: at('2.1'), tooLarge: false, lab: { name: r.name, labHost: r.labHost, problem: r.problem }, hashes: nodeHashes };
    return runRequest(s, 'hover', { offset: t.indexOf(needle) + 3 })!.markdown;
  };
  const onDefault = hoverOn(text({}), 'default');
  assert.match(onDefault, /On lab host "default": instance `[^`]+` gets `\/dev\/vdb`, with the `<disk>` XML the attach writes/);
  const xml = /```xml\n([\s\S]*?)\n```/.exec(onDefault)![1]!;
  assert.match(xml, /^<disk type="(block|network|file)" device="disk">/);
  assert.match(xml, /<target dev="vdb" bus="virtio"\/>/);
  assert.match(xml, new RegExp(`<serial>${VOL}</serial>`));
  // the XML sits right under the title, before the prose
  assert.ok(onDefault.indexOf('```xml') < onDefault.indexOf('An existing Cinder volume'));
  // on the field hover too
  assert.match(hoverOn(text({}), 'default', '"volumeId"'), /```xml\n<disk/);
  // the EMC volume on the newton lab host: its iSCSI multipath device
  const emc = hoverOn(JSON.stringify({ volumeAttachment: { volumeId: 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf' } }), 'newton-emc-multipath');
  assert.match(emc, /On lab host "newton-emc-multipath"/);
  assert.match(emc, /<source dev="\/dev\/(dm-\d+|mapper\/[^"]+|disk\/by-[^"]+)"\/>/);
  // a volume the lab host does not have: said, no XML
  const missing = hoverOn(JSON.stringify({ volumeAttachment: { volumeId: 'e8f58c95-3f8a-40dc-861d-163ce68fcdaf' } }), 'default');
  assert.match(missing, /Volume `e8f58c95-3f8a-40dc-861d-163ce68fcdaf` is not on lab host "default"/);
  assert.ok(!missing.includes('```xml'));
});

test('a hover shows at most HOVER_XML_LINES lines of a <disk>, the rest counted', async () => {
  const { hoverXml, HOVER_XML_LINES } = await import('../../server/src/features/preview');
  const long = ['<disk type="network" device="disk">', ...Array.from({ length: 30 }, (_, i) => `  <host name="mon${i}" port="6789"/>`), '</disk>'].join('\n');
  const md = hoverXml(long);
  const body = md.split('\n').slice(1, -1);
  assert.equal(body.length, HOVER_XML_LINES);
  assert.match(body.at(-1)!, /<!-- … 19 more lines: BDM: Preview Domain Disks shows the whole <disk> -->/);
  const short = '<disk type="file" device="disk">\n  <target dev="vdb"/>\n</disk>\n';
  assert.equal(hoverXml(short), '```xml\n<disk type="file" device="disk">\n  <target dev="vdb"/>\n</disk>\n```');
});

test('an entry hover puts the device and its <disk> XML under the title, the prose after', async () => {
  const { runRequest } = await import('../../server/src/features/requests');
  const { analyzeDocument } = await import('../../server/src/document');
  const { resolveLabHost } = await import('../../server/src/lsp/labHosts');
  const { nodeHashes } = await import('../../server/src/host');
  const t = JSON.stringify({ server: { name: 'r', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 }] } }, null, 2);
  const r = resolveLabHost('default', null);
  const s = { text: t, analysis: analyzeDocument(t, 'json', at('2.1')), context: at('2.1'), tooLarge: false, lab: { name: r.name, labHost: r.labHost, problem: r.problem }, hashes: nodeHashes };
  const md = runRequest(s, 'hover', { offset: t.indexOf('{', t.indexOf('block_device_mapping_v2')) })!.markdown;
  const lines = md.split('\n');
  const fence = lines.indexOf('```xml');
  assert.ok(fence > 0 && fence <= 4, `the XML starts on markdown line ${fence}:\n${md}`);
  assert.match(lines[0]!, /^\*\*Entry #0\*\* → `DriverVolImageBlockDevice`/);
  assert.ok(md.indexOf('Cinder creates a 10 GiB volume') > md.indexOf('</disk>'));
});
