/**
 * V8 flags set while the process runs (node:v8's setFlagsFromString). node:v8 is loaded on the
 * first flag set, not at start: loading it costs about 4 ms of CPU (it brings Node's heap-snapshot
 * streams along), a tenth of what a small `bdm-lab check` spends above a bare node. Where Node has
 * no process.getBuiltinModule (before 20.16) no flag is set: each is a tuning, never needed for a
 * right answer.
 */
type V8Flags = { setFlagsFromString(flags: string): void };

let v8: V8Flags | null | undefined;

export function setEngineFlag(flag: string): void {
  v8 ??= (process.getBuiltinModule?.('node:v8') as V8Flags | undefined) ?? null;
  v8?.setFlagsFromString(flag);
}
