/**
 * Checks the labels of a round's libvirt cases (test/unit/libvirtxml-huntN-cases.ts, N = 32 or
 * later) against libvirt itself: each case is defined with `virsh -c URI define --validate`
 * (under a name of its own) and undefined again, and libvirt's last line is compared with the
 * case's label (a generated MAC address, random per define, compared as any 52:54:00 one). Prints
 * each difference; exit 1 when there is one.
 *   node --import tsx scripts/libvirt-cases-label.ts ROUND [URI]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const ROUND = process.argv[2] ?? '';
const URI = process.argv[3] ?? 'qemu:///system';
const GENERATED_MAC = /52:54:00(?::[0-9a-f]{2}){3}/g;

async function main(): Promise<void> {
  if (!/^\d{2,3}$/.test(ROUND)) throw new Error('usage: libvirt-cases-label.ts ROUND [URI] (ROUND: the N of test/unit/libvirtxml-huntN-cases.ts)');
  const { CASES } = (await import(`../test/unit/libvirtxml-hunt${ROUND}-cases`)) as { CASES: Array<{ name: string; xml: string; libvirt: string }> };
  const work = mkdtempSync(join(tmpdir(), `bdm-lab-h${ROUND}-label-`));
  let wrong = 0;
  try {
    CASES.forEach((c, i) => {
      const name = `bdm-lab-h${ROUND}-${process.pid}-${i}`;
      const file = join(work, 'd.xml');
      writeFileSync(file, c.xml.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`));
      let answer = 'accepts';
      try {
        execFileSync('virsh', ['-c', URI, 'define', '--validate', file], { stdio: 'pipe', timeout: 20_000 });
        execFileSync('virsh', ['-c', URI, 'undefine', name], { stdio: 'pipe', timeout: 20_000 });
      } catch (e) {
        answer = (String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '').replace(/^error: /, '');
      }
      if (answer.replace(GENERATED_MAC, 'MAC') !== c.libvirt.replace(GENERATED_MAC, 'MAC')) {
        wrong++;
        console.log(`${c.name}: label "${c.libvirt}", libvirt "${answer}"`);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`${CASES.length - wrong}/${CASES.length} labels are libvirt's answer (${URI})`);
  process.exitCode = wrong ? 1 : 0;
}
void main();
