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
