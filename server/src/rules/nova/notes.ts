/**
 * The notes a server-create judgement adds (after Nova's checks, in the notes stage of
 * rules/order.ts): the flavor is unknown, the flavor's disks Nova adds, and accepted entries that
 * no driver class takes (upstream: nova/virt/block_device.py, nova/compute/api.py
 * _get_flavor_defined_bdms).
 */
import { fieldPath } from '../../source/places';
import { truthy } from '../novaValues';
import { entryNoteOrder, requestNoteOrder } from '../order';
import { driverClassOfWorking, toNovaBdm, type Judging } from './judging';

export function requestNotes(j: Judging): void {
  const flavor = j.ctx.flavor;
  if (!flavor && j.hasBdms) {
    const fr = j.doc.locate(['server', 'flavorRef'], 'key');
    j.push({ code: 'BDM-CONTEXT-FLAVOR-UNKNOWN', span: fr ?? j.listKey(), entry: null, path: fr ? 'server.flavorRef' : '', order: requestNoteOrder('BDM-CONTEXT-FLAVOR-UNKNOWN') });
  }
  if (flavor) {
    for (const w of j.all.filter((x) => x.implicit)) {
      j.push({ code: 'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS', span: j.listKey(), entry: null, path: '', args: { what: w.implicit === 'flavor-swap' ? `swap disk of ${w.d.volume_size} MiB` : `ephemeral disk of ${w.d.volume_size} GiB` }, order: requestNoteOrder('BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS') });
    }
  }
}

/** Accepted entries that become no disk. */
export function noClassNotes(j: Judging): void {
  // (an index loop: a check runs mostly on V8's interpreter, where a for-of makes a result object per item)
  const all = j.all;
  for (let i = 0; i < all.length; i++) {
    const w = all[i];
    if (!w.model || w.failed || truthy(w.d.no_device)) continue;
    // the class is read from the dict: the NovaBdm is built only for the note's words
    if (driverClassOfWorking(w) !== null) continue;
    const nb = toNovaBdm(w);
    const why = nb.destination_type === null
      ? 'destination_type is missing, so no driver class takes the entry. Add "destination_type": "volume" (or "local" for blank/image root).'
      : `${nb.source_type}→${nb.destination_type} is not a combination any driver class handles (only image/blank may be local). It still counts as a local device. Use "destination_type": "volume".`;
    j.push({ code: 'BDM-VIRT-NO-CLASS', span: j.at(w.model, 'destination_type'), entry: w.entry, path: fieldPath(w.model), args: { why }, order: entryNoteOrder('BDM-VIRT-NO-CLASS', w.entry ?? 0) });
  }
}
