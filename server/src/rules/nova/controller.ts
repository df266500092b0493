/**
 * Stage 1, the API controller (upstream: nova/api/openstack/compute/servers.py, create and
 * _process_bdms_for_create): min_count against max_count, then the two mapping syntaxes.
 */
import { STAGE, stageOrder } from '../order';
import type { Judging } from './judging';

export const API = stageOrder(STAGE.api, ['BDM-API-MIN-MAX-COUNT', 'BDM-API-MIXED-SYNTAX']);

/** min_count <= max_count (a refusal: Nova stops). */
export function checkCounts(j: Judging): void {
  const bad = j.inp.schemaBad;
  if (bad.has('server.min_count') || bad.has('server.max_count')) return;
  const { minC, maxC } = j.minMax();
  if (minC <= maxC) return;
  const p = j.doc.locate(['server', 'min_count'], 'key') ?? j.doc.locate(['server', 'max_count'], 'key');
  j.push({ code: 'BDM-API-MIN-MAX-COUNT', span: p ?? { offset: 0, length: 1 }, entry: null, path: 'server.min_count', order: API.wide('BDM-API-MIN-MAX-COUNT') });
  j.stop = true;
}

/** Both syntaxes non-empty: Nova refuses the request here, and nothing after is judged (false). */
export function checkSyntaxes(j: Judging): boolean {
  if (!(j.inp.v1.length > 0 && j.inp.v2.length > 0)) return true;
  const doc = j.doc;
  j.push({
    code: 'BDM-API-MIXED-SYNTAX', span: doc.locate(['server', 'block_device_mapping'], 'key') ?? { offset: 0, length: 1 }, entry: null, path: 'server.block_device_mapping', order: API.wide('BDM-API-MIXED-SYNTAX'),
    related: [{ span: doc.locate(['server', 'block_device_mapping_v2'], 'key')!, message: 'block_device_mapping_v2 is also non-empty' }],
  });
  return false;
}
