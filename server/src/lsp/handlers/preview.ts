/** bdmLab/previewDisks: the guest's disks as libvirt XML and JSON. */
import type { Connection } from 'vscode-languageserver/node';
import { PreviewRequest, type PreviewResult } from '../../protocol';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onRequest(PreviewRequest, (params) => services.runSafe(async (): Promise<PreviewResult | null> => {
    const doc = services.documents.get(params.uri);
    if (!doc) return null;
    return services.ask(doc, 'preview', {});
  }, null, 'preview'));
}
