/**
 * libvirt's own schema check on save (trusted workspaces, XML documents, unless
 * bdmLab.libvirtSchemaCheck is false): its verdict joins the document's diagnostics. The
 * schema runs in this process (host/relaxng.ts); xmllint is the fallback where it cannot.
 */
import type { Connection } from 'vscode-languageserver/node';
import { languageOf } from '../../document';
import { runLibvirtSchemaCheck, schemaUpstream, SCHEMA_DIRS } from '../../libvirtxml';
import { sharedRelaxNg } from '../../host';
import { Cancelled } from '../documentWorker';
import { toDiagnostic } from '../convert';
import type { ValidationScheduler } from '../scheduler';
import type { Services } from '../services';

export function register(connection: Connection, services: Services, scheduler: ValidationScheduler): void {
  services.documents.onDidSave(async (e) => {
    const doc = e.document;
    const settings = await services.settingsFor(doc.uri);
    if (settings.raw.libvirtSchemaCheck === false || !services.trusted) return;
    if (languageOf(doc.languageId, doc.getText()) !== 'xml') return; // a large JSON body is not judged here
    try {
      if (!(await services.ask(doc, 'schemaCheckWanted', {}))) return;
      // libvirt's schema in this process (WebAssembly libxml2); xmllint only when that cannot load
      const r = await runLibvirtSchemaCheck(doc.getText(), { ...services.host, relaxng: sharedRelaxNg(SCHEMA_DIRS) });
      if (!r.available) return;
      services.schemaChecks.set(doc.uri, {
        version: doc.version,
        diagnostics: r.problems.map((p) => toDiagnostic(doc, { code: p.id, severity: p.severity, message: p.message, novaMessage: p.message, explanation: '', span: p.span, entry: null, path: '', novaStatus: null, upstream: schemaUpstream(r.engine), related: [] })),
      });
      scheduler.schedule(doc, 0);
    } catch (err) {
      if (err instanceof Cancelled) return;
      connection.console.error(`bdm-lab: libvirt schema check failed: ${(err as Error)?.message ?? err}`);
    }
  });
}
