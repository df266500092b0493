/**
 * A hunt on real-world domain XML (libvirt's own test data, or any folder of domain documents):
 * each file's verdict from bdm-lab (analyzeLibvirtXml's errors and libvirt's RelaxNG schema
 * in-process, as `check` gives it) against `virsh -c URI define --validate` (each domain is
 * undefined again at once). libvirt's refusals for reasons of this host (an emulator, machine
 * type, CPU model or QEMU capability it lacks) are kept apart: bdm-lab judges documents, not hosts.
 * The folder's files are read, never copied anywhere.
 *   node --import tsx scripts/libvirt-upstream-hunt.ts DIR [URI] [--out FILE.json] [--only SUBSTR]
 * Writes one JSON line per file to --out (default: stdout summary only) and prints the
 * disagreements: libvirt refuses what bdm-lab accepts, or bdm-lab refuses what libvirt accepts.
 */
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { analyzeLibvirtXml, SCHEMA_DIRS } from '../server/src/libvirtxml';
import { checkInProcess } from '../server/src/libvirtxml/schemaCheck';
import { sharedRelaxNg } from '../server/src/host/relaxng';

function option(name: string, dflt: string): string {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : dflt;
}
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !(i > 0 && all[i - 1]!.startsWith('--')));
const DIR = positional[0] ?? '.';
const URI = positional[1] ?? 'qemu:///system';
const OUT = option('--out', '');
const ONLY = option('--only', '');

/** libvirt's refusals that speak of this host rather than of the document. */
const HOST = [
  /Cannot check QEMU binary/, /No such file or directory/, /does not support machine type/, /unsupported machine type/i,
  /this QEMU binary|QEMU binary does not|the QEMU binary|with this QEMU|this qemu|QEMU does not support|not supported (by|with) this QEMU|not supported by QEMU|doesn't support|does not support/i,
  /could not find capabilities/, /host CPU|CPU model .* not supported|host doesn't|on this host|host does not/i, /Emulator .* not/, /unsupported configuration: .*(QEMU|qemu)/,
  /KVM is not|kvm is not|domain type .* not supported/i, /TLS is disabled in qemu\.conf/,
];
/** Refusals the patterns above would take for the host's that speak of the document. */
const DOCUMENT = [/not directly supported by QEMU/, /controller only supports up to/, /multiple OpenGL displays/, /NVRAM|nvram|firmware|loader/];
const isHost = (m: string) => !DOCUMENT.some((r) => r.test(m)) && HOST.some((r) => r.test(m));

function virsh(args: string[]): string | null {
  try {
    execFileSync('virsh', ['-c', URI, ...args], { stdio: 'pipe', timeout: 60_000 });
    return null;
  } catch (e) {
    const err = String((e as { stderr?: Buffer }).stderr ?? e);
    return err.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').replace(/^error: Failed to define domain from \S+ /, '').replace(/^error: /, '') || 'failed';
  }
}

async function main(): Promise<number> {
  const relaxng = sharedRelaxNg(SCHEMA_DIRS);
  const loaded = await relaxng.load();
  if ('unavailable' in loaded) throw new Error(loaded.unavailable);
  const files = readdirSync(DIR).filter((f) => f.endsWith('.xml') && f.includes(ONLY)).sort();
  const work = mkdtempSync(join(tmpdir(), 'bdm-lab-hunt-'));
  const counts = { files: 0, agreeAccept: 0, agreeRefuse: 0, host: 0, hostAndOurs: 0, falseErrors: 0, missed: 0 };
  if (OUT) writeFileSync(OUT, '');
  try {
    for (const f of files) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const name = `bdm-lab-hunt-${process.pid}-${counts.files}`;
      const path = join(work, 'd.xml');
      writeFileSync(path, text.replace(/<name>[^<]*<\/name>/, `<name>${name}</name>`));
      const err = virsh(['define', '--validate', path]);
      // a domain without NVRAM refuses --nvram: then plain undefine
      if (err === null && virsh(['undefine', '--nvram', name]) !== null) virsh(['undefine', name]);
      const ours = analyzeLibvirtXml(text).problems.filter((p) => p.severity === 'error').map((p) => `${p.id}: ${p.message}`);
      const schema = (await checkInProcess(text, loaded)).problems.filter((p) => p.severity === 'error').map((p) => `${p.id}: ${p.message}`);
      const all = [...ours, ...schema];
      counts.files++;
      let kind: string;
      if (err === null) kind = all.length ? 'FALSE-ERROR' : 'agree-accept';
      else if (all.length) kind = isHost(err) ? 'host-ours' : 'agree-refuse';
      else kind = isHost(err) ? 'host' : 'MISSED';
      if (kind === 'FALSE-ERROR') counts.falseErrors++;
      else if (kind === 'MISSED') counts.missed++;
      else if (kind === 'host') counts.host++;
      else if (kind === 'host-ours') counts.hostAndOurs++;
      else if (kind === 'agree-accept') counts.agreeAccept++;
      else counts.agreeRefuse++;
      const row = { file: f, kind, libvirt: err, ours, schema };
      if (OUT) appendFileSync(OUT, `${JSON.stringify(row)}\n`);
      if (kind === 'FALSE-ERROR' || kind === 'MISSED') console.log(`${kind} ${f}\n   libvirt: ${err ?? 'accepts'}\n   ours: ${all.slice(0, 3).join(' | ')}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(JSON.stringify(counts));
  return counts.falseErrors + counts.missed ? 1 : 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e); process.exitCode = 2; });
