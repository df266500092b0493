/**
 * bdm-lab's libvirt XML verdicts against libvirt's QEMU driver itself: every fixture of
 * test/fixtures/libvirtxml is defined with `virsh -c URI define --validate` (lone disks wrapped
 * in a small qemu domain) and undefined again. Run by test/integration/libvirt-live.sh while its
 * libvirtd is up.  node --import tsx scripts/libvirt-define-check.ts [URI]
 * Exit 0 when every verdict agrees (error or not), but for documented exceptions.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXml } from '../server/src/libvirtxml';

const URI = process.argv[2] ?? 'qemu:///system';
const DIR = join(__dirname, '..', 'test', 'fixtures', 'libvirtxml');
// libvirt (libxml2) expands a few nested entities and defines the domain; bdm-lab refuses any
// entity declaration on purpose (billion laughs), which is stricter than libvirt.
const EXCEPTIONS: Record<string, string> = { 'invalid-billion-laughs.xml': 'bdm-lab refuses entity declarations on purpose' };
const work = mkdtempSync(join(tmpdir(), 'bdm-lab-define-'));
let agree = 0;
let total = 0;
const out: string[] = [];
try {
  readdirSync(DIR).filter((f) => f.endsWith('.xml')).forEach((f, n) => {
    if (f in EXCEPTIONS) return;
    const text = readFileSync(join(DIR, f), 'utf8');
    const name = `bdm-lab-define-${process.pid}-${n}`;
    const bare = text.replace(/<\?xml[^>]*>/, '');
    const doc = /<domain[\s>]/.test(text)
      ? bare.replace(/<domain([^>]*?)type=["'][a-z]+["']/, '<domain$1type="qemu"').replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
      : `<domain type="qemu"><name>${name}</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features>${/<devices[\s>]/.test(text) ? bare : `<devices>${bare}</devices>`}</domain>`;
    const file = join(work, 'd.xml');
    writeFileSync(file, doc);
    let libvirtOk = true;
    let msg = '';
    try {
      execFileSync('virsh', ['-c', URI, 'define', '--validate', file], { stdio: 'pipe', timeout: 20_000 });
      execFileSync('virsh', ['-c', URI, 'undefine', name], { stdio: 'pipe', timeout: 20_000 });
    } catch (e) {
      libvirtOk = false;
      msg = String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '';
    }
    const errors = analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error');
    total++;
    if ((errors.length === 0) === libvirtOk) agree++;
    else out.push(`${f}: libvirt ${libvirtOk ? 'accepts' : `refuses (${msg})`}, bdm-lab ${errors.length ? `refuses (${errors.map((p) => p.id).join(', ')})` : 'accepts'}`);
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const l of out) console.log(l);
console.log(`${agree}/${total} fixtures: bdm-lab's verdict agrees with ${URI} define --validate`);
process.exitCode = agree === total && total > 0 ? 0 : 1;
