/**
 * Stage 1, the API controller (upstream: nova/api/openstack/compute/servers.py, create and
 * _process_bdms_for_create; nova/api/openstack/compute/helpers.py translate_attributes):
 * min_count against max_count, the personality items read into injected files, the availability
 * zone split into zone, host and node (nova/compute/api.py parse_availability_zone), then the two
 * mapping syntaxes.
 */
import { STAGE, stageOrder } from '../order';
import { mvMinor } from '../../model/context';
import type { Judging } from './judging';

export const API = stageOrder(STAGE.api, ['BDM-API-MIN-MAX-COUNT', 'BDM-API-PERSONALITY-KEYS', 'BDM-API-AZ-PARSE', 'BDM-API-HOST-AND-FORCED-HOST', 'BDM-API-MIXED-SYNTAX']);

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

/**
 * The controller turns each personality item into a (path, contents) pair by indexing both keys:
 * an item without one raises KeyError, which no handler of create() expects (HTTP 500). The
 * schema takes personality up to 2.56 (2.0 included) and checks that it is a list of objects;
 * it does not require the keys. The first such item is Nova's crash (Nova names none).
 */
export function checkPersonality(j: Judging): void {
  const items = j.sv('personality');
  if (!Array.isArray(items) || items.length === 0 || mvMinor(j.ctx.microversion) > 56) return;
  let refused: Set<number> | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as unknown;
    // anything but an object is the schema's refusal
    if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
    if (Object.prototype.hasOwnProperty.call(item, 'path') && Object.prototype.hasOwnProperty.call(item, 'contents')) continue;
    // an item the schema refused is left out, as an entry is (Nova stops at the schema)
    if ((refused ??= schemaRefusedItems(j)).has(i)) continue;
    const path = ['server', 'personality', i] as const;
    j.push({ code: 'BDM-API-PERSONALITY-KEYS', span: j.doc.locate(path, 'key') ?? j.serverKey(), entry: null, path: `server.personality[${i}]`, order: API.wide('BDM-API-PERSONALITY-KEYS') });
    j.stop = true;
    return;
  }
}

/** the personality items with a schema error at or below them (read only when an item lacks a key) */
function schemaRefusedItems(j: Judging): Set<number> {
  const out = new Set<number>();
  if (j.inp.schemaBad.size === 0) return out;
  const head = 'server.personality[';
  for (const p of j.inp.schemaBad) {
    if (!p.startsWith(head)) continue;
    const end = p.indexOf(']', head.length);
    if (end > head.length) out.add(Number(p.slice(head.length, end)));
  }
  return out;
}

/**
 * The controller splits availability_zone at its colons into zone, forced host and forced node:
 * one colon (`zone:host`), two (`zone:host:node`, or `zone::node`) are read; three or more are
 * Nova's InvalidInput, HTTP 400. Only a string reaches it: anything else is the schema's refusal.
 */
export function checkAvailabilityZone(j: Judging): void {
  if (j.inp.schemaBad.has('server.availability_zone')) return;
  const az = j.sv('availability_zone');
  if (typeof az !== 'string') return;
  let colons = 0;
  for (let i = az.indexOf(':'); i >= 0; i = az.indexOf(':', i + 1)) colons++;
  const path = ['server', 'availability_zone'] as const;
  if (colons < 3) {
    if (colons > 0) checkHostTwice(j, az, colons);
    return;
  }
  j.push({ code: 'BDM-API-AZ-PARSE', span: j.doc.locate(path, 'value') ?? j.doc.locate(path, 'key') ?? j.serverKey(), entry: null, path: 'server.availability_zone', order: API.wide('BDM-API-AZ-PARSE') });
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

/**
 * From 2.74 the controller takes a host asked for with `host` or `hypervisor_hostname`, or with
 * the zone's forced host or node, not both (servers.py _process_hosts_for_create, after the zone
 * is split). The split: one colon is `zone:host`; two are `zone::node` when they stand together,
 * else `zone:host:node`; an empty host or node asks for none. (The caller is taken to hold the
 * admin-only policies both ways need, as for the other rules: without them Nova answers 403 first.)
 */
function checkHostTwice(j: Judging, az: string, colons: number): void {
  if (mvMinor(j.ctx.microversion) < 74 || j.ctx.microversion.trim() === '2.0') return;
  const bad = j.inp.schemaBad;
  if (bad.has('server.host') || bad.has('server.hypervisor_hostname')) return;
  const parts = colons === 2 && az.includes('::') ? ['', ...az.split('::').slice(1)] : az.split(':');
  const forced = parts.slice(1).some((p) => p !== '');
  if (!forced || !(j.sv('host') || j.sv('hypervisor_hostname'))) return;
  const path = ['server', 'availability_zone'] as const;
  j.push({ code: 'BDM-API-HOST-AND-FORCED-HOST', span: j.doc.locate(path, 'value') ?? j.doc.locate(path, 'key') ?? j.serverKey(), entry: null, path: 'server.availability_zone', order: API.wide('BDM-API-HOST-AND-FORCED-HOST') });
  j.stop = true;
}
