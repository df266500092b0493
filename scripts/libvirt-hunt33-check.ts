/**
 * Round 33's differential check: the seeded domains of scripts/libvirt-hunt33-gen.ts, each defined
 * with `virsh -c URI define --validate` (and undefined again), against bdm-lab's verdict. A
 * disagreement is a different verdict, or (as scripts/libvirt-define-check.ts --first) a refusal of
 * both where bdm-lab's first error is not libvirt's: its words, or for a schema refusal a finding
 * of bdm-lab's schema stage.
 *   node --import tsx scripts/libvirt-hunt33-check.ts [URI] [--seed N] [--count N] [--dump DIR]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXmlStaged } from '../server/src/libvirtxml/analyze';
import { hunt33Domains } from './libvirt-hunt33-gen';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--')));
const URI = positional[0] ?? 'qemu:///system';
const SEED = Number(option('--seed', '3301'));
const COUNT = Number(option('--count', '150'));
const DUMP = option('--dump', '');
/** Refusals of the connection or of the host (a QEMU without SEV or s390 PV: bdm-lab notes those as LIBVIRT-DOMAIN-HOST-DEPENDENT), counted apart. */
const HOST_ONLY = /not yet supported in session mode|Failed to connect socket|End of file while reading data|launch security is not supported with this QEMU binary/;
const SCHEMA_REFUSAL = /failed to validate|Element .* failed|Extra element|Invalid attribute|^-*\^$/;
const bare = (msg: string) => msg.replace(/^error: /, '')
  .replace(/^(XML error|unsupported configuration|internal error|invalid argument|operation failed|argument unsupported|Invalid value|XML document failed to validate against schema): /, '')
  .replace(/\.$/, '').trim();

const work = mkdtempSync(join(tmpdir(), 'bdm-lab-h33-'));
let agree = 0;
let total = 0;
let refused = 0;
let host = 0;
try {
  hunt33Domains(SEED, COUNT).forEach(([f, doc]) => {
    const name = /<name>([^<]*)<\/name>/.exec(doc)![1]!;
    const file = join(work, 'd.xml');
    writeFileSync(file, doc);
    let ok = true;
    let msg = '';
    try {
      execFileSync('virsh', ['-c', URI, 'define', '--validate', file], { stdio: 'pipe', timeout: 20_000 });
    } catch (e) {
      ok = false;
      msg = String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '';
    }
    if (ok) {
      try {
        execFileSync('virsh', ['-c', URI, 'undefine', name], { stdio: 'pipe', timeout: 20_000 });
      } catch {
        console.log(`note: ${name} could not be undefined`);
      }
    }
    if (!ok && HOST_ONLY.test(msg)) {
      host++;
      return;
    }
    total++;
    if (!ok) refused++;
    const { analysis, stages } = analyzeLibvirtXmlStaged(doc);
    const idx = analysis.problems.flatMap((p, i) => (p.severity === 'error' ? [i] : []));
    const first = idx.length ? analysis.problems[idx[0]!]! : undefined;
    const firstStage = idx.length ? stages[idx[0]!] : undefined;
    let bad = '';
    if (ok && first) bad = `libvirt accepts, bdm-lab refuses: ${first.id} ${first.message}`;
    else if (!ok && !first) bad = `libvirt refuses (${msg}), bdm-lab accepts`;
    else if (!ok && first) {
      const schema = SCHEMA_REFUSAL.test(msg);
      const same = schema ? firstStage === 'schema' || firstStage === 'xml' : first.message.includes(bare(msg));
      if (!same) bad = `both refuse; libvirt: "${msg}", bdm-lab first: ${first.id} (${firstStage}) ${first.message}`;
    }
    if (bad) {
      console.log(`${f}: ${bad}`);
      if (DUMP) writeFileSync(join(DUMP, `${f}.xml`), doc);
    } else agree++;
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${agree}/${total} hunt33 documents (seed ${SEED}; ${refused} refused by libvirt${host ? `, ${host} more refused for the host's sake and left out` : ''}): bdm-lab's verdict and first error agree with ${URI} define --validate`);
process.exitCode = agree === total ? 0 : 1;
