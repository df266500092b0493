/**
 * Labels a libvirt hunt round's cases (test/fixtures/libvirt-huntN/cases.json) with libvirt itself
 * (scripts/libvirt-hunt38-label.ts, scripts/libvirt-hunt42-label.ts): each case is defined with
 * `virsh -c URI define --validate` under a name of its own (a lone <disk> wrapped in a small pc
 * domain, as scripts/libvirt-hunt-check.ts does) and undefined again; libvirt's last line
 * ("accepts" when it defined the domain) is compared with the case's label. Prints each
 * difference; --write stores libvirt's answers as the labels instead. Exit 1 when a label differs
 * (and --write is not given).   [URI] [--write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

/** Checks (or with --write, rewrites) round `round`'s labels. */
export function huntLabel(round: number): void {

const FILE = join(process.cwd(), `test/fixtures/libvirt-hunt${round}/cases.json`);
const URI = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'qemu:///system';
const WRITE = process.argv.includes('--write');

interface Case { name: string; xml: string; libvirt: string }

function virsh(args: string[]): void {
  execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 30_000 });
}

const cases = JSON.parse(readFileSync(FILE, 'utf8')) as Case[];
const work = mkdtempSync(join(tmpdir(), `bdm-lab-h${round}-label-`));
let wrong = 0;
try {
  cases.forEach((c, i) => {
    const name = `bdm-lab-h${round}-${process.pid}-${i}`;
    const file = join(work, 'd.xml');
    const doc = c.xml.startsWith('<domain')
      ? c.xml.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
      : `<domain type="qemu"><name>${name}</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${c.xml}</devices></domain>`;
    writeFileSync(file, doc);
    let answer = 'accepts';
    try {
      virsh(['define', '--validate', file]);
      virsh(['undefine', '--nvram', name]);
    } catch (e) {
      answer = (String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '').replace(/^error: /, '');
    }
    if (answer !== c.libvirt) {
      wrong++;
      console.log(`${c.name}: label "${c.libvirt}", libvirt "${answer}"`);
      c.libvirt = answer;
    }
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (WRITE) writeFileSync(FILE, `${JSON.stringify(cases, null, 1)}\n`);
console.log(`${cases.length - wrong}/${cases.length} labels are libvirt's answer (${URI})${WRITE && wrong ? '; written' : ''}`);
process.exitCode = wrong && !WRITE ? 1 : 0;
}
