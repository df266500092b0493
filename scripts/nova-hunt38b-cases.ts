/**
 * Hunt 38b's release check of the disk mapping: generated server-create bodies booting an ISO or
 * a qcow2 image (imageRef, an image-to-local or image-to-volume root, a volume root beside an
 * imageRef) with volumes, lun volumes on a bus with and without a boot index, and Nova releases
 * from 26.0.0 to 33.0.2 (the point releases around the ISO root fix: 28.3.0/28.3.1,
 * 29.2.0/29.2.1, 30.0.0/30.1.0) or none (master), compared with bdm-lab's preview: build error,
 * root device name, boot device order and disk mapping against each release's own blockinfo.py
 * (scripts/nova-hunt38b-oracle.py on a git checkout of openstack/nova).
 *   node --import tsx scripts/nova-hunt38b-cases.ts NOVA_GIT_DIR [--seed S] [--count N] [--labels FILE] [--fixture FILE] [--show K] [--tags T,T,...|master]
 * Prints the disagreements and "N passed, N failed".
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gen } from './difftest-gen';
import { analyzeJson } from '../server/src/analyze';
import { previewOf } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext } from '../server/src/model/contextLoad';

export const TAGS: Array<string | null> = [null, '26.0.0', '26.3.0', '27.0.0', '27.5.1', '28.0.0', '28.3.0', '28.3.1', '29.0.0', '29.2.0', '29.2.1', '29.4.0', '30.0.0', '30.1.0', '30.3.0', '31.0.0', '32.2.1', '33.0.2'];

export interface MapCase { id: string; tag: string | null; payload: Record<string, unknown>; context: Record<string, unknown> }
export interface MapLabel {
  id: string;
  valid?: boolean | null;
  http_status?: number | null;
  nova_message?: string | null;
  build_error?: string | null;
  root_device_name?: string | null;
  boot_dev_order?: string[] | null;
  disk_mapping?: Record<string, Record<string, string>> | null;
  oracle_error?: string;
}

const IMAGE = '70a599e0-31e7-49b7-b260-868f441e862b';
const vol = (i: number) => `a1b2c3d4-0000-4000-8000-${String(i).padStart(12, '0')}`;

export function generateMapCases(seed: number, count: number, tags: ReadonlyArray<string | null> = TAGS): MapCase[] {
  const g = new Gen(seed);
  return Array.from({ length: count }, (_, i) => {
    const iso = g.chance(0.6);
    const props: Record<string, string> = { disk_format: iso ? 'iso' : 'qcow2' };
    if (g.chance(0.2)) props.hw_cdrom_bus = g.pick(['ide', 'sata', 'scsi']);
    if (g.chance(0.2)) props.hw_disk_bus = g.pick(['virtio', 'scsi', 'sata']);
    const root = g.w<string>([[4, 'imageRef'], [2, 'image-local'], [2, 'image-volume'], [1, 'volume+imageRef']]);
    const bdms: Array<Record<string, unknown>> = [];
    let imageRef: string | null = root === 'imageRef' || root === 'volume+imageRef' ? IMAGE : null;
    if (root === 'image-local') bdms.push({ source_type: 'image', destination_type: 'local', uuid: IMAGE, boot_index: 0, delete_on_termination: true });
    if (root === 'image-volume') bdms.push({ source_type: 'image', destination_type: 'volume', uuid: IMAGE, boot_index: 0, volume_size: 10 });
    if (root === 'volume+imageRef') bdms.push({ source_type: 'volume', destination_type: 'volume', uuid: vol(99), boot_index: 0 });
    if (root === 'image-local' && g.chance(0.3)) imageRef = IMAGE;
    const extra = g.int(4);
    for (let k = 0; k < extra; k++) {
      const lun = g.chance(0.4);
      const e: Record<string, unknown> = { source_type: 'volume', destination_type: 'volume', uuid: vol(k + 1) };
      if (lun) e.device_type = 'lun';
      else if (g.chance(0.2)) e.device_type = 'cdrom';
      if (lun ? g.chance(0.85) : g.chance(0.3)) e.disk_bus = g.pick(['scsi', 'virtio', 'sata']);
      if (g.chance(0.5)) e.boot_index = g.pick([1, 2, -1, 3]);
      bdms.push(e);
    }
    const server: Record<string, unknown> = { name: 's', flavorRef: '1' };
    if (imageRef) server.imageRef = imageRef;
    if (bdms.length > 0) server.block_device_mapping_v2 = bdms;
    const tag = g.pick(tags);
    const context: Record<string, unknown> = {
      microversion: g.pick(['2.1', '2.32', '2.60']),
      ...(tag ? { nova_release: tag } : {}),
      libvirt: { virt_type: g.pick(['kvm', 'qemu']), arch: 'x86_64', machine_type: g.pick(['pc', 'q35']), image_properties: props },
    };
    return { id: `m38b-${seed}-${i}`, tag, payload: { server }, context };
  });
}

/**
 * Named cases at each release boundary: an ISO imageRef boot and an ISO image beside a volume root
 * on both sides of each backport of the ISO root fix, a lun volume with a boot index on both sides
 * of 30.0.0, and release names that are series (`caracal`, `2024.2`) or bare majors.
 */
export function boundaryCases(): MapCase[] {
  const out: MapCase[] = [];
  const ctx = (release: string | null, props: Record<string, string>, machine = 'pc') => ({ microversion: '2.1', ...(release ? { nova_release: release } : {}), libvirt: { virt_type: 'kvm', arch: 'x86_64', machine_type: machine, image_properties: props } });
  const isoBoot = { server: { name: 's', flavorRef: '1', imageRef: IMAGE } };
  const isoBesideVolumeRoot = { server: { name: 's', flavorRef: '1', imageRef: IMAGE, block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: vol(99), boot_index: 0 }] } };
  const lunBoot = { server: { name: 's', flavorRef: '1', imageRef: IMAGE, block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'local', uuid: IMAGE, boot_index: 0 },
    { source_type: 'volume', destination_type: 'volume', uuid: vol(1), device_type: 'lun', disk_bus: 'scsi', boot_index: 1 },
  ] } };
  const lunNoBootIndex = { server: { name: 's', flavorRef: '1', imageRef: IMAGE, block_device_mapping_v2: [
    { source_type: 'image', destination_type: 'local', uuid: IMAGE, boot_index: 0 },
    { source_type: 'volume', destination_type: 'volume', uuid: vol(1), device_type: 'lun', disk_bus: 'scsi' },
  ] } };
  const releases: Array<[string | null, string | null]> = [
    [null, null], ['26.0.0', '26.0.0'], ['27.5.1', '27.5.1'], ['28.3.0', '28.3.0'], ['28.3.1', '28.3.1'], ['29.2.0', '29.2.0'], ['29.2.1', '29.2.1'],
    ['30.0.0', '30.0.0'], ['30.1.0', '30.1.0'], ['31.0.0', '31.0.0'], ['caracal', '29.0.0'], ['2024.2', '30.0.0'], ['29', '29.0.0'], ['33.0.2', '33.0.2'],
  ];
  for (const [release, tag] of releases) {
    const name = release ?? 'master';
    out.push({ id: `iso-boot-${name}`, tag, payload: isoBoot, context: ctx(release, { disk_format: 'iso' }) });
    out.push({ id: `iso-boot-q35-${name}`, tag, payload: isoBoot, context: ctx(release, { disk_format: 'iso' }, 'q35') });
    out.push({ id: `iso-beside-volume-root-${name}`, tag, payload: isoBesideVolumeRoot, context: ctx(release, { disk_format: 'iso' }) });
    out.push({ id: `lun-boot-index-${name}`, tag, payload: lunBoot, context: ctx(release, { disk_format: 'qcow2' }) });
    out.push({ id: `lun-no-boot-index-${name}`, tag, payload: lunNoBootIndex, context: ctx(release, { disk_format: 'qcow2' }) });
  }
  return out;
}

export function labelMapCases(gitDir: string, cases: MapCase[]): MapLabel[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-h38b-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'nova-hunt38b-oracle.py'), gitDir, file], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as MapLabel[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Info = NonNullable<ReturnType<typeof previewOf>['info']>;

/** Nova's mapping dict as bdm-lab's preview says it (the 'root' alias from `root`). */
function ourMapping(info: Info): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  const one = (d: { dev: string; bus: string; type: string; bootIndex?: string; format?: string }) => ({
    bus: d.bus, dev: d.dev === '' ? 'null' : d.dev, type: d.type, ...(d.bootIndex !== undefined ? { boot_index: d.bootIndex } : {}), ...(d.format !== undefined ? { format: d.format } : {}),
  });
  if (info.root) out.root = one(info.root);
  for (const m of info.mapping) out[m.key === '/dev/' ? 'null' : m.key] = one(m);
  return out;
}

const sortedMap = (o: Record<string, Record<string, string>>) => JSON.stringify(Object.keys(o).sort().map((k) => [k, Object.keys(o[k]!).sort().map((f) => [f, String(o[k]![f])])]));

/** What bdm-lab answers for a case, in the label's terms. */
export function ourAnswer(c: MapCase): MapLabel {
  const ctx = mergeContext([{ source: 'cli', context: c.context as never }]).context;
  const a = analyzeJson(JSON.stringify(c.payload), ctx, { forced: true });
  if (!a.valid) return { id: c.id, valid: false, http_status: a.verdict?.httpStatus ?? null, nova_message: a.verdict?.message ?? null };
  const info = previewOf(a, ctx, null, nodeHashes).info;
  if (!info) return { id: c.id, valid: true };
  if (info.buildError) return { id: c.id, valid: true, build_error: info.buildError };
  return { id: c.id, valid: true, build_error: null, root_device_name: info.rootDeviceName, boot_dev_order: info.bootDevOrder, disk_mapping: ourMapping(info) };
}

/** null when bdm-lab agrees with the label, else what differs. */
export function compareMap(c: MapCase, l: MapLabel): string | null {
  if (l.oracle_error) return null;
  const ours = ourAnswer(c);
  if (l.valid !== true) return ours.valid === false && ours.http_status === l.http_status ? null : `verdict: nova ${l.http_status} ${l.nova_message} bdm-lab ${JSON.stringify(ours)}`;
  if (ours.valid !== true) return `verdict: nova accepts, bdm-lab ${ours.http_status} ${ours.nova_message}`;
  if (l.build_error) {
    // the same exception with the same quoted words
    const words = [l.build_error.split(':')[0]!, ...[...l.build_error.matchAll(/'([^']*)'/g)].map((m) => m[1]!)];
    return ours.build_error && words.every((w) => ours.build_error!.includes(w)) ? null : `build error: nova ${l.build_error} bdm-lab ${ours.build_error ?? 'none'}`;
  }
  if (ours.build_error) return `build error: nova none bdm-lab ${ours.build_error}`;
  if ((ours.root_device_name ?? null) !== (l.root_device_name ?? null)) return `root device name: nova ${l.root_device_name} bdm-lab ${ours.root_device_name}`;
  if (l.boot_dev_order && JSON.stringify(ours.boot_dev_order) !== JSON.stringify(l.boot_dev_order)) return `boot order: nova ${JSON.stringify(l.boot_dev_order)} bdm-lab ${JSON.stringify(ours.boot_dev_order)}`;
  if (l.disk_mapping && sortedMap(ours.disk_mapping ?? {}) !== sortedMap(l.disk_mapping)) return `mapping: nova ${JSON.stringify(l.disk_mapping)} bdm-lab ${JSON.stringify(ours.disk_mapping)}`;
  return null;
}

function main(): number {
  const gitDir = process.argv[2]!;
  const arg = (n: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? 3811);
  const count = Number(arg('--count') ?? 300);
  const show = Number(arg('--show') ?? 8);
  const labelsFile = arg('--labels');
  const fixture = arg('--fixture');
  const tagArg = arg('--tags');
  const cases = generateMapCases(seed, count, tagArg ? tagArg.split(',').map((t) => (t === 'master' ? null : t)) : TAGS);
  const labels = labelsFile && existsSync(labelsFile) ? (JSON.parse(readFileSync(labelsFile, 'utf8')) as MapLabel[]) : labelMapCases(gitDir, cases);
  if (labelsFile && !existsSync(labelsFile)) writeFileSync(labelsFile, JSON.stringify(labels) + '\n');
  if (fixture) {
    // the named boundary cases, then the generated cases whose release can matter (an ISO image, a
    // lun volume with a boot index: the first 120) and the first 20 others
    const named = boundaryCases();
    const namedLabels = labelMapCases(gitDir, named);
    const matters = (c: MapCase) => JSON.stringify(c.context).includes('"iso"') || /"device_type":"lun","disk_bus":"\w+","boot_index":[0-9]/.test(JSON.stringify(c.payload));
    const all = cases.map((c, i) => ({ c, l: labels[i]! })).filter(({ l }) => !l.oracle_error);
    const keep = [...named.map((c, i) => ({ c, l: namedLabels[i]! })).filter(({ l }) => !l.oracle_error), ...all.filter(({ c }) => matters(c)).slice(0, 120), ...all.filter(({ c }) => !matters(c)).slice(0, 20)];
    const about = { source: `scripts/nova-hunt38b-cases.ts --seed ${seed} --count ${count} --fixture: labelled by scripts/nova-hunt38b-oracle.py (the nova-oracle with each release's blockinfo.py from openstack/nova's git, python3-nova 26.2.2; tag null = the oracle's master blockinfo)` };
    writeFileSync(fixture, `{"about": ${JSON.stringify(about)},\n"cases": [\n${keep.map(({ c, l }) => JSON.stringify({ ...c, label: l })).join(',\n')}\n]}\n`);
    console.log(`${fixture}: ${keep.length} cases`);
    return 0;
  }
  let pass = 0;
  let fail = 0;
  let skipped = 0;
  cases.forEach((c, i) => {
    const l = labels[i]!;
    if (l.id !== c.id) throw new Error(`label ${l.id} for case ${c.id}`);
    if (l.oracle_error) {
      skipped++;
      return;
    }
    const why = compareMap(c, l);
    if (why === null) pass++;
    else {
      fail++;
      if (fail <= show) console.log(`${c.id} ${c.tag} ${JSON.stringify(c.payload)} ${JSON.stringify(c.context)}\n  ${why}`);
    }
  });
  console.log(`${pass} passed, ${fail} failed, ${skipped} oracle errors`);
  return fail ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
