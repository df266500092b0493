/** Prints the hot-attach rollback lines (the second attachment DELETE) of a dead-portal attach per Nova release. */
import { attach, ISCSI_VOL, lab } from '../test/fixtures/attach/helpers';
for (const rel of process.argv.slice(2)) {
  const l = lab('iscsi', (raw) => {
    raw.backends.lvm.portals[0].reachable = false;
    raw.backends.lvm.portals[0].refuses = true;
    raw.profile = Number(rel.split('.')[0]) >= 31 ? 'modern' : 'queens_to_2024_2';
    raw.host.nova_release = rel;
  });
  const r = attach(l, ISCSI_VOL);
  console.log('=====', rel, r.outcome, r.error, r.statusSequence.join('>'));
  const from = r.steps.findIndex((s) => /Driver failed to attach/.test(s.text));
  for (const s of r.steps.slice(from)) console.log(s.actor.padEnd(14), s.text.slice(0, 220));
}
