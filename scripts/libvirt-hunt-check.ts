/**
 * The differential check of a libvirt hunt round (scripts/libvirt-hunt38-check.ts,
 * scripts/libvirt-hunt42-check.ts): the round's seeded documents (a lone <disk> is wrapped in a
 * small pc domain, as scripts/libvirt-define-check.ts does), each defined with
 * `virsh -c URI define --validate` and undefined again, against bdm-lab's verdict. A disagreement
 * is a different verdict, or a refusal of both where bdm-lab's first error is not libvirt's (its
 * words; for a schema refusal, a finding of bdm-lab's schema or XML stage). Refusals that speak of
 * the host (swtpm, QEMU's TPM backends, security drivers, a QEMU binary it lacks) are counted apart. libvirt's answers are
 * kept in a JSON file (--labels FILE), so a second run (the tree before a fix, say) asks only
 * bdm-lab; --root DIR judges with the checkout at DIR instead of the current directory's.
 *   [URI] [--seed N] [--count N] [--labels FILE] [--root DIR] [--dump DIR] [--print]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

/** Runs round `round`'s check on `domains(seed, count)` (file name, document), `defaultSeed` without --seed. */
export function huntCheck(round: number, domains: (seed: number, count: number) => Iterable<[string, string]>, defaultSeed: number): Promise<void> {

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--') && all[i - 1] !== '--print'));
const URI = positional[0] ?? 'qemu:///system';
const SEED = Number(option('--seed', String(defaultSeed)));
const COUNT = Number(option('--count', '200'));
const LABELS = option('--labels', '');
const ROOT = resolve(option('--root', process.cwd()));
const DUMP = option('--dump', '');
const PRINT = process.argv.includes('--print');
const HOST_ONLY = /Cannot check QEMU binary .*: No such file|No emulator found for arch|TPM version '[^']*' is not supported|does not support TPM backend type|Unable to find security driver|security model .* not found/;
const SCHEMA_REFUSAL = /failed to validate|Element .* failed|Extra element|Invalid attribute|^-*\^$/;
const bare = (msg: string) => msg.replace(/^error: /, '')
  .replace(/^(XML error|unsupported configuration|internal error|invalid argument|operation failed|argument unsupported|Invalid value|XML document failed to validate against schema|Requested operation is not valid|configuration unsupported): /, '')
  .replace(/\.$/, '').trim();
const machines = (msg: string) => msg.replace(/\bpc-q35-[0-9.]+/g, 'q35').replace(/\bpc-i440fx-[0-9.]+/g, 'pc');

function loneDiskDomain(name: string, disk: string): string {
  return `<domain type="qemu"><name>${name}</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features><devices>${disk}</devices></domain>`;
}

function virsh(args: string[]): { ok: boolean; msg: string } {
  try {
    execFileSync('nice', ['-n', '10', 'virsh', '-c', URI, ...args], { stdio: 'pipe', timeout: 30_000 });
    return { ok: true, msg: '' };
  } catch (e) {
    return { ok: false, msg: String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '' };
  }
}

type Label = { ok: boolean; msg: string };
const labels = new Map<string, Label>(LABELS && existsSync(LABELS) ? Object.entries(JSON.parse(readFileSync(LABELS, 'utf8')) as Record<string, Label>) : []);
const work = mkdtempSync(join(tmpdir(), `bdm-lab-h${round}-`));

/** libvirt's answer on one document, asked once: `key` is the document's text. */
function libvirt(key: string, name: string, doc: string): Label {
  const known = labels.get(key);
  if (known) return known;
  const file = join(work, 'd.xml');
  writeFileSync(file, /<domain[\s>]/.test(doc) ? doc : loneDiskDomain(name, doc));
  const r = virsh(['define', '--validate', file]);
  if (r.ok) {
    const u = virsh(['undefine', '--nvram', name]);
    if (!u.ok && !virsh(['undefine', name]).ok) console.log(`note: ${name} could not be undefined (${u.msg})`);
  }
  labels.set(key, r);
  return r;
}

async function main(): Promise<void> {
const { analyzeLibvirtXmlStaged } = await import(join(ROOT, 'server/src/libvirtxml/analyze.ts')) as typeof import('../server/src/libvirtxml/analyze');
let agree = 0;
let total = 0;
let refused = 0;
let host = 0;
try {
  for (const [f, doc] of domains(SEED, COUNT)) {
    const name = /<name>([^<]*)<\/name>/.exec(doc)?.[1] ?? `bdm-lab-h${round}-${SEED}-${f}`;
    const { ok, msg } = libvirt(doc, name, doc);
    if (!ok && HOST_ONLY.test(msg)) {
      host++;
      continue;
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
    if (PRINT) console.log(`${f}: ${ok ? 'accepts' : msg}`);
    if (bad) {
      console.log(`${f}: ${bad}`);
      if (DUMP) writeFileSync(join(DUMP, `${f}.xml`), doc);
    } else agree++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  if (LABELS) writeFileSync(LABELS, JSON.stringify(Object.fromEntries(labels)));
}
console.log(`${agree}/${total} hunt${round} documents (seed ${SEED}; ${refused} refused by libvirt${host ? `, ${host} more refused for the host's sake and left out` : ''}): bdm-lab's verdict and first error agree with ${URI} define --validate`);
process.exitCode = agree === total ? 0 : 1;
}

return main();
}
