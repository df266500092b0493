/**
 * bdm-lab's libvirt XML verdicts against libvirt's QEMU driver itself: every fixture of
 * test/fixtures/libvirtxml is defined with `virsh -c URI define --validate` (lone disks wrapped
 * in a small qemu domain) and undefined again. Run by test/integration/libvirt-live.sh while its
 * libvirtd is up.
 *   node --import tsx scripts/libvirt-define-check.ts [URI] [--seed N] [--count N] [--domains N] [--dump DIR] [--extras] [--platform] [--words]
 * --count seeded lone <disk> variants (default 120), --domains seeded whole domains of several
 * disks and controllers (scripts/libvirt-domain-gen.ts; default 60), both from --seed (default
 * 123); --dump writes each disagreeing document there. Exit 0 when every verdict agrees (error or
 * not), but for documented exceptions. --extras gives the generated domains the devices beside
 * the disks as well (interfaces, graphics, video, chardevs, balloon, RNG, host devices, features,
 * clock, seclabel: libvirt-domain-gen.ts extras()), --platform the devices whose placement and
 * platform libvirt judges (PCI controller trees, IOMMU, mediated devices, serial targets, input
 * models: platformDevices()); --words also counts as a disagreement a
 * document both refuse where no finding of bdm-lab's carries libvirt's error (its words after
 * the "XML error:"-style prefix; schema refusals have no words to compare); --first, stricter,
 * a document both refuse where bdm-lab's first error is not libvirt's (its words, or for a schema
 * refusal a schema-style finding); --more adds the further device kinds of libvirt-domain-gen.ts
 * moreDevices() (TPM, vsock, shmem, memory devices, smartcards, redirections, panic, odd chardev
 * types, ...); --tuning N adds N domains of CPU and memory tuning (libvirt-tuning-gen.ts);
 * --no-fixtures leaves the fixtures out. Refusals that speak of the connection rather than the document (a session-mode
 * libvirtd's "not yet supported in session mode", a host without swtpm) are counted apart as host refusals.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXmlStaged } from '../server/src/libvirtxml/analyze';
import { RULES } from '../server/src/libvirtxml/rules';
import { generatedDomains } from './libvirt-domain-gen';
import { tuningDomains } from './libvirt-tuning-gen';
import { hunt31Domains } from './libvirt-hunt31-gen';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--')));
const URI = positional[0] ?? 'qemu:///system';
const SEED = Number(option('--seed', '123'));
const COUNT = Number(option('--count', '120'));
const DOMAINS = Number(option('--domains', '60'));
const DUMP = option('--dump', '');
const EXTRAS = process.argv.includes('--extras');
const WORDS = process.argv.includes('--words');
const PLATFORM = process.argv.includes('--platform');
const FIRST = process.argv.includes('--first');
const MORE = process.argv.includes('--more');
const NO_FIXTURES = process.argv.includes('--no-fixtures');
/** --wait-daemon S: when libvirtd goes away under a document, wait up to S seconds for it and ask again. */
const WAIT_DAEMON = Number(option('--wait-daemon', '0'));
const DAEMON_GONE = /Failed to connect socket|End of file while reading data/;
let daemonGone = 0;
/** --tuning N: N more domains of CPU and memory tuning (scripts/libvirt-tuning-gen.ts) from the seed. */
const TUNING = Number(option('--tuning', '0'));
/** --hunt31 N: N more domains of round 31's parts (<os> firmware, features, cpu, clock, sysinfo, interfaces, display, disks: scripts/libvirt-hunt31-gen.ts). */
const HUNT31 = Number(option('--hunt31', '0'));
/**
 * Refusals of the connection or the host, not of the document: a session-mode libvirtd, a host
 * without swtpm (or without the TPM version asked for), a QEMU without the external TPM backend
 * (bdm-lab notes the last two as LIBVIRT-DOMAIN-HOST-DEPENDENT, information).
 */
const HOST_ONLY = /not yet supported in session mode|Failed to connect socket|End of file while reading data|TPM version '[^']*' is not supported|does not support TPM backend type external/;
/** libvirt's RelaxNG refusals (no words of their own) and the findings of bdm-lab that stand for one. */
const SCHEMA_REFUSAL = /failed to validate|Element .* failed|Extra element|Invalid attribute|^-*\^$/;
const SCHEMA_FINDING = /failed to validate content|is not a value libvirt accepts|"> must be (an?|a non-negative) /;
/** Rules that model schema refusals in words of their own (their upstream is the schema alone). */
const SCHEMA_RULES = new Set(RULES.filter((r) => /domaincommon\.rng/.test(r.upstream) && !/\.c\b/.test(r.upstream)).map((r) => r.id));
/** A first error of libvirt's schema stage (stages.ts), or of the XML itself (libxml2's caret line). */
const schemaFirst = (p: { id: string; message: string }, stage: string | undefined) => stage === 'schema' || stage === 'xml' || SCHEMA_FINDING.test(p.message) || SCHEMA_RULES.has(p.id);
/** libvirt's error without virsh's and its category's prefixes. */
const bareWords = (msg: string) => msg.replace(/^error: /, '').replace(/^(XML error|unsupported configuration|internal error|invalid argument|operation failed|argument unsupported): /, '').trim();
/**
 * libvirt's words, with a MAC address libvirt generated (52:54:00:..., random per define, for an
 * interface without <mac>) read as bdm-lab names it: "(its generated MAC)".
 */
let documentText = '';
const words = (msg: string) => bareWords(msg).replace(/\b52:54:00(?::[0-9a-f]{2}){3}\b/g, (mac) => (documentText.toLowerCase().includes(mac) ? mac : '(its generated MAC)'));
const DIR = join(__dirname, '..', 'test', 'fixtures', 'libvirtxml');
// libvirt (libxml2) expands a few nested entities and defines the domain; bdm-lab refuses any
// entity declaration on purpose (billion laughs), which is stricter than libvirt.
const EXCEPTIONS: Record<string, string> = { 'invalid-billion-laughs.xml': 'bdm-lab refuses entity declarations on purpose' };
/** Seeded <disk> variants over types, devices, buses, targets, driver values, sources and extras. */
function generated(seed: number, count: number): Array<[string, string]> {
  let s = seed;
  const r = () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
  const pick = <T,>(a: T[]): T => a[Math.floor(r() * a.length)]!;
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) {
    const t = pick(['file', 'block', 'network', 'volume', 'dir', 'bogus']);
    const dev = pick(['disk', 'cdrom', 'floppy', 'lun']);
    const bus = pick(['virtio', 'scsi', 'sata', 'ide', 'usb', 'fdc', 'xen']);
    const tgt = pick(['vd', 'sd', 'hd', 'fd', 'xvd']) + pick(['a', 'b', 'c', 'aa']);
    const cache = pick(['none', 'writeback', 'writethrough', 'directsync', 'unsafe', 'default', null]);
    const io = pick(['native', 'threads', 'io_uring', null]);
    const dt = pick(['raw', 'qcow2', 'vmdk', null]);
    // the wrapping domain has no iothreads: only the id libvirt refuses before looking for one (0)
    const iothread = r() < 0.05 ? ' iothread="0"' : '';
    const drv = `<driver name="qemu"${dt ? ` type="${dt}"` : ''}${cache ? ` cache="${cache}"` : ''}${io ? ` io="${io}"` : ''}${iothread}/>`;
    let src = '';
    if (t === 'file') src = pick(['<source file="/var/lib/x.img"/>', '<source dev="/dev/sdb"/>', '']);
    else if (t === 'block') src = pick(['<source dev="/dev/sdb"/>', '<source file="/tmp/x"/>']);
    else if (t === 'network') src = pick(['<source protocol="rbd" name="volumes/v1"><host name="10.0.0.1" port="6789"/></source>', '<source protocol="rbd" name="volumes/v1"/>', '<source protocol="iscsi" name="iqn.2010-10.org:x/1"><host name="10.0.0.1" port="3260"/></source>', '<source protocol="nbd"><host name="10.0.0.1" port="10809"/></source>', '<source protocol="bogus" name="x"/>']);
    else if (t === 'volume') src = pick(['<source pool="default" volume="v1"/>', '<source pool="default"/>']);
    else if (t === 'dir') src = pick(['<source dir="/tmp"/>', '']);
    const extra = pick(['', '<readonly/>', '<shareable/>', '<readonly/><shareable/>', '<serial>abc-123</serial>', '<boot order="1"/>', '<address type="drive" controller="0" bus="0" target="0" unit="0"/>', '<address type="pci" domain="0x0000" bus="0x00" slot="0x07" function="0x0"/>']);
    out.push([`generated-${seed}-${i}`, `<disk type="${t}" device="${dev}">\n  ${drv}\n  ${src}\n  <target dev="${tgt}" bus="${bus}"/>\n  ${extra}\n</disk>\n`]);
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'bdm-lab-define-'));
let agree = 0;
let total = 0;
let refused = 0;
let host = 0;
const out: string[] = [];
try {
  const docs: Array<[string, string]> = [
    ...readdirSync(DIR).filter((f) => !NO_FIXTURES && f.endsWith('.xml') && !(f in EXCEPTIONS)).map((f): [string, string] => [f, readFileSync(join(DIR, f), 'utf8')]),
    ...generated(SEED, COUNT),
    ...generatedDomains(SEED, DOMAINS, EXTRAS, PLATFORM, MORE),
    ...tuningDomains(SEED, TUNING),
    ...hunt31Domains(SEED, HUNT31),
  ];
  docs.forEach(([f, text], n) => {
    const name = `bdm-lab-define-${process.pid}-${n}`;
    const bare = text.replace(/<\?xml[^>]*>/, '');
    const doc = /<domain[\s>]/.test(text)
      ? bare.replace(/<domain([^>]*?)type=["'][a-z]+["']/, '<domain$1type="qemu"').replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`)
      : `<domain type="qemu"><name>${name}</name><memory>65536</memory><os><type arch="x86_64" machine="pc">hvm</type></os><features><acpi/></features>${/<devices[\s>]/.test(text) ? bare : `<devices>${bare}</devices>`}</domain>`;
    const file = join(work, 'd.xml');
    writeFileSync(file, doc);
    let libvirtOk = true;
    let msg = '';
    for (let attempt = 0; attempt < 2; attempt++) {
      libvirtOk = true;
      msg = '';
      try {
        execFileSync('virsh', ['-c', URI, 'define', '--validate', file], { stdio: 'pipe', timeout: 20_000 });
        execFileSync('virsh', ['-c', URI, 'undefine', name], { stdio: 'pipe', timeout: 20_000 });
      } catch (e) {
        libvirtOk = false;
        msg = String((e as { stderr?: Buffer }).stderr ?? '').split('\n').filter(Boolean).slice(-1)[0] ?? '';
      }
      // libvirtd 9.0 dies now and then (a crash inside it after many documents, not reproducible
      // document by document): with --wait-daemon S, wait that long for one to answer again (the
      // caller restarts it) and ask once more; a document that fails twice so is a host refusal
      if (!WAIT_DAEMON || libvirtOk || !DAEMON_GONE.test(msg)) break;
      daemonGone++;
      for (let waited = 0; waited < WAIT_DAEMON * 4; waited++) {
        try {
          execFileSync('virsh', ['-c', URI, 'version'], { stdio: 'pipe', timeout: 5_000 });
          break;
        } catch {
          execFileSync('sleep', ['0.25']);
        }
      }
    }
    documentText = text;
    const staged = analyzeLibvirtXmlStaged(text);
    const errorStages = staged.stages.filter((_, i) => staged.analysis.problems[i]!.severity === 'error');
    const errors = staged.analysis.problems.filter((p) => p.severity === 'error');
    if (!libvirtOk && HOST_ONLY.test(msg)) {
      host++;
      return;
    }
    total++;
    if (!libvirtOk) refused++;
    const wordsMissing = WORDS && !libvirtOk && errors.length > 0 && !SCHEMA_REFUSAL.test(msg) && !errors.some((p) => p.message.includes(words(msg)));
    const firstOther = FIRST && !libvirtOk && errors.length > 0 && !wordsMissing
      && (SCHEMA_REFUSAL.test(msg) ? !schemaFirst(errors[0]!, errorStages[0]) : !errors[0]!.message.includes(words(msg).replace(/\.$/, '')));
    if (firstOther) {
      if (DUMP) writeFileSync(join(DUMP, `${f.replace(/\.xml$/, '')}.xml`), doc);
      out.push(`${f}: both refuse, but bdm-lab's first error is not libvirt's "${words(msg)}" (bdm-lab first: ${errors[0]!.id} ${errors[0]!.message})`);
    } else if ((errors.length === 0) === libvirtOk && !wordsMissing) agree++;
    else if (wordsMissing) {
      if (DUMP) writeFileSync(join(DUMP, `${f.replace(/\.xml$/, '')}.xml`), doc);
      out.push(`${f}: both refuse, but no finding says libvirt's "${words(msg)}" (bdm-lab: ${errors.map((p) => `${p.id} ${p.message}`).join(' | ')})`);
    }
    else {
      if (DUMP) writeFileSync(join(DUMP, `${f.replace(/\.xml$/, '')}.xml`), doc);
      out.push(`${f}: libvirt ${libvirtOk ? 'accepts' : `refuses (${msg})`}, bdm-lab ${errors.length ? `refuses (${errors.map((p) => p.id).join(', ')})` : 'accepts'}`);
    }
  });
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const l of out) console.log(l);
if (daemonGone) console.log(`(libvirtd went away under ${daemonGone} document(s); each was asked again)`);
console.log(`${agree}/${total} documents (fixtures, ${COUNT} generated disks and ${DOMAINS} generated domains, seed ${SEED}; ${refused} refused by libvirt${host ? `, ${host} more refused for the connection's sake and left out` : ''}): bdm-lab's verdict agrees with ${URI} define --validate`);
process.exitCode = agree === total && total > 0 ? 0 : 1;
