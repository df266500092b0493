/** Prints the boot-from-volume timeline of the iSCSI lab host whose cinder-api fails os-complete (attachment_complete_error), Nova 33.0.0: `node --import tsx scripts/probe-boot-complete-error.ts`. */
import { simulateBoot } from '../server/src/attach/flows/boot';
import { hashes, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';
const l = lab('iscsi', (raw) => { raw.profile = 'modern'; raw.host.nova_release = '33.0.0'; });
l.volumes.find((v) => v.id === ISCSI_VOL)!.attachment_complete_error = 'db gone';
const r = simulateBoot(l, [{ entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: false, volume_type: null, tag: null }], { instanceUuid: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a01', hashes });
for (const s of r.steps) console.log(s.at, s.actor, s.status, s.text.slice(0, 200));
console.log(JSON.stringify(r.volumes), r.fault);
