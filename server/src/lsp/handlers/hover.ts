/** Hover: the rule, field or disk under the cursor (features/hover.ts via features/requests.ts). */
import type { Connection, Hover } from 'vscode-languageserver/node';
import { toRange } from '../convert';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onHover((params) => services.runSafe(async (): Promise<Hover | null> => {
    const doc = services.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const h = await services.ask(doc, 'hover', { offset: doc.offsetAt(params.position) });
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) } : null;
  }, null, 'hover'));
}
