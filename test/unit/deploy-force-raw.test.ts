/**
 * `[DEFAULT]force_raw_images` and a flat image root: the root disk's `<driver type>` for every
 * Glance disk_format, image backend and force_raw_images, against
 * test/fixtures/deploy/flat-format.oracle.json, labelled by flat_format_oracle.py (python3-nova
 * 26.2.2's imagebackend cache, images.fetch_to_raw and libvirt_info on real files qemu-img made).
 * Where Nova 26.2.2 refuses the download itself (Debian's backport of the deep image inspection:
 * vhd, ploop, an AMI of raw bytes; a qcow2 overlay on a vhdx's 8 MiB clusters), the driver type is
 * not compared: the inspection as each upstream release runs it is nova-hunt44.test.ts's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainDisks } from '../../server/src/libvirt/domainDisks';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { defaultContext, type NovaConf } from '../../server/src/model/context';
import type { NovaBdm } from '../../server/src/nova/types';
import { nodeHashes as hashes } from '../../server/src/host';
import { parseNovaConfIni } from '../../server/src/model/novaConfIni';
import { cliRunner } from './cli-run';

interface Label { disk_format: string; images_type: string; use_cow_images: boolean; force_raw_images: boolean; driver_type?: string; error?: string; oracle: string }
const LABELS: Label[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/flat-format.oracle.json'), 'utf8'));

const root: NovaBdm = {
  entry: 0, source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null,
  disk_bus: null, device_type: null, volume_size: null, uuid: 'img', no_device: false, delete_on_termination: false,
  volume_type: null, tag: null,
};

function rootDriverType(conf: NovaConf, diskFormat: string): string | undefined {
  const ctx = defaultContext();
  ctx.nova_conf = conf;
  ctx.libvirt.image_properties = { disk_format: diskFormat };
  const info = computeDiskInfo([root], ctx, { imageRef: 'img' });
  const disk = domainDisks([root], info, ctx, { instanceUuid: '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f', hashes }).find((d) => d.key === 'disk');
  return /<driver [^>]*type="([^"]+)"/.exec(disk?.xml ?? '')?.[1];
}

test('the image root of each backend, disk_format and force_raw_images: the driver type Nova 26.2.2 gives it', async (t) => {
  const compared = LABELS.filter((l) => l.driver_type !== undefined);
  assert.ok(compared.length >= 55, `${compared.length} labelled driver types`);
  // the labels hold what the change is about: a flat root keeps a qcow2 image's format only without force_raw_images
  assert.ok(compared.some((l) => l.images_type === 'flat' && !l.force_raw_images && l.driver_type === 'qcow2'));
  assert.ok(compared.some((l) => l.images_type === 'flat' && l.force_raw_images && l.disk_format === 'qcow2' && l.driver_type === 'raw'));
  for (const l of compared) {
    await t.test(`${l.disk_format} ${l.images_type} use_cow_images=${l.use_cow_images} force_raw_images=${l.force_raw_images} (${l.oracle})`, () => {
      const conf: NovaConf = { DEFAULT: { use_cow_images: l.use_cow_images, force_raw_images: l.force_raw_images }, libvirt: { images_type: l.images_type as 'flat' } };
      assert.equal(rootDriverType(conf, l.disk_format), l.driver_type);
    });
  }
});

test('force_raw_images left out is true: a flat root is raw whatever the image', () => {
  for (const f of ['qcow2', 'vmdk', 'vdi', 'vhdx', 'raw', 'iso']) assert.equal(rootDriverType({ libvirt: { images_type: 'flat' } }, f), 'raw', f);
});

test('force_raw_images false touches only the image root: ephemeral, swap and config drive stay raw files', () => {
  const ctx = defaultContext();
  ctx.nova_conf = { DEFAULT: { force_raw_images: false }, libvirt: { images_type: 'flat' } };
  ctx.libvirt.image_properties = { disk_format: 'qcow2' };
  ctx.libvirt.config_drive = true;
  ctx.flavor = { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 };
  const bdms: NovaBdm[] = [
    root,
    { ...root, entry: null, implicit: 'flavor-ephemeral', source_type: 'blank', boot_index: -1, volume_size: 5, uuid: null },
    { ...root, entry: null, implicit: 'flavor-swap', source_type: 'blank', guest_format: 'swap', boot_index: -1, volume_size: 512, uuid: null },
  ];
  const disks = domainDisks(bdms, computeDiskInfo(bdms, ctx, { imageRef: 'img' }), ctx, { instanceUuid: 'u', hashes });
  const types = Object.fromEntries(disks.map((d) => [d.key, /<driver [^>]*type="([^"]+)"/.exec(d.xml)?.[1]]));
  assert.deepEqual(types, { 'disk': 'qcow2', 'disk.eph0': 'raw', 'disk.swap': 'raw', 'disk.config': 'raw' });
});

test("nova.conf's [DEFAULT]force_raw_images is read as oslo.config reads a BoolOpt", () => {
  assert.equal(parseNovaConfIni('[DEFAULT]\nforce_raw_images = False\n').conf.DEFAULT?.force_raw_images, false);
  assert.equal(parseNovaConfIni('[DEFAULT]\nforce_raw_images = yes\n').conf.DEFAULT?.force_raw_images, true);
  const bad = parseNovaConfIni('[DEFAULT]\nforce_raw_images = maybe\n');
  assert.equal(bad.conf.DEFAULT?.force_raw_images, undefined);
  assert.ok(bad.notes.some((n) => n.includes("force_raw_images")), bad.notes.join("\n"));
});

test('bdm-lab xml: a context with force_raw_images false and a flat backend writes the qcow2 root', async () => {
  const body = JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1', networks: 'none' } });
  const ctx = JSON.stringify({ microversion: '2.37', libvirt: { image_properties: { disk_format: 'vmdk' } }, nova_conf: { DEFAULT: { use_cow_images: false, force_raw_images: false } } });
  const r = await cliRunner({ 'body.json': body, 'ctx.json': ctx })(['xml', 'body.json', '--context', 'ctx.json']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /<driver [^>]*type="vmdk"[^>]*\/>\s*<source file="[^"]*\/disk"\/>/);
});
