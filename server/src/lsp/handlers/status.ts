/** bdmLab/status: the context a document is judged with, for the client's status item. */
import type { Connection } from 'vscode-languageserver/node';
import { StatusRequest, type StatusResult } from '../../protocol';
import type { Services } from '../services';

export function register(connection: Connection, services: Services): void {
  connection.onRequest(StatusRequest, (params) => services.runSafe(async (): Promise<StatusResult | null> => {
    const doc = services.documents.get(params.uri);
    if (!doc) return null;
    const inputs = await services.inputsOf(doc);
    const kind = await services.ask(doc, 'kind', {}, inputs);
    const lab = inputs.labOf();
    const sent = kind ? await services.ask(doc, 'sends', {}, inputs) : [];
    return {
      kind,
      microversion: inputs.resolved.context.microversion,
      sources: inputs.resolved.sources,
      contextFile: inputs.perFile.file ?? inputs.found?.file ?? null,
      contextRules: inputs.perFile.rules,
      contextProblem: inputs.contextProblem,
      settingsProblems: inputs.settingsProblems,
      flavor: inputs.resolved.context.flavor,
      labHost: lab.name + (lab.problem ? ' (invalid)' : ''),
      ...(sent.length ? { sent } : {}),
    };
  }, null, 'status'));
}
