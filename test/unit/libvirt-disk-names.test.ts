/**
 * The libvirt notes read computeDiskNames (libvirt/naming.ts), which skips the parts of
 * computeDiskInfo nobody reads for notes: its disk per BDM, build error and define error must be
 * computeDiskInfo's, on every naming case Nova's code answered (test/fixtures/oracle/naming),
 * on the generated bodies of the differential test, and on cases made to fail at build or at
 * define (a bad root name, a virtio-scsi image, a lun without a bus, too many ide disks).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { computeDiskInfo, computeDiskNames, type NamingOptions } from '../../server/src/libvirt/naming';
import type { NovaBdm } from '../../server/src/nova/types';
import { defaultContext, type Context } from '../../server/src/model/context';
import { mergeContext } from '../../server/src/model/contextLoad';
import { analyzeJson } from '../../server/src/analyze';
import { generateCases } from '../../scripts/difftest-gen';

const FIX = join(__dirname, '..', 'fixtures', 'oracle', 'naming');

function same(bdms: NovaBdm[], ctx: Context, opts: NamingOptions, what: string): string {
  // each call gets its own copies: naming must not depend on what an earlier call did to them
  const full = computeDiskInfo(structuredClone(bdms), ctx, opts);
  const names = computeDiskNames(structuredClone(bdms), ctx, opts);
  assert.deepEqual(names, { perBdm: full.perBdm, buildError: full.buildError, defineError: full.defineError ?? null }, what);
  return full.buildError ? 'build' : full.defineError ? 'define' : 'named';
}

const bdm = (o: Partial<NovaBdm>): NovaBdm => ({
  entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: null, device_name: null, disk_bus: null,
  device_type: null, volume_size: 1, uuid: null, no_device: false, delete_on_termination: false, volume_type: null, tag: null, ...o,
});

test('computeDiskNames says what computeDiskInfo says, on every oracle naming case', () => {
  let n = 0;
  for (const f of readdirSync(FIX).filter((x) => x.endsWith('.json'))) {
    const cases = (JSON.parse(readFileSync(join(FIX, f), 'utf8')) as { cases: Array<{ id: string; imageRef: string | null; context: Context; bdms: NovaBdm[] }> }).cases;
    for (const c of cases) {
      same(c.bdms, c.context, { imageRef: c.imageRef }, `${f} ${c.id}`);
      n++;
    }
  }
  assert.ok(n > 100, `only ${n} cases`);
});

test('computeDiskNames says what computeDiskInfo says, on the differential test\'s accepted bodies', { timeout: 60_000 }, () => {
  let n = 0;
  for (const c of generateCases(5, 600, 'n').filter((x) => x.kind === 'server')) {
    const ctx = mergeContext([{ source: 'cli', context: c.context as never }]).context;
    const a = analyzeJson(c.payloadText, ctx);
    if (!a.novaBdms) continue;
    same(a.novaBdms, ctx, { imageRef: a.imageRef, configDriveFormat: ctx.nova_conf?.DEFAULT?.config_drive_format }, c.id);
    n++;
  }
  assert.ok(n > 60, `only ${n} accepted bodies`);
});

test('computeDiskNames says what computeDiskInfo says when the build or the define fails', () => {
  const ctx = defaultContext();
  const kinds = new Set<string>();
  const root = bdm({ source_type: 'image', destination_type: 'volume', boot_index: 0 });
  // a root name libvirt cannot parse: the define fails
  kinds.add(same([{ ...root, device_name: 'dev/vda' }], ctx, { imageRef: null }, 'bad root name'));
  kinds.add(same([root, bdm({ entry: 1, device_name: '/dev/sdb', disk_bus: 'scsi' }), bdm({ entry: 2, device_name: '/dev/xyz' })], ctx, { imageRef: null }, 'bad volume name'));
  const scsi = { ...ctx, libvirt: { ...ctx.libvirt, image_properties: { hw_scsi_model: 'virtio-scsi' } } };
  kinds.add(same([root, bdm({ entry: 1, device_name: '/dev/scsi0', disk_bus: 'scsi' })], scsi, { imageRef: 'img' }, 'virtio-scsi'));
  // a lun without a bus, and five disks on ide: the build fails
  kinds.add(same([root, bdm({ entry: 1, device_type: 'lun' })], ctx, { imageRef: null }, 'lun'));
  kinds.add(same([root, ...[1, 2, 3, 4, 5].map((i) => bdm({ entry: i, disk_bus: 'ide' }))], ctx, { imageRef: null }, 'ide'));
  // no root: nothing is named
  kinds.add(same([bdm({ entry: 0 })], ctx, { imageRef: 'img' }, 'no root'));
  assert.deepEqual([...kinds].sort(), ['build', 'define', 'named']);
});

test('names on many configured disk prefixes, long ones too (past the cache of names), are the prefix and the letters', () => {
  const root = bdm({ source_type: 'image', destination_type: 'volume', boot_index: 0 });
  const vols = Array.from({ length: 30 }, (_, i) => bdm({ entry: i + 1 }));
  const letters = (i: number) => (i < 26 ? String.fromCharCode(97 + i) : String.fromCharCode(96 + Math.floor(i / 26)) + String.fromCharCode(97 + (i % 26)));
  for (const prefix of [...Array.from({ length: 20 }, (_, i) => `p${i}x`), 'averyveryverylongprefix', 'vd', 'sd']) {
    const base = defaultContext();
    const ctx = { ...base, libvirt: { ...base.libvirt, disk_prefix: prefix } };
    for (let round = 0; round < 2; round++) {
      const r = computeDiskNames(structuredClone([root, ...vols]), ctx, { imageRef: 'img' });
      assert.equal(r.buildError, null, prefix);
      assert.deepEqual(r.perBdm.map((d) => d?.dev), Array.from({ length: 31 }, (_, i) => `${prefix}${letters(i)}`), prefix);
    }
  }
});
