/**
 * The deployment-XML differential campaign: for generated server-create bodies and the deployment
 * around them (scripts/xml-difftest-gen.ts), the guest storage XML bdm-lab's preview writes
 * against what Nova's own libvirt driver hands libvirt at spawn (scripts/xml_difftest_oracle.py:
 * python3-nova 26.2.2 through test/fixtures/deploy/spawn_oracle.py).
 *   node --import tsx scripts/xml-difftest.ts [--seed S[,S...]] [--count N] [--show K] [--keep FILE] [--nova-git DIR]
 *   node --import tsx scripts/xml-difftest.ts --fixture test/fixtures/deploy/xml-difftest.oracle.json
 * Compared: Nova's verdict, the device names, the build or spawn error, and each <disk> /
 * <filesystem> after canonicalising only what is insignificant (attribute order, whitespace
 * between elements); byte-identical XML is counted too. `--keep FILE` writes the cases with their
 * labels (for a fixture). Prints per seed "seed S: N agree, N disagree (...)" and a closing line
 * "N passed, N failed".
 * `--nova-git DIR` (a fetched openstack/nova): the oracle names the disks with the blockinfo.py of
 * the release the cases name (26.2.2: its ISO roots, its boot order's KeyError for a lun disk with a
 * boot index) instead of the nova-oracle's master one, which bdm-lab's release-aware names disagree
 * with on those cases.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateXmlCases, type XmlCase } from './xml-difftest-gen';
import { analyzeJson } from '../server/src/analyze';
import { entryPreviewOf, previewOf, spawnError } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext, parseContextText } from '../server/src/model/contextLoad';
import { parseNovaConfIni } from '../server/src/model/novaConfIni';
import { main as cliMain } from '../server/src/cli';

export interface XmlLabel {
  id: string;
  oracle_error?: string;
  valid?: boolean | null;
  http_status?: number;
  nova_message?: string | null;
  device_names?: Array<string | null> | null;
  implicit_device_names?: Array<string | null> | null;
  build_error?: string | null;
  nova_xml?: string[] | null;
  nova_error?: string | null;
}

/** Labels the cases with Nova's own code (one python process for all of them). */
export function labelXmlCases(cases: XmlCase[], novaGit?: string): XmlLabel[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-xmldiff-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'xml_difftest_oracle.py'), file, ...(novaGit ? [novaGit] : [])], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as XmlLabel[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** XML with only the insignificant parts normalised: attribute order and whitespace between elements. */
export function canonicalXml(xml: string): string {
  return xml
    .replace(/>\s+</g, '><')
    .trim()
    .replace(/<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g, (_m, name: string, attrs: string, close: string) => {
      const list = [...attrs.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => `${a[1]}="${a[2] ?? a[3]}"`).sort();
      return `<${name}${list.map((a) => ' ' + a).join('')}${close}>`;
    });
}

/** Nova's exception, as bdm-lab's message names it (its class name, or the words of its message). */
const ERROR_WORDS: Record<string, RegExp> = {
  InvalidVolumeAccessMode: /Invalid volume access mode/,
  VolumeDriverNotFound: /Volume driver not found/,
};

/** Whether bdm-lab's error names the exception Nova raised (messages are not compared word for word). */
export function sameError(nova: string, ours: string): boolean {
  const cls = nova.split(':')[0]!.trim();
  return ours.includes(cls) || (ERROR_WORDS[cls]?.test(ours) ?? false);
}

export type Outcome =
  | { kind: 'agree'; exact: boolean }
  | { kind: 'skip'; why: string }
  | { kind: 'disagree'; what: string; nova: unknown; ours: unknown };

/** bdm-lab's answer for one case against Nova's label. */
export function compareXmlCase(c: Pick<XmlCase, 'body' | 'context' | 'nova_conf_ini'>, l: XmlLabel): Outcome {
  if (l.oracle_error) return { kind: 'skip', why: 'oracle error' };
  const parsed = parseContextText(JSON.stringify(c.context));
  if (parsed.problems.length) return { kind: 'disagree', what: 'context refused', nova: null, ours: parsed.problems.map((p) => p.message) };
  // a nova.conf file over the context file, as `bdm-lab xml --nova-conf` takes it
  const layers: Parameters<typeof mergeContext>[0] = [];
  if (c.nova_conf_ini !== undefined) layers.push({ source: 'cli', context: { nova_conf: parseNovaConfIni(c.nova_conf_ini).conf } });
  layers.push({ source: 'cli', context: parsed.context });
  const ctx = mergeContext(layers).context;
  const a = analyzeJson(JSON.stringify(c.body), ctx, { forced: true });
  if (l.valid !== true) return a.valid ? { kind: 'disagree', what: 'verdict', nova: `${l.http_status} ${l.nova_message}`, ours: 'accepted' } : { kind: 'skip', why: 'refused by both' };
  if (!a.valid) return { kind: 'disagree', what: 'verdict', nova: 'accepted', ours: a.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`) };
  const p = previewOf(a, ctx, null, nodeHashes);
  const failed = spawnError(p);
  if (l.build_error) {
    if (!p.info?.buildError) return { kind: 'disagree', what: 'build error', nova: l.build_error, ours: failed };
    return sameError(l.build_error, p.info.buildError) ? { kind: 'agree', exact: true } : { kind: 'disagree', what: 'build error kind', nova: l.build_error, ours: p.info.buildError };
  }
  const names = p.entries.map((e) => e.deviceName);
  if (JSON.stringify(names) !== JSON.stringify(l.device_names)) return { kind: 'disagree', what: 'device names', nova: l.device_names, ours: names };
  if (l.nova_error || !l.nova_xml) {
    if (!failed) return { kind: 'disagree', what: 'spawn error', nova: l.nova_error, ours: p.disks.map((d) => d.xml) };
    return sameError(l.nova_error ?? '', failed) ? { kind: 'agree', exact: true } : { kind: 'disagree', what: 'spawn error kind', nova: l.nova_error, ours: failed };
  }
  if (failed) return { kind: 'disagree', what: 'spawn error', nova: l.nova_xml, ours: failed };
  const ours = p.disks.map((d) => d.xml);
  // an entry's hover writes that entry's <disk> alone (entryPreviewOf): the same bytes
  for (const e of p.entries) {
    if (e.entry === null) continue;
    const one = entryPreviewOf(a, ctx, null, nodeHashes, e.entry);
    if ((one?.entries[0]?.xml ?? null) !== e.xml) return { kind: 'disagree', what: 'hover xml', nova: e.xml, ours: one?.entries[0]?.xml ?? null };
  }
  if (JSON.stringify(ours) === JSON.stringify(l.nova_xml)) return { kind: 'agree', exact: true };
  const canonOurs = ours.map(canonicalXml);
  const canonNova = l.nova_xml.map(canonicalXml);
  if (JSON.stringify(canonOurs) === JSON.stringify(canonNova)) return { kind: 'agree', exact: false };
  return { kind: 'disagree', what: 'xml', nova: canonNova, ours: canonOurs };
}

/**
 * What the fixture keeps one case of, beside its seeded slice: each disagreement the campaign found
 * and fixed, and the rarer shapes; per shape, the cases it matches and what Nova must have done
 * with the one kept (default: written its XML).
 */
type ShapePick = [match: (c: XmlCase) => boolean, nova?: (l: XmlLabel) => boolean];
const wrote = (re?: RegExp) => (l: XmlLabel) => !!l.nova_xml && (!re || l.nova_xml.some((x) => re.test(x)));
const raised = (re: RegExp) => (l: XmlLabel) => re.test(l.nova_error ?? '');
const PICKS: Record<string, ShapePick> = {
  'rbd auth_enabled, null secret_uuid, nova.conf pair': [(c) => rbdNullSecret(c) && !!nc(c).libvirt?.rbd_secret_uuid, wrote(/<auth username="nova">/)],
  // (not on an LXC host: there the volumes fail earlier, for having no target dev)
  'rbd auth_enabled, null secret_uuid, no nova.conf pair': [(c) => rbdNullSecret(c) && !nc(c).libvirt?.rbd_secret_uuid && c.libvirt.virt_type !== 'lxc', raised(/^TypeError/)],
  'lxc with non-root volumes': [(c) => c.libvirt.virt_type === 'lxc' && !c.libvirt.disk_prefix && entries(c).some((e) => e.destination_type === 'volume' && e.boot_index !== 0), raised(/^TypeError/)],
  'lxc with a disk_prefix and volumes': [(c) => c.libvirt.virt_type === 'lxc' && !!c.libvirt.disk_prefix && entries(c).some((e) => e.destination_type === 'volume' && e.boot_index !== 0), wrote(/bus="lxc"/)],
  'many volumes': [(c) => entries(c).filter((e) => e.destination_type === 'volume').length > 26, wrote(/dev="[a-z]d[a-z]{2}"/)],
  'a nova.conf file': [(c) => c.nova_conf_ini !== undefined && /disk_cachemodes|images_type/.test(c.nova_conf_ini)],
  'ploop local disks': [(c) => nc(c).libvirt?.images_type === 'ploop', wrote(/type="ploop"/)],
  'mistyped disk_cachemodes': [(c) => ((nc(c).libvirt?.disk_cachemodes ?? []) as string[]).some((m) => /=.*=|^nfs=|=$/.test(m))],
  'an error of writing before one of building': [(c) => usedVols(c).some((v) => v.data.access_mode === 'rx' || v.driver_volume_type === 'sheepdog' || (!('device_path' in v.data) && v.driver_volume_type !== 'rbd'))
    && usedVols(c).some((v) => typeof v.data.logical_block_size === 'number' || (v.driver_volume_type === 'rbd' && v.data.auth_enabled && v.data.secret_uuid === null && !nc(c).libvirt?.rbd_secret_uuid)),
  raised(/^(InvalidVolumeAccessMode|VolumeDriverNotFound|KeyError)/)],
  'null block size': [(c) => vols(c).some((v) => v.data.physical_block_size === null)],
  'non-x86 arch with a config drive': [(c) => c.libvirt.arch !== undefined && c.libvirt.config_drive === true, wrote(/device="cdrom"/)],
  'missing device_path': [(c) => vols(c).some((v) => !('device_path' in v.data) && v.driver_volume_type !== 'rbd'), raised(/^KeyError/)],
  'null or empty format': [(c) => vols(c).some((v) => v.data.format === null || v.data.format === '')],
  'unknown volume type': [(c) => vols(c).some((v) => v.driver_volume_type === 'sheepdog'), raised(/^VolumeDriverNotFound/)],
  'native LUKS': [(c) => Object.values(c.encryption).some((e) => e.provider === 'luks'), wrote(/<encryption format="luks">/)],
  'a legacy LUKS provider class': [(c) => Object.values(c.encryption).some((e) => /LuksEncryptor/.test(e.provider)), wrote(/<encryption format="luks">/)],
  'a dm-crypt provider (no <encryption>)': [(c) => Object.keys(c.encryption).length > 0 && Object.values(c.encryption).every((e) => /luks2|plain|Cryptsetup|Noop|NoOp|LUKS$/.test(e.provider)), wrote()],
  'virtio-scsi units': [(c) => (c.libvirt.image_properties as Record<string, string> | undefined)?.hw_scsi_model === 'virtio-scsi', wrote(/<address type="drive"/)],
  // the body's own config_drive gives the instance disk.config, whatever the context says
  'the body asks for a config drive': [(c) => asksConfigDrive(c) && !c.libvirt.config_drive && !nc(c).DEFAULT?.force_config_drive
    && (c.libvirt.image_properties as Record<string, string> | undefined)?.img_config_drive !== 'mandatory', wrote(/disk\.config/)],
  'rbd images, rbd_user without rbd_secret_uuid': [(c) => nc(c).libvirt?.images_type === 'rbd' && !!nc(c).libvirt?.rbd_user && !nc(c).libvirt?.rbd_secret_uuid, raised(/^TypeError/)],
  'rbd volume without auth, nova.conf secret': [(c) => !odd(c) && !!nc(c).libvirt?.rbd_secret_uuid && !!nc(c).libvirt?.rbd_user
    && usedVols(c).some((v) => v.driver_volume_type === 'rbd' && v.data.auth_enabled === false), wrote(/<secret type="ceph" uuid="11111111-/)],
  ...Object.fromEntries(['scaleio', 'storpool', 'nvmeof', 'lightos', 'smbfs', 'vzstorage', 'gpfs', 'quobyte', 'iser', 'local', 'fibre_channel', 'nfs'].map((t): [string, ShapePick] => [`${t} volume`, [(c) => usedVols(c).some((v) => v.driver_volume_type === t)]])),
};
/** a connection_info the generator made odd on purpose (see connectionInfo in xml-difftest-gen.ts) */
const odd = (c: XmlCase) => vols(c).some((v) => v.driver_volume_type === 'sheepdog' || (!('device_path' in v.data) && v.driver_volume_type !== 'rbd') || v.data.format === null || v.data.format === ''
  || v.data.access_mode === 'rx' || Array.isArray(v.data.qos_specs) || typeof v.data.logical_block_size === 'number' || v.data.physical_block_size === null || typeof v.data.discard === 'string'
  || (v.driver_volume_type === 'rbd' && (!('secret_type' in v.data) || !('auth_enabled' in v.data))));
/** the case's nova.conf options, from its file when it has one */
const nc = (c: XmlCase) => (c.nova_conf_ini !== undefined ? parseNovaConfIni(c.nova_conf_ini).conf : c.nova_conf) as { DEFAULT?: Record<string, unknown>; libvirt?: Record<string, unknown> };
/** the body's config_drive is one the compute API reads as true */
const asksConfigDrive = (c: XmlCase) => {
  const v = c.body.server.config_drive;
  return v === true || (typeof v === 'string' && ['1', 't', 'true', 'on', 'y', 'yes'].includes(v.toLowerCase()));
};
/** the connection_info the case's volume entries take (their own, else `*`) */
const usedVols = (c: XmlCase) => entries(c).filter((e) => e.destination_type === 'volume')
  .map((e) => c.volumes[String(e.uuid)] ?? c.volumes['*']).filter(Boolean) as Array<{ driver_volume_type: string; data: Record<string, unknown> }>;
const rbdNullSecret = (c: XmlCase) => !odd(c) && usedVols(c).some((v) => v.driver_volume_type === 'rbd' && v.data.auth_enabled && v.data.secret_uuid === null);
const vols = (c: XmlCase) => Object.values(c.volumes) as Array<{ driver_volume_type: string; data: Record<string, unknown> }>;
const entries = (c: XmlCase) => (c.body.server.block_device_mapping_v2 ?? []) as Array<Record<string, unknown>>;

/** The committed labelled slice (test/fixtures/deploy/xml-difftest.oracle.json): seed 2026's first cases and one of each PICKS. */
function writeFixture(file: string): void {
  const cases = generateXmlCases(2026, 24);
  const pool = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((seed) => generateXmlCases(seed, 300));
  // the first 40 candidates of each shape, labelled at once; the first Nova did as the shape says is kept
  const candidates = Object.values(PICKS).map(([match]) => pool.filter(match).slice(0, 40));
  const flat = [...new Set(candidates.flat())];
  const labelOf = new Map(labelXmlCases(flat).map((l, i) => [flat[i]!, l]));
  const picked: Record<string, string> = {};
  Object.entries(PICKS).forEach(([what, [, nova]], k) => {
    const c = candidates[k]!.find((x) => labelOf.get(x)!.valid === true && (nova ?? wrote())(labelOf.get(x)!));
    if (!c) throw new Error(`no case of seeds 1-10 shows "${what}" as Nova does it`);
    if (!cases.includes(c)) cases.push(c);
    picked[what] = c.id;
  });
  const labels = labelXmlCases(cases);
  // one case a line: the body, the bdm-lab context and Nova's label (the oracle's own inputs are regenerated by the seed)
  const lines = cases.map((c, i) => JSON.stringify({ id: c.id, body: c.body, context: c.context, ...(c.nova_conf_ini !== undefined ? { nova_conf_ini: c.nova_conf_ini } : {}), label: labels[i] }));
  const head = JSON.stringify({
    source: 'scripts/xml-difftest.ts --fixture: cases of scripts/xml-difftest-gen.ts (seed 2026 x 24, and one of each shape PICKS names, from seeds 1-10 x 300), labelled by scripts/xml_difftest_oracle.py (python3-nova 26.2.2 through test/fixtures/deploy/spawn_oracle.py)',
    picked,
  });
  writeFileSync(file, `{"about": ${head},\n"cases": [\n${lines.join(',\n')}\n]}\n`);
  console.log(`${file}: ${cases.length} cases`);
}

/**
 * The same case through the CLI (`bdm-lab xml --context FILE [--nova-conf FILE] BODY`, in-process):
 * its stdout is Nova's XML, byte for byte, and a spawn Nova fails is named on stderr.
 */
export async function compareXmlCli(c: Pick<XmlCase, 'body' | 'context' | 'nova_conf_ini'>, l: XmlLabel): Promise<Outcome> {
  if (l.oracle_error || l.valid !== true) return { kind: 'skip', why: 'not accepted' };
  const files: Record<string, string> = { 'ctx.json': JSON.stringify(c.context), 'body.json': JSON.stringify(c.body) };
  if (c.nova_conf_ini !== undefined) files['nova.conf'] = c.nova_conf_ini;
  let out = '';
  let err = '';
  const code = await cliMain(['xml', '--context', 'ctx.json', ...(c.nova_conf_ini !== undefined ? ['--nova-conf', 'nova.conf'] : []), 'body.json'], {
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    readFile: (p) => {
      const name = p.split('/').pop()!;
      if (files[name] === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      return files[name]!;
    },
    cwd: '/nonexistent-xml-difftest',
  });
  const failed = /the compute node would fail the build: (.*)/.exec(err)?.[1] ?? null;
  const nova = l.build_error ?? l.nova_error;
  if (code !== 0) return { kind: 'disagree', what: 'cli exit', nova: 0, ours: `${code} ${err}` };
  if (nova) return failed && sameError(nova, failed) ? { kind: 'agree', exact: true } : { kind: 'disagree', what: 'cli spawn error', nova, ours: err };
  if (failed) return { kind: 'disagree', what: 'cli spawn error', nova: null, ours: failed };
  const theirs = (l.nova_xml ?? []).join('');
  if (out === theirs) return { kind: 'agree', exact: true };
  return canonicalXml(out) === canonicalXml(theirs) ? { kind: 'agree', exact: false } : { kind: 'disagree', what: 'cli xml', nova: theirs, ours: out };
}

async function main(): Promise<number> {
  const arg = (n: string): string | undefined => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seeds = (arg('--seed') ?? '1,2,3').split(',').map(Number);
  const count = Number(arg('--count') ?? 300);
  const show = Number(arg('--show') ?? 6);
  const keep = arg('--keep');
  const fixture = arg('--fixture');
  if (fixture) {
    writeFixture(fixture);
    return 0;
  }
  let pass = 0;
  let fail = 0;
  const kept: Array<XmlCase & { label: XmlLabel }> = [];
  for (const seed of seeds) {
    const cases = generateXmlCases(seed, count);
    const labels = labelXmlCases(cases, arg('--nova-git'));
    const cliOutcomes: Outcome[] = [];
    for (let i = 0; i < cases.length; i++) cliOutcomes.push(await compareXmlCli(cases[i]!, labels[i]!));
    let cliAgree = 0;
    const byWhat: Record<string, number> = {};
    const skips: Record<string, number> = {};
    let agree = 0;
    let exact = 0;
    let shown = 0;
    cases.forEach((c, i) => {
      const l = labels[i]!;
      if (l.id !== c.id) throw new Error(`label ${l.id} for case ${c.id}`);
      kept.push({ ...c, label: l });
      let o = compareXmlCase(c, l);
      if (o.kind === 'agree') {
        const viaCli = cliOutcomes[i]!;
        if (viaCli.kind === 'disagree') o = viaCli;
        else if (viaCli.kind === 'agree') cliAgree++;
      }
      if (o.kind === 'skip') skips[o.why] = (skips[o.why] ?? 0) + 1;
      else if (o.kind === 'agree') {
        agree++;
        if (o.exact) exact++;
      } else {
        byWhat[o.what] = (byWhat[o.what] ?? 0) + 1;
        if (shown++ < show) console.log(`${c.id} ${o.what}\n  body ${JSON.stringify(c.body)}\n  ctx ${JSON.stringify(c.context)}\n  nova   ${JSON.stringify(o.nova)}\n  bdmlab ${JSON.stringify(o.ours)}`);
      }
    });
    const dis = Object.values(byWhat).reduce((s, n) => s + n, 0);
    pass += agree;
    fail += dis;
    console.log(`seed ${seed}: ${agree} agree (${exact} byte-identical; ${cliAgree} also through the CLI, ${cases.filter((c) => c.nova_conf_ini !== undefined).length} cases with a nova.conf file), ${dis} disagree ${JSON.stringify(byWhat)}, skipped ${JSON.stringify(skips)}`);
  }
  if (keep) writeFileSync(keep, JSON.stringify(kept, null, 1) + '\n');
  console.log(`${pass} passed, ${fail} failed`);
  return fail ? 1 : 0;
}

if (require.main === module) void main().then((code) => { process.exitCode = code; });
