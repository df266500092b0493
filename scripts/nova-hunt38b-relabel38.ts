/**
 * Hunt 38's fixture (test/fixtures/nova-hunt38/cases.oracle.json) relabelled with the blockinfo.py
 * of the release its contexts name (26.2.2) instead of master's (scripts/nova-hunt38b-relabel38.py):
 * prints the cases whose label changes; `--write` puts the new labels of those cases in the fixture.
 *   node --import tsx scripts/nova-hunt38b-relabel38.ts NOVA_GIT_DIR [--write]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHunt38Cases } from './nova-hunt38-gen';
import type { Hunt38Label } from './nova-hunt38-check';

const FILE = join(__dirname, '..', 'test', 'fixtures', 'nova-hunt38', 'cases.oracle.json');

function main(): number {
  const gitDir = process.argv[2]!;
  const text = readFileSync(FILE, 'utf8');
  const fixture = JSON.parse(text) as { about: { source: string }; cases: Array<{ id: string; context: { nova_release?: string }; label: Hunt38Label }> };
  const tags = new Set(fixture.cases.map((c) => c.context.nova_release));
  if (tags.size !== 1 || !tags.has('26.2.2')) throw new Error(`releases ${[...tags].join(',')}`);
  const generated = new Map([3801, 3802].flatMap((seed) => generateHunt38Cases(seed, 1500)).map((c) => [c.id, c]));
  const cases = fixture.cases.filter((c) => generated.has(c.id)).map((c) => generated.get(c.id)!);
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-h38b-'));
  let labels: Hunt38Label[];
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    labels = JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'nova-hunt38b-relabel38.py'), gitDir, '26.2.2', file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] })) as Hunt38Label[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fresh = new Map(labels.map((l) => [l.id, l]));
  const changed = fixture.cases.filter((c) => fresh.has(c.id) && JSON.stringify(fresh.get(c.id)) !== JSON.stringify(c.label));
  console.log(`${cases.length} of ${fixture.cases.length} cases relabelled, ${changed.length} changed: ${changed.map((c) => c.id).join(' ')}`);
  if (process.argv.includes('--write') && changed.length > 0) {
    // each case keeps its line; only the changed labels are replaced
    const lines = text.split('\n');
    for (const c of changed) {
      const at = lines.findIndex((line) => line.startsWith(`{"id":${JSON.stringify(c.id)},`));
      if (at < 0) throw new Error(`no line for ${c.id}`);
      const comma = lines[at]!.endsWith(',') ? ',' : '';
      const obj = JSON.parse(comma ? lines[at]!.slice(0, -1) : lines[at]!) as { label: Hunt38Label };
      obj.label = fresh.get(c.id)!;
      lines[at] = JSON.stringify(obj) + comma;
    }
    const note = '; the cases whose label 26.2.2\'s own blockinfo changes (an ISO root, a lun with a boot index) relabelled with it by scripts/nova-hunt38b-relabel38.ts.';
    const head = JSON.parse(lines[0]!.replace(/,$/, '') + '}') as { about: { source: string } };
    if (!head.about.source.includes('nova-hunt38b-relabel38')) lines[0] = `{"about": ${JSON.stringify({ source: head.about.source + note })},`;
    writeFileSync(FILE, lines.join('\n'));
    console.log(`${FILE}: ${changed.length} labels replaced`);
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
