/** A volumeAttachment body (POST /servers/{id}/os-volume_attachments) as JSON: the document is the body. */
import type { Node } from 'jsonc-parser';
import { JsonDoc } from '../json/doc';

export function attachBodySource(text: string, root: Node): JsonDoc {
  return new JsonDoc({ kind: 'attach', api: 'attach', text, root });
}
