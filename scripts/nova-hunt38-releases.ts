/**
 * Hunt 38's release sweep of the default buses: for generated hosts and images (virt type, host
 * arch, machine type, hw_*_bus and hw_architecture image properties) and Nova releases from 17.0.0
 * to 32.0.0 (point releases around the q35 cdrom change: 19.0.1, 19.0.2), bdm-lab's default disk
 * and cdrom buses (the preview's `diskBus` / `cdromBus`) against each release's own
 * get_disk_bus_for_device_type (scripts/nova-hunt38-cdrom-oracle.py on a git checkout of
 * openstack/nova).
 *   node --import tsx scripts/nova-hunt38-releases.ts NOVA_GIT_DIR [--seed S] [--count N] [--labels FILE] [--fixture FILE]
 * (`--fixture FILE`: writes the labelled slice test/unit/nova-hunt38.test.ts reads)
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

// (releases before 17 do not load in python3-nova 26.2.2's package: nova.compute.arch is gone)
export const TAGS = ['17.0.0', '18.0.0', '18.3.0', '19.0.0', '19.0.1', '19.0.2', '19.3.2', '20.0.0', '21.0.0', '23.0.0', '26.0.0', '26.2.2', '29.0.0', '31.0.0', '32.0.0'];

export interface BusCase { id: string; tag: string; virt_type: string; arch: string; machine_type: string; image_properties: Record<string, string>; device_type: 'disk' | 'cdrom' }
export interface BusLabel { id: string; bus?: string | null; error?: string }

export function generateBusCases(seed: number, count: number): BusCase[] {
  const g = new Gen(seed);
  return Array.from({ length: count }, (_, i) => {
    const arch = g.w<string>([[6, 'x86_64'], [1, 'aarch64'], [1, 'ppc64le'], [0.5, 's390x'], [0.5, 'i686']]);
    const props: Record<string, string> = {};
    if (g.chance(0.25)) props.hw_machine_type = g.pick(['q35', 'pc', 'pc-q35-4.2', 'pc-i440fx-4.2', 'virt']);
    if (g.chance(0.1)) props.hw_architecture = g.pick(['x86_64', 'aarch64', 'ppc64le', 'i686']);
    if (g.chance(0.15)) props.hw_cdrom_bus = g.pick(['ide', 'sata', 'scsi', 'usb', 'virtio']);
    if (g.chance(0.15)) props.hw_disk_bus = g.pick(['virtio', 'scsi', 'sata', 'ide', 'usb']);
    const deviceType = g.pick(['disk', 'cdrom'] as const);
    // (only the asked type's bus property: the preview names the image's disk either way)
    delete props[deviceType === 'cdrom' ? 'hw_disk_bus' : 'hw_cdrom_bus'];
    return {
      id: `r38-${seed}-${i}`,
      tag: g.pick(TAGS),
      virt_type: g.w<string>([[6, 'kvm'], [3, 'qemu'], [1, 'parallels'], [1, 'lxc']]),
      arch,
      machine_type: g.pick(arch === 'x86_64' || arch === 'i686' ? ['pc', 'q35', 'pc-q35-4.2', 'pc-i440fx-4.2'] : arch === 'aarch64' ? ['virt'] : arch === 's390x' ? ['s390-ccw-virtio'] : ['pseries']),
      image_properties: props,
      device_type: deviceType,
    };
  });
}

export function labelBusCases(gitDir: string, cases: BusCase[]): BusLabel[] {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-lab-h38r-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, JSON.stringify(cases));
    const out = execFileSync('/usr/bin/python3', [join(__dirname, 'nova-hunt38-cdrom-oracle.py'), gitDir, file], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out) as BusLabel[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** bdm-lab's default bus for the case's device type (an image-only server's preview), or its build error. */
export function ourBus(c: BusCase): { bus: string | null } | { error: string } {
  const ctx = mergeContext([{ source: 'cli', context: { microversion: '2.1', nova_release: c.tag, libvirt: { virt_type: c.virt_type as never, arch: c.arch, machine_type: c.machine_type, image_properties: c.image_properties } } }]).context;
  const a = analyzeJson(JSON.stringify({ server: { name: 's', flavorRef: '1', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b' } }), ctx, { forced: true });
  if (!a.valid) return { error: `refused: ${a.verdict?.message ?? ''}` };
  const info = previewOf(a, ctx, null, nodeHashes).info;
  if (!info) return { error: 'no info' };
  if (info.buildError) return { error: info.buildError };
  return { bus: c.device_type === 'cdrom' ? info.cdromBus : info.diskBus };
}

export function compareBus(c: BusCase, l: BusLabel): string | null {
  const ours = ourBus(c);
  if (l.error !== undefined && /^(ImportError|ModuleNotFoundError|AttributeError: module)/.test(l.error)) return null;
  if (l.error !== undefined) {
    const cls = l.error.split(':')[0]!;
    return 'error' in ours && ours.error.includes(cls) ? null : `nova ${l.error} bdm-lab ${JSON.stringify(ours)}`;
  }
  return 'bus' in ours && ours.bus === (l.bus ?? null) ? null : `nova ${l.bus} bdm-lab ${JSON.stringify(ours)}`;
}

function main(): number {
  const gitDir = process.argv[2]!;
  const arg = (n: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? 3801);
  const count = Number(arg('--count') ?? 400);
  const labelsFile = arg('--labels');
  const fixture = arg('--fixture');
  const cases = generateBusCases(seed, count);
  const labels = labelsFile && existsSync(labelsFile) ? (JSON.parse(readFileSync(labelsFile, 'utf8')) as BusLabel[]) : labelBusCases(gitDir, cases);
  if (labelsFile && !existsSync(labelsFile)) writeFileSync(labelsFile, JSON.stringify(labels) + '\n');
  if (fixture) {
    // every cdrom case on a q35 machine (the release decides its bus) and the first 30 others
    const q35 = (c: BusCase) => c.device_type === 'cdrom' && /q35/.test(c.image_properties.hw_machine_type ?? c.machine_type);
    const keep = cases.map((c, i) => ({ c, l: labels[i]! })).filter(({ l }) => !/^(ImportError|ModuleNotFoundError)/.test(l.error ?? ''));
    const picked = [...keep.filter(({ c }) => q35(c)), ...keep.filter(({ c }) => !q35(c)).slice(0, 30)];
    const about = { source: `scripts/nova-hunt38-releases.ts --seed ${seed} --count ${count} --fixture: labelled by scripts/nova-hunt38-cdrom-oracle.py (each release's blockinfo.py from openstack/nova's git, run in python3-nova 26.2.2)` };
    writeFileSync(fixture, `{"about": ${JSON.stringify(about)},\n"cases": [\n${picked.map(({ c, l }) => JSON.stringify({ ...c, label: l })).join(',\n')}\n]}\n`);
    console.log(`${fixture}: ${picked.length} cases`);
    return 0;
  }
  let pass = 0;
  let fail = 0;
  cases.forEach((c, i) => {
    const why = compareBus(c, labels[i]!);
    if (why === null) pass++;
    else {
      fail++;
      if (fail <= 8) console.log(`${c.id} ${JSON.stringify(c)}\n  ${why}`);
    }
  });
  console.log(`${pass} passed, ${fail} failed`);
  return fail ? 1 : 0;
}

if (require.main === module) process.exitCode = main();
