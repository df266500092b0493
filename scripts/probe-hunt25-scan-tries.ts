/** Prints the scan-tries lines of an attach whose LUN never shows, per Nova release and per lab-host option ([libvirt]num_volume_scan_tries / num_iscsi_scan_tries). */
import { attach, lab } from '../test/fixtures/attach/helpers';
const NEVER = '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a02';
const profileOf = (rel: string): string => {
  const major = Number(rel.split('.')[0]);
  return major >= 2014 || major <= 11 ? 'kilo_prefix' : major <= 16 ? 'ocata_legacy' : major <= 30 ? 'queens_to_2024_2' : 'modern';
};
const [rel, conf] = [process.argv[2]!, JSON.parse(process.argv[3] ?? '{}')];
const l = lab('iscsi', (raw) => { raw.profile = profileOf(rel); raw.host.nova_release = rel; raw.host.nova_conf = { libvirt: conf }; });
const r = attach(l, NEVER);
console.log('=====', rel, JSON.stringify(conf), r.outcome, r.error);
for (const s of r.steps) if (/scan_tries|deprecated|rescan|Try number|scan:/i.test(s.text)) console.log(s.actor.padEnd(14), s.status, s.text.slice(0, 200));
