/**
 * Round 34 audit of os-brick's Fibre Channel connect against openstack/os-brick 7.1.0; each
 * test fails on the engine before the fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, lab } from '../fixtures/attach/helpers';

const FC_VOL = '3d4e5f60-7a8b-4c9d-8e0f-1a2b3c4d5e21';

// os-brick 7.1.0 linuxfc.py `get_fc_hbas_info` lists every HBA whatever its port_state, and
// connectors/fibre_channel.py `_wait_for_device_discovery` takes the first candidate that
// exists; an HBA whose port is down has no /dev/disk/by-path link, so without an
// initiator_target_map the device is the Online HBA's, not the first HBA's.
test('FC without initiator_target_map, first HBA Linkdown: the device found is the Online HBA\'s by-path link', () => {
  const l = lab('fc', (raw) => {
    raw.host.multipath_enabled = false;
    raw.backends.array.initiator_target_map = false;
    raw.host.fc_hbas = [{ host: 4, pci: '0000:04:00.0', wwpn: '21000024ff3a5c0f', port_state: 'Linkdown' }, ...raw.host.fc_hbas];
  });
  const r = attach(l, FC_VOL);
  assert.equal(r.attachOutcome, 'attached');
  assert.ok(has(r, /^DEBUG <== connect_volume: return .*'path': '\/dev\/disk\/by-path\/pci-0000:05:00\.2-fc-0x50060e801049cfd1-lun-1'/));
  assert.ok(!has(r, 'pci-0000:04:00.0-fc-'));
});

// Nova 16.0.0 requirements.txt: os-brick>=1.15.2, whose connectors/fibre_channel.py
// `_wait_for_device_discovery` accepts a by-path device only when `check_valid_device` (a one
// block dd) reads it (added in 1.14.0); Ocata's 1.11 takes the link as soon as it exists.
test('ocata_legacy FC: Pike (16.0.0) checks the found device with dd, Ocata (15.0.0) does not', () => {
  const run = (rel: string) => attach(lab('fc', (raw) => { raw.profile = 'ocata_legacy'; raw.host.nova_release = rel; raw.host.multipath_enabled = false; }), FC_VOL);
  const pike = run('16.0.0');
  assert.equal(pike.attachOutcome, 'attached');
  assert.ok(has(pike, /^dd if=\/dev\/disk\/by-path\/pci-0000:05:00\.2-fc-0x50060e801049cfd1-lun-1 of=\/dev\/null count=1/));
  const ocata = run('15.0.0');
  assert.equal(ocata.attachOutcome, 'attached');
  assert.ok(!has(ocata, /^dd if=/));
});

// os-brick linuxfc.py `rescan_hosts`: 2.5.0 (commit db40d98 "Fix FC: Only scan connected HBAs",
// Rocky = Nova 18) scans only the HBAs the initiator_target_map names and logs "Using initiator
// target map to exclude HBAs"; Queens' 2.3.0 (Nova 17) and 1.6.0-2.4 scan every HBA with the
// LUN; before 1.6.0 (Mitaka's 1.1.0, Nova 13) every HBA with "- - -".
test('FC rescans per release: Nova 18 only the mapped HBA; Nova 17 every HBA with the LUN; Nova 13 every HBA with "- - -"', () => {
  const run = (profile: string, rel: string) => attach(lab('fc', (raw) => {
    raw.profile = profile;
    raw.host.nova_release = rel;
    raw.host.multipath_enabled = false;
    raw.host.fc_hbas = [...raw.host.fc_hbas, { host: 6, pci: '0000:06:00.0', wwpn: '21000024ff3a5c11', wwnn: '20000024ff3a5c11', port_state: 'Linkdown' }];
    raw.volumes[0].lun_visible_after_rescans = 1;
  }), FC_VOL);
  const rescanLine = (r: ReturnType<typeof run>) => r.steps.find((s) => s.text.startsWith('rescan_hosts: '))?.text;
  const rocky = run('queens_to_2024_2', '18.0.0');
  assert.ok(has(rocky, /^DEBUG Using initiator target map to exclude HBAs: host5$/));
  assert.equal(rescanLine(rocky), "rescan_hosts: echo '- - 1' > /sys/class/scsi_host/host5/scan");
  const queens = run('queens_to_2024_2', '17.0.0');
  assert.ok(!has(queens, /Using initiator target map/));
  assert.equal(rescanLine(queens), "rescan_hosts: echo '- - 1' > /sys/class/scsi_host/host5/scan; echo '- - 1' > /sys/class/scsi_host/host6/scan");
  const mitaka = run('ocata_legacy', '13.0.0');
  assert.equal(rescanLine(mitaka), "rescan_hosts: echo '- - -' > /sys/class/scsi_host/host5/scan; echo '- - -' > /sys/class/scsi_host/host6/scan");
  for (const r of [rocky, queens, mitaka]) assert.equal(r.attachOutcome, 'attached');
});

// os-brick connectors/fibre_channel.py `_add_targets_to_connection_properties` (with its
// "Driver returned an unknown targets in the initiator mapping" WARNING) arrived with commit
// ba25698 in 2.6.0 (Stein, Nova 19; backported to Rocky's 2.5.3, after the series' 2.5.0).
test('FC unknown target in the initiator_target_map: warned from Nova 19, not by Nova 18\'s os-brick', () => {
  const run = (rel: string) => attach(lab('fc', (raw) => {
    raw.profile = 'queens_to_2024_2';
    raw.host.nova_release = rel;
    raw.backends.array.initiator_target_map = { '21000024ff3a5c10': ['50060e801049cfd1', '5006000000000bad'] };
  }), FC_VOL);
  const stein = run('19.0.0');
  assert.ok(has(stein, 'WARNING Driver returned an unknown targets in the initiator mapping 5006000000000bad'));
  const rocky = run('18.0.0');
  assert.equal(rocky.attachOutcome, 'attached');
  assert.ok(!has(rocky, /unknown targets in the initiator mapping/));
});
