/**
 * Seeded qemu domains about CPU and memory tuning, for scripts/libvirt-define-check.ts --tuning N:
 * <vcpu cpuset/current>, <iothreads>/<iothreadids>, <cputune> (vcpupin, emulatorpin, iothreadpin,
 * vcpusched, iothreadsched, emulatorsched, shares/period/quota), <numatune> (memory, memnode),
 * <memoryBacking> (hugepages with page nodesets, source, access, allocation), guest NUMA cells
 * with <distances>, and a few controllers with addresses. CPU and node sets are drawn from
 * ordinary sets and doubtful ones (written backwards, out of order, empty through ^N, blanks,
 * ids past 16383, overlaps between elements), a few per document, so most documents are near the
 * line. Same seed, same documents. libvirtd 9.0 itself dies now and then in a run of these (a
 * crash a few documents after one whose <distances> it refused, not reproducible document by
 * document): run them with define-check's --wait-daemon and something that restarts the daemon.
 */
import { rng } from './prng.mjs';
import { Chooser } from './libvirt-gen-lib';



const range = (a: number, b: number) => (a === b ? String(a) : `${a}-${b}`);

/** A CPU or node set below `n` (ordinary), or a doubtful one. */
function set(g: Chooser, n: number): string {
  const hi = Math.max(0, n - 1);
  return g.odd(
    [range(0, hi), '0', String(hi), `${range(0, hi)},^0`.replace(/^0,\^0$/, '0'), hi >= 2 ? `0,${hi}` : '0', hi >= 1 ? `${hi},0` : '0'],
    [`${hi}-0`, '0,^0', '^0', `0-${hi},^${hi}`, `0, ${hi}`, '16383', '16384', `0-${hi + 1}`, `${hi + 1}`, '0,0', '00', '1-1,^1', '0-3,^0-1', '', ' 0', `0-${hi}`],
    0.2,
  );
}

export function tuningDocument(seed: number, name: string): string {
  const r = rng(seed);
  const g = new Chooser(r, r() < 0.3 ? 1 : r() < 0.7 ? 2 : 3, 0.15);
  const vcpus = g.pick([1, 2, 4, 4, 8]);
  const machine = g.pick(['pc', 'q35']);
  const top: string[] = [];
  const vcpuAttrs = [
    g.maybe(0.3) ? ` cpuset="${set(g, 4)}"` : '',
    g.maybe(0.15) ? ` current="${g.odd([String(Math.max(1, vcpus / 2))], ['0', String(vcpus + 1)])}"` : '',
    g.maybe(0.15) ? ` placement="${g.odd(['static', 'auto'], ['bogus'])}"` : '',
  ].join('');
  top.push(`<vcpu${vcpuAttrs}>${vcpus}</vcpu>`);
  // iothreads: a count, or ids (maybe with a count)
  let iothreadIds: number[] = [];
  if (g.maybe(0.5)) {
    if (g.maybe(0.5)) {
      const k = g.pick([1, 2, 3]);
      iothreadIds = Array.from({ length: k }, (_, i) => i + 1);
      top.push(`<iothreads>${g.odd([String(k)], ['0'])}</iothreads>`);
    } else {
      iothreadIds = g.odd([[1, 2], [2, 5], [1], [3]], [[0], [1, 1], [2, 2, 3]]);
      const count = g.maybe(0.3) ? `<iothreads>${g.odd([String(iothreadIds.length + 1)], [String(Math.max(0, iothreadIds.length - 1))])}</iothreads>` : '';
      top.push(`${count}<iothreadids>${iothreadIds.map((id) => `<iothread id="${id}"/>`).join('')}</iothreadids>`);
    }
  }
  // guest NUMA cells
  const cells = g.pick([0, 0, 1, 2, 2, 3].filter((c) => c <= vcpus || c === 0));
  let cpu = '';
  if (cells) {
    const per = Math.max(1, Math.floor(vcpus / cells));
    const cellEls: string[] = [];
    for (let c = 0; c < cells; c++) {
      const lo = c * per;
      const hi = c === cells - 1 ? vcpus - 1 : lo + per - 1;
      const cpus = g.odd([range(lo, Math.max(lo, hi))], [range(Math.max(0, lo - 1), hi), range(lo, hi + 1), `${hi},${lo}`, `${lo}-${hi},^${lo}`]);
      let dist = '';
      if (g.maybe(0.35)) {
        const sib: string[] = [];
        for (let s = 0; s < cells; s++) {
          if (g.maybe(0.1)) continue;
          const value = s === c ? g.odd(['10'], ['20', '9']) : g.odd(['20', '21', '15'], ['10', '256', '5', '0']);
          sib.push(`<sibling id="${s}" value="${value}"/>`);
        }
        if (g.maybe(0.1)) sib.push(g.odd([`<sibling id="${c}" value="10"/>`], [`<sibling id="${cells}" value="20"/>`, `<sibling id="${c}" value="10"/>`]));
        dist = `<distances>${sib.join('')}</distances>`;
      }
      const id = g.odd([` id="${c}"`], [` id="${c + 1}"`, '', ` id="${Math.max(0, c - 1)}"`], 0.08);
      const mem = g.odd(['32768'], ['0'], 0.05);
      const access = g.maybe(0.15) ? ` memAccess="${g.odd(['shared', 'private'], ['bogus'])}"` : '';
      const discard = g.maybe(0.05) ? ` discard="${g.pick(['yes', 'no'])}"` : '';
      cellEls.push(dist ? `<cell${id} cpus="${cpus}" memory="${mem}" unit="KiB"${access}${discard}>${dist}</cell>` : `<cell${id} cpus="${cpus}" memory="${mem}" unit="KiB"${access}${discard}/>`);
    }
    cpu = `<cpu><numa>${cellEls.join('')}</numa></cpu>`;
  }
  const nodes = Math.max(cells, 1);
  // cputune
  const tune: string[] = [];
  if (g.maybe(0.8)) {
    if (g.maybe(0.2)) tune.push(`<shares>${g.odd(['1024', '2'], ['0', '-1', 'x'])}</shares>`);
    if (g.maybe(0.2)) tune.push(`<period>${g.odd(['100000', '1000'], ['999', '1000001', '0'])}</period><quota>${g.odd(['-1', '50000', '1000'], ['999', '0', '17592186044416'])}</quota>`);
    if (g.maybe(0.15)) tune.push(`<emulator_period>${g.odd(['100000'], ['10'])}</emulator_period>`);
    const pins = g.pick([0, 1, 2, 3]);
    const pinned = new Set<number>();
    for (let i = 0; i < pins; i++) {
      const v = g.odd([i % vcpus], [vcpus, i === 0 ? 0 : i - 1, -1]);
      pinned.add(v);
      tune.push(`<vcpupin vcpu="${v}" cpuset="${set(g, 4)}"/>`);
    }
    if (g.maybe(0.3)) tune.push(`<emulatorpin cpuset="${set(g, 4)}"/>`);
    if (g.maybe(0.05)) tune.push(`<emulatorpin cpuset="${set(g, 2)}"/>`);
    if (iothreadIds.length || g.maybe(0.1)) {
      const k = g.pick([0, 1, 2]);
      for (let i = 0; i < k; i++) {
        const id = g.odd([iothreadIds[i % Math.max(1, iothreadIds.length)] ?? 1], [0, 9, iothreadIds[0] ?? 1]);
        tune.push(`<iothreadpin iothread="${id}" cpuset="${set(g, 4)}"/>`);
      }
    }
    const scheds = g.pick([0, 0, 1, 2]);
    for (let i = 0; i < scheds; i++) {
      const sch = g.odd(['fifo', 'rr', 'other', 'batch', 'idle'], ['deadline', 'bogus']);
      const prio = sch === 'fifo' || sch === 'rr' ? ` priority="${g.odd(['1', '99', '50'], ['0', '100', '-1', ''])}"` : g.maybe(0.05) ? ' priority="1"' : '';
      const vs = i === 0 ? set(g, Math.max(1, vcpus / 2)) : g.odd([range(Math.ceil(vcpus / 2), vcpus - 1)], [set(g, vcpus), '0']);
      tune.push(`<vcpusched vcpus="${vs}" scheduler="${sch}"${prio}/>`);
    }
    if (iothreadIds.length && g.maybe(0.3)) {
      const k = g.pick([1, 2]);
      for (let i = 0; i < k; i++) tune.push(`<iothreadsched iothreads="${g.odd([String(iothreadIds[i % iothreadIds.length])], ['0', '9', String(iothreadIds[0]), '1-2,^1,^2'])}" scheduler="${g.pick(['batch', 'fifo" priority="5'])}"/>`);
    }
    if (g.maybe(0.1)) tune.push(`<emulatorsched scheduler="${g.odd(['fifo" priority="1', 'batch', 'idle'], ['fifo', 'bogus'])}"/>`);
  }
  if (tune.length) top.push(`<cputune>${tune.join('')}</cputune>`);
  // numatune
  if (g.maybe(0.45)) {
    const parts: string[] = [];
    if (g.maybe(0.8)) {
      const mode = g.odd(['strict', 'preferred', 'interleave', 'restrictive'], ['bogus']);
      const placement = g.odd(['', ' placement="static"', ' placement="auto"'], [' placement="bogus"'], 0.1);
      const ns = placement === ' placement="auto"' ? g.odd([''], [` nodeset="${set(g, 1)}"`]) : g.odd([` nodeset="${set(g, 1)}"`], ['']);
      parts.push(`<memory mode="${mode}"${ns}${placement}/>`);
    }
    const memnodes = cells ? g.pick([0, 1, 2]) : g.odd([0], [1], 0.2);
    for (let i = 0; i < memnodes; i++) {
      const cellid = g.odd([String(i)], [String(cells), '0', '-1'], 0.2);
      parts.push(`<memnode cellid="${cellid}" mode="${g.odd(['strict', 'preferred', 'interleave', 'restrictive'], ['bogus'])}" nodeset="${set(g, 1)}"/>`);
    }
    top.push(`<numatune>${parts.join('')}</numatune>`);
  }
  // memory backing
  if (g.maybe(0.4)) {
    const mb: string[] = [];
    if (g.maybe(0.7)) {
      const pages: string[] = [];
      const k = g.pick([0, 1, 1, 2, 3]);
      for (let i = 0; i < k; i++) {
        const size = g.pick(['2048" unit="KiB', '2" unit="M', '1" unit="G', '1048576', '4']);
        const ns = g.maybe(0.7) ? ` nodeset="${g.odd([range(i, Math.min(i, nodes - 1)), String(Math.min(i, nodes - 1))], [set(g, nodes), String(nodes), `${nodes - 1},${nodes}`, '0'])}"` : '';
        pages.push(`<page size="${size}"${ns}/>`);
      }
      mb.push(`<hugepages>${pages.join('')}</hugepages>`);
    }
    if (g.maybe(0.15)) mb.push('<nosharepages/>');
    if (g.maybe(0.15)) mb.push('<locked/>');
    if (g.maybe(0.3)) mb.push(`<source type="${g.odd(['memfd', 'file', 'anonymous'], ['bogus'])}"/>`);
    if (g.maybe(0.3)) mb.push(`<access mode="${g.odd(['shared', 'private'], ['bogus'])}"/>`);
    if (g.maybe(0.2)) mb.push(`<allocation mode="${g.odd(['immediate', 'ondemand'], ['lazy'])}"${g.maybe(0.3) ? ` threads="${g.odd(['2', '8'], ['0'])}"` : ''}/>`);
    if (g.maybe(0.1)) mb.push('<discard/>');
    top.push(`<memoryBacking>${mb.join('')}</memoryBacking>`);
  }
  // controllers with addresses, and a disk maybe run in an iothread
  const dev: string[] = [];
  if (g.maybe(0.4)) {
    const it = iothreadIds.length && g.maybe(0.5) ? ` iothread="${g.odd([String(iothreadIds[0])], ['7'])}"` : '';
    const slot = g.odd(['0x05', '0x06'], ['0x00', '0x01', '0x20']);
    dev.push(`<controller type="scsi" index="0" model="virtio-scsi">${it ? `<driver${it}/>` : ''}${g.maybe(0.5) ? `<address type="pci" domain="0x0000" bus="0x00" slot="${slot}" function="0x0"/>` : ''}</controller>`);
  }
  if (g.maybe(0.4)) {
    const it = iothreadIds.length && g.maybe(0.6) ? ` iothread="${g.odd([String(iothreadIds[iothreadIds.length - 1])], ['0', '8'])}"` : '';
    dev.push(`<disk type="file" device="disk"><driver name="qemu" type="raw"${it}/><source file="/var/lib/libvirt/images/t.img"/><target dev="vda" bus="virtio"/>${g.maybe(0.4) ? `<address type="pci" domain="0x0000" bus="0x00" slot="${g.odd(['0x07'], ['0x05'])}" function="0x0"/>` : ''}</disk>`);
  }
  if (g.maybe(0.2)) dev.push(`<controller type="virtio-serial" index="0"${g.maybe(0.5) ? ` ports="${g.odd(['16'], ['0'])}" vectors="${g.odd(['4'], ['0'])}"` : ''}/>`);
  if (g.maybe(0.2) && machine === 'q35') dev.push(`<controller type="pci" index="1" model="pcie-root-port"><target chassis="${g.odd(['1'], ['256'])}" port="${g.odd(['0x10'], ['0x100'])}"/></controller>`);
  const mem = cells ? 32 * cells : 64;
  return `<domain type="qemu"><name>${name}</name><memory unit="MiB">${mem}</memory>${top.join('')}<os><type arch="x86_64" machine="${machine}">hvm</type></os>${cpu}<features><acpi/></features><devices>${dev.join('')}</devices></domain>\n`;
}

export function tuningDomains(seed: number, count: number): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < count; i++) out.push([`tuning-${seed}-${i}`, tuningDocument(seed * 7919 + i, `bdm-lab-tune-${seed}-${i}`)]);
  return out;
}
