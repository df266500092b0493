/**
 * The hover on an entry uses the entry's own preview (features/preview.ts entryPreviewOf) until
 * the whole preview exists: it must say exactly what the whole preview says of that entry —
 * names, bus, the <disk> XML (SCSI units and volume ordinals decided by the disks before it),
 * connection_info from the lab host — on every body of the labelled corpus and on bodies made
 * for the cases where a disk's XML depends on the others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext, type Context } from '../../server/src/model/context';
import { entryPreviewMarkdown, entryPreviewOf, previewOf } from '../../server/src/features/preview';
import { resolveLabHost } from '../../server/src/lsp/labHosts';
import { nodeHashes } from '../../server/src/host';

const ROOT = join(__dirname, '..', '..');
const corpus = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'difftest', 'corpus.json'), 'utf8')) as { cases: Array<{ kind: string; payloadText: string; context?: Partial<Context> }> };
const lab = resolveLabHost('default', null).labHost!;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';

function same(text: string, ctx: Context, withLab: boolean): number {
  const a = analyzeJson(text, ctx);
  if (a.kind !== 'server') return 0;
  const whole = previewOf(a, ctx, withLab ? lab : null, nodeHashes);
  let n = 0;
  // as the hover keeps it: what the entries share is worked out for the first and reused after
  const kept = {};
  for (const e of a.entries) {
    const one = entryPreviewOf(a, ctx, withLab ? lab : null, nodeHashes, e.index, e.index % 2 ? kept : undefined);
    const want = entryPreviewMarkdown(whole, e.index);
    assert.equal(one ? entryPreviewMarkdown(one, e.index) : null, want, `entry ${e.index} of ${text.slice(0, 200)}`);
    if (want) n++;
  }
  return n;
}

test('an entry\'s own preview says what the whole preview says of it, on every body of the corpus (with and without a lab host)', () => {
  let compared = 0;
  for (const c of corpus.cases) {
    if (c.kind !== 'server') continue;
    const ctx = { ...defaultContext(), ...(c.context ?? {}), flavor: { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 } } as Context;
    compared += same(c.payloadText, ctx, false) + same(c.payloadText, ctx, true);
  }
  assert.ok(compared > 200, `only ${compared} entries compared`);
});

test('disks whose XML depends on the disks before them: virtio-scsi units, volume ordinals, local disks, lxc', () => {
  const entries = [
    { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 },
    { source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 },
    { source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: 512, boot_index: -1 },
    ...Array.from({ length: 6 }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-00000000000${i}`, boot_index: -1, disk_bus: i % 2 ? 'scsi' : 'virtio' })),
    { source_type: 'blank', destination_type: 'volume', volume_size: 2, boot_index: -1, disk_bus: 'scsi' },
  ];
  const text = JSON.stringify({ server: { name: 'p', flavorRef: '1', imageRef: IMG, block_device_mapping_v2: entries } }, null, 2);
  const scsi = defaultContext();
  scsi.flavor = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
  scsi.libvirt.image_properties = { hw_disk_bus: 'scsi', hw_scsi_model: 'virtio-scsi' };
  const lxc = defaultContext();
  lxc.flavor = { root_gb: 20, ephemeral_gb: 10, swap_mb: 1024 };
  lxc.libvirt.virt_type = 'lxc';
  let n = 0;
  for (const ctx of [scsi, lxc, { ...defaultContext(), flavor: scsi.flavor }]) n += same(text, ctx, false) + same(text, ctx, true);
  // the units differ between entries: the check above compared real SCSI addresses
  const a = analyzeJson(text, scsi);
  const units = previewOf(a, scsi, null, nodeHashes).entries.map((e) => /unit="(\d+)"/.exec(e.xml ?? '')?.[1]).filter(Boolean);
  assert.ok(new Set(units).size >= 4, `SCSI units ${units.join(',')}`);
  assert.ok(n >= 20, `${n} entries compared`);
});
