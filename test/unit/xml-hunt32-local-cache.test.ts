/**
 * Local disks' cache mode (and the io attribute that goes with it) per Nova release: the image
 * root, the flavor's ephemeral and swap and the config drive as nova-compute hands them to libvirt.
 *
 * Labels (CASES, VOLUME_CASES): Nova's own code run on each release's tag tree (openstack/nova,
 * `git archive TAG nova`) over this machine's python3-nova 26.2.2 dependencies, through
 * test/fixtures/deploy/newer_nova.py, plus two import shims for the older trees
 * (sqlalchemy.orm.joinedload_all, the ipv6 stevedore driver): LibvirtDriver.disk_cachemode with the
 * O_DIRECT probe stubbed, imagebackend.Backend.by_name(...).libvirt_info(...) with the signature of
 * that release, LibvirtDriver._set_cache_mode, LibvirtConfigGuestDisk.to_xml(); the volume cases
 * by test/fixtures/deploy/local_cache_release_oracle.py (local disks) and test/fixtures/deploy/volume_disks_oracle.py (volumes) on the 21.0.0 and 21.1.1 trees. 26.2.2 is Debian's
 * python3-nova itself. Trees older than 18.0.0 do not import on Python 3.11 (`.async`), so the
 * facts of 12.0.0-17.x below cite the upstream source instead.
 */
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { defaultContext, type Context, type NovaConf } from '../../server/src/model/context';
import { computeDiskInfo } from '../../server/src/libvirt/naming';
import { domainDisks, localCacheMode } from '../../server/src/libvirt/domainDisks';
import { releasePoint } from '../../server/src/libvirt/release';
import { nodeHashes as hashes } from '../../server/src/host';
import type { NovaBdm } from '../../server/src/nova/types';

interface LocalCase { id: string; release: string; oracle: string; conf: NovaConf; directIo: boolean; xml: Record<string, string> }

const UUID = '8b2c3f4e-1d2a-4b5c-9e8f-0a1b2c3d4e5f';

function bdm(p: Partial<NovaBdm>): NovaBdm {
  return {
    entry: 0, source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null,
    disk_bus: null, device_type: null, volume_size: null, uuid: 'img', no_device: false, delete_on_termination: false,
    volume_type: null, tag: null, ...p,
  };
}

/** The oracle's four local disks: image root vda, the flavor's ephemeral vdb and swap vdc, the config drive hda. */
function localDisks(release: string | null, conf: NovaConf, directIo: boolean) {
  const ctx: Context = defaultContext();
  ctx.nova_release = release;
  ctx.nova_conf = conf;
  ctx.compute_host = { ...(directIo ? {} : { instances_path_direct_io: false }), ceph_monitors: [{ name: '10.0.0.11', port: '6789' }] };
  ctx.flavor = { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 };
  ctx.libvirt.config_drive = true;
  const bdms = [
    bdm({}),
    bdm({ entry: null, implicit: 'flavor-ephemeral', source_type: 'blank', boot_index: -1, volume_size: 5, uuid: null }),
    bdm({ entry: null, implicit: 'flavor-swap', source_type: 'blank', guest_format: 'swap', boot_index: -1, volume_size: 512, uuid: null }),
  ];
  return domainDisks(bdms, computeDiskInfo(bdms, ctx, { imageRef: 'img' }), ctx, { instanceUuid: UUID, hashes });
}

const driverLine = (xml: string) => /<driver[^>]*>/.exec(xml)?.[0];

/** the labelled cases: test/fixtures/deploy/local-cache-release.oracle.json (local_cache_release_oracle.py's output per release) */
const CASES: LocalCase[] = JSON.parse(readFileSync(join(__dirname, '../fixtures/deploy/local-cache-release.oracle.json'), 'utf8'));

const VOLUME_CASES = [
  { release: "21.0.0", volumeId: "5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d", cachemodes: ["block=writeback", "file=unsafe"], xml: "<disk type=\"block\" device=\"disk\">\n  <driver name=\"qemu\" type=\"raw\" cache=\"writeback\" io=\"native\"/>\n  <source dev=\"/dev/sdb\"/>\n  <target dev=\"vdb\" bus=\"virtio\"/>\n  <serial>5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d</serial>\n</disk>\n" },
  { release: "21.1.1", volumeId: "5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d", cachemodes: ["block=writeback", "file=unsafe"], xml: "<disk type=\"block\" device=\"disk\">\n  <driver name=\"qemu\" type=\"raw\" cache=\"writeback\" io=\"threads\"/>\n  <source dev=\"/dev/sdb\"/>\n  <target dev=\"vdb\" bus=\"virtio\"/>\n  <serial>5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d</serial>\n</disk>\n" },
];

test("local disks per release: the bytes of each release's own image backend and cache-mode step", async (t) => {
  assert.equal(CASES.length, 23);
  for (const c of CASES) {
    await t.test(c.id, () => {
      const disks = localDisks(c.release, c.conf, c.directIo);
      assert.deepEqual(disks.map((d) => d.key), Object.keys(c.xml));
      for (const d of disks) assert.equal(d.xml, c.xml[d.key], `${c.id} ${d.key} (${c.oracle})`);
    });
  }
});

test('without O_DIRECT the fallback is writethrough up to 19.x and writeback from 20.0.0', () => {
  // nova/virt/libvirt/driver.py LibvirtDriver.disk_cachemode: "writethrough" at 12.0.0 ... 19.3.2,
  // "writeback" from 20.0.0 (commit b9dc86d8 "Use 'writeback' QEMU cache mode when 'none' is not
  // viable"; no stable/stein tag carries it); "none" whenever the probe passes
  assert.equal(localCacheMode(false, { major: 19, minor: 3, patch: 2 }), 'writethrough');
  assert.equal(localCacheMode(false, { major: 20, minor: 0, patch: 0 }), 'writeback');
  assert.equal(localCacheMode(true, { major: 12, minor: 0, patch: 0 }), 'none');
  assert.equal(localCacheMode(true, { major: 33, minor: 0, patch: 0 }), 'none');
});

test('before 18.0.0 (facts from the upstream source): writethrough without O_DIRECT, io="native" from 13.0.0, never degraded to threads', () => {
  const pre = { DEFAULT: { preallocate_images: 'space' as const } };
  const lvm = { libvirt: { images_type: 'lvm' as const, images_volume_group: 'nova-vg' } };
  // 12.0.0 nova/virt/libvirt/imagebackend.py Image.libvirt_info sets no driver_io (no Image.driver_io
  // before commit bcf246f4 "libvirt: use native AIO mode for image backends", first in 13.0.0; 12.0.x
  // stable tags have none); driver.py disk_cachemode falls back to "writethrough"
  for (const conf of [pre, lvm]) {
    assert.equal(driverLine(localDisks('12.0.0', conf, false)[0]!.xml), `<driver name="qemu" type="${conf === pre ? 'qcow2' : 'raw'}" cache="writethrough"/>`);
    assert.equal(driverLine(localDisks('liberty', conf, true)[0]!.xml), `<driver name="qemu" type="${conf === pre ? 'qcow2' : 'raw'}" cache="none"/>`);
  }
  // 2015.1 (Kilo, Nova 11) is older still: the same as 12.0.0
  assert.equal(driverLine(localDisks('2015.1.2', pre, false)[0]!.xml), '<driver name="qemu" type="qcow2" cache="writethrough"/>');
  // 13.0.0 and 17.0.0 imagebackend.py Flat/Qcow2.__init__ (preallocate_images space) and
  // Lvm.__init__ (not sparse_logical_volumes) set driver_io "native"; driver.py _set_cache_mode
  // only maps disk_cachemodes (the native -> threads step is 22.0.0, 21.1.1, 20.4.1, 19.3.2)
  for (const release of ['13.0.0', 'mitaka', '16.1.8', '17.0.13']) {
    assert.equal(driverLine(localDisks(release, pre, false)[0]!.xml), '<driver name="qemu" type="qcow2" cache="writethrough" io="native"/>', release);
    assert.equal(driverLine(localDisks(release, lvm, false)[0]!.xml), '<driver name="qemu" type="raw" cache="writethrough" io="native"/>', release);
    assert.equal(driverLine(localDisks(release, { ...pre, libvirt: { disk_cachemodes: ['file=unsafe'] } }, true)[3]!.xml), '<driver name="qemu" type="raw" cache="unsafe" io="native"/>', release);
  }
});

test('a release profile without a version keeps its default release; the newest without nova_release', () => {
  const pre = { DEFAULT: { preallocate_images: 'space' as const } };
  // ocata_legacy stands for 15 (as for volumes), queens_to_2024_2 for 26, kilo_prefix for 10
  assert.equal(driverLine(localDisks('ocata_legacy', pre, false)[0]!.xml), '<driver name="qemu" type="qcow2" cache="writethrough" io="native"/>');
  assert.equal(driverLine(localDisks('queens_to_2024_2', pre, false)[0]!.xml), '<driver name="qemu" type="qcow2" cache="writeback" io="threads"/>');
  assert.equal(driverLine(localDisks('kilo_prefix', pre, false)[0]!.xml), '<driver name="qemu" type="qcow2" cache="writethrough"/>');
  assert.equal(localDisks(null, pre, false)[0]!.xml, CASES.find((c) => c.id === 'preallocate-no-o-direct@22.0.0')!.xml.disk);
});

test('a stable point release reaches the volumes too: io="threads" under block=writeback from 21.1.1, not in 21.0.0', () => {
  for (const v of VOLUME_CASES) {
    const ctx: Context = defaultContext();
    ctx.nova_release = v.release;
    ctx.nova_conf = { libvirt: { disk_cachemodes: v.cachemodes } };
    ctx.flavor = { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 };
    // an image root (vda) and the volume (vdb), as in the oracle's case
    const bdms = [bdm({}), bdm({ entry: 1, source_type: 'volume', destination_type: 'volume', boot_index: null, uuid: v.volumeId })];
    const disks = domainDisks(bdms, computeDiskInfo(bdms, ctx, { imageRef: 'img' }), ctx, { instanceUuid: UUID, hashes });
    assert.equal(disks.find((d) => d.bdmIndex === 1)!.xml, v.xml, v.release);
  }
});

test("nova_release's whole version: minor and patch only from a Nova version", () => {
  assert.deepEqual(releasePoint('21.1.1'), { major: 21, minor: 1, patch: 1 });
  assert.deepEqual(releasePoint('19.3'), { major: 19, minor: 3, patch: 0 });
  assert.deepEqual(releasePoint('2023.1'), { major: 27, minor: 0, patch: 0 });
  assert.deepEqual(releasePoint('2024.2.1'), { major: 30, minor: 0, patch: 0 });
  assert.deepEqual(releasePoint('stein'), { major: 19, minor: 0, patch: 0 });
  assert.deepEqual(releasePoint('2015.1.2'), { major: 11, minor: 0, patch: 0 });
  assert.equal(releasePoint('modern'), null);
  assert.equal(releasePoint('zed!'), null);
  assert.equal(releasePoint('1'.repeat(5000)), null);
});
