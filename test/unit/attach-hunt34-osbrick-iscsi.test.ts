/**
 * Round 34 audit of os-brick's iSCSI connect against upstream tags (openstack/os-brick), one
 * test per difference; each fails on the engine before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab, texts } from '../fixtures/attach/helpers';

const NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02'; // iscsi lab: lun_visible false
const MP_VOL = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e11'; // iscsi-multipath lab, two portals

/** the "(rescan k, +N s)" offsets of the first scan loop */
function rescanOffsets(lines: string[]): number[] {
  const out: number[] = [];
  for (const l of lines) {
    const m = /^scan: echo .* \(rescan (\d+), \+(\d+) s\)$/.exec(l);
    if (!m) continue;
    if (Number(m[1]) === 1 && out.length) break;
    out.push(Number(m[2]));
  }
  return out;
}

const at = (profile: string, release?: string) => (raw: { profile: string; host: { nova_release?: string } }) => {
  raw.profile = profile;
  if (release) raw.host.nova_release = release;
};

// os-brick 2.3.0 (Queens) and 2.5.0 (Rocky's first) connectors/iscsi.py `_connect_vol`: after
// the manual scan, `retry` counts from 1 and the loop sleeps retry**2 s (4, 9, 16, 25) while
// retry <= rescans, so 5 scan tries give rescans at +4, +13, +29, +54 s and the thread gives up
// there. The 1-second poll with rescans up to +139 s came with commit aecf9c9 ("Improve iSCSI
// device detection speed"), os-brick 2.6.0 and the stable backport 2.5.8; Stein's 2.8.0 has it.
test('Nova 17/18 (os-brick 2.3/2.5.0): a LUN that never shows is rescanned at +4, +13, +29, +54 s only', () => {
  for (const rel of ['17.0.0', '18.0.0']) {
    const r = attach(lab('iscsi', at('queens_to_2024_2', rel)), NEVER);
    assert.deepEqual(rescanOffsets(texts(r)), [4, 13, 29, 54], rel);
    assert.equal(r.attachOutcome, 'failed');
  }
  const stein = attach(lab('iscsi', at('queens_to_2024_2', '19.0.0')), NEVER);
  assert.deepEqual(rescanOffsets(texts(stein)), [4, 13, 29, 54, 90, 139]);
});

// Same source (2.3.0): the loop runs only when the scan tries are > 0 (`do_scans = rescans > 0`),
// whatever the scan mode, so 1 try looks once, right after the login, and stops.
test('Nova 17 (os-brick 2.3): num_volume_scan_tries 1 looks once after the manual scan and gives up', () => {
  const r = attach(lab('iscsi', (raw) => { at('queens_to_2024_2', '17.0.0')(raw); raw.host.nova_conf = { libvirt: { num_volume_scan_tries: 1 } }; }), NEVER);
  assert.deepEqual(rescanOffsets(texts(r)), []);
  const lunWarnings = texts(r).filter((t) => t.startsWith('WARNING LUN 1 on iSCSI portal 10.0.0.5:3260 not found on sysfs after logging in.'));
  assert.equal(lunWarnings.length, 3); // one per try of the retry decorator
});

// os-brick 7.1.0 connectors/iscsi.py `_connect_vol`: `do_scans = rescans > 0 or manual_scan`;
// with 0 scan tries and no manual scan mode the loop never runs, so the device is never looked
// up, even a LUN iscsid's own scan has already made visible: "not found on sysfs".
test('modern: 0 scan tries without the manual scan mode never looks for the device (VolumeDeviceNotFound)', () => {
  const r = attach(lab('iscsi', (raw) => { raw.host.iscsiadm_supports_manual_scan = false; raw.host.nova_conf = { libvirt: { num_volume_scan_tries: 0 } }; }), ISCSI_VOL);
  assert.equal(r.attachOutcome, 'failed');
  assert.ok(has(r, 'WARNING LUN 1 on iSCSI portal 10.0.0.5:3260 not found on sysfs after logging in.'));
  assert.match(r.error ?? '', /VolumeDeviceNotFound/);
  // with the manual scan mode the loop runs: the manual scan, and the LUN is there
  const ok = attach(lab('iscsi', (raw) => { raw.host.nova_conf = { libvirt: { num_volume_scan_tries: 0 } }; }), ISCSI_VOL);
  assert.equal(ok.attachOutcome, 'attached');
}
);

// os-brick 7.1.0 (and 1.14.0 on) connectors/iscsi.py `connect_volume`: when
// `_connect_multipath_volume` raises after its three tries, the handler runs
// `_cleanup_connection(connection_properties, force=True)`: `_disconnect_from_iscsi_portal` of
// each target (node.startup manual, --logout, --op delete).
test('modern multipath, LUN never shows: connect_volume\'s handler logs out of both portals and deletes their node records', () => {
  const l = lab('iscsi-multipath', (raw) => { raw.volumes[0].lun_visible = false; });
  const r = attach(l, MP_VOL);
  assert.equal(r.attachOutcome, 'failed');
  for (const portal of ['10.0.0.5:3260', '10.0.1.5:3260']) {
    const i = texts(r).findIndex((t) => t.includes(`-p ${portal} --op update -n node.startup -v manual;`) && t.includes(`-p ${portal} --logout;`) && t.endsWith(`-p ${portal} --op delete`));
    assert.ok(i >= 0, portal);
    assert.ok(i < idx(r, /^DEBUG <== connect_volume: exception/), 'inside connect_volume');
  }
});

// os-brick 1.14.0-7.1.0 connectors/iscsi.py `_get_connection_devices`: a target without a
// session whose node record exists (its login failed) is kept in the device map, so the forced
// `_cleanup_connection` of `_connect_single_volume` runs `_disconnect_from_iscsi_portal` on it
// too: the logout answers 21 (accepted) and the node record is deleted; the next try recreates
// it with `--op new`.
test('modern single path, refused portal: the failed target\'s node record is deleted and recreated on the next try', () => {
  const l = lab('iscsi', (raw) => { raw.backends.lvm.portals = [{ address: '10.0.0.5:3260', reachable: false, refuses: true }]; });
  const r = attach(l, ISCSI_VOL);
  assert.equal(r.attachOutcome, 'failed');
  const cleanups = texts(r).filter((t) => /--logout: exit code 21, stderr 'iscsiadm: No matching sessions found'; .* --op delete$/.test(t));
  assert.equal(cleanups.length, 3);
  const opNew = texts(r).filter((t) => t.includes('--interface default --op new'));
  assert.equal(opNew.length, 3);
});

// os-brick 1.11.0 (Ocata) connectors/iscsi.py `connect_volume`: VolumeDeviceNotFound gets
// `device=host_devices`, a list, so the message shows the Python list; the by-path names are
// built from the JSON connection_info (unicode on Python 2): [u'…'].
test('ocata_legacy: VolumeDeviceNotFound names the Python 2 list of by-path devices', () => {
  const r = attach(lab('iscsi', at('ocata_legacy')), NEVER);
  assert.equal(r.attachOutcome, 'failed');
  const path = '/dev/disk/by-path/ip-10.0.0.5:3260-iscsi-iqn.2010-10.org.openstack:volume-0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02-lun-1';
  assert.ok(has(r, `VolumeDeviceNotFound: Volume device not found at [u'${path}'].`) || (r.error ?? '').includes(`Volume device not found at [u'${path}'].`), r.error ?? '');
  assert.ok(has(r, `INFO ISCSI volume not yet found at: [u'${path}']. Will rescan & retry.  Try number: 0.`));
});

// openstack/nova 16.0.0 requirements.txt asks for os-brick>=1.15.2, which has the iSCSI connector
// refactored in 1.14.0 (connectors/iscsi.py `_connect_single_volume`/`_connect_vol`: sysfs
// scans, the device is /dev/sdX); 15.0.0 asks for >=1.8.0 (Ocata's series ends at 1.11.x, the
// by-path connector of `connect_volume`'s tries^2 loop).
test('ocata_legacy: Pike (16.0.0) attaches through os-brick 1.15\'s refactored iSCSI connector, Ocata (15.0.0) through the by-path one', () => {
  const pike = attach(lab('iscsi', at('ocata_legacy', '16.0.0')), ISCSI_VOL);
  assert.equal(pike.attachOutcome, 'attached');
  assert.ok(has(pike, /^DEBUG <== connect_volume: return .*'path': '\/dev\/sd[a-z]+'/));
  assert.ok(!has(pike, 'ISCSI volume not yet found at'));
  const ocata = attach(lab('iscsi', at('ocata_legacy', '15.0.0')), ISCSI_VOL);
  assert.equal(ocata.attachOutcome, 'attached');
  assert.ok(has(ocata, /^DEBUG <== connect_volume: return .*'path': '\/dev\/disk\/by-path\/ip-10\.0\.0\.5:3260-iscsi-/));
});

// os-brick 1.6.1 (Newton, nova 14.0.0 requirements >=1.6.1) connectors/iscsi.py
// `connect_volume` logs "ISCSI volume not yet found at" with LOG.warning; 1.7.0 (commit
// f7d5cc4) made it LOG.info, as Ocata's 1.8-1.11 have it.
test('ocata_legacy: Nova 14 logs "ISCSI volume not yet found" at WARNING, Nova 15 at INFO', () => {
  const newton = attach(lab('iscsi', at('ocata_legacy', '14.0.0')), ISCSI_VOL);
  const w = newton.steps.find((s) => s.text.includes('ISCSI volume not yet found at'));
  assert.ok(w && w.text.startsWith('WARNING ISCSI volume not yet found at: ') && w.status === 'warn');
  const ocata = attach(lab('iscsi', at('ocata_legacy', '15.0.0')), ISCSI_VOL);
  const i = ocata.steps.find((s) => s.text.includes('ISCSI volume not yet found at'));
  assert.ok(i && i.text.startsWith('INFO ISCSI volume not yet found at: ') && i.status === 'info');
});

// os-brick 1.11.0 connectors/iscsi.py `_get_potential_volume_paths` (multipath): logs in to every
// target and runs `_rescan_iscsi` (iscsiadm -m node --rescan, then -m session --rescan) on each
// pass, and `connect_volume`'s loop calls it again on every try before sleeping tries^2.
test('ocata_legacy multipath: every try re-runs the portal logins and the node and session rescans', () => {
  const l = lab('iscsi-multipath', (raw) => { raw.profile = 'ocata_legacy'; raw.volumes[0].lun_visible_after_rescans = 2; });
  const r = attach(l, MP_VOL);
  assert.equal(r.attachOutcome, 'attached');
  const ts = texts(r);
  assert.equal(ts.filter((t) => t === 'iscsiadm -m node --rescan; iscsiadm -m session --rescan').length, 3); // the first pass and tries 0 and 1
  assert.equal(ts.filter((t) => t === 'INFO Multipath discovery for iSCSI enabled').length, 3);
  const try0 = ts.findIndex((t) => t.includes('Try number: 0.'));
  assert.ok(try0 > 0 && ts[try0 + 1] === 'INFO Multipath discovery for iSCSI enabled');
});

// os-brick 7.1.0 connectors/fibre_channel.py `_get_host_devices` names the by-path candidate
// with linuxscsi.py `process_lun_id(lun)`: a LUN of 256 or more is written
// "0x%04x%04x00000000" (low 16 bits, then the next 16); the rescan keeps the plain number.
// os-brick 1.11.0 connectors/iscsi.py `_get_device_path` (via `_munge_portal`) does the same.
test('LUN 300: the FC and the old iSCSI by-path names carry process_lun_id\'s 0x012c000000000000', () => {
  const fc = attach(lab('fc', (raw) => { raw.backends.array.lun = 300; }), '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21');
  assert.equal(fc.attachOutcome, 'attached');
  assert.ok(has(fc, '/lib/udev/scsi_id --page 0x83 --whitelisted /dev/disk/by-path/pci-0000:05:00.2-fc-0x50060e801049cfd1-lun-0x012c000000000000: '));
  assert.ok(!has(fc, /-lun-300\b/));
  const old = attach(lab('iscsi', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_release = '15.0.0'; raw.backends.lvm.target_helper = 'vendor'; raw.backends.lvm.lun = 70000; }), ISCSI_VOL);
  assert.equal(old.attachOutcome, 'attached');
  assert.ok(has(old, /'path': '\/dev\/disk\/by-path\/ip-10\.0\.0\.5:3260-iscsi-iqn\.[^']*-lun-0x1170000100000000'/), texts(old).filter((t) => t.includes('by-path')).join('\n'));
});

// os-brick 1.11.0 connectors/base.py `_discover_mpath_device`: with no dm-uuid-mpath or
// /dev/mapper name, `find_multipath_device` is handed os.path.realpath(device_name), the
// /dev/sdX behind the by-path link, for its `multipath -l`.
test('ocata_legacy multipath without a dm: multipath -l runs on the /dev/sdX real path, the by-path link is used', () => {
  const l = lab('iscsi-multipath', (raw) => { raw.profile = 'ocata_legacy'; raw.volumes[0].dm_uuid_link_appears_after_s = null; });
  const r = attach(l, MP_VOL);
  assert.equal(r.attachOutcome, 'attached');
  assert.ok(has(r, /^multipath -l \/dev\/sd[a-z]+$/));
  assert.ok(!has(r, /^multipath -l \/dev\/disk\/by-path\//));
  // LOG.debug there (the WARNING is linuxscsi.py's "couldn't find a valid multipath device path")
  const line = r.steps.find((s) => s.text.includes('Unable to find multipath device name for volume.'));
  assert.ok(line && /^DEBUG Unable to find multipath device name for volume\. Using path \/dev\/disk\/by-path\/ip-10\.0\.0\.5:3260-iscsi-.*-lun-1 for volume\.$/.test(line.text) && line.status === 'info', line?.text);
});
