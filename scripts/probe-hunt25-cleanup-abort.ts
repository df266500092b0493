/** Prints a failed boot's cleanup lines per Nova release when the backend's terminate_connection raises (lab terminate_connection_error). */
import { simulateBoot } from '../server/src/attach/flows/boot';
import type { NovaBdm } from '../server/src/nova/types';
import { hashes, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';
const profileOf = (rel: string): string => {
  const major = Number(rel.split('.')[0]);
  return major >= 2014 || major <= 11 ? 'kilo_prefix' : major <= 16 ? 'ocata_legacy' : major <= 30 ? 'queens_to_2024_2' : 'modern';
};
for (const rel of process.argv.slice(2)) {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    raw.backends.lvm.terminate_connection_error = 'Unable to unmap LUN: session lost';
    raw.profile = profileOf(rel);
    raw.host.nova_release = rel;
    if (process.env.DELETE) raw.delete_failed_boot = true;
  });
  const b: NovaBdm = { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: true, volume_type: null, tag: null };
  const r = simulateBoot(l, [b], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes });
  console.log('=====', rel, r.outcome, r.vmState, r.taskState, r.rescheduled, r.fault, r.volumes[0]!.volumeStatus, r.volumes[0]!.statusSequence.join('>'));
  const from = r.steps.findIndex((s) => /Instance failed to spawn/.test(s.text));
  for (const s of r.steps.slice(from)) console.log(s.actor.padEnd(14), s.text.slice(0, 260));
}
