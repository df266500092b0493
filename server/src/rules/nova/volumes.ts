/**
 * Stage 6, the volumes (upstream: nova/compute/api.py _get_volumes_for_bdms): with a lab host,
 * every volume id must be in Cinder; the first missing one ends the stage.
 */
import { STAGE, stageOrder } from '../order';
import type { Judging } from './judging';
import { inventoryIndex } from '../../model/inventory';

export const VOLUMES = stageOrder(STAGE.volumes, [{ each: [['BDM-COMPUTE-VOLUME-EXISTS']] }]);

export function checkVolumesExist(j: Judging): void {
  const inv = j.inp.inventory;
  if (!inv) return;
  // A root volume the image-metadata stage already found missing is that one answer: Nova's
  // _get_bdm_image_metadata refuses before this stage runs, so the same id is not said twice.
  const said = new Set(j.findings.filter((f) => f.code === 'BDM-COMPUTE-ROOT-VOLUME-EXISTS').map((f) => String(f.args?.id)));
  for (const w of j.all) {
    const vid = w.d.volume_id;
    if (w.failed || vid === undefined || vid === null || inventoryIndex(inv).volumes.has(vid) || said.has(String(vid))) continue;
    const { span, path } = j.where(w, 'uuid');
    j.push({ code: 'BDM-COMPUTE-VOLUME-EXISTS', span, entry: w.entry, path: w.model ? path : '', args: { id: String(vid), src: inv.source }, order: VOLUMES.each('BDM-COMPUTE-VOLUME-EXISTS', w.entry ?? 0) });
    j.stop = true;
    break;
  }
}
