/** Prints the boot timeline of the iSCSI lab host with a refusing portal and multipathd stopping mid-build: `node --import tsx scripts/probe-boot-multipathd-stops.ts <profile> <nova_release|-> <stop s>`. */
import { simulateBoot } from '../server/src/attach/flows/boot';
import { hashes, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';

const [profile, release, stop] = process.argv.slice(2);
const l = lab('iscsi', (raw) => {
  raw.backends.lvm.portals[0].reachable = false;
  raw.backends.lvm.portals[0].refuses = true;
  raw.profile = profile;
  raw.host.multipath_enabled = true;
  if (release !== '-') raw.host.nova_release = release;
});
l.host.multipathd_stops_at_s = Number(stop ?? 5);
const r = simulateBoot(l, [{ entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: false, volume_type: null, tag: null }], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
for (const s of r.steps) console.log(s.at, s.actor, s.status, s.text.slice(0, 220).replace(/\n/g, '\\n'));
console.log(JSON.stringify({ outcome: r.outcome, fault: r.fault, rescheduled: r.rescheduled, vols: r.volumes.map((v) => v.volumeStatus) }));
