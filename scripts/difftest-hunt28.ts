/**
 * Hunt 28: a differential test against Nova's own code (the nova-oracle) aimed at what hunts 22-27
 * wrote least:
 *
 *   top      server bodies whose TOP-LEVEL keys combine in unusual ways and still reach the block
 *            device code: imageRef beside boot volumes and image->local roots, availability_zone in
 *            its "az", "az:host", "az::node" forms, min_count / max_count / return_reservation_id,
 *            os:scheduler_hints and OS-SCH-HNT:scheduler_hints beside the server, networks "none" /
 *            "auto" / lists around 2.37, host / hypervisor_hostname around 2.74, hostname around
 *            2.90 / 2.94, key_name, user_data, adminPass, OS-DCF:diskConfig, config_drive
 *   ctxflv   context-driven bodies that mostly pass: flavors with swap and ephemeral disks against
 *            blank local entries (swap and ephemeral guest formats, sizes at and past the flavor's),
 *            legacy ephemeralN / swap items, max_local_block_devices, image properties (buses,
 *            cdrom bus, ISO roots, root device name, img_config_drive), config drive, disk prefix,
 *            virt type, arch and machine type; their names, boot order and build errors compared
 *   attachall volumeAttachment bodies at EVERY microversion 2.0-2.104, each key drawn per gate,
 *            numbers and strings spelled oddly, unicode
 *   spell    numbers and strings in odd spellings in every numeric field (boot_index, volume_size,
 *            min_count, max_count) and booleans: digits of other scripts (Python's int() takes any
 *            Nd digit), white space Python strips and JavaScript does not (and the other way
 *            round), underscores, signs, exponents and fractions as raw JSON, JSON escapes
 *   imgmeta  imageRef (and boot volumes) under image properties the compute API reads with the
 *            block devices: min_disk / min_ram (Glance's own fields are the oracle's 0; as
 *            properties they are only volume metadata), img_config_drive, hw_disk_bus /
 *            hw_cdrom_bus with cdrom and ISO images, root_device_name, mappings
 *   glance   Glance's own min_disk, min_ram and size of the imageRef image (or the root entry's
 *            image) against the flavor's disk and RAM and the root volume's size: judged through
 *            scripts/difftest-hunt28-glance-oracle.py (the oracle with those Glance attributes,
 *            the context's `_glance` key) and by bdm-lab with a lab host's inventory holding the
 *            same images, volumes and snapshots as the oracle's stubs
 *   cinder   the same with Cinder's volumes given too (the context's `_cinder` key: size, bootable,
 *            multiattach, availability zone of each volume): non-bootable roots (v2, snapshots'
 *            volumes, legacy "...da" items), multiattach volumes around 2.60, volume zones
 *
 * Compared as hunt 25 compares (verdict, status, Nova's words, layer, blamed entry, driver classes,
 * libvirt names, disk mapping, build errors); attach bodies as hunt 22 compares.
 *
 *   node --import tsx scripts/difftest-hunt28.ts [--seed 28,2828] [--mode top,ctxflv,attachall,spell,imgmeta,glance] [--count N] [--show N] [--dump FILE] [--inventory]
 *
 * --inventory judges the server modes' bodies as mode glance does: bdm-lab with the lab host
 * inventory that holds the oracle's stubs (every image 1 GiB, every volume and snapshot 10 GiB),
 * so that the rules that need Glance's and Cinder's contents are compared too.
 *
 * Seed 28 is the hunt's seed; 2828 is held out. Closing line: "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Gen, toText, raw, ABSENT, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle, ROOT, PYTHON, type OracleVerdict } from './difftest-lib';
import { analyzeJson } from '../server/src/analyze';
import { mergeContext, type PartialContext } from '../server/src/model/contextLoad';
import type { Inventory } from '../server/src/model/inventory';
import { compareOne } from './difftest-hunt22';
import { compare25 } from './difftest-hunt25';

type Obj = Record<string, unknown>;
type Ctx28 = DiffContext & { libvirt?: Obj };
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const VOL3 = '5b0f3e2d-9c8b-4a7e-8d6c-1e2f3a4b5c6d';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const PORT = '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11';
const GROUP = '5b3f4c2e-9d1a-4e8b-a7c6-1f2e3d4c5b6a';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };

export type Hunt28Mode = 'top' | 'ctxflv' | 'attachall' | 'spell' | 'imgmeta' | 'glance' | 'cinder';
export const HUNT28_MODES: Hunt28Mode[] = ['top', 'ctxflv', 'attachall', 'spell', 'imgmeta', 'glance', 'cinder'];
const IMG2 = 'b8e2f7a1-3c4d-4e5f-9a6b-7c8d9e0f1a2b';
/** the volume the oracle's Cinder gives every snapshot */
const SNAP_VOLUME = 'a1b2c3d4-0000-4000-8000-00000000aaaa';

/** Glance's attributes of an image (or of every image: "*"), as the glance oracle takes them */
export interface GlanceFacts { min_disk?: number; min_ram?: number; size_gib?: number }
export type Glance = Record<string, GlanceFacts>;
/** Cinder's attributes of a volume (or of every volume: "*"), as the glance oracle takes them */
export interface CinderFacts { size?: number; bootable?: boolean; multiattach?: boolean; availability_zone?: string }
export type Cinder = Record<string, CinderFacts>;
/** a case whose context's `_glance` (and `_cinder`) key gives Glance's images and Cinder's volumes (the glance oracle reads them; bdm-lab gets an inventory) */
export type GlanceContext = Ctx28 & { _glance: Glance; _cinder?: Cinder };

/**
 * The lab host inventory that holds what the glance oracle's stubs hold: the two images with the
 * case's Glance attributes (1 GiB by default), every volume 10 GiB, available, bootable, in AZ
 * nova, and the snapshot (10 GiB) of the oracle's snapshot volume.
 */
export function glanceInventory(glance: Glance, cinder: Cinder = {}): Inventory {
  const image = (id: string) => {
    const f = glance[id] ?? glance['*'] ?? {};
    return { id, size_gib: f.size_gib ?? 1, ...(f.min_disk !== undefined ? { min_disk_gb: f.min_disk } : {}), ...(f.min_ram !== undefined ? { min_ram_mb: f.min_ram } : {}) };
  };
  const volume = (id: string) => {
    const f = cinder[id] ?? cinder['*'] ?? {};
    return { id, size: f.size ?? 10, status: 'available', bootable: f.bootable ?? true, multiattach: f.multiattach ?? false, availability_zone: f.availability_zone ?? 'nova' };
  };
  return { source: 'hunt 28 Glance', images: [image(IMG), image(IMG2)], volumes: [VOL, VOL2, VOL3, SNAP_VOLUME].map(volume), snapshots: [{ id: SNAP, size: 10, volume_id: SNAP_VOLUME }] };
}

/** bdm-lab's verdict on a glance case: its context less `_glance`, and the inventory */
export function judgeGlanceCase(c: { payloadText: string; context: GlanceContext }) {
  const { _glance: glance, _cinder: cinder, ...rest } = c.context;
  const ctx = mergeContext([{ source: 'cli', context: rest as PartialContext }]).context;
  return analyzeJson(c.payloadText, ctx, { inventory: glanceInventory(glance, cinder) });
}

export const GLANCE_ORACLE = join(ROOT, 'scripts', 'difftest-hunt28-glance-oracle.py');

/** runOracle through the glance oracle */
export function runGlanceOracle(cases: Array<Pick<DiffCase, 'id' | 'payloadText' | 'context'>>): Map<string, OracleVerdict> {
  const dir = mkdtempSync(join(tmpdir(), 'bdm-h28-'));
  try {
    const file = join(dir, 'cases.json');
    writeFileSync(file, '[\n' + cases.map((c) => `{"id": ${JSON.stringify(c.id)}, "context": ${JSON.stringify(c.context)}, "payload": ${c.payloadText.trim()}}`).join(',\n') + '\n]\n');
    const r = spawnSync(PYTHON, [GLANCE_ORACLE, file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0 && !r.stdout) throw new Error(`glance oracle failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
    const out = new Map<string, OracleVerdict>();
    for (const line of r.stdout.split('\n')) if (line.trim().startsWith('{')) { const v = JSON.parse(line) as OracleVerdict; out.set(v.id, v); }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** verdict, status, Nova's words and (accepted) driver classes of a glance case */
export function compareGlance(c: DiffCase, o: OracleVerdict): { ok: boolean; key: string; detail: string } {
  // the oracle's stubs end here (no database behind a forced host): not Nova's answer (as hunt 22 leaves them out)
  if (!o.valid && /oslo_db\.exception/.test(o.nova_message ?? '')) return { ok: true, key: 'stub', detail: '' };
  const a = judgeGlanceCase(c as DiffCase & { context: GlanceContext });
  const v = a.verdict;
  // the oracle's 26.2.2 controller reads hostname only up to 2.93 (oracle README, "Known limits"; hunt 22 leaves it out too)
  if (v?.code === 'BDM-COMPUTE-MULTI-HOSTNAME' && Number(c.context.microversion.split('.')[1]) >= 94) return { ok: true, key: 'stub', detail: '' };
  // ... and its multiattach gate (2.60) likewise: from 2.94 it answers as for an old version
  if (!o.valid && /^Multiattach volumes are only supported/.test(o.nova_message ?? '') && Number(c.context.microversion.split('.')[1]) >= 94) return { ok: true, key: 'stub', detail: '' };
  const detail = `nova: ${o.valid ? 'accepts' : `${o.http_status} ${JSON.stringify(o.nova_message)}`}\nbdm-lab: ${a.valid ? 'accepts' : `${v?.httpStatus} ${v?.code} ${JSON.stringify(v?.message)}`}`;
  if (o.valid !== a.valid) return { ok: false, key: `glance valid: nova ${o.valid ? 'accepts' : o.http_status} / bdm-lab ${a.valid ? 'accepts' : v?.code}`, detail };
  if (!o.valid && (o.http_status !== v?.httpStatus || o.nova_message !== v?.message)) return { ok: false, key: `glance words: ${v?.code}`, detail };
  if (o.valid && o.driver_classes && JSON.stringify(o.driver_classes) !== JSON.stringify(a.entries.map((e) => e.driverClass))) return { ok: false, key: 'glance classes', detail };
  if (!o.valid) return { ok: true, key: '', detail: '' };
  // accepted: the libvirt names, disk mapping and build error as hunt 25 compares them (an inventory only adds refusals)
  const { _glance: _g, _cinder: _c, ...plain } = c.context as GlanceContext;
  return compare25({ ...c, context: plain }, o as Parameters<typeof compare25>[1]);
}

/** digits of other scripts: Python's int() reads every Unicode Nd digit */
const DIGIT_ZERO = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10, 0x1d7ce, 0x1d7ec, 0x104a0, 0x1040];
/** characters Python's str.strip() removes (and some JavaScript's trim() removes that Python keeps) */
const BLANKS = [' ', '\t', '\n', '\r', '\u000b', '\u000c', '\u001c', '\u001d', '\u001e', '\u001f', '\u0085', '\u00a0', '\u1680', '\u2000', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u200b', '\u180e'];

class Gen28 extends Gen {
  ctx(mv: number): Ctx28 {
    const c: Ctx28 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[5, 20], [1, 0], [1, 1]]), ephemeral_gb: this.w([[5, 0], [1, 5]]), swap_mb: this.w([[5, 0], [1, 512]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [1, 1], [5, 3]]),
      zero_disk_flavor_allowed: this.chance(0.2),
    };
    if (this.chance(0.25)) c.cinder_volume_types = [VT];
    return c;
  }

  /** a digit string in one script */
  digits(n: number): string {
    const z = this.pick(DIGIT_ZERO);
    return [...String(Math.abs(n))].map((d) => String.fromCodePoint(z + Number(d))).join('');
  }

  blank(): string {
    return this.pick(BLANKS);
  }

  /** an integer in one of many spellings */
  spellInt(n: number): unknown {
    const s = String(n);
    return this.w<unknown>([
      [5, n], [2, s], [1, raw(`${n}.0`)], [0.5, raw(`${n}.00`)], [0.5, raw(`${n}E0`)], [0.5, raw(`${n}e+0`)], [0.3, raw(`${n}.5`)], [0.3, raw(`${n}e-1`)],
      [1, this.blank() + s], [1, s + this.blank()], [0.5, this.blank() + s + this.blank()],
      [1, (n < 0 ? '-' : '') + this.digits(n)], [0.5, `+${s}`], [0.3, `0${s}`], [0.3, `00${s}`], [0.3, s.length > 1 ? `${s[0]}_${s.slice(1)}` : `${s}_`], [0.2, `_${s}`],
      [0.3, raw(`"\\u00${(0x30 + Math.abs(n) % 10).toString(16)}"`)], [0.3, `${n}.0`], [0.2, `${n}e0`], [0.2, `${n}L`], [0.2, `0x${Math.abs(n).toString(16)}`],
      [0.2, n === 0 ? '-0' : `-${s}`], [0.2, raw(n === 0 ? '-0' : String(-n))], [0.2, raw(n === 0 ? '-0.0' : `${n}.0e0`)], [0.1, `${s}\u0000`], [0.1, `²`], [0.1, `${s}${this.digits(0)}`],
    ]);
  }

  boolish(): unknown {
    return this.w<unknown>([[4, true], [3, false], [1, 'True'], [1, 'false'], [0.5, 'yes'], [0.5, 'ON'], [0.5, ' true'], [0.5, 'true '], [0.5, '1'], [0.5, '0'], [0.5, 1], [0.5, 0],
      [0.3, 'ｔｒｕｅ'], [0.3, 'tru\u0435'], [0.3, 'Y'], [0.3, ''], [0.3, null], [0.2, raw('1.0')], [0.2, '\u0661']]);
  }

  rootEntry(style: string): Obj {
    if (style === 'vol') return { source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 };
    if (style === 'snap') return { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 };
    if (style === 'imgvol') return { source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: this.pick([1, 10, 20]) };
    return { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
  }

  // ------------------------------------------------------------------------------------------
  top(): { payload: unknown; ctx: Ctx28 } {
    const mv = this.w([[2, 1], [1, 0], [1, 19], [1, 32], [1, 36], [2, 37], [1, 42], [1, 52], [1, 57], [1, 63], [1, 67], [1, 73], [2, 74], [1, 79], [1, 89], [2, 90], [1, 93], [2, 94], [1, 96], [1, 100], [1, 101], [0.5, 102], [0.5, 104]]);
    const s: Obj = { name: this.w<unknown>([[20, 'h28'], [1, 'h28 é'], [0.5, 'h28\u00a0'], [0.3, '\u{1F600}']]), flavorRef: this.w<unknown>([[20, '1'], [1, 'http://nova/flavors/1'], [0.3, 1]]) };
    const style = this.w([[3, 'imgonly'], [3, 'imglocal'], [3, 'vol'], [2, 'snap'], [2, 'imgvol'], [1, 'none']]);
    const list: Obj[] = [];
    if (style !== 'imgonly' && style !== 'none') list.push(this.rootEntry(style));
    if (this.chance(0.4)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: this.pick<unknown>([-1, 1, null]) });
    if (this.chance(0.3)) list.push({ source_type: 'blank', destination_type: this.pick(['local', 'volume']), volume_size: 1, boot_index: -1 });
    if (list.length) s.block_device_mapping_v2 = list;
    const imgW = style === 'imgonly' || style === 'imglocal' ? 10 : 2;
    const img = this.w([[imgW, 'id'], [3, 'absent'], [1, 'empty'], [0.5, 'link']]);
    if (img === 'id') s.imageRef = IMG;
    if (img === 'empty') s.imageRef = '';
    if (img === 'link') s.imageRef = `http://glance/v2/images/${IMG}`;
    const keys = this.w([[1, 1], [3, 2], [3, 3], [2, 4], [1, 6]]);
    let hints: unknown = ABSENT;
    let hintKey = 'os:scheduler_hints';
    for (let i = 0; i < keys; i++) {
      switch (this.w([[3, 'az'], [3, 'count'], [1, 'rri'], [2, 'hints'], [3, 'networks'], [1, 'host'], [1, 'hostname'], [1, 'key_name'], [1, 'user_data'], [1, 'adminPass'], [1, 'diskConfig'], [1, 'config_drive'], [0.5, 'security_groups'], [0.5, 'description'], [0.5, 'tags'], [0.5, 'certs'], [0.3, 'personality']])) {
        case 'az': s.availability_zone = this.w<unknown>([[4, 'nova'], [2, 'az2'], [1, ''], [1, 'nova:'], [1, 'az2:'], [0.5, ':'], [0.5, '::'], [0.5, 'nova::'], [0.3, 'nova:host1'], [0.3, 'nova::node1'], [0.3, 'nova:host1:node1'], [0.3, ' nova'], [0.3, 'é'], [0.3, 'x'.repeat(255)], [0.3, 'x'.repeat(256)], [0.2, null], [0.2, 1]]); break;
        case 'count': {
          const a = this.pick([1, 1, 2, 3]);
          if (this.chance(0.8)) s.min_count = this.chance(0.8) ? a : this.spellInt(a);
          if (this.chance(0.8)) s.max_count = this.chance(0.8) ? this.pick([a, a + 1, 1]) : this.spellInt(this.pick([a, 2]));
          break;
        }
        case 'rri': s.return_reservation_id = this.boolish(); break;
        case 'hints': {
          hintKey = this.w([[4, 'os:scheduler_hints'], [2, 'OS-SCH-HNT:scheduler_hints'], [0.3, 'os:scheduler_hint']]);
          hints = this.w<unknown>([[3, { group: GROUP }], [2, { same_host: VOL }], [1, { different_host: [VOL] }], [1, {}], [1, { query: '["=", "$free_ram_mb", 1024]' }], [1, { build_near_host_ip: '10.0.0.1', cidr: '/24' }],
            [0.5, { target_cell: 'c1' }], [0.5, { zz: 1 }], [0.3, { group: 'x' }], [0.3, []], [0.3, null], [0.3, 'x'], [0.3, { different_cell: ['a'] }]]);
          if (this.chance(0.15)) { s[hintKey] = hints; hints = ABSENT; }
          break;
        }
        case 'networks': s.networks = this.w<unknown>([[4, 'none'], [3, 'auto'], [1, 'None'], [1, 'AUTO'], [0.5, ' none'], [0.5, ''], [2, [{ uuid: NET }]], [2, [{ port: PORT }]], [1, []], [1, [{ uuid: NET, fixed_ip: '10.0.0.5' }]], [0.5, [{ uuid: 'auto' }]], [0.5, [{ uuid: NET, tag: 'n' }]], [0.3, null]]); break;
        case 'host': if (this.chance(0.5)) s.host = this.pick<unknown>(['compute1', '', 'x'.repeat(256)]); else s.hypervisor_hostname = this.pick<unknown>(['node1', '', 1]); break;
        case 'hostname': s.hostname = this.pick<unknown>(['web', 'web.example.com', 'Web_1', '-x', 'x'.repeat(64), '', 'w\u00e9b']); break;
        case 'key_name': s.key_name = this.pick<unknown>(['k', 'k', '', 'k é', 'x'.repeat(255), null]); break;
        case 'user_data': s.user_data = this.pick<unknown>(['aGk=', 'aGk', '', 'x', null, 'aGk=\n']); break;
        case 'adminPass': s.adminPass = this.pick<unknown>(['p', 'p', '', 'é', 1]); break;
        case 'diskConfig': s['OS-DCF:diskConfig'] = this.pick<unknown>(['AUTO', 'MANUAL', 'auto', '']); break;
        // (no config_drive Nova takes as true: the oracle's instance has the context's config drive)
        case 'config_drive': s.config_drive = this.pick<unknown>([false, '', 'false', 'no', 'x', 1, null]); break;
        case 'security_groups': s.security_groups = this.pick<unknown>([[{ name: 'default' }], [], [{ name: '' }], [{}]]); break;
        case 'description': s.description = this.pick<unknown>(['d', '', null, 'é'.repeat(255), 'x'.repeat(256)]); break;
        case 'tags': s.tags = this.pick<unknown>([['a'], [], ['a', 'a'], ['a,b'], ['x'.repeat(61)]]); break;
        case 'certs': s.trusted_image_certificates = this.pick<unknown>([['c1'], [], null, ['c1', 'c1']]); break;
        case 'personality': s.personality = this.pick<unknown>([[{ path: '/etc/x', contents: 'aGk=' }], []]); break;
      }
    }
    if (!('networks' in s) && mv >= 37 && this.chance(0.85)) s.networks = 'none';
    const payload: Obj = { server: s };
    if (hints !== ABSENT) payload[hintKey] = hints;
    if (this.chance(0.05)) payload[this.pick(['volumeAttachment', 'extra'])] = {};
    return { payload, ctx: this.ctx(mv) };
  }

  // ------------------------------------------------------------------------------------------
  ctxflv(): { payload: unknown; ctx: Ctx28 } {
    const mv = this.pick([0, 1, 1, 2, 19, 32, 37, 42, 52, 60, 67, 79, 90, 94, 100]);
    const eph = this.w([[2, 0], [2, 1], [2, 5], [1, 10], [0.5, 2]]);
    const swap = this.w([[2, 0], [2, 512], [1, 1024], [1, 1], [0.5, 2048]]);
    const ctx: Ctx28 = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[5, 20], [1, 1], [1, 0]]), ephemeral_gb: eph, swap_mb: swap },
      max_local_block_devices: this.w([[3, -1], [2, 3], [1, 5], [1, 2], [0.5, 1], [0.3, 0]]),
      zero_disk_flavor_allowed: this.chance(0.6),
    };
    const lv: Obj = {};
    const virt = this.w([[5, 'kvm'], [2, 'qemu'], [0.5, 'lxc'], [0.5, 'parallels']]);
    if (this.chance(0.6)) lv.virt_type = virt;
    if (this.chance(0.4)) {
      const [arch, machines] = this.pick<[string, string[]]>([['x86_64', ['pc', 'q35']], ['aarch64', ['virt']], ['ppc64le', ['pseries']], ['s390x', ['s390-ccw-virtio']]]);
      lv.arch = arch;
      if (this.chance(0.7)) lv.machine_type = this.pick(machines);
    }
    const buses = virt === 'lxc' ? ['lxc'] : virt === 'parallels' ? ['ide', 'scsi'] : ['virtio', 'scsi', 'ide', 'sata', 'usb'];
    const p: Obj = {};
    if (this.chance(0.35)) p.hw_disk_bus = this.pick(buses);
    if (this.chance(0.25)) p.hw_cdrom_bus = this.pick(buses);
    if (this.chance(0.2)) p.disk_format = this.pick(['iso', 'raw', 'qcow2']);
    if (this.chance(0.12)) p.root_device_name = this.pick(['/dev/vda', '/dev/sda', 'vdb', '/dev/hda', '/dev/xvda']);
    if (this.chance(0.12)) p.img_config_drive = this.pick(['mandatory', 'optional']);
    if (Object.keys(p).length) lv.image_properties = p;
    if (this.chance(0.15)) lv.config_drive = true;
    if (this.chance(0.1)) lv.disk_prefix = this.pick(['sd', 'vd', 'hd']);
    if (Object.keys(lv).length) ctx.libvirt = lv;

    const s: Obj = { name: 'h28', flavorRef: '1' };
    if (mv >= 37) s.networks = 'none';
    const legacy = this.chance(0.3);
    const img = this.w([[6, 'id'], [2, 'absent'], [0.5, 'empty']]);
    if (img === 'id') s.imageRef = IMG;
    if (img === 'empty') s.imageRef = '';
    const swapSize = () => this.w<unknown>([[4, swap || 512], [1, Math.max(1, swap - 1)], [1, swap + 1], [1, 1], [0.3, 0], [0.5, String(swap || 1)]]);
    const ephSize = (left: number) => this.w<unknown>([[4, Math.max(1, left)], [2, Math.max(1, Math.floor(left / 2))], [1, left + 1], [0.5, 1], [0.3, 0]]);
    if (legacy) {
      const items: Obj[] = [];
      let letter = 98;
      if (img !== 'id' || this.chance(0.3)) items.push({ device_name: this.pick(['/dev/vda', 'vda', '/dev/sda']), volume_id: VOL, ...(this.chance(0.3) ? { volume_size: this.pick([10, 20]) } : {}) });
      for (let n = this.w([[1, 0], [3, 1], [2, 2], [1, 3]]); n > 0; n--) {
        const dev = `/dev/${this.pick(['vd', 'vd', 'sd', 'hd', 'xvd'])}${String.fromCharCode(letter++)}`;
        const kind = this.w([[3, 'eph'], [2, 'swap'], [2, 'vol'], [1, 'snap'], [0.5, 'nodev']]);
        if (kind === 'eph') items.push({ device_name: dev, virtual_name: `ephemeral${this.pick([0, 0, 1, 2])}`, ...(this.chance(0.6) ? { volume_size: ephSize(eph) } : {}) });
        if (kind === 'swap') items.push({ device_name: dev, virtual_name: 'swap', ...(this.chance(0.6) ? { volume_size: this.pick([1, Math.max(1, Math.ceil(swap / 1024))]) } : {}) });
        if (kind === 'vol') items.push({ device_name: dev, volume_id: this.pick([VOL2, VOL3]) });
        if (kind === 'snap') items.push({ device_name: dev, snapshot_id: SNAP, volume_size: 10 });
        if (kind === 'nodev') items.push({ device_name: dev, no_device: true });
      }
      s.block_device_mapping = items;
    } else {
      const list: Obj[] = [];
      const rootStyle = img === 'id' ? this.w([[4, 'none'], [3, 'imglocal'], [1, 'vol'], [1, 'imgvol']]) : this.w([[3, 'vol'], [2, 'snap'], [2, 'imgvol'], [1, 'none']]);
      if (rootStyle !== 'none') list.push(this.rootEntry(rootStyle));
      let left = eph;
      let boot = 1;
      for (let n = this.w([[1, 0], [3, 1], [3, 2], [2, 3], [0.5, 5]]); n > 0; n--) {
        const kind = this.w([[4, 'eph'], [3, 'swap'], [2, 'vol'], [1, 'blankvol'], [0.5, 'cdrom'], [0.3, 'imglocal2']]);
        const e: Obj = {};
        if (kind === 'eph') {
          Object.assign(e, { source_type: 'blank', destination_type: 'local', boot_index: -1 });
          if (this.chance(0.75)) { const v = ephSize(left); e.volume_size = v; if (typeof v === 'number') left -= v; }
          if (this.chance(0.4)) e.guest_format = this.pick(['ext4', 'vfat', 'xfs', 'ntfs', 'ext3']);
        } else if (kind === 'swap') {
          Object.assign(e, { source_type: 'blank', destination_type: 'local', guest_format: 'swap', boot_index: -1 });
          if (this.chance(0.8)) e.volume_size = swapSize();
        } else if (kind === 'vol') {
          Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: this.pick([VOL2, VOL3]), boot_index: this.chance(0.3) ? boot++ : -1 });
        } else if (kind === 'blankvol') {
          Object.assign(e, { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: -1 });
        } else if (kind === 'cdrom') {
          Object.assign(e, { source_type: 'volume', destination_type: 'volume', uuid: VOL3, device_type: 'cdrom', boot_index: this.chance(0.5) ? boot++ : -1 });
        } else Object.assign(e, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: -1 });
        if (this.chance(0.2)) e.device_name = `/dev/${this.pick(['vd', 'sd', 'hd'])}${this.pick(['b', 'c', 'd', 'e'])}`;
        if (this.chance(0.15)) e.disk_bus = this.pick(buses);
        list.push(e);
      }
      if (this.chance(0.1)) list.reverse();
      if (list.length) s.block_device_mapping_v2 = list;
    }
    if (this.chance(0.08)) s.config_drive = true;
    if (s.config_drive === true) {
      lv.config_drive = true;
      ctx.libvirt = lv;
    }
    return { payload: { server: s }, ctx };
  }

  // ------------------------------------------------------------------------------------------
  attachall(i: number): { payload: unknown; ctx: Ctx28 } {
    const mv = this.chance(0.7) ? i % 105 : this.int(105);
    const va: Obj = {};
    if (!this.chance(0.03)) va.volumeId = this.w<unknown>([[10, VOL], [1, VOL.toUpperCase()], [1, VOL.replace(/-/g, '')], [0.5, `{${VOL}}`], [0.5, `urn:uuid:${VOL}`], [0.3, VOL + this.blank()], [0.3, this.blank() + VOL],
      [0.3, VOL.replace('a', 'ａ')], [0.3, VOL.slice(0, 35)], [0.3, ''], [0.2, null], [0.2, 1], [0.2, [VOL]]]);
    if (this.chance(0.65)) va.device = this.w<unknown>([[5, this.pick(['/dev/vdb', 'vdb', '/dev/sdc', '/dev/xvdb', '/dev/hdb', '/dev/vdz', '/dev/vdaa'])], [1, null], [1, ''], [0.5, this.blank() + '/dev/vdb'], [0.5, '/dev/vdb' + this.blank()],
      [0.5, '/dev/vd\u00e9'], [0.5, '/dev/ｖｄｂ'], [0.3, '/dev/vd' + this.digits(1)], [0.3, 'x'.repeat(255)], [0.3, 'x'.repeat(256)], [0.3, 'é'.repeat(255)], [0.3, 'é'.repeat(256)], [0.3, '\u{1F600}'.repeat(128)], [0.2, 1], [0.2, false], [0.2, raw('"\\/dev\\/vdb"')]]);
    if (this.chance(mv >= 49 ? 0.55 : 0.2)) va.tag = this.w<unknown>([[4, 'disk1'], [1, ''], [1, 'a/b'], [1, 'a,b'], [1, 'x'.repeat(60)], [1, 'x'.repeat(61)], [0.5, 'é'.repeat(60)], [0.5, 'é'.repeat(61)], [0.5, '\u{1F600}'.repeat(60)], [0.5, '\u{1F600}'.repeat(31)],
      [0.5, this.blank() + 't'], [0.3, 't\u0000'], [0.3, null], [0.3, 1], [0.3, true], [0.3, raw('"\\u0074"')]]);
    if (this.chance(mv >= 79 ? 0.6 : 0.2)) va.delete_on_termination = this.boolish();
    if (this.chance(0.12)) va[this.pick(['serverId', 'id', 'multiattach', 'volume_type', 'Device', 'volumeID', 'tag ', 'delete_on_termination\u0000'])] = this.pick<unknown>(['x', VOL, 1, null, true]);
    const body: Obj = { volumeAttachment: va };
    if (this.chance(0.06)) body[this.pick(['server', 'extra', 'os:scheduler_hints'])] = this.pick<unknown>([{}, 1, null]);
    return { payload: body, ctx: this.ctx(mv) };
  }

  // ------------------------------------------------------------------------------------------
  spell(): { payload: unknown; ctx: Ctx28 } {
    const mv = this.pick([0, 1, 2, 19, 32, 37, 42, 52, 67, 79, 90, 94, 100, 101]);
    const s: Obj = { name: 'h28', flavorRef: '1' };
    if (mv >= 37) s.networks = 'none';
    const legacy = this.chance(0.2);
    const target = this.pick(['boot_index', 'boot_index', 'volume_size', 'volume_size', 'min_count', 'max_count', 'delete_on_termination', 'mix']);
    const sp = (n: number, k: string) => (target === k || (target === 'mix' && this.chance(0.4)) ? this.spellInt(n) : n);
    if (legacy) {
      const it: Obj = { device_name: this.pick(['/dev/vda', 'vda']), volume_id: VOL };
      if (this.chance(0.6)) it.volume_size = sp(this.pick([1, 10, 20]), 'volume_size');
      if (this.chance(0.4)) it.delete_on_termination = target === 'delete_on_termination' ? this.boolish() : true;
      const items: Obj[] = [it];
      if (this.chance(0.4)) items.push({ device_name: '/dev/vdb', virtual_name: 'ephemeral0', volume_size: sp(1, 'volume_size') });
      s.block_device_mapping = items;
      if (this.chance(0.3)) s.imageRef = this.pick([IMG, '']);
    } else {
      const list: Obj[] = [];
      const root = this.rootEntry(this.pick(['vol', 'snap', 'imgvol', 'imglocal']));
      root.boot_index = sp(0, 'boot_index');
      if ('volume_size' in root || this.chance(0.3)) root.volume_size = sp(this.pick([1, 10, 20]), 'volume_size');
      if (this.chance(0.3)) root.delete_on_termination = target === 'delete_on_termination' ? this.boolish() : false;
      list.push(root);
      for (let n = this.w([[2, 0], [3, 1], [1, 2]]); n > 0; n--) {
        const e: Obj = this.chance(0.5)
          ? { source_type: 'volume', destination_type: 'volume', uuid: this.pick([VOL2, VOL3]), boot_index: sp(this.pick([-1, 1, 2]), 'boot_index') }
          : { source_type: 'blank', destination_type: this.pick(['local', 'volume']), volume_size: sp(1, 'volume_size'), boot_index: sp(-1, 'boot_index') };
        if (this.chance(0.2)) e.delete_on_termination = target === 'delete_on_termination' ? this.boolish() : true;
        list.push(e);
      }
      if (this.chance(0.1)) list.reverse();
      s.block_device_mapping_v2 = list;
      if (root.source_type === 'image' && root.destination_type === 'local' ? this.chance(0.8) : this.chance(0.15)) s.imageRef = IMG;
    }
    if (target === 'min_count' || target === 'max_count' || this.chance(0.15)) {
      if (this.chance(0.8)) s.min_count = sp(this.pick([1, 1, 2]), 'min_count');
      if (this.chance(0.8)) s.max_count = sp(this.pick([1, 2, 3]), 'max_count');
    }
    const ctx = this.ctx(mv);
    ctx.max_local_block_devices = this.pick([-1, 3]);
    return { payload: { server: s }, ctx };
  }

  // ------------------------------------------------------------------------------------------
  imgmeta(): { payload: unknown; ctx: Ctx28 } {
    const mv = this.pick([1, 2, 32, 37, 42, 52, 60, 67, 79, 90, 100]);
    const s: Obj = { name: 'h28', flavorRef: '1' };
    if (mv >= 37) s.networks = 'none';
    const shape = this.w([[4, 'image'], [2, 'imglocal'], [2, 'vol'], [1, 'imgvol'], [1, 'cdrom']]);
    if (shape === 'image') s.imageRef = IMG;
    else if (shape === 'imglocal') { s.imageRef = IMG; s.block_device_mapping_v2 = [this.rootEntry('imglocal')]; }
    else if (shape === 'vol') s.block_device_mapping_v2 = [this.rootEntry(this.pick(['vol', 'snap']))];
    else if (shape === 'imgvol') s.block_device_mapping_v2 = [this.rootEntry('imgvol')];
    else { s.imageRef = IMG; s.block_device_mapping_v2 = [{ source_type: 'volume', destination_type: 'volume', uuid: VOL2, device_type: 'cdrom', boot_index: this.pick([1, -1]) }]; }
    if (this.chance(0.3)) {
      const l = (s.block_device_mapping_v2 as Obj[] | undefined) ?? [];
      l.push({ source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1, ...(this.chance(0.4) ? { guest_format: 'swap' } : {}) });
      s.block_device_mapping_v2 = l;
    }
    const num = () => this.w<unknown>([[4, this.pick(['0', '1', '10', '20', '21', '30', '512', '513', '1024'])], [1, ''], [1, 'x'], [0.5, ' 10 '], [0.5, '1.5'], [0.3, this.digits(20)]]);
    const p: Obj = {};
    if (this.chance(0.5)) p.min_disk = num();
    if (this.chance(0.5)) p.min_ram = num();
    if (this.chance(0.25)) p.img_config_drive = this.pick(['mandatory', 'optional', 'MANDATORY', 'x']);
    if (this.chance(0.3)) p.hw_disk_bus = this.pick(['virtio', 'scsi', 'ide', 'sata', 'usb', 'x']);
    if (this.chance(0.25)) p.hw_cdrom_bus = this.pick(['ide', 'sata', 'scsi', 'virtio', 'usb']);
    if (this.chance(0.25)) p.disk_format = this.pick(['iso', 'raw', 'qcow2', 'vmdk']);
    if (this.chance(0.15)) p.root_device_name = this.pick(['/dev/vda', '/dev/sda', '/dev/hda', 'vdb']);
    if (this.chance(0.1)) p.hw_machine_type = this.pick(['q35', 'pc']);
    const ctx = this.ctx(mv);
    (ctx.flavor as Obj).vcpus = 1;
    (ctx.flavor as Obj).memory_mb = 512;
    ctx.max_local_block_devices = this.pick([-1, 3]);
    ctx.zero_disk_flavor_allowed = true;
    const lv: Obj = { image_properties: p };
    if (this.chance(0.3)) lv.machine_type = this.pick(['pc', 'q35']);
    if (this.chance(0.1)) lv.config_drive = true;
    ctx.libvirt = lv;
    return { payload: { server: s }, ctx };
  }
}

/** Glance's min_disk / min_ram / size of the imageRef image or the root entry's image, against the flavor and the root */
function glanceCase(g: Gen28): { payload: unknown; ctx: GlanceContext } {
  const mv = g.pick([1, 2, 32, 37, 42, 52, 60, 67, 79, 90, 100]);
  const facts = (): GlanceFacts => {
    const f: GlanceFacts = {};
    if (g.chance(0.6)) f.min_disk = g.pick([0, 1, 5, 10, 19, 20, 21, 30, 40, 41]);
    if (g.chance(0.45)) f.min_ram = g.pick([0, 128, 512, 513, 1024, 4096]);
    if (g.chance(0.35)) f.size_gib = g.pick([0, 0.5, 1, 10, 20, 20.5, 21, 40]);
    return f;
  };
  const glance: Glance = g.chance(0.4) ? { '*': facts() } : { [IMG]: facts(), ...(g.chance(0.6) ? { [IMG2]: facts() } : {}) };
  const s: Obj = { name: 'h28', flavorRef: '1' };
  if (mv >= 37) s.networks = 'none';
  const size = () => g.pick([1, 5, 10, 19, 20, 21, 30, 40, 41]);
  const shape = g.w([[4, 'image'], [2, 'imglocal'], [2, 'imgvol'], [2, 'imgref+vol'], [1, 'imgref+imgvol'], [1, 'imgref+snap'], [1, 'imgref+voldest'], [1, 'legacy'], [1, 'imgref+legacy'], [0.5, 'imglocal-only']]);
  const list: Obj[] = [];
  if (shape === 'image') s.imageRef = IMG;
  if (shape === 'imglocal') { s.imageRef = IMG; list.push({ source_type: 'image', destination_type: 'local', uuid: g.pick([IMG, IMG2]), boot_index: 0 }); }
  if (shape === 'imglocal-only') list.push({ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 });
  if (shape === 'imgvol') list.push({ source_type: 'image', destination_type: 'volume', uuid: g.pick([IMG, IMG2]), boot_index: 0, volume_size: size() });
  if (shape === 'imgref+vol') { s.imageRef = IMG; list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, ...(g.chance(0.7) ? { volume_size: size() } : {}) }); }
  if (shape === 'imgref+imgvol') { s.imageRef = IMG; list.push({ source_type: 'image', destination_type: 'volume', uuid: g.pick([IMG, IMG2]), boot_index: 0, volume_size: size() }); }
  if (shape === 'imgref+snap') { s.imageRef = IMG; list.push({ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0, ...(g.chance(0.6) ? { volume_size: size() } : {}) }); }
  if (shape === 'imgref+voldest') { s.imageRef = IMG; list.push({ source_type: 'volume', uuid: VOL, boot_index: 0 }); }
  if (shape === 'legacy' || shape === 'imgref+legacy') {
    if (shape === 'imgref+legacy') s.imageRef = IMG;
    s.block_device_mapping = [{ device_name: g.pick(['/dev/vda', 'vda', '/dev/vdb', '/dev/sda']), volume_id: VOL, ...(g.chance(0.6) ? { volume_size: size() } : {}) }];
  }
  if (g.chance(0.25)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: -1 });
  if (g.chance(0.15)) list.push({ source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 });
  if (list.length && !s.block_device_mapping) s.block_device_mapping_v2 = list;
  if (g.chance(0.1) && mv >= 63 && s.imageRef) s.trusted_image_certificates = ['c1'];
  if (g.chance(0.05)) s.max_count = 2;
  const ctx: GlanceContext = {
    microversion: `2.${mv}`,
    flavor: { root_gb: g.w([[5, 20], [1, 0], [1, 1], [1, 40]]), ephemeral_gb: g.pick([0, 0, 5]), swap_mb: 0, vcpus: 1, memory_mb: 512 } as DiffContext['flavor'],
    max_local_block_devices: -1,
    zero_disk_flavor_allowed: g.chance(0.4),
    _glance: glance,
  };
  // a boot volume's own image metadata beside Glance's (a control: with imageRef only Glance's counts)
  if (g.chance(0.2)) ctx.libvirt = { image_properties: { ...(g.chance(0.5) ? { min_disk: String(g.pick([0, 15, 30])) } : {}), ...(g.chance(0.5) ? { min_ram: String(g.pick([0, 1024])) } : {}) } };
  return { payload: { server: s }, ctx };
}

/** Cinder's volumes: bootable or not, multiattach around 2.60, sizes and zones, under roots of every kind */
function cinderCase(g: Gen28): { payload: unknown; ctx: GlanceContext } {
  const mv = g.pick([0, 1, 2, 32, 42, 52, 59, 60, 61, 67, 79, 90, 100]);
  const facts = (): CinderFacts => {
    const f: CinderFacts = {};
    if (g.chance(0.45)) f.bootable = g.chance(0.3);
    if (g.chance(0.45)) f.multiattach = g.chance(0.6);
    if (g.chance(0.3)) f.size = g.pick([1, 5, 10, 20, 30]);
    if (g.chance(0.2)) f.availability_zone = g.pick(['nova', 'az2']);
    return f;
  };
  const cinder: Cinder = g.chance(0.3) ? { '*': facts() } : Object.fromEntries([VOL, VOL2, SNAP_VOLUME].filter(() => g.chance(0.6)).map((id) => [id, facts()]));
  const s: Obj = { name: 'h28', flavorRef: '1' };
  if (mv >= 37) s.networks = 'none';
  const shape = g.w([[4, 'vol'], [2, 'snap'], [1, 'voldest'], [2, 'legacy-vda'], [1, 'legacy-vdb'], [2, 'imgref+data'], [1, 'imgvol+data'], [1, 'legacy-snap']]);
  const list: Obj[] = [];
  if (shape === 'vol') list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 });
  if (shape === 'voldest') list.push({ source_type: 'volume', uuid: VOL, boot_index: 0 });
  if (shape === 'snap') list.push({ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0, ...(g.chance(0.4) ? { volume_size: g.pick([5, 20]) } : {}) });
  if (shape === 'imgvol+data') list.push({ source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: 10 });
  if (shape === 'imgref+data' || shape === 'legacy-vdb') s.imageRef = IMG;
  if (shape.startsWith('legacy')) {
    const items: Obj[] = [];
    if (shape === 'legacy-vda') items.push({ device_name: g.pick(['/dev/vda', 'vda', '/dev/sda', 'xvda']), volume_id: VOL });
    if (shape === 'legacy-snap') items.push({ device_name: g.pick(['/dev/vda', 'sda']), snapshot_id: SNAP, ...(g.chance(0.5) ? { volume_size: 20 } : {}) });
    if (shape === 'legacy-vdb' || g.chance(0.3)) items.push({ device_name: '/dev/vdb', volume_id: VOL2 });
    if (g.chance(0.2)) items.unshift({ device_name: '/dev/vdc', volume_id: VOL2 });
    s.block_device_mapping = items;
  } else {
    if (shape === 'imgref+data' || g.chance(0.4)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: g.pick<unknown>([-1, 1, null]) });
    if (g.chance(0.15)) list.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: -1 });
    s.block_device_mapping_v2 = list;
  }
  if (g.chance(0.15)) s.availability_zone = g.pick(['nova', 'az2']);
  if (g.chance(0.08)) s.max_count = 2;
  const ctx: GlanceContext = {
    microversion: `2.${mv}`,
    flavor: { root_gb: g.w([[5, 20], [1, 0], [1, 1]]), ephemeral_gb: 0, swap_mb: 0, vcpus: 1, memory_mb: 512 } as DiffContext['flavor'],
    max_local_block_devices: -1,
    zero_disk_flavor_allowed: g.chance(0.4),
    _glance: {},
    _cinder: cinder,
  };
  if (g.chance(0.15)) ctx.libvirt = { image_properties: { min_disk: String(g.pick([0, 15, 30])) } };
  return { payload: { server: s }, ctx };
}

export function generateHunt28Cases(seed: number, count: number, mode: Hunt28Mode): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen28((seed * 2654435761 + i * 40503 + 28 + HUNT28_MODES.indexOf(mode) * 7777) >>> 0);
    const { payload, ctx } = mode === 'top' ? g.top() : mode === 'ctxflv' ? g.ctxflv() : mode === 'attachall' ? g.attachall(i) : mode === 'spell' ? g.spell() : mode === 'glance' ? glanceCase(g) : mode === 'cinder' ? cinderCase(g) : g.imgmeta();
    out.push({ id: `h28${mode[0]}${mode[1]}${seed}-${i}`, kind: mode === 'attachall' ? 'attach' : 'server', payloadText: toText(payload) + '\n', context: ctx });
  }
  return out;
}

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const seeds = arg('--seed', '28').split(',').map(Number);
  const modeArg = arg('--mode', 'all');
  const modes = modeArg === 'all' ? HUNT28_MODES : (modeArg.split(',') as Hunt28Mode[]);
  const count = Number(arg('--count', '400'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  const withInventory = process.argv.includes('--inventory');
  let pass = 0;
  let fail = 0;
  let out = 0;
  const groups = new Map<string, Array<{ c: DiffCase; detail: string; layer: string | null }>>();
  const runs: string[] = [];
  const dumped: unknown[] = [];
  for (const seed of seeds) {
    for (const mode of modes) {
      const cases = generateHunt28Cases(seed, count, mode);
      const glance = mode === 'glance' || mode === 'cinder' || (withInventory && mode !== 'attachall');
      if (glance) for (const c of cases) (c.context as GlanceContext)._glance ??= {};
      const oracle = glance ? runGlanceOracle(cases) : runOracle(cases);
      let p = 0;
      let left = 0;
      for (const c of cases) {
        const o = oracle.get(c.id);
        if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
        let r: { ok: boolean; key: string; detail: string };
        try {
          r = glance ? compareGlance(c, o) : c.kind === 'attach' ? compareOne(c, o) : compare25(c, o as Parameters<typeof compare25>[1]);
        } catch (e) {
          r = { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
        }
        if (r.ok && (r.key === 'stub' || r.key === 'unrecognised')) { out++; left++; continue; }
        if (r.ok) { pass++; p++; continue; }
        fail++;
        const list = groups.get(r.key) ?? [];
        list.push({ c, detail: r.detail, layer: o.layer });
        groups.set(r.key, list);
        if (dump) dumped.push({ ...c, key: r.key, oracle: o });
      }
      runs.push(`seed ${seed} ${mode}: ${p}/${cases.length - left} agree${left ? ` (${left} left out)` : ''}`);
    }
  }
  for (const [k, list] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n== ${list.length} x ${k}`);
    for (const { c, detail, layer } of list.slice(0, show)) console.log(`  ${c.id} ${JSON.stringify(c.context)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 900)}\n  ${detail.replace(/\n/g, '\n  ')}\n  oracle layer ${layer}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify(dumped, null, 1));
  for (const l of runs) console.log(l);
  console.log(`${out} left out (oracle stubs / unrecognised bodies)`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /difftest-hunt28(?!-)/.test(process.argv[1])) main();
