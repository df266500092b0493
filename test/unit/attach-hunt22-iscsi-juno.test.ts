/**
 * iSCSI in the `kilo_prefix` profile: no os-brick yet (it came with Liberty, Nova 12.0.0), so
 * Nova's own libvirt driver does the host work. Followed upstream: openstack/nova 2014.2.4
 * (Juno) and 2015.1.2 (Kilo) nova/virt/libvirt/volume.py `LibvirtISCSIVolumeDriver`:
 * `connect_volume`, `_connect_to_iscsi_portal`, `_reconnect`, `_run_iscsiadm_discover`,
 * `_rescan_iscsi`, `_rescan_multipath`, `_get_multipath_device_name`, `disconnect_volume`,
 * `_disconnect_from_iscsi_portal`, `_disconnect_volume_multipath_iscsi`, `_disconnect_mpath`;
 * `[libvirt]num_iscsi_scan_tries` (default 5) and `iscsi_use_multipath` (default False).
 * Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab, stepAt, texts } from '../fixtures/attach/helpers';

const NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';
const IQN = `iqn.2010-10.org.openstack:volume-${ISCSI_VOL}`;
const NODE = `iscsiadm -m node -T ${IQN} -p 10.0.0.5:3260`;
const BY_PATH = `/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-${IQN}-lun-1`;
const MP_VOL = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11';
const MP_IQN = `iqn.2010-10.org.openstack:volume-${MP_VOL}`;
const KILO = { profile: 'kilo_prefix' as const };
const data = (r: ReturnType<typeof attach>) => r.connectionInfo!.data as Record<string, unknown>;
const kiloLab = (name: string, tweak?: (raw: Parameters<NonNullable<Parameters<typeof lab>[1]>>[0]) => void) => lab(name, (raw) => { raw.profile = 'kilo_prefix'; raw.host.nova_release = '2015.1.2'; tweak?.(raw); });

test('Juno iSCSI single path: node lookup, --op new, CHAP, session list, --login, node.startup automatic, --rescan, one WARNING try 0, 1 s sleep, "Found iSCSI node vdb (after 1 rescans)", data.host_device', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, KILO);
  assert.equal(r.outcome, 'attached');
  const order = [
    `${NODE}: exit code 21, stderr 'iscsiadm: No records found'`,
    `${NODE} --op new: New iSCSI node`,
    `${NODE} --op update -n node.session.auth.authmethod -v CHAP`,
    "iscsiadm -m session: exit code 21, 'iscsiadm: No active sessions.'",
    `${NODE} --login`,
    `${NODE} --op update -n node.startup -v automatic`,
    `${NODE} --rescan`,
    'WARNING ISCSI volume not yet found at: vdb. Will rescan & retry.  Try number: 0',
    'sleep 1 s (tries ** 2)',
    'DEBUG Found iSCSI node vdb (after 1 rescans)',
  ];
  const at = order.map((s) => idx(r, s));
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  // Juno's _reconnect has no --interface (Kilo's has)
  assert.ok(!has(r, '--interface default --op new'));
  // two --rescan: the one after the login, the one of try 0
  assert.equal(texts(r).filter((t) => t === `${NODE} --rescan`).length, 2);
  assert.equal(Math.round((stepAt(r, 'Found iSCSI node') - stepAt(r, 'Try number: 0')) * 1000), 1000);
  // Juno keeps the link as data.host_device (get_config reads it); the XML has it; Juno's
  // driver.py attach_volume then caches the source path as data.device_path (2014.2,
  // 2014.2.4: "required by encryptors"), which the BDM saves
  assert.equal(data(r).host_device, BY_PATH);
  assert.equal(data(r).device_path, BY_PATH);
  assert.match(r.xml ?? '', new RegExp(`<source dev="${BY_PATH.replace(/[.]/g, '\\.')}"/>`));
  // none of os-brick 1.13's words
  for (const brick of ['INFO Trying to connect to iSCSI portal', 'INFO ISCSI volume not yet found at: [', 'scsi_id', 'Attached iSCSI volume', 'lsblk', 'sleep 1 s (tries^2)']) assert.ok(!has(r, brick), brick);
});

test('Juno iSCSI, LUN never shows: WARNING tries 0-4, --rescan each, sleeps 1/4/9/16/25 s, NovaException "iSCSI device not found at <by-path>"', () => {
  const r = attach(lab('iscsi'), NEVER, KILO);
  assert.equal(r.outcome, 'failed');
  const link = `/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-iqn.2010-10.org.openstack:volume-${NEVER}-lun-1`;
  assert.equal(r.error, `NovaException: iSCSI device not found at ${link}`);
  const warns = r.steps.filter((s) => s.status === 'warn' && s.text.startsWith('WARNING ISCSI volume not yet found at: vdb. Will rescan & retry.  Try number: '));
  assert.deepEqual(warns.map((s) => s.text.slice(-1)), ['0', '1', '2', '3', '4']);
  assert.deepEqual(warns.slice(1).map((s, i) => Math.round((s.at - warns[i]!.at) * 1000)), [1000, 4000, 9000, 16000]);
  assert.deepEqual(texts(r).filter((t) => t.startsWith('sleep ')), [1, 4, 9, 16, 25].map((n) => `sleep ${n} s (tries ** 2)`));
  assert.ok(!has(r, 'Found iSCSI node'));
  assert.equal(r.volumeStatus, 'available');
});

test('Juno iSCSI, scan tries 2 and a LUN after 3 --rescans (the one after login counts): "after 2 rescans" 1 + 4 s after try 0; tries 1 gives up', () => {
  const r = attach(lab('iscsi', (raw) => { raw.host.nova_conf = { libvirt: { num_iscsi_scan_tries: 2 } }; for (const v of raw.volumes) v.lun_visible_after_rescans = 3; }), ISCSI_VOL, KILO);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, 'DEBUG Found iSCSI node vdb (after 2 rescans)'));
  assert.equal(Math.round((stepAt(r, 'Found iSCSI node') - stepAt(r, 'Try number: 0')) * 1000), 5000);
  const r1 = attach(lab('iscsi', (raw) => { raw.host.nova_conf = { libvirt: { num_iscsi_scan_tries: 1 } }; for (const v of raw.volumes) v.lun_visible_after_rescans = 3; }), ISCSI_VOL, KILO);
  assert.equal(r1.outcome, 'failed');
  assert.match(r1.error ?? '', /^NovaException: iSCSI device not found at /);
});

test('Juno iSCSI, portal unreachable: the failed --login is swallowed, node.startup still set, then --rescan finds no session: ProcessExecutionError exit code 21', () => {
  const r = attach(lab('iscsi', (raw) => { raw.backends.lvm.portals[0].reachable = false; }), ISCSI_VOL, KILO);
  assert.equal(r.outcome, 'failed');
  assert.ok(idx(r, `${NODE} --login (portal unreachable`) < idx(r, `${NODE} --op update -n node.startup -v automatic`));
  assert.match(r.error ?? '', /^ProcessExecutionError: Unexpected error while running command\. Command: sudo nova-rootwrap \/etc\/nova\/rootwrap\.conf iscsiadm -m node -T \S+ -p 10\.0\.0\.5:3260 --rescan Exit code: 21 /);
  assert.ok(!has(r, 'Try number'));
});

test('Kilo (host.nova_release 2015.1.2): --interface default --op new, and data.device_path instead of host_device', () => {
  const r = attach(kiloLab('iscsi'), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, `${NODE} --interface default --op new`));
  assert.equal(data(r).device_path, BY_PATH);
  assert.equal(data(r).host_device, undefined);
  // the same driver words as Juno's (no os-brick in Kilo either)
  assert.ok(has(r, 'DEBUG Found iSCSI node vdb (after 1 rescans)'));
  assert.ok(!has(r, 'INFO Trying to connect to iSCSI portal'));
});

test('Juno iSCSI multipath: sendtargets discovery, a login per listed portal, node and session --rescan, multipath -r, multipath -ll -> /dev/mapper/<id> and multipath_id', () => {
  const r = attach(lab('iscsi-multipath', (raw) => { raw.host.multipath_enabled = true; }), MP_VOL, KILO);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /^DEBUG iscsiadm \['-m', 'discovery', '-t', 'sendtargets', '-p', '10\.0\.0\.5:3260'\]: stdout=10\.0\.0\.5:3260,1 /));
  for (const p of ['10.0.0.5:3260', '10.0.1.5:3260']) assert.ok(has(r, `iscsiadm -m node -T ${MP_IQN} -p ${p} --login`), p);
  assert.ok(idx(r, 'iscsiadm -m node --rescan') < idx(r, 'iscsiadm -m session --rescan'));
  assert.ok(idx(r, 'Found iSCSI node vdb') < idx(r, /^multipath -r$/));
  assert.ok(has(r, /^multipath -ll \/dev\/sd[a-z]+: \S+ \(first word/));
  const id = data(r).multipath_id as string;
  assert.ok(id);
  assert.equal(data(r).host_device, `/dev/mapper/${id}`);
  // no os-brick dm-uuid wait
  assert.ok(!has(r, 'dm-uuid-mpath'));
});

test('Juno iSCSI detach, single path, no other LUN of the target in use: node.startup manual, --logout, --op delete', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { ...KILO, race: { afterInUseS: 5 } });
  const order = [`${NODE} --op update -n node.startup -v manual`, `${NODE} --logout`, `${NODE} --op delete`].map((s) => idx(r, s));
  assert.deepEqual([...order].sort((a, b) => a - b), order);
  assert.ok(!has(r, 'disconnect_volume: flush and remove'));
});

test('Juno iSCSI multipath detach: the portals logged out as discovery printed them (ip:port,1), then multipath -r', () => {
  const r = attach(lab('iscsi-multipath', (raw) => { raw.host.multipath_enabled = true; }), MP_VOL, { ...KILO, race: { afterInUseS: 5 } });
  for (const p of ['10.0.0.5:3260,1', '10.0.1.5:3260,1']) assert.ok(has(r, `iscsiadm -m node -T ${MP_IQN} -p ${p} --logout`), p);
  assert.ok(idx(r, `-p 10.0.1.5:3260,1 --op delete`) < r.steps.map((s) => s.text).lastIndexOf('multipath -r'));
});
