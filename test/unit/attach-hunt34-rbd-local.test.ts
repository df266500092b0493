/**
 * Hunt 34: the attach simulator follows the lab host's nova.conf `[workarounds]`
 * rbd_volume_local_attach and disable_native_luksv1 (Nova 21.0.0 to 23.x only; nova/conf/
 * workarounds.py registers them in those releases, 24.0.0 removed them).
 *
 * Expected XML, host commands and errors are the oracle's: test/fixtures/deploy/
 * workarounds-oracle.py ran each Nova tag's own LibvirtDriver._connect_volume (net.py
 * connect_volume -> os-brick's RBDConnector with do_local_attach, its commands recorded; then
 * _attach_encryptor) and _get_volume_config().to_xml(), with os-brick 3.0.1 (Nova 21.0.0),
 * 4.0.0 (22.4.0) and 4.3.0 (23.2.2) (test/fixtures/deploy/workarounds-releases.oracle.json).
 * The oracle's volume id is given to a lab volume so its answers compare as they stand.
 * The detach facts (not run by the oracle) are read from openstack/os-brick
 * os_brick/initiator/connectors/rbd.py `disconnect_volume` / `_find_root_device` at 3.0.1, 4.0.0
 * and 4.3.0, with nova/virt/libvirt/volume/net.py `disconnect_volume` at 21.0.0 (device_info None).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { attach, lab, texts } from '../fixtures/attach/helpers';
import type { AttachResult } from '../../server/src/attach/types';

interface OracleCase { id: string; nova_xml: string | null; nova_error: string | null; host_commands: string[] }
const ORACLE = JSON.parse(readFileSync(new URL('../fixtures/deploy/workarounds-releases.oracle.json', import.meta.url), 'utf8')) as { releases: Array<{ release: string; cases: OracleCase[] }> };
const oracle = (release: string, id: string): OracleCase => {
  const c = ORACLE.releases.find((r) => r.release === release)!.cases.find((x) => x.id === id);
  assert.ok(c, `${release} ${id}`);
  return c;
};

const V = '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c5d';
const LUKS = { provider: 'luks', cipher: 'aes-xts-plain64', key_size: 256, control_location: 'front-end' };

/** the embedded rbd lab host at a release, with the oracle's volume and the given [workarounds] */
const rbdLab = (release: string, workarounds: Record<string, boolean> | null, encryption?: Record<string, unknown>) => lab('rbd', (raw) => {
  raw.profile = 'queens_to_2024_2';
  raw.host.nova_release = release;
  if (workarounds) raw.host.nova_conf = { workarounds };
  raw.volumes.push({ id: V, name: 'oracle-vol', size: 1, backend: 'ceph', ...(encryption ? { encrypted: true, encryption } : {}) });
});

/** the host commands of the run's steps, in the oracle's spelling (os-brick's and the encryptor's) */
function hostCommands(r: AttachResult): string[] {
  const out: string[] = [];
  for (const t of texts(r)) {
    if (t === 'which rbd') out.push(t);
    else if (/^rbd (map|showmapped|unmap) /.test(t)) out.push(t.replace(/ \(as root\).*$/, ''));
    else if (/^encryptor \w+: cryptsetup (luksOpen|create) /.test(t)) out.push(...t.replace(/^encryptor \w+: /, '').split('; '));
  }
  return out;
}
const attachCommands = (r: AttachResult) => hostCommands(r).filter((c) => !/^rbd (showmapped|unmap) /.test(c));

const LOCAL_RELEASES = ['21.0.0', '22.4.0', '23.2.2'];

test('rbd_volume_local_attach on Nova 21.0.0/22.4.0/23.2.2: os-brick runs `which rbd` and `rbd map <image> --pool <pool> --id <user> --mon_host <ip:port>...` and libvirt gets the oracle\'s <disk type="block"> at /dev/rbd/<pool>/<image>', () => {
  for (const rel of LOCAL_RELEASES) {
    // oracle: workarounds-oracle.py case rbd-local-attach (os_brick rbd.py connect_volume at 3.0.1 /
    // _local_attach_volume at 4.0.0 and 4.3.0; nova net.py connect_volume + get_config _get_block_config)
    const want = oracle(rel, 'rbd-local-attach');
    const r = attach(rbdLab(rel, { rbd_volume_local_attach: true }), V);
    assert.equal(r.outcome, 'attached', `${rel}\n${texts(r).join('\n')}`);
    assert.deepEqual(attachCommands(r), want.host_commands, rel);
    assert.equal(r.xml, want.nova_xml, rel);
    // net.py connect_volume stores os-brick's path as connection_info data.device_path
    assert.equal((r.connectionInfo?.data as Record<string, unknown>).device_path, `/dev/rbd/volumes/volume-${V}`, rel);
    assert.ok(!texts(r).some((t) => t.includes('no host-side step for rbd')), rel);
  }
});

test('Nova 20.6.1 and 24.0.0 do not have [workarounds]rbd_volume_local_attach: no rbd map, the oracle\'s network disk, and the run says the option is not read', () => {
  for (const rel of ['20.6.1', '24.0.0']) {
    // oracle: the same case, run by Nova 20.6.1 / 24.0.0, whose oslo.config ignores the unknown option
    const want = oracle(rel, 'rbd-local-attach');
    const r = attach(rbdLab(rel, { rbd_volume_local_attach: true }), V);
    assert.equal(r.outcome, 'attached', rel);
    assert.deepEqual(attachCommands(r), want.host_commands, rel);
    assert.equal(r.xml, want.nova_xml, rel);
    assert.ok(texts(r).some((t) => t.startsWith('[workarounds]rbd_volume_local_attach not read: Nova ' + rel)), rel);
  }
});

test('without the option every release keeps the network disk (oracle case rbd-no-workarounds)', () => {
  for (const rel of LOCAL_RELEASES) {
    const r = attach(rbdLab(rel, null), V);
    assert.deepEqual(attachCommands(r), [], rel);
    assert.equal(r.xml, oracle(rel, 'rbd-no-workarounds').nova_xml, rel);
  }
});

test('detach of a locally attached rbd volume: os-brick finds the kernel device with `rbd showmapped --format=json` and runs `rbd unmap /dev/rbdN` with the same --id/--mon_host arguments', () => {
  const args = '--id cinder --mon_host 10.0.0.11:6789 --mon_host 10.0.0.12:6789 --mon_host 10.0.0.13:6789';
  for (const rel of LOCAL_RELEASES) {
    // os_brick rbd.py 3.0.1/4.0.0/4.3.0 disconnect_volume -> _find_root_device (showmapped), then
    // `rbd unmap <root device>` + _get_rbd_args; nova 21.0.0 net.py disconnect_volume passes data, None
    const r = attach(rbdLab(rel, { rbd_volume_local_attach: true }), V, { race: { afterInUseS: 1 } });
    assert.equal(r.outcome, 'detached', `${rel}\n${texts(r).join('\n')}`);
    const detach = hostCommands(r).filter((c) => /^rbd (showmapped|unmap) /.test(c));
    assert.deepEqual(detach, [`rbd showmapped --format=json ${args}`, `rbd unmap /dev/rbd0 ${args}`], rel);
  }
  // Nova 24.0.0 ignores the option: nothing to unmap (net.py has no local attach any more)
  const r = attach(rbdLab('24.0.0', { rbd_volume_local_attach: true }), V, { race: { afterInUseS: 1 } });
  assert.equal(r.outcome, 'detached');
  assert.deepEqual(hostCommands(r), []);
});

test('disable_native_luksv1 with rbd_volume_local_attach: os-brick\'s dm-crypt encryptor opens /dev/rbd/<pool>/<image> and the XML has no <encryption> (oracle case rbd-luks-both)', () => {
  for (const rel of LOCAL_RELEASES) {
    // oracle: nova driver.py _allow_native_luksv1 false -> _attach_encryptor's os-brick LuksEncryptor
    // (cryptsetup luksOpen, then the symlink over device_path)
    const want = oracle(rel, 'rbd-luks-both');
    const r = attach(rbdLab(rel, { rbd_volume_local_attach: true, disable_native_luksv1: true }, LUKS), V);
    assert.equal(r.outcome, 'attached', `${rel}\n${texts(r).join('\n')}`);
    assert.deepEqual(attachCommands(r), want.host_commands, rel);
    assert.equal(r.xml, want.nova_xml, rel);
    assert.ok(!texts(r).some((t) => /libvirt secret .* created/.test(t)), rel);
  }
});

test('disable_native_luksv1 alone on an rbd network disk: VolumeEncryptionNotSupported (oracle case rbd-luks-disable-native); Nova 24.0.0 ignores it and keeps native LUKS', () => {
  for (const rel of LOCAL_RELEASES) {
    const want = oracle(rel, 'rbd-luks-disable-native');
    const r = attach(rbdLab(rel, { disable_native_luksv1: true }, LUKS), V);
    assert.equal(r.outcome, 'failed', rel);
    assert.deepEqual(attachCommands(r), want.host_commands, rel);
    // oracle: "VolumeEncryptionNotSupported: Volume encryption is not supported for rbd volume <id>."
    assert.ok(texts(r).some((t) => t.includes(want.nova_error!.replace(/^VolumeEncryptionNotSupported: /, ''))), `${rel}\n${texts(r).join('\n')}`);
  }
  const r = attach(rbdLab('24.0.0', { disable_native_luksv1: true }, LUKS), V);
  assert.equal(r.outcome, 'attached');
  assert.match(r.xml ?? '', /<encryption format="luks">/);
});

test('native LUKS over a local rbd map keeps its libvirt secret and runs no dm-crypt encryptor (oracle case rbd-luks-local-attach)', () => {
  for (const rel of LOCAL_RELEASES) {
    const want = oracle(rel, 'rbd-luks-local-attach');
    const r = attach(rbdLab(rel, { rbd_volume_local_attach: true }, LUKS), V);
    assert.equal(r.outcome, 'attached', rel);
    assert.deepEqual(attachCommands(r), want.host_commands, rel);
    assert.match(r.xml ?? '', /<disk type="block" device="disk">[\s\S]*<encryption format="luks">/, rel);
  }
});
