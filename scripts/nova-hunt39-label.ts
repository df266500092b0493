/**
 * Labels hunt 39's cases with Nova's own answer (the nova-oracle) and writes
 * test/fixtures/nova-hunt39/cases.json, which test/unit/nova-hunt39.test.ts compares bdm-lab with:
 *
 *   - hand-written probes (PROBES39 below): numbers and booleans as strings ending in a newline
 *     (Python's `$` matches before a final newline), strings with a character outside the BMP at
 *     the length limits (Python counts code points, JavaScript UTF-16 units), names with format,
 *     unassigned, private-use and space characters, request keys written with JSON escapes or
 *     twice, volume_type spellings against the context's types, scheduler hints beside and inside
 *     the server, config_drive strings, networks spellings around 2.37 with and without max_count,
 *     volumeAttachment device / volumeId spellings, legacy items named as the image's root;
 *   - a slice of the generator (scripts/nova-hunt39-gen.ts): seed 3901's first cases, seed 3903's
 *     `collide` bodies, seed 3904 at microversion 2.0.
 *
 *   node --import tsx scripts/nova-hunt39-label.ts
 */
import { writeOracleLabels } from './difftest-lib';
import { generateHunt39Cases } from './nova-hunt39-gen';
import type { DiffCase, DiffContext } from './difftest-gen';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const VT = { id: '8dd1a8b4-6b1f-4f5e-9d44-0d4d6b6b1a11', name: 'lvmdriver-1' };

export interface Case39 extends DiffCase { note: string }

const ctx = (mv = '2.79', more: Partial<DiffContext> = {}): DiffContext =>
  ({ microversion: mv, flavor: { root_gb: 20, ephemeral_gb: 4, swap_mb: 512 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false, cinder_volume_types: [VT], ...more });
type Obj = Record<string, unknown>;
const volRoot = (more: Obj = {}): Obj => ({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, ...more });
const imgRoot: Obj = { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 };
const eph = (more: Obj = {}): Obj => ({ source_type: 'blank', destination_type: 'local', boot_index: -1, ...more });

const probes: Case39[] = [];
const add = (id: string, note: string, payloadText: string, context: DiffContext = ctx(), kind: 'server' | 'attach' = 'server') => probes.push({ id: `h39p-${id}`, note, kind, payloadText: payloadText + '\n', context });
const server = (id: string, note: string, extra: Obj, bdm?: Obj[], mv = '2.79') => {
  const s: Obj = { name: 'p', flavorRef: '1', networks: 'none', imageRef: IMG, ...extra };
  if (bdm) s.block_device_mapping_v2 = bdm;
  add(id, note, JSON.stringify({ server: s }), ctx(mv));
};
const attach = (id: string, note: string, va: Obj, mv = '2.79') => add(id, note, JSON.stringify({ volumeAttachment: va }), ctx(mv), 'attach');

// a final newline: Python's re.search with `$` matches before it, so "1\n" passes ^[0-9]+$
['1\n', '5\n', '\n1', '1\r', '1 \n'].forEach((v, i) => server(`nl-size-${i}`, `ephemeral volume_size ${JSON.stringify(v)}`, {}, [imgRoot, eph({ volume_size: v })]));
['0\n', '-1\n', '1\n'].forEach((v, i) => server(`nl-boot-${i}`, `the root's boot_index ${JSON.stringify(v)}`, {}, [volRoot({ boot_index: v })]));
server('nl-count', 'min_count "2\\n"', { min_count: '2\n' });
attach('nl-attach-device', 'attach device "/dev/vdb\\n"', { volumeId: VOL, device: '/dev/vdb\n' });
server('nl-device-name', 'device_name "/dev/vda\\n"', {}, [volRoot({ device_name: '/dev/vda\n' })]);
attach('nl-attach-dot', 'attach delete_on_termination "true\\n" (an enum, not a pattern)', { volumeId: VOL, delete_on_termination: 'true\n' });
server('nl-dot', 'delete_on_termination "true\\n"', {}, [volRoot({ delete_on_termination: 'true\n' })]);
server('nl-config-drive', 'config_drive "true\\n"', { config_drive: 'true\n' });
// a character outside the BMP at each length limit (one code point, two UTF-16 units)
const astral = (n: number) => 'x'.repeat(n - 1) + '\u{1F600}';
for (const n of [60, 61]) {
  server(`astral-tag-${n}`, `an entry tag of ${n} code points ending in an emoji`, {}, [volRoot({ tag: astral(n) })]);
  attach(`astral-attach-tag-${n}`, `an attach tag of ${n} code points ending in an emoji`, { volumeId: VOL, tag: astral(n) });
}
for (const n of [255, 256]) {
  server(`astral-device-name-${n}`, `device_name of ${n} code points`, {}, [volRoot({ device_name: astral(n) })]);
  server(`astral-volume-type-${n}`, `volume_type of ${n} code points on an image volume`, {}, [{ source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0, volume_size: 5, volume_type: astral(n) }], '2.67');
  server(`astral-disk-bus-${n}`, `disk_bus of ${n} code points`, {}, [volRoot({ disk_bus: astral(n) })]);
}
server('astral-tag-1', 'an entry tag that is one emoji', {}, [volRoot({ tag: '\u{1F600}' })]);
// names: format, unassigned (in Python's Unicode), private-use and space characters
[['zwsp', '\u200b'], ['soft-hyphen', '\u00ad'], ['unicode15', '\u{1FAE8}'], ['unassigned', '\u0378'], ['line-sep', '\u2028'], ['bom', '\ufeff'], ['private-use', '\ue000'], ['combining', '\u0301'], ['nbsp', '\u00a0'], ['ideographic-space', '\u3000'], ['tab', '\t']].forEach(([what, ch]) => {
  server(`name-mid-${what}`, `a name with ${what} inside`, { name: `a${ch}b` });
  server(`name-end-${what}`, `a name ending in ${what}`, { name: `ab${ch}` });
});
// request keys written with JSON escapes, or twice (Python keeps the last)
const vr = JSON.stringify(volRoot());
for (const mv of ['2.0', '2.1', '2.79']) {
  const nets = mv === '2.79' ? '"networks": "none", ' : '';
  add(`esc-server-${mv}`, `the envelope key escaped at ${mv}`, `{"\\u0073erver": {"name": "x", "flavorRef": "1", ${nets}"block_device_mapping_v2": [${vr}]}}`, ctx(mv));
  add(`esc-bdm-${mv}`, `block_device_mapping_v2 escaped at ${mv}`, `{"server": {"name": "x", "flavorRef": "1", ${nets}"block\\u005fdevice_mapping_v2": [${vr}]}}`, ctx(mv));
  add(`esc-min-count-${mv}`, `min_count escaped, with a volume, at ${mv}`, `{"server": {"name": "x", "flavorRef": "1", ${nets}"min\\u005fcount": 2, "block_device_mapping_v2": [${vr}]}}`, ctx(mv));
  add(`dup-server-${mv}`, `two server objects, the last complete, at ${mv}`, `{"server": {"name": "x"}, "server": {"name": "x", "flavorRef": "1", ${nets}"imageRef": "${IMG}"}}`, ctx(mv));
  add(`dup-imageref-${mv}`, `imageRef "" then an image beside an image->local root, at ${mv}`, `{"server": {"name": "x", "flavorRef": "1", ${nets}"imageRef": "", "block_device_mapping_v2": [${JSON.stringify(imgRoot)}], "imageRef": "${IMG}"}}`, ctx(mv));
  add(`esc-attach-${mv}`, `volumeAttachment escaped at ${mv}`, `{"volume\\u0041ttachment": {"volumeId": "${VOL}", "device": "/dev/vdb"}}`, ctx(mv), 'attach');
  add(`dup-attach-${mv}`, `volumeId "x" then a uuid at ${mv}`, `{"volumeAttachment": {"volumeId": "x", "volumeId": "${VOL}"}}`, ctx(mv), 'attach');
}
// volume_type spellings against the context's types (Nova matches names and ids exactly)
['LVMDRIVER-1', ' lvmdriver-1', VT.id.toUpperCase(), VT.id.replace(/-/g, ''), 'lvmdriver\u20131', VT.name].forEach((vt, i) => {
  for (const src of ['image', 'snapshot', 'blank']) {
    const e: Obj = { source_type: src, destination_type: 'volume', boot_index: 0, volume_size: 5, volume_type: vt };
    if (src !== 'blank') e.uuid = src === 'image' ? IMG : VOL;
    add(`volume-type-${i}-${src}`, `volume_type ${JSON.stringify(vt)} on a ${src} root at 2.67`, JSON.stringify({ server: { name: 'x', flavorRef: '1', networks: 'none', block_device_mapping_v2: [e] } }), ctx('2.67'));
  }
});
// scheduler hints beside the server (os:scheduler_hints, OS-SCH-HNT:scheduler_hints) and inside it
([{ same_host: VOL }, { group: 'x' }, { zz: 1 }, [], 'x'] as unknown[]).forEach((h, i) => {
  const s = { name: 'x', flavorRef: '1', networks: 'none', imageRef: IMG };
  add(`hints-${i}`, `os:scheduler_hints ${JSON.stringify(h)} beside the server`, JSON.stringify({ server: s, 'os:scheduler_hints': h }));
  add(`hints-inside-${i}`, `os:scheduler_hints ${JSON.stringify(h)} inside the server`, JSON.stringify({ server: { ...s, 'os:scheduler_hints': h } }));
  add(`hints-old-${i}`, `OS-SCH-HNT:scheduler_hints ${JSON.stringify(h)} beside the server`, JSON.stringify({ server: s, 'OS-SCH-HNT:scheduler_hints': h }));
});
// config_drive strings Nova reads as true (the oracle's instance takes its config drive from the context: kept in step)
['True', 'yes', '1', 'on', 'false'].forEach((v) => add(`config-drive-${v}`, `config_drive ${JSON.stringify(v)} beside flavor disks`, JSON.stringify({ server: { name: 'x', flavorRef: '1', networks: 'none', imageRef: IMG, config_drive: v } }),
  { ...ctx('2.79'), ...(v === 'false' ? {} : { libvirt: { config_drive: true } }) } as DiffContext));

// networks spellings around 2.32 / 2.37 / 2.42, alone and with max_count 2
const NET = '3cb9bc59-5699-4588-a4b1-b87f96708bc6';
const PORT = '9d1f1b7e-52c4-4d1e-a0b6-8a5b0d6c2e11';
([['auto-caps', 'Auto'], ['empty-object', {}], ['uuid-auto', [{ uuid: 'auto' }]], ['tag', [{ uuid: NET, tag: 't' }]], ['port-twice', [{ port: PORT }, { port: PORT }]], ['port-fixed-ip', [{ port: PORT, fixed_ip: '10.0.0.1' }]], ['fixed-ip-bad', [{ uuid: NET, fixed_ip: '10.0.0.256' }]], ['fixed-ip', [{ uuid: NET, fixed_ip: '10.0.0.1' }]]] as Array<[string, unknown]>).forEach(([what, networks]) => {
  for (const mv of ['2.1', '2.36', '2.37', '2.42']) {
    for (const max of [undefined, 2]) add(`networks-${what}-${mv}${max ? '-max2' : ''}`, `networks ${JSON.stringify(networks)} at ${mv}${max ? ' with max_count 2' : ''}`, JSON.stringify({ server: { name: 'x', flavorRef: '1', imageRef: IMG, networks, ...(max ? { max_count: max } : {}) } }), ctx(mv, { flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } }));
  }
});
// volumeAttachment device and volumeId spellings at 2.0 / 2.49 / 2.79
([{ device: '/dev/vdb1' }, { device: '/dev/vd' }, { device: '/dev/vdB' }, { device: '/dev/xxvdb' }, { device: 5 }, { volumeId: `{${VOL}}` }, { volumeId: `urn:uuid:${VOL}` }, { volumeId: `${VOL} ` }, { tag: 'a,b' }, { delete_on_termination: 'N' }] as Obj[]).forEach((more, i) => {
  for (const mv of ['2.0', '2.49', '2.79']) attach(`attach-${i}-${mv}`, `volumeAttachment ${JSON.stringify(more)} at ${mv}`, { volumeId: VOL, ...more }, mv);
});
// legacy items named as the image's root (its root_device_name property) or not
for (const dev of ['vda', '/dev/sda', 'xvda']) {
  for (const rdn of [undefined, '/dev/sda', 'sda']) {
    const libvirt = rdn ? { libvirt: { image_properties: { root_device_name: rdn } } } : {};
    for (const [kind, item] of [['volume', { volume_id: VOL }], ['swap', { virtual_name: 'swap' }], ['no-device', { no_device: true }]] as Array<[string, Obj]>) {
      add(`legacy-${dev.replace(/\//g, '')}-${rdn?.replace(/\//g, '') ?? 'none'}-${kind}`, `a legacy ${kind} item at ${dev} beside imageRef, image root_device_name ${rdn ?? 'unset'}`,
        JSON.stringify({ server: { name: 'x', flavorRef: '1', networks: 'none', imageRef: IMG, block_device_mapping: [{ device_name: dev, ...item }] } }),
        { ...ctx('2.79', { flavor: { root_gb: 20, ephemeral_gb: 5, swap_mb: 512 }, max_local_block_devices: -1 }), ...libvirt } as DiffContext);
    }
  }
}

export const PROBES39: Case39[] = probes;

/** the labelled slice of the generator */
export function generatedSlice(): Case39[] {
  return [
    ...generateHunt39Cases(3901, 110).map((c) => ({ ...c, note: 'generated, seed 3901' })),
    ...generateHunt39Cases(3903, 20, ['collide']).map((c) => ({ ...c, note: 'generated, seed 3903, collide' })),
    ...generateHunt39Cases(3904, 20, undefined, '2.0').map((c) => ({ ...c, note: 'generated, seed 3904, at 2.0' })),
  ];
}

if (process.argv[1] && /nova-hunt39-label/.test(process.argv[1])) writeOracleLabels([...PROBES39, ...generatedSlice()], 'test/fixtures/nova-hunt39/cases.json');
