/**
 * Labels hand-written cases for test/unit/osc-hunt35.test.ts: each script run by the shell its
 * first line names (`#!/bin/sh`: dash 0.5.12, Debian's sh; `#!/bin/bash`: bash 5.2) as
 * `env -i PATH=… SHELL FILE` in an empty directory of its own, with a fake `openstack` first on
 * PATH that logs its words; the label is the `openstack` runs in order (words after `openstack`,
 * joined by spaces), the exit status and the standard error (the file's name as FILE).
 * Usage: node --import tsx scripts/osc-hunt35-label-cases.ts CASES.json > LABELS.json
 * CASES.json: [{id, script}]; LABELS.json: {id: {shell, runs, rc, stderr}}
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Array<{ id: string; script: string }>;
const root = mkdtempSync(join(tmpdir(), 'osc-hunt35-cases-'));
const bin = join(root, 'bin');
mkdirSync(bin);
const log = join(root, 'log');
// (each word ends with \037, each run with \036)
writeFileSync(join(bin, 'openstack'), `#!/bin/sh\nfor a in "$@"; do printf '%s\\037' "$a"; done >>'${log}'\nprintf '\\036' >>'${log}'\n`);
chmodSync(join(bin, 'openstack'), 0o755);
const out: Record<string, { shell: string; runs: string[]; rc: number | null; stderr: string }> = {};
for (const c of cases) {
  writeFileSync(log, '');
  const cwd = mkdtempSync(join(root, 'cwd-'));
  const file = join(root, 'case.sh');
  writeFileSync(file, c.script);
  const shell = c.script.startsWith('#!/bin/bash') ? 'bash' : 'dash';
  const r = spawnSync('env', ['-i', `PATH=${bin}:/usr/bin:/bin`, `HOME=${cwd}`, shell, file], { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'ignore', 'pipe'] });
  const runs = readFileSync(log, 'utf8').split('\x1e').slice(0, -1).map((x) => x.split('\x1f').slice(0, -1).join(' '));
  out[c.id] = { shell, runs, rc: r.status, stderr: (r.stderr ?? '').split(file).join('FILE').slice(0, 300) };
  rmSync(cwd, { recursive: true, force: true });
}
rmSync(root, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
