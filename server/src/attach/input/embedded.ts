/**
 * The lab hosts shipped with bdm-lab (labhosts/*.labhost.json), imported so esbuild bundles
 * them: Simulate Attach works with no set-up. `--lab NAME` picks one by name.
 */
import defaultHost from '../../../../labhosts/default.labhost.json';
import fc from '../../../../labhosts/fc.labhost.json';
import iscsiMultipath from '../../../../labhosts/iscsi-multipath.labhost.json';
import iscsi from '../../../../labhosts/iscsi.labhost.json';
import newtonEmc from '../../../../labhosts/newton-emc-multipath.labhost.json';
import nfs from '../../../../labhosts/nfs.labhost.json';
import rbd from '../../../../labhosts/rbd.labhost.json';

/** name -> the file's JSON text (loadLabHost validates it like any user file) */
export const EMBEDDED_LAB_HOSTS: Readonly<Record<string, string>> = {
  default: JSON.stringify(defaultHost),
  iscsi: JSON.stringify(iscsi),
  'iscsi-multipath': JSON.stringify(iscsiMultipath),
  fc: JSON.stringify(fc),
  rbd: JSON.stringify(rbd),
  nfs: JSON.stringify(nfs),
  'newton-emc-multipath': JSON.stringify(newtonEmc),
};

export const DEFAULT_LAB_HOST = 'default';

export function embeddedLabHostNames(): string[] {
  return Object.keys(EMBEDDED_LAB_HOSTS);
}
