/** bdmLab/labHosts: the embedded lab hosts and the one a document's settings name (trust rules: lsp/labHosts.ts). */
import type { Connection } from 'vscode-languageserver/node';
import { embeddedLabHostNames } from '../../attach';
import { LabHostsRequest, type LabHostsResult } from '../../protocol';
import { resolveLabHost } from '../labHosts';
import { DEFAULT_SETTINGS, type Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onRequest(LabHostsRequest, async (params): Promise<LabHostsResult> => {
    const settings = params?.uri ? await services.settingsFor(params.uri) : DEFAULT_SETTINGS;
    const lab = resolveLabHost(settings.raw.labHost, params?.uri ? services.folderOf(params.uri) : null, services.labPolicy(settings));
    return {
      embedded: embeddedLabHostNames(),
      trusted: services.trusted,
      current: lab.name,
      problem: lab.problem,
      instances: lab.labHost?.instances.map((i) => ({ uuid: i.uuid, name: i.name, vm_state: i.vm_state })) ?? [],
      volumes: lab.labHost?.volumes.map((v) => ({ id: v.id, name: v.name, size: v.size, status: v.status, multiattach: v.multiattach })) ?? [],
    };
  });
}
