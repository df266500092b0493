/**
 * libvirtNotes skips Nova's naming (blockinfo) when namingCanSpeak says nothing can differ from
 * the request. This runs the naming anyway on seeded random plain BDM lists (no name, bus or
 * device type; any sources, destinations, formats, boot indexes, flavors, architectures and
 * machine types) and checks that it would indeed have said nothing: no build or define error,
 * and no BDM that a per-entry note reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { libvirtNotes, namingCanSpeak } from '../../server/src/rules/libvirtNotes';
import { defaultContext, type Context } from '../../server/src/model/context';
import type { NovaBdm } from '../../server/src/nova/types';
import { rng } from '../../scripts/prng.mjs';

test('plain BDMs: the naming that is skipped finds no error (seeded random lists and contexts)', () => {
  const next = rng(64);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  let skipped = 0;
  for (let round = 0; round < 600; round++) {
    const base = defaultContext();
    const ctx: Context = {
      ...base,
      flavor: pick([null, { root_gb: 1, ephemeral_gb: 0, swap_mb: 0 }, { root_gb: 10, ephemeral_gb: 5, swap_mb: 512 }, { root_gb: 0, ephemeral_gb: 1, swap_mb: 0 }]),
      libvirt: { ...base.libvirt, arch: pick(['x86_64', 'aarch64', 'ppc64le', 's390x', 'i686', 'armv7l']), machine_type: pick(['pc', 'q35', 'pc-q35-8.2', 'virt', null as unknown as string]) },
    };
    const n = Math.floor(next() * 70);
    const bdms: NovaBdm[] = [];
    for (let i = 0; i < n; i++) {
      const source = pick(['image', 'volume', 'snapshot', 'blank'] as const);
      bdms.push({
        entry: next() < 0.9 ? i : null,
        source_type: source,
        destination_type: pick(['volume', 'local', null] as const),
        guest_format: pick([null, 'swap', 'ext4']),
        boot_index: pick([null, 0, -1, 1, 2]),
        device_name: null, disk_bus: null, device_type: null,
        volume_size: pick([null, 1, 10]),
        uuid: source === 'blank' ? null : `u${i}`,
        no_device: next() < 0.05,
        delete_on_termination: false,
        volume_type: null,
        tag: null,
      } as NovaBdm);
    }
    assert.equal(namingCanSpeak(bdms, ctx), false);
    skipped++;
    const imageRef = pick([null, 'img']);
    const info = computeDiskInfo(bdms, ctx, { imageRef });
    assert.equal(info.buildError, null, JSON.stringify({ bdms, ctx: ctx.libvirt, flavor: ctx.flavor }));
    assert.equal(info.defineError ?? null, null);
    assert.deepEqual(libvirtNotes(bdms, [], ctx, imageRef, { offset: 0, length: 1 }), []);
  }
  assert.equal(skipped, 600);
});

test('namingCanSpeak: a name, bus or device type, image facts, another hypervisor, a prefix or a config drive each make the naming run', () => {
  const ctx = defaultContext();
  const plain = { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: null, uuid: 'v', no_device: false, delete_on_termination: false, volume_type: null, tag: null } as NovaBdm;
  assert.equal(namingCanSpeak([plain], ctx), false);
  assert.equal(namingCanSpeak([{ ...plain, device_name: '/dev/vdb' }], ctx), true);
  assert.equal(namingCanSpeak([{ ...plain, disk_bus: 'ide' }], ctx), true);
  assert.equal(namingCanSpeak([{ ...plain, device_type: 'cdrom' }], ctx), true);
  assert.equal(namingCanSpeak([plain], { ...ctx, libvirt: { ...ctx.libvirt, image_properties: { hw_disk_bus: 'ide' } } }), true);
  assert.equal(namingCanSpeak([plain], { ...ctx, volumes: {} }), true);
  assert.equal(namingCanSpeak([plain], { ...ctx, libvirt: { ...ctx.libvirt, virt_type: 'qemu' } }), true);
  assert.equal(namingCanSpeak([plain], { ...ctx, libvirt: { ...ctx.libvirt, disk_prefix: 'sd' } }), true);
  assert.equal(namingCanSpeak([plain], { ...ctx, libvirt: { ...ctx.libvirt, config_drive: true } }), true);
});
