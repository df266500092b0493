/**
 * The server's metadata as the compute API reads it, first of the checks create shares with
 * rebuild (upstream: nova/compute/api.py _checks_for_create_and_rebuild ->
 * _check_metadata_properties_quota, after _check_and_transform_bdm and before the flavor checks).
 * From 2.1 the schema has already made every key match the metadata key pattern and every value a
 * string of at most 255 characters, so these checks never refuse anything there. At 2.0 (the
 * legacy /v2 endpoint) Nova's soft additionalProperties check leaves an object whose keys ALL fall
 * outside the pattern untouched and unchecked (nova/api/validation/validators.py
 * _soft_validate_additional_properties), and then the compute API's checks are the only ones:
 * per key, in the object's order, a value that is not a string (400 InvalidMetadata, the value's
 * Python str in the words), an empty key (400), then a key and a value longer than 255 characters
 * (InvalidMetadataSize, which create does not map: HTTP 500).
 */
import { codePointLength } from '../formats.cjs';
import { pathString } from '../finding';
import { schemaAt } from '../schema';
import { FLAVOR } from './flavor';
import type { Judging } from './judging';

let keyPatterns: RegExp[] | undefined;
/** the 2.0 schema's metadata key patterns (compiled with Python's `$`, as the schema compile writes them) */
function patterns(): RegExp[] {
  keyPatterns ??= Object.keys((schemaAt('server', '2.0', ['server', 'metadata'])?.patternProperties as Record<string, unknown> | undefined) ?? {}).map((p) => new RegExp(p, 'u'));
  return keyPatterns;
}

export function checkMetadata(j: Judging): void {
  if (!j.inp.legacyV2) return;
  const md = j.sv('metadata');
  if (md === null || typeof md !== 'object' || Array.isArray(md)) return;
  const keys = Object.keys(md);
  // no keys: Nova returns at once; a key the pattern takes: the schema checked the object (or refused it)
  if (!keys.length || keys.some((k) => patterns().some((p) => p.test(k)))) return;
  const values = md as Record<string, unknown>;
  for (const k of keys) {
    const v = values[k];
    const at = ['server', 'metadata', k];
    const path = pathString(at);
    const place = (part: 'key' | 'value') => j.doc.locate(at, part) ?? j.doc.locate(['server', 'metadata'], 'key') ?? j.serverKey();
    if (typeof v !== 'string') {
      const value = j.doc.pyStr(at);
      j.push({ code: 'BDM-COMPUTE-METADATA-NOT-STRING', span: place('value'), entry: null, path, args: { key: k, value }, order: FLAVOR.wide('BDM-COMPUTE-METADATA-NOT-STRING') });
      return;
    }
    if (k === '') {
      j.push({ code: 'BDM-COMPUTE-METADATA-EMPTY-KEY', span: place('key'), entry: null, path, order: FLAVOR.wide('BDM-COMPUTE-METADATA-EMPTY-KEY') });
      return;
    }
    const longKey = codePointLength(k) > 255;
    if (longKey || codePointLength(v) > 255) {
      j.push({ code: 'BDM-COMPUTE-METADATA-SIZE', span: place(longKey ? 'key' : 'value'), entry: null, path, args: { what: longKey ? 'key' : 'value' }, order: FLAVOR.wide('BDM-COMPUTE-METADATA-SIZE') });
      return;
    }
  }
}
