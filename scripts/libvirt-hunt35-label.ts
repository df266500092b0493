/**
 * Checks the labels of round 35's libvirt cases (test/unit/libvirt-hunt35-cases.ts) against libvirt
 * itself: each case is defined with `virsh -c URI define --validate` under a name of its own and
 * undefined again, and libvirt's last line is compared with the case's label. Prints each
 * difference (--print: every answer); exit 1 when there is one.
 *   node --import tsx scripts/libvirt-hunt35-label.ts [URI] [--print]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { CASES } from '../test/unit/libvirt-hunt35-cases';

const URI = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'qemu:///system';
const PRINT = process.argv.includes('--print');

function virsh(args: string[]): void {
  execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 20_000 });
}

const work = mkdtempSync(join(tmpdir(), 'bdm-lab-h35-label-'));
let wrong = 0;
try {
  CASES.forEach((c, i) => {
    const name = `bdm-lab-h35-${process.pid}-${i}`;
    const file = join(work, 'd.xml');
    writeFileSync(file, c.xml.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`));
    let answer = 'accepts';
    try {
      virsh(['define', '--validate', file]);
      virsh(['undefine', '--nvram', name]);
    } catch (e) {
      answer = (String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '').replace(/^error: /, '');
    }
    if (PRINT) console.log(`${c.name}: ${answer}`);
    if (answer !== c.libvirt) {
      wrong++;
      console.log(`${c.name}: label "${c.libvirt}", libvirt "${answer}"`);
    }
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${CASES.length - wrong}/${CASES.length} labels are libvirt's answer (${URI})`);
process.exitCode = wrong ? 1 : 0;
