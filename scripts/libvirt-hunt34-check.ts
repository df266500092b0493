/**
 * Round 34's differential check: the seeded domains of scripts/libvirt-hunt34-gen.ts (or, with
 * --round 33, round 33's of scripts/libvirt-hunt33-gen.ts; with --round 35, round 35's of
 * scripts/libvirt-hunt35-gen.ts; with --round 36, round 36's disks of scripts/libvirt-hunt36-gen.ts, a
 * lone <disk> wrapped in a small qemu domain as scripts/libvirt-define-check.ts does), each defined with `virsh -c URI define
 * --validate` (and undefined again), against bdm-lab's verdict. A disagreement is a different
 * verdict, or a refusal of both where bdm-lab's first error is not libvirt's: its words, or for a
 * schema refusal a finding of bdm-lab's schema stage. Refusals that speak of the host (a QEMU
 * without SEV, firmware descriptors, a security driver the host lacks) or of the connection are
 * counted apart.
 *   node --import tsx scripts/libvirt-hunt34-check.ts [URI] [--round 33|34|35|36] [--seed N] [--count N] [--dump DIR] [--wait-daemon S]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXmlStaged } from '../server/src/libvirtxml/analyze';
import { hunt33Domains } from './libvirt-hunt33-gen';
import { hunt34Domains } from './libvirt-hunt34-gen';
import { hunt35Domains } from './libvirt-hunt35-gen';
import { hunt36Domains } from './libvirt-hunt36-gen';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--')));
const URI = positional[0] ?? 'qemu:///system';
const ROUND = option('--round', '34');
const SEED = Number(option('--seed', ROUND === '33' ? '3301' : ROUND === '35' ? '3501' : ROUND === '36' ? '3601' : '3401'));
const COUNT = Number(option('--count', '150'));
const DUMP = option('--dump', '');
/** --wait-daemon S: when libvirtd goes away under a document, wait up to S seconds for it to answer again and ask again. */
const WAIT_DAEMON = Number(option('--wait-daemon', '0'));
const DAEMON_GONE = /Failed to connect socket|End of file while reading data|failed to connect to the hypervisor/;
const HOST_ONLY = /not yet supported in session mode|TPM version '[^']*' is not supported|does not support TPM backend type|launch security is not supported with this QEMU binary|Unable to find any firmware|Unable to find security driver|Security driver .* not enabled|security model .* not found/;
const SCHEMA_REFUSAL = /failed to validate|Element .* failed|Extra element|Invalid attribute|^-*\^$/;
const bare = (msg: string) => msg.replace(/^error: /, '')
  .replace(/^(XML error|unsupported configuration|internal error|invalid argument|operation failed|argument unsupported|Invalid value|XML document failed to validate against schema|Requested operation is not valid|configuration unsupported): /, '')
  .replace(/\.$/, '').trim();
/**
 * libvirt names an x86 machine as QEMU expands it (pc-q35-7.2, pc-i440fx-7.2 on this host); bdm-lab,
 * which cannot see the host's QEMU, says q35 and pc: both sides are read with the short names.
 * Where the document has no MAC address, libvirt's message names the one it generated.
 */
const machines = (msg: string) => msg.replace(/\bpc-q35-[0-9.]+/g, 'q35').replace(/\bpc-i440fx-[0-9.]+/g, 'pc')
  // a MAC address libvirt generated (random per define) is "(its generated MAC)" in bdm-lab's words
  .replace(/\binterface 52:54:00(?::[0-9a-f]{2}){3}\b/g, 'interface (its generated MAC)');

/** A lone <disk> as libvirt sees it: inside a small qemu domain, as scripts/libvirt-define-check.ts wraps one. */
function loneDiskDomain(name: string, disk: string): string {
  return `<domain type="qemu"><name>${name}</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${disk}</devices></domain>`;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function virsh(args: string[]): { ok: boolean; msg: string } {
  try {
    execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 30_000 });
    return { ok: true, msg: '' };
  } catch (e) {
    return { ok: false, msg: String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '' };
  }
}

function define(file: string, name: string): { ok: boolean; msg: string } {
  for (let waited = 0; ; waited += 5) {
    const r = virsh(['define', '--validate', file]);
    if (r.ok) {
      const u = virsh(['undefine', '--nvram', name]);
      if (!u.ok && !virsh(['undefine', name]).ok) console.log(`note: ${name} could not be undefined (${u.msg})`);
    }
    if (r.ok || !DAEMON_GONE.test(r.msg) || waited >= WAIT_DAEMON) return r;
    sleep(5000);
  }
}

const work = mkdtempSync(join(tmpdir(), `bdm-lab-h${ROUND}-`));
let agree = 0;
let total = 0;
let refused = 0;
let host = 0;
try {
  const docs = ROUND === '33' ? hunt33Domains(SEED, COUNT) : ROUND === '35' ? hunt35Domains(SEED, COUNT) : ROUND === '36' ? hunt36Domains(SEED, COUNT) : hunt34Domains(SEED, COUNT);
  docs.forEach(([f, doc]) => {
    const name = /<name>([^<]*)<\/name>/.exec(doc)?.[1] ?? `bdm-lab-h${ROUND}-${process.pid}-${f}`;
    const file = join(work, 'd.xml');
    writeFileSync(file, /<domain[\s>]/.test(doc) ? doc : loneDiskDomain(name, doc));
    const { ok, msg } = define(file, name);
    if (!ok && (HOST_ONLY.test(msg) || DAEMON_GONE.test(msg))) {
      host++;
      if (DAEMON_GONE.test(msg)) console.log(`${f}: libvirtd went away (${msg})`);
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
      const same = schema ? firstStage === 'schema' || firstStage === 'xml' : machines(first.message).includes(machines(bare(msg)));
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
console.log(`${agree}/${total} hunt${ROUND} documents (seed ${SEED}; ${refused} refused by libvirt${host ? `, ${host} more refused for the host's or the connection's sake and left out` : ''}): bdm-lab's verdict and first error agree with ${URI} define --validate`);
process.exitCode = agree === total ? 0 : 1;
