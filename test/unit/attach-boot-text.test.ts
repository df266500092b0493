/**
 * The text report of a boot-from-volume run (what Simulate Attach (boot from volume) writes to
 * the output channel). A boot result used to go through the attach renderer and crash on
 * `statusSequence.join` (issue 13, point 5).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeDocument } from '../../server/src/document';
import { mergeContext } from '../../server/src/model/contextLoad';
import { simulateBoot } from '../../server/src/attach/flows/boot';
import { renderBootText } from '../../server/src/attach/output/textReport';
import type { NovaBdm } from '../../server/src/nova/types';
import { hashes, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const SAMPLE = join(__dirname, '..', '..', 'samples', 'workspace', 'boot-from-volume.bdm.json');
const INSTANCE = '11111111-2222-4333-8444-555555555555';

function sampleBdms(): NovaBdm[] {
  const a = analyzeDocument(readFileSync(SAMPLE, 'utf8'), 'json', mergeContext([]).context);
  assert.equal(a.valid, true, 'the bundled sample must be a valid body');
  assert.ok(a.novaBdms && a.novaBdms.length === 2, 'the sample has two entries');
  return a.novaBdms;
}

function bdm(p: Partial<NovaBdm>): NovaBdm {
  return { entry: 0, source_type: 'image', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: 'dbbec6ed-017e-45b0-845d-45c73c718ac6', no_device: false, delete_on_termination: true, volume_type: null, tag: null, ...p };
}

test('the bundled boot-from-volume sample on the default lab host: ACTIVE, both volumes with their sequence and device', () => {
  const r = simulateBoot(lab('default'), sampleBdms(), { instanceUuid: INSTANCE, hashes });
  assert.equal(r.outcome, 'active', `the sample should boot on the default lab host: ${r.error}`);
  const text = renderBootText(r);
  const lines = text.split('\n');
  assert.match(lines[0]!, /^boot from volume: ACTIVE \(client saw HTTP 202\) in [0-9.]+ s simulated$/);
  assert.ok(lines.includes(`  instance ${INSTANCE}`), text);
  assert.ok(!/error:/.test(text.split('timeline:')[0]!), 'no error line for a successful boot');
  assert.ok(lines.includes('volumes (2):'), text);
  // Each volume: where it came from, its id and device, then its status sequence.
  for (const [i, v] of r.volumes.entries()) {
    const head = lines.findIndex((l) => l.startsWith(`  volume #${i + 1} (entry ${v.entry}): ${v.sourceType} -> volume ${v.volumeId} at ${v.deviceName}`));
    assert.ok(head >= 0, `no line for volume #${i + 1}:\n${text}`);
    assert.equal(lines[head + 1], `    status ${v.volumeStatus} / ${v.attachStatus}; sequence ${v.statusSequence.join(' -> ')}`);
    assert.ok(v.statusSequence.length > 0);
  }
  assert.match(text, /image -> volume [0-9a-f-]+ at \/dev\/vda/);
  assert.match(text, /volume -> volume a26887c6-c47b-4654-abb5-dfadf7d3f803 at \/dev\/vdb/);
  assert.match(text, /sequence creating -> downloading -> available -> (reserved -> )?attaching -> in-use/);
  assert.match(text, /disk XML:\n\s+<disk type="block" device="disk">/);
  // The timeline follows, one line per step (multi-line steps indented under their head).
  const timeline = lines.slice(lines.indexOf('timeline:') + 1).filter((l) => /^\s+[0-9]+\.[0-9]{3}s /.test(l));
  assert.equal(timeline.length, r.steps.length);
  assert.ok(text.endsWith('\n'));
});

test('a failed boot shows ERROR, the error, and the volume that never became available', () => {
  const l = lab('iscsi', (raw) => {
    raw.images[0].create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 4 }];
  });
  const r = simulateBoot(l, [bdm({})], { instanceUuid: INSTANCE, hashes });
  assert.equal(r.outcome, 'error');
  const text = renderBootText(r);
  assert.match(text, /^boot from volume: ERROR \(client saw HTTP 202\)/);
  assert.ok(text.includes(`  error: ${r.error}`), text);
  assert.match(text, /VolumeNotCreated/);
  // nova/virt/block_device.py _call_wait_func deletes the delete_on_termination volume, and Cinder takes an error volume's delete
  assert.match(text, /volume #1 \(entry 0\): image -> volume [0-9a-f-]+ at \/dev\/vda\n    status deleted \/ detached; sequence creating -> error -> deleting -> deleted/);
});

test('nova-api refusing an existing volume: HTTP status, error, a volume with no disk XML', () => {
  const l = lab('iscsi', (raw) => {
    const v = raw.volumes.find((x: { id: string }) => x.id === ISCSI_VOL);
    v.status = 'in-use';
    v.attach_status = 'attached';
  });
  const r = simulateBoot(l, [bdm({ source_type: 'volume', uuid: ISCSI_VOL })], { instanceUuid: INSTANCE, hashes });
  assert.equal(r.outcome, 'error');
  const text = renderBootText(r);
  assert.ok(text.startsWith(`boot from volume: ERROR (client saw HTTP ${r.apiStatus})`), text);
  assert.notEqual(r.apiStatus, 202);
  assert.ok(text.includes(`  error: ${r.error}`));
  assert.ok(!text.includes('disk XML:'), 'no XML for a volume that was never connected');
});
