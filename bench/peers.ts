/**
 * The peers of `npm run bench`, outside the domain: processes timed by CPU (the bench process's
 * children's user+system time from /proc/self/stat, so a busy neighbour's share is not counted),
 * the JSON service run as a process, least-squares growth exponents. Measurement only.
 */
import { spawnSync, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { collect } from '../test/unit/growth';

const TICK_MS = (() => {
  try { return 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()); } catch { return 10; }
})();

/** CPU time (ms) of the waited-for children of this process so far (cutime + cstime). */
function childrenCpuMs(): number {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) * TICK_MS;
}

export const HAVE_PROC = existsSync('/proc/self/stat');
const TIME_BIN = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** minorFaults: pages the process touched for the first time (its minor page faults, from time(1)) */
export interface ProcessRun { cpuMs: number; peakKb: number | null; minorFaults: number | null; status: number | null }

/** Runs a program to its end (execFile semantics: no shell) and returns its CPU time and peak RSS. */
export function runProcess(cmd: string, args: string[], input?: string): ProcessRun {
  const before = childrenCpuMs();
  const r = TIME_BIN
    ? spawnSync(TIME_BIN, ['-f', 'BENCH-PEAK %M %R', cmd, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  const cpuMs = childrenCpuMs() - before;
  const peak = TIME_BIN ? /BENCH-PEAK (\d+) (\d+)/.exec(r.stderr ?? '') : null;
  if (r.error) throw r.error;
  return { cpuMs, peakKb: peak ? Number(peak[1]) : null, minorFaults: peak ? Number(peak[2]) : null, status: r.status };
}

export function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) if (dir && existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
  return null;
}

/** CPU time (ms) a running process has used, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

/**
 * CPU time (ns) each thread of a running process has used so far, by thread id, from
 * /proc/<pid>/task/<tid>/schedstat (nanoseconds, where /proc/<pid>/stat counts clock ticks of 10
 * ms); null where the kernel does not give it.
 */
export function threadsCpuNs(pid: number): Map<string, number> | null {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        out.set(tid, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    return null;
  }
  return out.size ? out : null;
}

/** CPU (ms) the threads used between two samples (a thread that ended between them is not counted). */
export function threadsCpuBetweenMs(a: Map<string, number>, b: Map<string, number>): number {
  let ns = 0;
  for (const [tid, t] of b) ns += t - (a.get(tid) ?? 0);
  return ns / 1e6;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Least-squares slope of log(time) over log(size): 1 is linear. */
export function growthExponent(points: Array<[number, number]>): number | null {
  const pts = points.filter(([n, t]) => n > 0 && t > 0).map(([n, t]) => [Math.log(n), Math.log(t)] as const);
  if (pts.length < 2) return null;
  const mx = pts.reduce((a, [x]) => a + x, 0) / pts.length;
  const my = pts.reduce((a, [, y]) => a + y, 0) / pts.length;
  let num = 0;
  let den = 0;
  for (const [x, y] of pts) { num += (x - mx) * (y - my); den += (x - mx) ** 2; }
  return den === 0 ? null : num / den;
}

/**
 * A script that validates a JSON file with vscode-json-languageservice against a schema file,
 * schema only, as VS Code's JSON language service does: the JSON service as a process.
 */
export function jsonServiceScript(root: string): string {
  return `'use strict';
const { createRequire } = require('node:module');
const { readFileSync } = require('node:fs');
const req = createRequire(${JSON.stringify(root + '/package.json')});
const { getLanguageService, TextDocument } = req('vscode-json-languageservice');
const [schemaFile, file] = process.argv.slice(2);
const ls = getLanguageService({});
ls.configure({ validate: true, allowComments: false, schemas: [{ uri: 'bdm://schema.json', fileMatch: ['*'], schema: JSON.parse(readFileSync(schemaFile, 'utf8')) }] });
const doc = TextDocument.create('file:///' + file, 'json', 1, readFileSync(file, 'utf8'));
ls.doValidation(doc, ls.parseJSONDocument(doc)).then((d) => { process.stdout.write(String(d.length) + '\\n'); });
`;
}

/**
 * A full collection of this process's heap (the growth tests' own, test/unit/growth.ts): run
 * before each row, so that a row is not timed while an earlier row's garbage (the 100 000-entry
 * bodies' hundreds of MB) is collected; both peers start each row from the same clean heap.
 */
export { collect as fullCollection };

/**
 * A collection of this process's young generation alone, before each request timed against the
 * language server: a scavenge of the measuring process then does not land inside the request.
 * Not a full collection there: after one, the collector goes on sweeping this process's large
 * old generation on its helper threads, beside the server on a two-core machine, while the
 * request runs (measured with the same server and requests: every round trip about 1 ms longer
 * after a full collection than after a young one, and the same after a young one as after none).
 */
export function youngCollection(): void {
  (collect as (options?: { type: 'minor' }) => void)({ type: 'minor' });
}
