/** Prints the hot attach timeline of the iSCSI lab host whose cinder-api fails os-complete (`attachment_complete_error`): `node --import tsx scripts/probe-attach-complete-error.ts <profile> <nova_release|-> [terminate] [refuse-detach]`. */
import { attach, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';
const [profile, release, ...flags] = process.argv.slice(2);
const l = lab('iscsi', (raw) => {
  raw.profile = profile;
  if (release !== '-') raw.host.nova_release = release;
  if (flags.includes('terminate')) raw.backends.lvm.terminate_connection_error = 'Unable to unmap LUN 1 from host compute-1: the array session expired';
  if (flags.includes('refuse-detach')) raw.instances[0].guest_detach_release = 'never';
});
// the compiled lab-host validator learns attachment_complete_error at the next build: set on the loaded lab host
l.volumes.find((v) => v.id === ISCSI_VOL)!.attachment_complete_error = '(pymysql.err.OperationalError) (2006, MySQL server has gone away)';
const r = attach(l, ISCSI_VOL);
for (const s of r.steps) console.log(s.at, s.actor, s.status, s.text.slice(0, 260));
console.log(JSON.stringify({ outcome: r.outcome, vs: r.volumeStatus, err: r.error, bdm: r.bdm }, null, 0));
