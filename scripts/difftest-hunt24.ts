/**
 * Hunt 24: a differential test against Nova's own code (the nova-oracle) with kinds of input the
 * earlier generators (difftest-gen, -wild, -ops, hunt 22's and 23's modes) do not write, compared
 * as hunt 22 compares (valid, HTTP status, Nova's words, layer, blamed entry, driver classes and
 * libvirt names):
 *
 *   attachmv  volumeAttachment bodies at EVERY microversion 2.0-2.101: tag, delete_on_termination
 *             and device spelled with unicode, white space and numbers as strings
 *   legacy    legacy block_device_mapping items with odd values (device names, ids, sizes,
 *             virtual_name, no_device, delete_on_termination), beside imageRef, flavors and v2
 *   hints     os:scheduler_hints / OS-SCH-HNT:scheduler_hints of every shape beside block devices
 *   counts    min_count / max_count (and return_reservation_id) with block devices of every source
 *             (no count past a few: the oracle builds that many instances, and 2^31 never ends)
 *   unicode   unicode and white space in every string field of v2 entries
 *   numstr    numbers as strings (and strings as numbers) in every numeric field
 *   bounds    the microversion boundaries of each gated field (2.19, 2.32/2.33/2.42, 2.37, 2.49,
 *             2.52, 2.57, 2.63, 2.67, 2.74, 2.79, 2.90, 2.94, 2.100/2.101)
 *   unique    trusted_image_certificates of every item type with duplicates (uniqueItems)
 *   mixed     every v2 field of every entry spelled oddly at once, at any microversion (2.0 too)
 *
 *   node --import tsx scripts/difftest-hunt24.ts [--mode all|attachmv,legacy,...] [--seed S,...] [--count N] [--show N] [--dump FILE]
 *
 * Closing line: "N passed, N failed".
 */
import { writeFileSync } from 'node:fs';
import { Gen, toText, raw, ABSENT, type DiffCase, type DiffContext } from './difftest-gen';
import { runOracle, type OracleVerdict } from './difftest-lib';
import { compareOne } from './difftest-hunt22';

type Obj = Record<string, unknown>;
const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VOL2 = 'f3c1b2a4-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const GROUP = '5b3f4c2e-9d1a-4e8b-a7c6-1f2e3d4c5b6a';

export type Hunt24Mode = 'attachmv' | 'legacy' | 'hints' | 'counts' | 'unicode' | 'numstr' | 'bounds' | 'unique' | 'mixed';
export const HUNT24_MODES: Hunt24Mode[] = ['attachmv', 'legacy', 'hints', 'counts', 'unicode', 'numstr', 'bounds', 'unique', 'mixed'];

/** white space and look-alike characters around or inside a word */
const SPACES = [' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2003', '\u200b', '\u0085', '\u000b', '\u000c', '\u001c', '\ufeff'];

class Gen24 extends Gen {
  ctx(mv: number): DiffContext {
    const c: DiffContext = {
      microversion: `2.${mv}`,
      flavor: { root_gb: this.w([[5, 20], [1, 0], [1, 1]]), ephemeral_gb: this.w([[5, 0], [1, 5]]), swap_mb: this.w([[5, 0], [1, 512]]) },
      max_local_block_devices: this.w([[1, -1], [1, 0], [5, 3]]),
      zero_disk_flavor_allowed: this.chance(0.2),
    };
    if (this.chance(0.2)) c.cinder_volume_types = [{ id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' }];
    return c;
  }

  /** a word with white space or unicode put around or into it */
  odd(word: string): unknown {
    const sp = () => this.pick(SPACES);
    return this.w<unknown>([
      [3, word], [1, sp() + word], [1, word + sp()], [1, word.toUpperCase()], [0.5, word.slice(0, 1) + sp() + word.slice(1)],
      [0.5, word.replace(/o/g, '\u043e').replace(/a/g, '\u0430')], [0.5, word + '\u0000'], [0.5, word.replace(/[a-z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0))],
      [0.3, word + '\u0301'], [0.3, '\u202e' + word], [0.3, word + '\ud83d\ude00'], [0.3, ''], [0.3, word.repeat(40)],
    ]);
  }

  /** a number spelled as a string, or as an odd number */
  numStr(n: number): unknown {
    return this.w<unknown>([
      [3, n], [2, String(n)], [1, ` ${n}`], [1, `${n} `], [1, `${n}\n`], [1, `+${n}`], [1, `${n}.0`], [1, raw(`${n}.0`)], [1, raw(`${n}e0`)], [0.5, `${n}e0`],
      [0.5, `0${n}`], [0.5, String(n).split('').join('_')], [0.5, String.fromCharCode(0x0660 + (Math.abs(n) % 10))], [0.5, `\uff10${n}`], [0.5, `0x${n}`], [0.3, ''], [0.3, ' '], [0.3, '-0'], [0.3, raw('-0.0')],
      [0.3, raw(`${n}.5`)], [0.3, `${n}.5`], [0.3, '\u00b2'], [0.3, 'inf'], [0.3, 'nan'], [0.3, raw('1E400')], [0.2, `${n}\u0000`],
    ]);
  }

  uuid(u: string): unknown {
    return this.w<unknown>([[6, u], [1, u.toUpperCase()], [1, u.replace(/-/g, '')], [1, ` ${u}`], [1, `${u} `], [0.5, `{${u}}`], [0.5, `urn:uuid:${u}`], [0.5, `${u}\n`], [0.3, u.slice(0, -1)], [0.3, ''], [0.3, `${u.slice(0, 8)}\u2010${u.slice(9)}`]]);
  }

  /** a plain v2 entry list (a root and sometimes more) */
  v2(): Obj[] {
    const root = this.w<Obj>([
      [3, { source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }],
      [3, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 }],
      [2, { source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0 }],
      [1, { source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 }],
      [1, { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }],
    ]);
    const out = [root];
    if (this.chance(0.4)) out.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: this.pick<unknown>([1, -1, ABSENT, null]) });
    if (this.chance(0.25)) out.push({ source_type: 'blank', destination_type: 'local', volume_size: 1, boot_index: -1 });
    if (this.chance(0.15)) out.push({ source_type: 'blank', destination_type: 'local', guest_format: 'swap', volume_size: 1, boot_index: -1 });
    if (this.chance(0.15)) out.push({ source_type: 'blank', destination_type: 'volume', volume_size: 2 });
    return out;
  }

  body24(mv: number, bdm: Obj[] | null): Obj {
    const s: Obj = { name: 'h24', flavorRef: '1' };
    if (!bdm || bdm[0]?.destination_type === 'local' || this.chance(0.1)) s.imageRef = IMG;
    if (bdm) s.block_device_mapping_v2 = bdm;
    if (mv >= 37) s.networks = this.w<unknown>([[4, 'none'], [1, 'auto'], [1, [{ uuid: NET }]]]);
    return s;
  }

  attachmv(): { payload: unknown; ctx: DiffContext; kind: 'attach' } {
    const mv = this.chance(0.1) ? this.pick([0, 1, 48, 49, 78, 79, 100, 101]) : this.int(102);
    const va: Obj = {};
    va.volumeId = this.chance(0.85) ? VOL : this.uuid(VOL);
    if (this.chance(0.7)) va.device = this.w<unknown>([[3, this.odd('/dev/vdb')], [1, this.odd('vdb')], [1, this.odd('/dev/sdc')], [0.5, null], [0.5, this.numStr(1)], [0.3, '/dev/vdb/../vdc'], [0.3, '/dev/vd'], [0.3, '/dev/'], [0.3, 'vdaa'], [0.3, '/dev/hdz'], [0.3, '/dev/vd\u00e1']]);
    if (this.chance(mv >= 49 ? 0.6 : 0.25)) va.tag = this.w<unknown>([[3, this.odd('disk1')], [1, this.odd('a b')], [0.5, this.numStr(7)], [0.5, null], [0.5, '\ud83d\ude00'.repeat(this.pick([30, 60, 61]))], [0.3, 'é'.repeat(this.pick([60, 61]))], [0.3, 'a\u2044b'], [0.3, 'a\uff0cb'], [0.3, ',']]);
    if (this.chance(mv >= 79 ? 0.6 : 0.25)) va.delete_on_termination = this.w<unknown>([[3, this.pick([true, false])], [2, this.pick(['true', 'false', 'True', 'FALSE', 'yes', 'no', 'on', 'off', 'y', 'n', 't', 'f', '1', '0'])], [1, this.odd('true')], [1, this.numStr(1)], [0.5, this.numStr(0)], [0.5, null], [0.3, 2], [0.3, raw('1.5')], [0.3, 'truee']]);
    return { payload: { volumeAttachment: va }, ctx: this.ctx(mv), kind: 'attach' };
  }

  legacy(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([0, 1, 1, 2, 19, 32, 42, 52, 67, 79, 90, 100]);
    const items: unknown[] = [];
    for (let n = 1 + this.int(3); n > 0; n--) {
      if (this.chance(0.04)) { items.push(this.pick<unknown>(['vda', null, 1, [], true])); continue; }
      const it: Obj = {};
      const dev = () => this.w<unknown>([[4, this.pick(['/dev/vda', 'vda', '/dev/vdb', 'vdb', 'sda', '/dev/sdb', 'hda', '/dev/xvda'])], [2, this.odd(this.pick(['/dev/vda', 'vdb']))], [0.5, null], [0.5, ''], [0.3, 'x'.repeat(256)], [0.3, '/dev/vd a'], [0.3, 1]]);
      const kind = this.w([[5, 'volume'], [2, 'snapshot'], [2, 'ephemeral'], [1, 'swap'], [1, 'no_device'], [0.5, 'image'], [0.5, 'bare']]);
      it.device_name = dev();
      if (kind === 'volume') it.volume_id = this.chance(0.8) ? this.pick([VOL, VOL2]) : this.uuid(VOL);
      if (kind === 'snapshot') it.snapshot_id = this.chance(0.8) ? SNAP : this.uuid(SNAP);
      if (kind === 'image') it.image_id = IMG;
      if (kind === 'ephemeral') it.virtual_name = this.w<unknown>([[3, 'ephemeral0'], [1, 'ephemeral1'], [1, this.odd('ephemeral0')], [0.5, 'ephemeral'], [0.5, 'ephemeralX'], [0.5, 'Ephemeral0'], [0.3, 'ephemeral00'], [0.3, 1], [0.3, null]]);
      if (kind === 'swap') it.virtual_name = this.w<unknown>([[3, 'swap'], [1, this.odd('swap')], [0.5, 'swap0'], [0.5, 'SWAP']]);
      if (kind === 'no_device') it.no_device = this.w<unknown>([[3, true], [1, 'true'], [1, ''], [1, false], [0.5, null], [0.5, 1], [0.5, 'x']]);
      if (this.chance(0.4)) it.volume_size = this.w<unknown>([[2, this.numStr(1)], [1, this.numStr(10)], [0.5, this.numStr(0)], [0.5, -1], [0.5, null], [0.3, true], [0.3, 'x']]);
      if (this.chance(0.4)) it.delete_on_termination = this.w<unknown>([[2, this.pick([true, false])], [2, this.pick(['True', 'False', '1', '0', 'yes', 'no', 'on', 'x', ''])], [0.5, this.numStr(1)], [0.5, null], [0.3, 2]]);
      if (this.chance(0.1)) it.connection_info = this.pick<unknown>(['{}', '', null, 'x']);
      if (this.chance(0.08)) it[this.pick(['boot_index', 'source_type', 'tag', 'volume_type', 'guest_format', 'disk_bus'])] = this.pick<unknown>([0, 'volume', 't', 'x']);
      items.push(it);
    }
    const s: Obj = { name: 'h24l', flavorRef: '1', block_device_mapping: items };
    if (this.chance(0.8)) s.imageRef = this.w<unknown>([[6, IMG], [1, ''], [0.5, this.uuid(IMG)]]);
    if (mv >= 37) s.networks = 'none';
    if (this.chance(0.08)) s.block_device_mapping_v2 = this.pick<unknown>([[], [{ source_type: 'blank', destination_type: 'local', boot_index: -1, volume_size: 1 }]]);
    if (this.chance(0.15)) { s.min_count = this.pick<unknown>([2, '2']); s.max_count = this.pick<unknown>([2, 3, '2']); }
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  hints(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([0, 1, 2, 37, 67, 90, 94, 100]);
    const s = this.body24(mv, this.chance(0.8) ? this.v2() : null);
    const val = (): unknown => this.w<unknown>([
      [3, { group: GROUP }], [1, { group: this.uuid(GROUP) }], [1, { group: [GROUP] }], [1, { same_host: [VOL] }], [1, { same_host: VOL }], [1, { different_host: [VOL, VOL2] }], [1, { different_host: this.uuid(VOL) }],
      [1, { query: this.pick<unknown>(['["=", "$free_ram_mb", 1024]', '', '[', { a: 1 }, [1], 1, null]) }], [1, { target_cell: this.odd('cell1') }], [1, { different_cell: this.pick<unknown>(['c1', ['c1', 'c1'], [], [1], null]) }],
      [1, { build_near_host_ip: this.pick<unknown>(['10.0.0.1', '10.0.0.256', '::1', '', 1]), cidr: this.pick<unknown>(['/24', '24', '', ABSENT, 24]) }], [1, { cidr: '/24' }], [1, { [this.odd('unknown_hint') as string]: this.pick<unknown>(['x', 1, [], {}, null]) }],
      [0.5, {}], [0.5, []], [0.3, 'x'], [0.3, null], [0.3, { group: GROUP, same_host: VOL }], [0.3, { group: null }], [0.3, { same_host: [] }], [0.3, { same_host: [VOL, VOL] }],
    ]);
    const body: Obj = { server: s };
    const which = this.w([[4, 'os:scheduler_hints'], [2, 'OS-SCH-HNT:scheduler_hints'], [1, 'both'], [0.3, 'inside']]);
    if (which === 'both') { body['os:scheduler_hints'] = val(); body['OS-SCH-HNT:scheduler_hints'] = val(); }
    else if (which === 'inside') s['os:scheduler_hints'] = val();
    else body[which] = val();
    if (this.chance(0.2)) { s.min_count = 2; s.max_count = 2; }
    return { payload: body, ctx: this.ctx(mv) };
  }

  counts(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([1, 2, 37, 42, 67, 90, 93, 100]);
    const bdm = this.v2();
    if (this.chance(0.3)) bdm.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL2, boot_index: -1 });
    const s = this.body24(mv, bdm);
    const cnt = () => this.w<unknown>([[3, 1], [3, 2], [1, 3], [1, this.numStr(2)], [0.5, this.numStr(1)], [0.5, 0], [0.3, -1], [0.3, null], [0.3, true], [0.3, raw('1e0')]]);
    if (this.chance(0.8)) s.min_count = cnt();
    if (this.chance(0.8)) s.max_count = cnt();
    if (this.chance(0.25)) s.return_reservation_id = this.pick<unknown>([true, false, 'True', 'x', 1, null]);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  unicode(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([1, 32, 42, 67, 79, 90, 100]);
    const bdm = this.v2();
    const e = bdm[this.int(bdm.length)];
    const fields = ['source_type', 'destination_type', 'uuid', 'device_name', 'disk_bus', 'device_type', 'guest_format', 'volume_type', 'tag', 'no_device'];
    for (let k = 1 + this.int(2); k > 0; k--) {
      const f = this.pick(fields);
      switch (f) {
        case 'source_type': case 'destination_type': e[f] = this.odd(String(e[f] ?? 'volume')); break;
        case 'uuid': e.uuid = this.uuid(String(e.uuid ?? VOL)); break;
        case 'device_name': e.device_name = this.odd(this.pick(['/dev/vda', 'vdb', '/dev/sdb'])); break;
        case 'disk_bus': e.disk_bus = this.odd(this.pick(['virtio', 'scsi', 'ide', 'usb', 'sata'])); break;
        case 'device_type': e.device_type = this.odd(this.pick(['disk', 'cdrom', 'lun', 'floppy'])); break;
        case 'guest_format': e.guest_format = this.odd(this.pick(['ext4', 'swap', 'vfat'])); break;
        case 'volume_type': e.volume_type = this.odd('lvmdriver-1'); break;
        case 'tag': e.tag = this.odd('disk1'); break;
        case 'no_device': e.no_device = this.odd('true'); break;
      }
    }
    const s = this.body24(mv, bdm);
    if (this.chance(0.3)) s.name = this.odd('web');
    if (this.chance(0.2)) s.imageRef = this.uuid(IMG);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  numstr(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([0, 1, 42, 67, 90, 100]);
    const bdm = this.v2();
    for (const e of bdm) {
      if (this.chance(0.4) && 'boot_index' in e) e.boot_index = this.numStr(typeof e.boot_index === 'number' ? e.boot_index : 0);
      if (this.chance(0.4) && 'volume_size' in e) e.volume_size = this.numStr(typeof e.volume_size === 'number' ? e.volume_size : 1);
      if (this.chance(0.15)) e.delete_on_termination = this.numStr(this.pick([0, 1]));
      if (this.chance(0.1)) e.uuid = this.numStr(1);
      if (this.chance(0.1)) e.device_name = this.numStr(1);
    }
    const s = this.body24(mv, bdm);
    if (this.chance(0.3)) s.flavorRef = this.numStr(1);
    if (this.chance(0.2)) s.min_count = this.numStr(1);
    if (this.chance(0.2)) s.max_count = this.numStr(1);
    if (this.chance(0.1)) s.name = this.numStr(5);
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  bounds(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([18, 19, 31, 32, 33, 36, 37, 41, 42, 48, 49, 51, 52, 56, 57, 62, 63, 66, 67, 73, 74, 78, 79, 89, 90, 93, 94, 99, 100, 101]);
    if (this.chance(0.25)) {
      const va: Obj = { volumeId: VOL };
      if (this.chance(0.6)) va.tag = 't1';
      if (this.chance(0.6)) va.delete_on_termination = this.pick([true, false]);
      if (this.chance(0.3)) va.device = '/dev/vdb';
      return { payload: { volumeAttachment: va }, ctx: this.ctx(mv) };
    }
    const bdm = this.v2();
    for (const e of bdm) {
      if (this.chance(0.3)) e.tag = 'bd1';
      if (this.chance(0.2)) e.volume_type = 'lvmdriver-1';
    }
    const s = this.body24(mv, bdm);
    const gated: Array<[string, unknown]> = [['description', 'd'], ['networks', this.pick<unknown>(['none', 'auto', [{ uuid: NET, tag: 'n1' }]])], ['tags', ['a']], ['trusted_image_certificates', ['c1']], ['host', 'compute1'], ['hypervisor_hostname', 'node1'], ['hostname', 'web'], ['personality', [{ path: '/x', contents: 'aGk=' }]], ['user_data', this.pick(['aGk=', 'x'.repeat(8) + '='])], ['OS-DCF:diskConfig', 'AUTO'], ['return_reservation_id', true]];
    for (let k = this.int(3); k >= 0; k--) { const [f, v] = this.pick(gated); s[f] = v; }
    if (mv < 37 && s.networks !== undefined && this.chance(0.5)) delete s.networks;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  /** every v2 field of every entry spelled oddly at once (odd words, numbers as strings), at any microversion */
  mixed(): { payload: unknown; ctx: DiffContext } {
    const mv = this.chance(0.2) ? 0 : this.int(102);
    const bdm = this.v2();
    const words: Record<string, string> = { source_type: 'volume', destination_type: 'volume', device_name: '/dev/vdb', disk_bus: 'virtio', device_type: 'disk', guest_format: 'ext4', volume_type: 'lvmdriver-1', tag: 't1' };
    for (const e of bdm) {
      for (const f of Object.keys(words)) if (this.chance(f in e ? 0.3 : 0.08)) e[f] = this.odd(typeof e[f] === 'string' ? (e[f] as string) : words[f]);
      if (this.chance(0.25)) e.boot_index = this.numStr(typeof e.boot_index === 'number' ? e.boot_index : 0);
      if (this.chance(0.2)) e.volume_size = this.numStr(typeof e.volume_size === 'number' ? e.volume_size : 1);
      if (this.chance(0.15)) e.delete_on_termination = this.w<unknown>([[1, this.odd('true')], [1, this.numStr(1)], [1, this.pick(['yes', 'no', 'on', 'off', 'y', 'n', '', 'True'])]]);
      if (this.chance(0.1)) e.uuid = this.uuid(typeof e.uuid === 'string' ? e.uuid : VOL);
    }
    const s = this.body24(mv, bdm);
    if (this.chance(0.2)) { s.min_count = this.numStr(2); s.max_count = this.numStr(2); }
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }

  unique(): { payload: unknown; ctx: DiffContext } {
    const mv = this.pick([62, 63, 63, 90, 100]);
    const item = (): unknown => this.w<unknown>([[3, this.pick(['c1', 'c2', ''])], [1, this.pick([1, 2])], [0.5, raw('1.0')], [1, this.pick([true, false])], [1, null], [1, this.pick<unknown>([[], [1], ['c1'], [true], [1, true], [1, 1]])], [1, this.pick<unknown>([{}, { a: 1 }, { a: true }, { a: raw('1.0') }])]]);
    const items: unknown[] = [];
    for (let n = 1 + this.int(4); n > 0; n--) items.push(item());
    if (this.chance(0.7)) items.push(items[this.int(items.length)]);
    const s = this.body24(mv, this.chance(0.5) ? this.v2() : null);
    s.trusted_image_certificates = items;
    return { payload: { server: s }, ctx: this.ctx(mv) };
  }
}

export function generateHunt24Cases(seed: number, count: number, mode: Hunt24Mode, prefix = 'h24'): DiffCase[] {
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const g = new Gen24((seed * 2654435761 + i * 40503 + 11) >>> 0);
    const r = (g[mode] as () => { payload: unknown; ctx: DiffContext; kind?: 'attach' }).call(g);
    const kind = r.kind ?? ('volumeAttachment' in (r.payload as Obj) ? 'attach' : 'server');
    out.push({ id: `${prefix}${mode}${seed}-${i}`, kind, payloadText: toText(r.payload) + '\n', context: r.ctx });
  }
  return out;
}

type FullOracle = OracleVerdict & { libvirt?: unknown };

function main() {
  const arg = (n: string, d: string) => {
    const i = process.argv.indexOf(n);
    return i >= 0 ? process.argv[i + 1] : d;
  };
  const modeArg = arg('--mode', 'all');
  const modes = modeArg === 'all' ? HUNT24_MODES : (modeArg.split(',') as Hunt24Mode[]);
  const seeds = arg('--seed', '24').split(',').map(Number);
  const count = Number(arg('--count', '400'));
  const show = Number(arg('--show', '2'));
  const dump = arg('--dump', '');
  let pass = 0;
  let fail = 0;
  let left = 0;
  const groups = new Map<string, Array<{ c: DiffCase; o: FullOracle; detail: string }>>();
  const perRun: string[] = [];
  for (const seed of seeds) {
    for (const mode of modes) {
      const cases = generateHunt24Cases(seed, count, mode);
      const oracle = runOracle(cases) as Map<string, FullOracle>;
      let p = 0;
      let out = 0;
      for (const c of cases) {
        const o = oracle.get(c.id);
        if (!o) { fail++; console.log(`no oracle answer for ${c.id}`); continue; }
        let r: { ok: boolean; key: string; detail: string };
        try {
          r = compareOne(c, o as never);
        } catch (e) {
          r = { ok: false, key: `THROW ${(e as Error).message}`, detail: String((e as Error).stack) };
        }
        if (r.ok && (r.key === 'stub' || r.key === 'unrecognised')) { left++; out++; continue; }
        if (r.ok) { pass++; p++; continue; }
        fail++;
        const g = groups.get(`${mode} ${r.key}`) ?? [];
        g.push({ c, o, detail: r.detail });
        groups.set(`${mode} ${r.key}`, g);
      }
      perRun.push(`seed ${seed} ${mode}: ${p}/${cases.length - out} agree${out ? ` (${out} left out)` : ''}`);
    }
  }
  for (const [k, g] of [...groups].sort((x, y) => y[1].length - x[1].length)) {
    console.log(`\n== ${g.length} x ${k}`);
    for (const { c, o, detail } of g.slice(0, show)) console.log(`  ${c.id} ${JSON.stringify(c.context)}\n  ${c.payloadText.replace(/\s+/g, ' ').slice(0, 700)}\n  ${detail.replace(/\n/g, '\n  ')}\n  oracle layer ${o.layer} entries ${JSON.stringify(o.invalid_entries)}`);
  }
  if (dump) writeFileSync(dump, JSON.stringify([...groups].map(([k, g]) => ({ key: k, cases: g.map(({ c, o }) => ({ ...c, oracle: o })) })), null, 1));
  for (const l of perRun) console.log(l);
  console.log(`${left} cases left out (the oracle's stubs answered, or a body bdm-lab does not recognise)`);
  console.log(`${pass} passed, ${fail} failed`);
  process.exitCode = fail ? 1 : 0;
}

if (process.argv[1] && /difftest-hunt24\.ts$/.test(process.argv[1])) main();
