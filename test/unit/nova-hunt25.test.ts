/**
 * Hunt 25 (scripts/difftest-hunt25.ts: the context varied with the body) found that bdm-lab
 * never built Nova's ImageMeta object from the boot image's properties. Nova does, in
 * _validate_and_build_base_options, before it checks the block devices: a property value its
 * typed field refuses (hw_disk_bus "sd", hw_scsi_model "virtio", hw_video_ram "x", architecture
 * "foo", ...) is a 400 "Invalid image metadata. Error: ...", ahead of the zero-disk flavor, the
 * local-device limit, swap and ephemeral sizes; a non-empty `mappings` string is a 500 (the root
 * device name lookup indexes it). Only the metadata Nova reads counts: imageRef's image, else the
 * root entry's image, volume or snapshot; a blank root carries none. The accepted values are what
 * the libvirt driver reads once coerced: vmware_adaptertype sets the disk bus, `architecture`
 * is hw_architecture, aliases and case are folded (rules/nova/imageMeta.ts, libvirt/imageProps.ts).
 *
 * Each case is labelled by the nova-oracle (its whole output kept beside the case in
 * test/fixtures/nova-hunt25/image-metadata.json; scripts/difftest-hunt25-label.ts writes it):
 * the verdict (valid, HTTP status, Nova's words) and, for accepted bodies, the driver classes,
 * the libvirt device names, root device, boot order and Nova's whole disk mapping.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { previewOf } from '../../server/src/features/preview';
import { nodeHashes } from '../../server/src/host';
import type { PartialContext } from '../../server/src/model/contextLoad';
import { imagePropsError, imagePropsAsNova } from '../../server/src/libvirt/imageProps';
import { assertOracleVerdict } from './nova-hunt24-cases';

interface DiskRow { bus: string; dev: string | null; type: string; boot_index?: string; format?: string }
interface Labelled {
  id: string;
  note: string;
  context: PartialContext;
  payloadText: string;
  oracle: {
    valid: boolean; http_status: number; nova_message: string | null; layer: string | null;
    driver_classes?: Array<string | null>; implicit_driver_classes?: Array<string | null>;
    libvirt?: { device_names?: Array<string | null>; implicit_device_names?: Array<string | null>; root_device_name?: string | null; boot_dev_order?: string[]; disk_mapping?: Record<string, DiskRow>; build_error?: string };
  };
}

const cases = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt25', 'image-metadata.json'), 'utf8')) as Labelled[];

const mappingOf = (rows: Array<[string, { dev: string; bus: string; type: string; bootIndex?: string; format?: string }]>): string => {
  const out: Record<string, DiskRow> = {};
  for (const [k, d] of rows) out[k] = { bus: d.bus, dev: d.dev === '' ? null : d.dev, type: d.type, ...(d.bootIndex !== undefined ? { boot_index: d.bootIndex } : {}), ...(d.format !== undefined ? { format: d.format } : {}) };
  return canon(out);
};
const canon = (m: Record<string, DiskRow>): string => JSON.stringify(Object.keys(m).sort().map((k) => [k, Object.entries(m[k]!).sort(([a], [b]) => (a < b ? -1 : 1))]));

for (const c of cases) {
  test(`${c.id}: ${c.note}`, () => {
    const { a, ctx } = assertOracleVerdict(c);
    if (!c.oracle.valid) return;
    const lv = c.oracle.libvirt;
    if (!lv || lv.build_error) return;
    const p = previewOf(a, ctx, null, nodeHashes);
    assert.equal(p.info?.buildError ?? null, null);
    assert.deepEqual(p.entries.map((e) => e.deviceName), lv.device_names ?? []);
    assert.deepEqual(p.implicit.map((e) => e.deviceName), lv.implicit_device_names ?? []);
    assert.equal(p.rootDeviceName, lv.root_device_name ?? null);
    assert.deepEqual(p.bootDevOrder, lv.boot_dev_order ?? []);
    if (lv.disk_mapping && p.info) {
      const rows: Array<[string, DiskInfoLike]> = p.info.mapping.map((m) => [m.key, m]);
      if (p.info.root) rows.push(['root', p.info.root]);
      assert.equal(mappingOf(rows), canon(lv.disk_mapping));
    }
  });
}
type DiskInfoLike = { dev: string; bus: string; type: string; bootIndex?: string; format?: string };

test('the fixture holds refusals ahead of the block-device checks and accepted bodies whose names follow the coerced properties', () => {
  assert.ok(cases.some((c) => c.id === 'h25-bad-bus-before-zero-disk' && c.oracle.http_status === 400 && /^Invalid image metadata/.test(c.oracle.nova_message ?? '')));
  assert.ok(cases.some((c) => c.id === 'h25-adaptertype-ide-names' && c.oracle.valid && c.oracle.libvirt?.device_names?.[0] === '/dev/hda'));
  assert.ok(cases.some((c) => c.id === 'h25-blank-root-no-metadata' && c.oracle.valid));
});

// (the expectations of the two tests below are what Nova 26.2.2's ImageMetaProps.from_dict answers, run by hand)
test('imagePropsError follows ImageMetaProps.from_dict: legacy names first, then the fields in their order; null when all are taken', () => {
  assert.equal(imagePropsError({}), null);
  assert.equal(imagePropsError({ hw_disk_bus: 'virtio', hw_scsi_model: 'LSILOGICSAS', os_type: 'WINDOWS', hw_video_ram: '\u0668', unknown_key: 'x' }), null);
  assert.equal(imagePropsError({ hw_architecture: 'x86_64', architecture: 'nope' }), "Architecture name 'nope' is not valid");
  assert.equal(imagePropsError({ hw_video_ram: "it's" }), 'invalid literal for int() with base 10: "it\'s"');
});

test('imagePropsAsNova: legacy names move to the current ones unless those are given; aliases folded', () => {
  assert.deepEqual(imagePropsAsNova({ architecture: 'i386', vmware_adaptertype: 'paraVirtual' }), { architecture: 'i386', vmware_adaptertype: 'paraVirtual', hw_architecture: 'i686', hw_disk_bus: 'scsi', hw_scsi_model: 'vmpvscsi' });
  assert.deepEqual(imagePropsAsNova({ vmware_adaptertype: 'ide', hw_disk_bus: 'sata', hw_scsi_model: 'VIRTIO-SCSI' }), { vmware_adaptertype: 'ide', hw_disk_bus: 'sata', hw_scsi_model: 'virtio-scsi' });
});
