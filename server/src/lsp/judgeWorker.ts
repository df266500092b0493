/**
 * The worker thread that judges large documents (dist/worker.js): the same analyzeDocument as
 * the server, off the server's thread, so hover, completion and typing in other documents stay
 * answered while a multi-megabyte body is judged. It returns only the diagnostics to publish,
 * as plain data (capped), never the analysis itself.
 */
import { parentPort } from 'node:worker_threads';
import { analyzeDocument, capDiagnostics, type DocumentLanguage } from '../document';
import type { Context } from '../model/context';
import type { Inventory } from '../model/inventory';
import type { AnalysisDiagnostic } from '../analyze';

export interface JudgeJob {
  text: string;
  language: DocumentLanguage;
  context: Context;
  opts: { forced?: boolean; allowComments?: boolean; inventory?: Inventory };
  maxDiagnostics: number;
}

export type JudgeReply = { ok: true; diagnostics: AnalysisDiagnostic[] } | { ok: false; error: string };

export function judge(job: JudgeJob): JudgeReply {
  const a = analyzeDocument(job.text, job.language, job.context, job.opts);
  // lazy spans and messages become plain values here (toJSON), only for what is published
  const diagnostics = JSON.parse(JSON.stringify(capDiagnostics(a.diagnostics, job.maxDiagnostics))) as AnalysisDiagnostic[];
  return { ok: true, diagnostics };
}

parentPort?.on('message', (job: JudgeJob) => {
  let reply: JudgeReply;
  try {
    reply = judge(job);
  } catch (e) {
    reply = { ok: false, error: (e as Error)?.stack ?? String(e) };
  }
  parentPort!.postMessage(reply);
});
