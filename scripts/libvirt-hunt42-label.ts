/**
 * Labels round 42's libvirt cases (test/fixtures/libvirt-hunt42/cases.json: whole domains) with
 * libvirt itself: each case is defined with `virsh -c URI define --validate` under a name of its
 * own and undefined again; libvirt's last line ("accepts" when it defined the domain) is compared
 * with the case's label. Prints each difference; --write stores libvirt's answers as the labels
 * instead. Exit 1 when a label differs (and --write is not given).
 *   node --import tsx scripts/libvirt-hunt42-label.ts [URI] [--write]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const FILE = join(process.cwd(), 'test/fixtures/libvirt-hunt42/cases.json');
const URI = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'qemu:///system';
const WRITE = process.argv.includes('--write');

interface Case { name: string; xml: string; libvirt: string }

function virsh(args: string[]): void {
  execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 30_000 });
}

const cases = JSON.parse(readFileSync(FILE, 'utf8')) as Case[];
const work = mkdtempSync(join(tmpdir(), 'bdm-lab-h42-label-'));
let wrong = 0;
try {
  cases.forEach((c, i) => {
    const name = `bdm-lab-h42-${process.pid}-${i}`;
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
