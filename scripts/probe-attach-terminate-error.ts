/** Prints the hot attach (`fail`: libvirt refuses the disk) or attach-then-detach (`detach`) timeline of the iSCSI lab host whose driver fails in terminate_connection: `node --import tsx scripts/probe-attach-terminate-error.ts <profile> <nova_release|-> <fail|detach>`. */
import { attach, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';
const [profile, release, mode] = process.argv.slice(2);
const l = lab('iscsi', (raw) => {
  raw.backends.lvm.terminate_connection_error = 'Unable to unmap LUN 1 from host compute-1: the array session expired';
  raw.profile = profile;
  if (release !== '-') raw.host.nova_release = release;
  if (mode === 'fail') raw.instances[0].attach_device_error = 'internal error: unable to execute QEMU command device_add';
});
const r = attach(l, ISCSI_VOL, mode === 'detach' ? { race: { afterInUseS: 1 } } : {});
for (const s of r.steps) console.log(s.at, s.actor, s.status, s.text.slice(0, 260));
console.log(JSON.stringify({ outcome: r.outcome, vs: r.volumeStatus, err: r.error, detach: r.detach }, null, 0));
