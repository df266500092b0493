/** A server-create body (POST /servers) as JSON: the document is the body, its paths are the body's. */
import type { Node } from 'jsonc-parser';
import { JsonDoc } from '../json/doc';

export function serverBodySource(text: string, root: Node): JsonDoc {
  const doc: JsonDoc = new JsonDoc({
    kind: 'server',
    api: 'server',
    text,
    root,
    lists: [
      { path: ['server', 'block_device_mapping_v2'], syntax: 'v2' },
      { path: ['server', 'block_device_mapping'], syntax: 'v1' },
    ],
  });
  const server = doc.valueAt(['server']);
  const ir = server && typeof server === 'object' ? doc.valueAt(['server', 'imageRef']) : undefined;
  Object.defineProperty(doc, 'imageRef', { value: typeof ir === 'string' && ir !== '' ? ir : null });
  return doc;
}
