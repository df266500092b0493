/**
 * Differential test on real-world bodies: request bodies harvested from other projects' API
 * samples and tests (a seeds file built outside the repo: a JSON list of
 * `{src, kind: server|server-inner|entry|entries|attach, mv: "2.N"|null, payload}`), each judged
 * as written and in the ways an operator mistypes it (a field dropped, renamed, retyped, a
 * device name or id spelled otherwise), by bdm-lab and by Nova's own code (the oracle).
 * Compared: valid, HTTP status, Nova's exact words, driver classes, and for accepted server
 * bodies the libvirt device names, root device name and boot order.
 *   node --import tsx scripts/difftest-realworld.ts --seeds FILE [--out FILE] [--max N] [--show N]
 * Prints a closing line "N passed, N failed".
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORACLE, PYTHON, judgeWithBdmLab, type OracleVerdict } from './difftest-lib';
import type { DiffCase, DiffContext } from './difftest-gen';
import { analyzeJson } from '../server/src/analyze';
import { previewOf } from '../server/src/features/preview';
import { nodeHashes } from '../server/src/host';
import { mergeContext } from '../server/src/model/contextLoad';

type Obj = Record<string, unknown>;
interface Seed { src: string; kind: string; mv: string | null; payload: unknown }

const argv = process.argv.slice(2);
const opt = (n: string, d: string) => {
  const i = argv.indexOf(n);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : d;
};
const seedsFile = opt('--seeds', '');
if (!seedsFile) {
  console.error('usage: difftest-realworld --seeds FILE [--out FILE] [--max N] [--show N]');
  process.exit(2);
}
const max = Number(opt('--max', '1000000'));
const show = Number(opt('--show', '3'));
const outFile = opt('--out', '');
const seeds = JSON.parse(readFileSync(seedsFile, 'utf8')) as Seed[];

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
/** microversions a body harvested from code (no sample directory) is judged at */
const CODE_MVS = ['2.1', '2.32', '2.42', '2.67', '2.79', '2.101'];
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

const baseCtx = (mv: string): DiffContext => ({ microversion: mv, flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false });
const CTX_VARIANTS: Array<(mv: string) => DiffContext> = [
  baseCtx,
  (mv) => ({ ...baseCtx(mv), flavor: { root_gb: 0, ephemeral_gb: 1, swap_mb: 512 }, max_local_block_devices: -1 }),
  (mv) => ({ ...baseCtx(mv), libvirt: { image_properties: { hw_disk_bus: 'scsi' } } } as DiffContext),
  (mv) => ({ ...baseCtx(mv), libvirt: { virt_type: 'qemu', machine_type: 'q35', image_properties: { disk_format: 'iso' } } } as DiffContext),
];

/** the server-create bodies a seed stands for */
function serverBodies(s: Seed): Obj[] {
  const p = clone(s.payload);
  const wrap = (inner: Obj): Obj => ({ server: { name: 'rw', flavorRef: '1', ...inner } });
  if (s.kind === 'server') return [p as Obj];
  if (s.kind === 'server-inner') {
    const inner = p as Obj;
    const out = [wrap(inner)];
    if (!('imageRef' in inner)) out.push(wrap({ imageRef: IMG, ...inner }));
    return out;
  }
  const list = s.kind === 'entries' ? (p as Obj[]) : [p as Obj];
  const v2 = list.some((e) => isObj(e) && ('source_type' in e || 'destination_type' in e));
  const key = v2 ? 'block_device_mapping_v2' : 'block_device_mapping';
  return [wrap({ [key]: list }), wrap({ imageRef: IMG, [key]: clone(list) })];
}

/** ways an operator mistypes a BDM entry: each returns a changed copy or null */
const ENTRY_MUTATIONS: Array<(e: Obj, k: string) => Obj | null> = [
  (e, k) => { const x = { ...e }; delete x[k]; return x; },
  (e, k) => ({ ...omit(e, k), [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())]: e[k] }),
  (e, k) => ({ ...omit(e, k), [k.replace(/_/g, '-')]: e[k] }),
  (e, k) => ({ ...omit(e, k), [k.toUpperCase()]: e[k] }),
  (e, k) => ({ ...e, [k]: null }),
  (e, k) => ({ ...e, [k]: '' }),
  (e, k) => (typeof e[k] === 'number' ? { ...e, [k]: String(e[k]) } : typeof e[k] === 'string' && /^-?\d+$/.test(e[k] as string) ? { ...e, [k]: Number(e[k]) } : null),
  (e, k) => (typeof e[k] === 'boolean' ? { ...e, [k]: e[k] ? 'True' : 'false' } : null),
  (e, k) => (typeof e[k] === 'boolean' ? { ...e, [k]: e[k] ? 1 : 0 } : null),
  (e, k) => (typeof e[k] === 'string' ? { ...e, [k]: (e[k] as string).toUpperCase() } : null),
  (e, k) => (typeof e[k] === 'string' ? { ...e, [k]: ` ${e[k] as string}` } : null),
  (e, k) => (typeof e[k] === 'string' && /^[0-9a-f-]{36}$/.test(e[k] as string) ? { ...e, [k]: (e[k] as string).replace(/-/g, '') } : null),
  (e, k) => (typeof e[k] === 'string' && /^[0-9a-f-]{36}$/.test(e[k] as string) ? { ...e, [k]: (e[k] as string).slice(0, 35) } : null),
  (e, k) => (typeof e[k] === 'string' ? { ...e, [k]: [e[k]] } : null),
];
const FIELD_SWAPS: Array<[string, unknown[]]> = [
  ['source_type', ['volume', 'image', 'snapshot', 'blank', 'Volume', 'local', 'file']],
  ['destination_type', ['volume', 'local', 'Local', 'remote']],
  ['device_name', ['vda', '/dev/vda', 'vdb', '/dev/sda', 'sdb', '/dev/xvda', '/dev/vda1', 'hda', '/dev/', 'vd a', '/dev/disk/by-id/x']],
  ['boot_index', [0, 1, -1, '0', '-1', 'none', 'None', null, 1.0, '1 ']],
  ['volume_size', [0, 1, 10, '10', 10.5, -1, '1G', null]],
  ['delete_on_termination', [true, false, 'true', 'False', 'yes', 'no', 1, 0, 'on', '1', null]],
  ['disk_bus', ['virtio', 'scsi', 'ide', 'sata', 'usb', 'fdc', 'xen', 'lxc', 'uml', 'nvme', 'VIRTIO']],
  ['device_type', ['disk', 'cdrom', 'floppy', 'lun', 'CDROM', 'fs']],
  ['guest_format', ['swap', 'ext4', 'vfat', 'ntfs', 'xfs', 'ext3', 'btrfs']],
  ['volume_type', ['lvmdriver-1', 'ssd', '', 'a'.repeat(256)]],
  ['tag', ['disk1', 'a/b', 'a,b', 'x'.repeat(61), '']],
];
function omit(e: Obj, k: string): Obj {
  const x = { ...e };
  delete x[k];
  return x;
}

function bodyVariants(body: Obj): Obj[] {
  const out: Obj[] = [];
  const srv = body.server;
  if (!isObj(srv)) return out;
  for (const key of ['block_device_mapping_v2', 'block_device_mapping']) {
    const list = srv[key];
    if (!Array.isArray(list)) continue;
    list.forEach((e, i) => {
      if (!isObj(e)) return;
      const put = (ne: Obj) => {
        const b = clone(body);
        ((b.server as Obj)[key] as unknown[])[i] = ne;
        out.push(b);
      };
      for (const k of Object.keys(e)) for (const m of ENTRY_MUTATIONS) { const ne = m(e, k); if (ne) put(ne); }
      for (const [k, vals] of FIELD_SWAPS) for (const v of vals) if (e[k] !== v) put({ ...e, [k]: v });
      if (key === 'block_device_mapping_v2') {
        // the legacy list name for a v2 entry, and the extra legacy fields
        const b = clone(body);
        delete (b.server as Obj)[key];
        (b.server as Obj).block_device_mapping = [clone(e)];
        out.push(b);
        put({ ...e, volume_id: VOL });
        put({ ...e, uuid: undefined, image_id: IMG });
      }
    });
    // list-level: empty, dropped, doubled, a non-object entry
    for (const nl of [[], null, {}, [...list, ...list], [...list, 'x'], list.slice().reverse()]) {
      const b = clone(body);
      (b.server as Obj)[key] = clone(nl);
      out.push(b);
    }
    const b = clone(body);
    delete (b.server as Obj)[key];
    out.push(b);
  }
  // server-level: imageRef dropped / empty / a URL; min/max_count; networks
  for (const ch of [{ imageRef: undefined }, { imageRef: '' }, { imageRef: `http://glance.example.com/images/${IMG}` }, { imageRef: IMG }, { min_count: 2, max_count: 2 }, { networks: 'none' }, { networks: 'auto' }]) {
    const b = clone(body);
    for (const [k, v] of Object.entries(ch)) {
      if (v === undefined) delete (b.server as Obj)[k];
      else (b.server as Obj)[k] = v;
    }
    out.push(b);
  }
  return out;
}

function attachVariants(body: Obj): Obj[] {
  const out: Obj[] = [];
  const va = body.volumeAttachment;
  if (!isObj(va)) return out;
  const put = (nv: unknown) => out.push({ ...body, volumeAttachment: nv });
  for (const k of Object.keys(va)) for (const m of ENTRY_MUTATIONS) { const nv = m(va, k); if (nv) put(nv); }
  for (const [k, vals] of [['device', [null, 'vdb', '/dev/vdb', '/dev/sdb', '', 'sdb', '/dev/vdb1', '/dev/', 'xvdb', '/dev/vd b']], ['tag', ['t', '', 'a/b', 'x'.repeat(61), null]], ['delete_on_termination', [true, 'false', 'yes', 0, null]], ['volumeId', [VOL.toUpperCase(), VOL.replace(/-/g, ''), `{${VOL}}`, `urn:uuid:${VOL}`, 'x', 12]]] as Array<[string, unknown[]]>) for (const v of vals) put({ ...va, [k]: v });
  put({ ...va, volume_id: VOL });
  put({ ...va, serverId: VOL });
  return out;
}

const cases: Array<DiffCase & { src: string; variant: boolean }> = [];
const seenText = new Set<string>();
function addCase(src: string, kind: 'server' | 'attach', payload: unknown, ctx: DiffContext, variant: boolean) {
  const payloadText = JSON.stringify(payload, null, 1);
  const key = JSON.stringify(ctx) + payloadText;
  if (seenText.has(key)) return;
  seenText.add(key);
  cases.push({ id: `rw${cases.length}`, kind, payloadText, context: ctx, src, variant });
}
/** a deterministic subset of at most n of xs (every one when n >= length) */
let state = Number(opt('--seed', '7'));
const rand = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
function some<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; }
  return a.slice(0, n);
}
const perBody = Number(opt('--variants', '30'));
for (const s of seeds) {
  const mvs = s.mv ? [s.mv] : CODE_MVS;
  const vmv = s.mv ?? '2.67';
  if (s.kind === 'attach') {
    for (const mv of mvs) addCase(s.src, 'attach', s.payload, baseCtx(mv), false);
    for (const v of some(attachVariants(s.payload as Obj), perBody)) addCase(s.src, 'attach', v, baseCtx(s.mv ?? pickMv()), true);
    continue;
  }
  for (const body of serverBodies(s)) {
    for (const mv of mvs) addCase(s.src, 'server', body, baseCtx(mv), false);
    for (const cv of CTX_VARIANTS.slice(1)) addCase(s.src, 'server', body, cv(vmv), false);
    for (const v of some(bodyVariants(body), perBody)) addCase(s.src, 'server', v, (s.mv ? baseCtx : CTX_VARIANTS[Math.floor(rand() * CTX_VARIANTS.length)])(s.mv ?? pickMv()), true);
  }
}
function pickMv(): string {
  return CODE_MVS[Math.floor(rand() * CODE_MVS.length)];
}
const todo = cases.slice(0, max);
console.log(`difftest-realworld: ${seeds.length} seeds -> ${cases.length} cases (${todo.length} judged)`);

/** the oracle over `jobs` processes at once (each loads Nova once per chunk) */
async function oracleAll(cs: typeof todo, jobs: number): Promise<Map<string, OracleVerdict>> {
  const out = new Map<string, OracleVerdict>();
  const dir = mkdtempSync(join(tmpdir(), 'bdm-rw-'));
  const chunks: Array<typeof todo> = [];
  for (let i = 0; i < cs.length; i += 1500) chunks.push(cs.slice(i, i + 1500));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const n = next++;
      const file = join(dir, `c${n}.json`);
      writeFileSync(file, '[\n' + chunks[n].map((c) => `{"id": ${JSON.stringify(c.id)}, "context": ${JSON.stringify(c.context)}, "payload": ${c.payloadText.trim()}}`).join(',\n') + '\n]\n');
      const text = await new Promise<string>((res) => {
        const p = spawn(PYTHON, [ORACLE, file]);
        let buf = '';
        p.stdout.on('data', (d: Buffer) => (buf += d.toString()));
        p.stderr.on('data', () => {});
        p.on('close', () => res(buf));
      });
      for (const line of text.split('\n')) if (line.trim().startsWith('{')) { const v = JSON.parse(line) as OracleVerdict; out.set(v.id, v); }
      process.stderr.write(`  oracle chunk ${n + 1}/${chunks.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  rmSync(dir, { recursive: true, force: true });
  return out;
}
void (async () => {
const oracle = await oracleAll(todo, Number(opt('--jobs', '2')));

type Lv = { device_names?: string[]; implicit_device_names?: string[]; root_device_name?: string; boot_dev_order?: string[]; build_error?: string };
let pass = 0;
let fail = 0;
const groups = new Map<string, Array<{ c: (typeof todo)[number]; nova: string; ours: string }>>();
for (const c of todo) {
  const o = oracle.get(c.id) as (OracleVerdict & { libvirt?: Lv }) | undefined;
  let why: string | null = null;
  let nova = '';
  let ours = '';
  if (!o) why = 'no oracle answer';
  else {
    const b = judgeWithBdmLab(c.payloadText, c.context);
    nova = o.valid ? `accepts ${JSON.stringify(o.driver_classes ?? [])}` : `${o.http_status} ${o.nova_message}`;
    ours = b.valid ? `accepts ${JSON.stringify(b.driverClasses)}` : `${b.httpStatus} ${b.code} ${b.message}`;
    if (o.valid !== b.valid) why = `valid: nova ${o.valid ? 'accepts' : o.http_status} / bdm-lab ${b.valid ? 'accepts' : `${b.httpStatus} ${b.code}`}`;
    else if (!o.valid && o.http_status !== b.httpStatus) why = `status: nova ${o.http_status} / bdm-lab ${b.httpStatus} ${b.code}`;
    else if (!o.valid && o.nova_message !== b.message) why = `words: ${b.code}`;
    else if (o.valid && c.kind === 'server' && o.driver_classes && JSON.stringify(o.driver_classes) !== JSON.stringify(b.driverClasses)) why = 'classes';
    else if (o.valid && c.kind === 'server' && o.libvirt && !o.libvirt.build_error) {
      const ctx = mergeContext([{ source: 'cli', context: c.context as never }]).context;
      const a = analyzeJson(c.payloadText, ctx);
      const p = previewOf(a, ctx, null, nodeHashes);
      const mine = { names: p.entries.map((e) => e.deviceName), implicit: p.implicit.map((e) => e.deviceName), root: p.rootDeviceName, boot: p.bootDevOrder };
      const theirs = { names: o.libvirt.device_names ?? [], implicit: o.libvirt.implicit_device_names ?? [], root: o.libvirt.root_device_name ?? null, boot: o.libvirt.boot_dev_order ?? [] };
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        why = 'names';
        nova = JSON.stringify(theirs);
        ours = JSON.stringify(mine);
      }
    }
  }
  if (!why) { pass++; continue; }
  fail++;
  const k = `${c.kind} ${why}`;
  if (!groups.has(k)) groups.set(k, []);
  groups.get(k)!.push({ c, nova, ours });
}
const sorted = [...groups.entries()].sort((x, y) => y[1].length - x[1].length);
for (const [k, items] of sorted) {
  items.sort((x, y) => x.c.payloadText.length - y.c.payloadText.length);
  console.log(`${String(items.length).padStart(6)}  ${k}`);
  for (const it of items.slice(0, show)) {
    console.log(`        ${it.c.id} ${it.c.src}${it.c.variant ? ' (variant)' : ''} ctx ${JSON.stringify(it.c.context)}`);
    console.log(`          body  ${it.c.payloadText.replace(/\s+/g, ' ').slice(0, 500)}`);
    console.log(`          nova  ${it.nova.slice(0, 400)}`);
    console.log(`          ours  ${it.ours.slice(0, 400)}`);
  }
}
if (outFile) writeFileSync(outFile, JSON.stringify(sorted.map(([k, items]) => ({ k, items: items.map((i) => ({ id: i.c.id, src: i.c.src, ctx: i.c.context, body: i.c.payloadText, nova: i.nova, ours: i.ours })) })), null, 1));
console.log(`${pass} passed, ${fail} failed`);
process.exitCode = fail ? 1 : 0;
})();
