/**
 * nova-api's step A1 for a volumeAttachment body: the JSON schema of the microversion in
 * force (nova-bdm-rules.md 11.2/11.3), with Nova's message wording. Only what the engine
 * needs to refuse a body; the full rule catalogue lives in the rules engine.
 */
import { SimError } from '../engine/run';
import { pyRepr } from '../../parse/pyrepr';
// volumeId is parameter_types.volume_id, format `uuid`: the same checker as a BDM's volume_id.
import { uuid as isUuidLike } from '../../rules/formats.cjs';

export const DEVICE_PATTERN = '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$';
const DEVICE_RE = new RegExp(DEVICE_PATTERN);
const BOOL_STRINGS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', '1', '0', 'yes', 'Yes', 'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 't', 'f', 'T', 'F', 'y', 'n', 'Y', 'N']);


function invalid(field: string, value: unknown, detail: string): SimError {
  const shown = typeof value === 'string' ? value : pyRepr(value);
  return new SimError(`Invalid input for field/attribute ${field}. Value: ${shown}. ${detail}`, 400, 'ValidationError');
}

/** Validates and returns the volumeAttachment object (keys stripped at 2.0, like Nova). */
export function validateAttachBody(body: unknown, minor: number, legacyV2: boolean): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new SimError(`${pyRepr(body)} is not of type 'object'`, 400, 'ValidationError');
  const top = body as Record<string, unknown>;
  if (!('volumeAttachment' in top)) throw new SimError("'volumeAttachment' is a required property", 400, 'ValidationError');
  const extraTop = Object.keys(top).filter((k) => k !== 'volumeAttachment');
  if (extraTop.length && !legacyV2) throw new SimError(`Additional properties are not allowed (${extraTop.map((k) => `'${k}'`).join(', ')} ${extraTop.length > 1 ? 'were' : 'was'} unexpected)`, 400, 'ValidationError');
  const va = top.volumeAttachment;
  if (va === null || typeof va !== 'object' || Array.isArray(va)) throw invalid('volumeAttachment', va, `${pyRepr(va)} is not of type 'object'`);
  const allowed = ['volumeId', 'device', ...(minor >= 49 && !legacyV2 ? ['tag'] : []), ...(minor >= 79 && !legacyV2 ? ['delete_on_termination'] : [])];
  let o = va as Record<string, unknown>;
  if (legacyV2 && Object.keys(o).some((k) => allowed.includes(k))) o = Object.fromEntries(Object.entries(o).filter(([k]) => allowed.includes(k)));
  if ('volumeId' in o) {
    const v = o.volumeId;
    if (typeof v !== 'string') throw invalid('volumeId', v, `${pyRepr(v)} is not of type 'string'`);
    if (!isUuidLike(v)) throw invalid('volumeId', v, `'${v}' is not a 'uuid'`);
  }
  if ('device' in o && o.device !== null) {
    const d = o.device;
    if (typeof d !== 'string') throw invalid('device', d, `${pyRepr(d)} is not of type 'string', 'null'`);
    if (!DEVICE_RE.test(d)) throw invalid('device', d, `'${d}' does not match '${DEVICE_PATTERN}'`);
  }
  if ('tag' in o && allowed.includes('tag')) {
    const t = o.tag;
    if (typeof t !== 'string' || t.length < 1 || t.length > 60 || /[,/]/.test(t)) throw invalid('tag', t, `${pyRepr(t)} is not a valid tag (1-60 characters, no ',' or '/')`);
  }
  if ('delete_on_termination' in o && allowed.includes('delete_on_termination')) {
    const x = o.delete_on_termination;
    if (typeof x !== 'boolean' && !(typeof x === 'string' && BOOL_STRINGS.has(x))) throw invalid('delete_on_termination', x, `${pyRepr(x)} is not one of the boolean values`);
  }
  if (!('volumeId' in o)) throw invalid('volumeAttachment', o, "'volumeId' is a required property");
  const extra = Object.keys(o).filter((k) => !allowed.includes(k));
  if (extra.length) throw invalid('volumeAttachment', o, `Additional properties are not allowed (${extra.map((k) => `'${k}'`).join(', ')} ${extra.length > 1 ? 'were' : 'was'} unexpected)`);
  return o;
}
