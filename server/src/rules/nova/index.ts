/**
 * A server-create request after the schema (spec §1 S2-S9), one module per Nova stage, run here
 * in Nova's order. Nova stops at its first error; bdm-lab keeps going where the result stays
 * meaningful and tags every finding with its place in Nova's order (each stage module lists its
 * rows in that order), so the first finding is Nova's answer. Entries that failed an earlier
 * stage are left out of the later per-entry checks, and request-wide checks run only when every
 * entry got that far.
 */
import { checkAvailabilityZone, checkCounts, checkPersonality, checkSyntaxes } from './controller';
import { fromApi } from './blockDeviceDict';
import { checkImage, checkTrustedCerts } from './imageRef';
import { checkNetworks } from './networks';
import { checkFlavorImage, checkEncryptedImage, checkImageMetadata, checkImageMinDisk, checkImageMinRam } from './imageMeta';
import { addFlavorDisks, checkDeviceTypes, checkRootDeviceName, checkSharedVolumes } from './computeApi';
import { convertLegacy } from './legacy';
import { checkFlavor } from './flavor';
import { checkMetadata } from './metadata';
import { checkVolumesExist } from './volumes';
import { validateBdm } from './validateBdm';
import { noClassNotes, requestNotes } from './notes';
import { Judging, type ServerInput, type ServerJudgement } from './judging';

export { toNovaBdm, driverClassOfWorking, noteFieldsOf, schemaBadEntries, SchemaBadPaths, type PathSet, type WorkingBdm, type ServerJudgement, type ServerInput, type SchemaBadEntries } from './judging';

/** Codes of this judgement that are not Nova's refusals. */
const NOT_REFUSALS = new Set(['BDM-DICT-NO-DEVICE-SKIP', 'BDM-CONTEXT-FLAVOR-UNKNOWN', 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS', 'BDM-VIRT-NO-CLASS']);

export function judgeServer(inp: ServerInput): ServerJudgement {
  const j = new Judging(inp);
  const refused = { findings: j.findings, bdms: null, perEntry: j.perEntry };
  checkCounts(j);
  checkPersonality(j);
  checkAvailabilityZone(j);
  if (!checkSyntaxes(j)) return refused;
  const server = j.doc.valueAt(['server']);
  if (!server || typeof server !== 'object' || Array.isArray(server)) return refused;
  fromApi(j);
  const stopped = j.stop;
  checkImage(j);
  const imageStopped = j.stop;
  checkNetworks(j);
  // Nova refuses the certificates after the networks and before the image lookups
  if (!stopped && j.stop === imageStopped) checkTrustedCerts(j);
  checkImageMetadata(j);
  checkRootDeviceName(j);
  j.all = j.wide;
  convertLegacy(j);
  checkSharedVolumes(j);
  addFlavorDisks(j);
  checkDeviceTypes(j);
  checkMetadata(j);
  checkEncryptedImage(j);
  checkImageMinRam(j);
  checkFlavor(j);
  checkImageMinDisk(j);
  checkFlavorImage(j);
  checkVolumesExist(j);
  validateBdm(j);
  requestNotes(j);
  noClassNotes(j);
  const hasError = j.findings.some((f) => !NOT_REFUSALS.has(f.code) && f.order[0] < 9);
  return { findings: j.findings, bdms: j.stop || hasError ? null : j.all, perEntry: j.perEntry };
}
