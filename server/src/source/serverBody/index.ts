/** A server-create body (POST /servers) as JSON: the document is the body, its paths are the body's. */
import type { Node } from 'jsonc-parser';
import { JsonDoc } from '../json/doc';
import { toValue } from '../../parse/json';
import type { BodyPath } from '../doc';

/** An object's own field (undefined for anything but a plain object, as JsonDoc.valueAt reads it). */
function field(v: unknown, key: string): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, key) ? (v as Record<string, unknown>)[key] : undefined;
}

export function serverBodySource(text: string, root: Node): JsonDoc {
  const body = toValue(root);
  const ir = field(field(body, 'server'), 'imageRef');
  return new JsonDoc({
    kind: 'server',
    api: 'server',
    text,
    root,
    body,
    imageRef: typeof ir === 'string' && ir !== '' ? ir : null,
    lists: LISTS,
  });
}

/** Where a server body lists its entries (one constant: a document is made per keystroke). */
const LISTS: Array<{ path: BodyPath; syntax: 'v2' | 'v1' }> = [
  { path: ['server', 'block_device_mapping_v2'], syntax: 'v2' },
  { path: ['server', 'block_device_mapping'], syntax: 'v1' },
];
