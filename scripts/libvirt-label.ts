/**
 * Labels the whole-domain documents of test/fixtures/libvirtdomain/ with libvirt itself:
 * `virsh -c URI define --validate FILE` (the QEMU driver by default; each domain is undefined
 * again at once), and compares bdm-lab's verdict with the label.
 *   node --import tsx scripts/libvirt-label.ts --write [URI]   re-label, write labels.json
 *   node --import tsx scripts/libvirt-label.ts --check [URI]   re-label; fail when a label changed
 *                                                             or bdm-lab disagrees with libvirt
 *   ... --only SUBSTR                                         label only the files whose names hold
 *                                                             SUBSTR (the other labels are kept)
 * labels.json keeps, per file, libvirt's verdict and its last error line (the words users see).
 * The unit tier (test/unit/libvirtdomain-labels.test.ts) reads labels.json without libvirt;
 * test/integration/libvirt-live.sh runs --check while its libvirtd is up.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXml } from '../server/src/libvirtxml';

export interface Label { libvirt: 'accepts' | 'refuses'; message?: string }

const mode = process.argv[2];
const onlyAt = process.argv.indexOf('--only');
const ONLY = onlyAt > 0 ? process.argv[onlyAt + 1] ?? '' : '';
const URI = process.argv[3] && process.argv[3] !== '--only' ? process.argv[3] : 'qemu:///system';
const DIR = join(__dirname, '..', 'test', 'fixtures', 'libvirtdomain');
const LABELS = join(DIR, 'labels.json');

function virsh(args: string[]): string | null {
  try {
    execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 30_000 });
    return null;
  } catch (e) {
    const err = String((e as { stderr?: Buffer }).stderr ?? e);
    return err.split('\n').map((l) => l.trim()).filter(Boolean).slice(-1)[0] ?? 'failed';
  }
}

function label(file: string, text: string, work: string): Label {
  const name = `bdm-lab-label-${process.pid}-${file.replace(/\.xml$/, '')}`.slice(0, 60);
  const path = join(work, 'd.xml');
  writeFileSync(path, text.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`));
  const err = virsh(['define', '--validate', path]);
  if (err === null) {
    virsh(['undefine', name]);
    return { libvirt: 'accepts' };
  }
  return { libvirt: 'refuses', message: err.replace(/^error: /, '') };
}

function main(): number {
  if (mode !== '--write' && mode !== '--check') {
    console.error('usage: libvirt-label.ts --write|--check [URI]');
    return 2;
  }
  const files = readdirSync(DIR).filter((f) => f.endsWith('.xml') && f.includes(ONLY)).sort();
  const old: Record<string, Label> = mode === '--check' || ONLY ? JSON.parse(readFileSync(LABELS, 'utf8')) : {};
  const labels: Record<string, Label> = ONLY ? { ...old } : {};
  const problems: string[] = [];
  let refused = 0;
  let caught = 0;
  let falseErrors = 0;
  const work = mkdtempSync(join(tmpdir(), 'bdm-lab-label-'));
  try {
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const l = label(f, text, work);
      labels[f] = l;
      if (mode === '--check' && old[f]?.libvirt !== l.libvirt) problems.push(`${f}: labelled ${old[f]?.libvirt ?? 'nothing'}, libvirt now ${l.libvirt} ${l.message ?? ''}`);
      const errors = analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error');
      if (l.libvirt === 'refuses') {
        refused++;
        if (errors.length) caught++;
        else problems.push(`${f}: libvirt refuses (${l.message}), bdm-lab reports no error`);
      } else if (errors.length) {
        falseErrors++;
        problems.push(`${f}: libvirt accepts, bdm-lab reports ${errors.map((p) => p.id).join(', ')}`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (mode === '--write') {
    const sorted = Object.fromEntries(Object.keys(labels).sort().map((k) => [k, labels[k]!]));
    writeFileSync(LABELS, `${JSON.stringify(ONLY ? sorted : labels, null, 2)}\n`);
  }
  for (const p of problems) console.log(p);
  console.log(`${files.length} whole-domain documents labelled by ${URI}: ${caught}/${refused} refusals caught, ${falseErrors} false errors on ${files.length - refused} accepted`);
  return mode === '--check' && problems.length ? 1 : 0;
}

process.exitCode = main();
