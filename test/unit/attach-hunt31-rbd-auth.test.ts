/**
 * Hunt 31: RBD volume auth and the keyring per release. Facts from openstack/nova
 * nova/virt/libvirt/volume/net.py `_set_auth_config_rbd` at the tags named (commit 47b7c4f3,
 * "Ensure rbd auth fallback uses matching credentials": 19.0.0 and the backports 18.2.0, 17.0.10,
 * 16.1.8) and openstack/cinder cinder/volume/drivers/rbd.py `initialize_connection` (11.0.0-16.x
 * `_get_keyring_contents`; 17.0.0 `_set_keyring_attributes`, OSSN-0085). The expected XML was
 * written by Nova itself: each tag's nova/ tree (git archive) running
 * LibvirtNetVolumeDriver.get_config(...).to_xml() after LibvirtDriver._set_cache_mode, on this
 * machine's python3-nova 26.2.2 dependencies (test/fixtures/deploy/newer_nova.py), nova.conf
 * [libvirt]rbd_user = nova and rbd_secret_uuid = NOVA_SECRET. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, lab, texts } from '../fixtures/attach/helpers';
import type { Tweak } from './attach-lab-helpers';
import type { AttachResult } from '../../server/src/attach/types';
import { renderDiskXml, volumeDiskConfig } from '../../server/src/libvirt/diskXml';
import { profileOfMajor } from '../../server/src/libvirt/release';

const V = '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e31';
const NOVA_SECRET = '11111111-2222-4333-8444-555555555555';
const CINDER_SECRET = '457eb676-33da-42ec-9a8c-9293d545c337';

/** an auth-enabled connection from a Cinder with no rbd_secret_uuid (secret_uuid None) */
const nullSecretCi = () => ({
  driver_volume_type: 'rbd',
  serial: V,
  data: { name: `volumes/volume-${V}`, hosts: ['10.0.0.11'], ports: ['6789'], cluster_name: 'ceph', auth_enabled: true, auth_username: 'cinder', secret_type: 'ceph', secret_uuid: null, volume_id: V, discard: true, qos_specs: null, access_mode: 'rw' },
});
const xmlAt = (rel: string): string => {
  const [major, minor, patch] = rel.split('.').map(Number) as [number, number, number];
  return renderDiskXml(volumeDiskConfig(nullSecretCi(), { dev: 'vdb', bus: 'virtio', type: 'disk' }, {
    profile: profileOfMajor(major), novaVersion: major, novaRelease: { major, minor, patch }, rbdUser: 'nova', rbdSecretUuid: NOVA_SECRET,
  }));
};
const oracleXml = (user: string) => `<disk type="network" device="disk">
  <driver name="qemu" type="raw" cache="none" discard="unmap"/>
  <source protocol="rbd" name="volumes/volume-${V}">
    <host name="10.0.0.11" port="6789"/>
  </source>
  <auth username="${user}">
    <secret type="ceph" uuid="${NOVA_SECRET}"/>
  </auth>
  <target dev="vdb" bus="virtio"/>
  <serial>${V}</serial>
</disk>
`;
const authOf = (xml: string | null | undefined) => /<auth username="([^"]*)">\s*<secret type="ceph" uuid="([^"]*)"\/>/.exec(xml ?? '')?.slice(1, 3);

test('Nova oracle, net.py _set_auth_config_rbd: a null Cinder secret_uuid takes nova.conf\'s secret with Cinder\'s user before commit 47b7c4f3 (16.1.7, 17.0.9, 18.1.0) and nova.conf\'s user and secret from it (16.1.8, 17.0.10, 18.2.0, 21.1.0, 22.0.0)', () => {
  for (const rel of ['16.1.7', '17.0.9', '18.1.0']) assert.equal(xmlAt(rel), oracleXml('cinder'), rel);
  for (const rel of ['16.1.8', '17.0.10', '18.2.0', '21.1.0', '22.0.0']) assert.equal(xmlAt(rel), oracleXml('nova'), rel);
});

const rbdAt = (profile: string, rel: string, more?: Tweak): Tweak => (raw) => {
  raw.profile = profile;
  raw.host.nova_release = rel;
  raw.host.nova_conf = { libvirt: { rbd_user: 'nova', rbd_secret_uuid: NOVA_SECRET } };
  more?.(raw);
};
const nullSecret: Tweak = (raw) => { raw.backends.ceph.secret_uuid = null; };

test('the attach replay writes the release\'s <auth> for a Cinder without rbd_secret_uuid: nova 17.0.9 net.py keeps auth_username, 17.0.10 and 22.0.0 take [libvirt]rbd_user', () => {
  const cases: Array<[string, string, string[]]> = [
    ['queens_to_2024_2', '17.0.9', ['cinder', NOVA_SECRET]],
    ['queens_to_2024_2', '17.0.10', ['nova', NOVA_SECRET]],
    ['queens_to_2024_2', '22.0.0', ['nova', NOVA_SECRET]],
    ['ocata_legacy', '16.1.7', ['cinder', NOVA_SECRET]],
  ];
  for (const [profile, rel, want] of cases) {
    const r = attach(lab('rbd', rbdAt(profile, rel, nullSecret)), V, profile === 'ocata_legacy' ? { microversion: '2.1' } : {});
    assert.equal(r.outcome, 'attached', `${rel}\n${texts(r).join('\n')}`);
    assert.deepEqual(authOf(r.xml), want, rel);
  }
});

test('with Cinder\'s own secret_uuid every release from 15.0.0 writes Cinder\'s user and secret (net.py _set_auth_config_rbd, 15.0.0 to 33.0.0)', () => {
  for (const [profile, rel] of [['ocata_legacy', '16.1.7'], ['queens_to_2024_2', '22.0.0'], ['queens_to_2024_2', '30.0.0']] as const) {
    const r = attach(lab('rbd', rbdAt(profile, rel)), V, profile === 'ocata_legacy' ? { microversion: '2.1' } : {});
    assert.deepEqual(authOf(r.xml), ['cinder', CINDER_SECRET], rel);
  }
});

const dataOf = (r: AttachResult) => (r.connectionInfo as { data: Record<string, unknown> }).data;

test('cinder/volume/drivers/rbd.py initialize_connection: Cinder 11.0.0-16.x always send the keyring key (Nova 21.0.0 = Cinder 16: the file\'s text), Cinder 17.0.0 on (Nova 22.0.0) never (OSSN-0085: rbd_keyring_conf no longer read)', () => {
  const ussuri = attach(lab('rbd', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = '21.0.0'; }), V);
  assert.equal(ussuri.outcome, 'attached');
  assert.ok('keyring' in dataOf(ussuri));
  assert.notEqual(dataOf(ussuri).keyring, null);
  const victoria = attach(lab('rbd', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = '22.0.0'; }), V);
  assert.equal(victoria.outcome, 'attached');
  assert.equal('keyring' in dataOf(victoria), false);
  assert.equal('keyring' in (JSON.parse(String(victoria.bdm!.connection_info)) as { data: object }).data, false);
  assert.ok(texts(victoria).some((t) => /keyring is not sent: Cinder 17\.0\.0/.test(t)));
  // the libvirt network disk is the same either way: the keyring never reaches the XML
  assert.equal(ussuri.xml, victoria.xml);
});

test('Cinder 11.0.0-16.x _get_keyring_contents: no readable keyring file still sends the key, as None (Nova 17.0.0 = Cinder 12.0.0)', () => {
  const r = attach(lab('rbd', (raw) => { raw.profile = 'queens_to_2024_2'; raw.host.nova_release = '17.0.0'; delete raw.backends.ceph.keyring; }), V);
  assert.equal(r.outcome, 'attached');
  const data = dataOf(r);
  assert.ok('keyring' in data);
  assert.equal(data.keyring, null);
  assert.deepEqual(Object.keys(data).slice(9, 11), ['discard', 'keyring']);
});

test('the replay logs net.py _set_auth_config_rbd\'s fall-back as the release does: DEBUG "… secret_uuid value." (17.0.9), "… secret_uuid and username values." (17.0.10), nothing on 15.0.0 (no fall-back: the attach fails)', () => {
  const lines = (r: AttachResult) => texts(r).filter((t) => /Falling back to Nova configuration/.test(t));
  const q = attach(lab('rbd', rbdAt('queens_to_2024_2', '17.0.9', nullSecret)), V);
  assert.deepEqual(lines(q), ['DEBUG Falling back to Nova configuration for RBD auth secret_uuid value.']);
  const q10 = attach(lab('rbd', rbdAt('queens_to_2024_2', '17.0.10', nullSecret)), V);
  assert.deepEqual(lines(q10), ['DEBUG Falling back to Nova configuration for RBD auth secret_uuid and username values.']);
  const o = attach(lab('rbd', rbdAt('ocata_legacy', '15.0.0', nullSecret)), V, { microversion: '2.1' });
  assert.equal(o.outcome, 'failed');
  assert.deepEqual(lines(o), []);
});

test('a connection without auth and nova.conf\'s rbd_secret_uuid: nova.conf\'s user and secret, with the WARNING naming the release the fall-back was to end in (net.py: 16.0.0 "the Nova 16.0.0 Pike release", 18.3.0 "the Nova 17.0.0 Queens release", 22.0.0 "a future release")', () => {
  const noAuth: Tweak = (raw) => { raw.backends.ceph.rbd_user = null; };
  for (const [profile, rel, until] of [['ocata_legacy', '16.0.0', 'the Nova 16.0.0 Pike release'], ['queens_to_2024_2', '18.3.0', 'the Nova 17.0.0 Queens release'], ['queens_to_2024_2', '22.0.0', 'a future release']] as const) {
    const r = attach(lab('rbd', rbdAt(profile, rel, noAuth)), V, profile === 'ocata_legacy' ? { microversion: '2.1' } : {});
    assert.equal(r.outcome, 'attached', `${rel}\n${texts(r).join('\n')}`);
    assert.deepEqual(authOf(r.xml), ['nova', NOVA_SECRET], rel);
    const warn = r.steps.filter((s) => /Falling back to Nova configuration values for RBD authentication/.test(s.text));
    assert.equal(warn.length, 1, rel);
    assert.equal(warn[0]!.status, 'warn');
    assert.ok(warn[0]!.text.endsWith(`This fallback will be dropped in ${until}.`), warn[0]!.text);
  }
});
