/**
 * Hunt 33's labeller: each script run by dash 0.5.12 itself (`env -i dash FILE`, an empty working
 * directory of its own, a time limit), with a fake `openstack` first on PATH that logs the words
 * it gets; the label is the `openstack` runs in order, dash's exit status and its standard error.
 * Usage: node --import tsx scripts/osc-hunt33-label.ts CASES.json OUT.json
 * OUT.json: {id: {"runs": [[word…]…], "rc": n|null, "stderr": s}}
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; script: string }>;
const root = mkdtempSync(join(tmpdir(), 'osc-hunt33-'));
const bin = join(root, 'bin');
mkdirSync(bin);
const log = join(root, 'log');
// (each word ends with \037, each run with \036)
writeFileSync(join(bin, 'openstack'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a"; done >>'${log}'\nprintf '\\036' >>'${log}'\n`);
chmodSync(join(bin, 'openstack'), 0o755);
const out: Record<string, { runs: string[][]; rc: number | null; stderr: string }> = {};
for (const c of cases) {
  writeFileSync(log, '');
  const cwd = mkdtempSync(join(root, 'cwd-'));
  const file = join(root, 'case.sh');
  writeFileSync(file, c.script);
  const r = spawnSync('env', ['-i', `PATH=${bin}:/usr/bin:/bin`, 'dash', file], { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'ignore', 'pipe'] });
  const runs = readFileSync(log, 'utf8').split('\x1e').slice(0, -1).map((x) => x.split('\x1f').slice(0, -1));
  out[c.id] = { runs, rc: r.status, stderr: (r.stderr ?? '').split(file).join('FILE').slice(0, 400) };
  rmSync(cwd, { recursive: true, force: true });
}
rmSync(root, { recursive: true, force: true });
writeFileSync(process.argv[3], `${JSON.stringify(out, null, 1)}\n`);
console.error(`${cases.length} cases labelled by dash`);
