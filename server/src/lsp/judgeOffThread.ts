/**
 * Judging large documents off the server's thread: one worker per document being judged, ended
 * when a newer version of that document arrives (its answer would be stale anyway) or when the
 * document closes. Small documents are judged in place: a worker's start costs more than them.
 */
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JudgeJob, JudgeReply } from './judgeWorker';

/** documents longer than this (characters) are judged in a worker */
export const WORKER_MIN_CHARS = 200_000;

export class Cancelled extends Error {}

export class OffThreadJudge {
  private readonly running = new Map<string, { worker: Worker; reject: (e: Error) => void }>();

  constructor(private readonly script = join(__dirname, 'worker.js')) {}

  /** false when the bundle has no worker script (e.g. the domain run from sources) */
  get available(): boolean {
    return existsSync(this.script);
  }

  judge(uri: string, job: JudgeJob): Promise<JudgeReply> {
    this.cancel(uri);
    return new Promise<JudgeReply>((resolve, reject) => {
      const worker = new Worker(this.script);
      const done = () => {
        if (this.running.get(uri)?.worker === worker) this.running.delete(uri);
        void worker.terminate();
      };
      this.running.set(uri, { worker, reject });
      worker.once('message', (r: JudgeReply) => { done(); resolve(r); });
      worker.once('error', (e) => { done(); reject(e); });
      worker.once('exit', (code) => { done(); reject(new Cancelled(`judge worker exited (${code})`)); });
      worker.postMessage(job);
    });
  }

  /** a newer version or a close: the running judgement of this document is dropped */
  cancel(uri: string): void {
    const r = this.running.get(uri);
    if (!r) return;
    this.running.delete(uri);
    r.reject(new Cancelled('superseded'));
    void r.worker.terminate();
  }
}
