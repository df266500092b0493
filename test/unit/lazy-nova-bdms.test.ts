/**
 * An accepted request's NovaBdms are built when read (analyze.ts novaBdmsWhenRead, Info.bdm): a
 * verdict reads each entry's driver class and the libvirt notes read a few fields, both from the
 * working BDM's dict (judging.ts driverClassOfWorking, noteFieldsOf). These check that what is
 * read from the dict is what the NovaBdm holds, on seeded random dicts of every value type a body
 * can give, and that the lazy list reads, spreads, serialises and is replaced like a plain one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { defaultContext } from '../../server/src/model/context';
import { driverClassOf, type BdmNoteFields, type NovaBdm } from '../../server/src/nova/types';
import { driverClassOfWorking, noteFieldsOf, toNovaBdm, type WorkingBdm } from '../../server/src/rules/nova/judging';
import { libvirtNotes, type NoteBdms } from '../../server/src/rules/libvirtNotes';
import { rng } from '../../scripts/prng.mjs';

const VALUES: unknown[] = [undefined, null, 0, 1, -1, 2, 0.5, '', '0', 'swap', 'ext4', 'image', 'volume', 'snapshot', 'blank', 'local', 'lun', 'fs', 'disk', 'cdrom', 'virtio', 'scsi', 'ide', 'usb', 'sata', 'xen', '/dev/vdb', 'vdc', true, false, [], ['swap'], {}, { a: 1 }, 'first', '3'];
const KEYS = ['source_type', 'destination_type', 'guest_format', 'boot_index', 'device_name', 'disk_bus', 'device_type', 'no_device', 'volume_size', 'image_id', 'volume_id', 'snapshot_id', 'delete_on_termination', 'volume_type', 'tag'];
const FAVOURED: Record<string, unknown[]> = {
  source_type: ['image', 'volume', 'snapshot', 'blank'],
  destination_type: ['volume', 'local'],
  guest_format: ['swap', 'ext4', null],
};

function randomDict(next: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const d: Record<string, unknown> = {};
  for (const k of KEYS) {
    if (next() < 0.35) continue;
    d[k] = FAVOURED[k] && next() < 0.7 ? pick(FAVOURED[k]) : pick(VALUES);
    if (d[k] === undefined) delete d[k];
  }
  return d;
}

const noteFields = (b: BdmNoteFields) => ({ entry: b.entry, device_name: b.device_name, boot_index: b.boot_index, device_type: b.device_type, disk_bus: b.disk_bus });

test('driverClassOfWorking and noteFieldsOf read from the dict what the NovaBdm holds (seeded random dicts)', () => {
  const next = rng(2031);
  const scratch: BdmNoteFields = { entry: null, device_name: null, boot_index: null, device_type: null, disk_bus: null };
  const classes = new Set<string | null>();
  for (let i = 0; i < 20_000; i++) {
    const d = randomDict(next);
    const entry = next() < 0.9 ? i : null;
    const lazy: WorkingBdm = { entry, syntax: 'v2', d };
    const built: WorkingBdm = { entry, syntax: 'v2', d: { ...d } };
    const nova = toNovaBdm(built);
    const cls = driverClassOfWorking(lazy);
    classes.add(cls);
    assert.equal(cls, driverClassOf(nova), JSON.stringify(d));
    assert.deepEqual(noteFields(noteFieldsOf(lazy, scratch)), noteFields(nova), JSON.stringify(d));
    // nothing was built on the lazy side
    assert.equal(lazy.nova, undefined);
  }
  // every class and none were seen (the dicts reach each branch)
  assert.equal(classes.size, 8, [...classes].join(', '));
});

test('libvirtNotes on working BDMs past its naming limit says what it says on their NovaBdms, and builds none', () => {
  const next = rng(2032);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const ctx = defaultContext();
  let notes = 0;
  for (let round = 0; round < 6; round++) {
    const n = 1001 + Math.floor(next() * 600);
    const working: WorkingBdm[] = [];
    for (let i = 0; i < n; i++) {
      const d: Record<string, unknown> = {
        source_type: pick(['volume', 'image', 'blank']),
        destination_type: pick(['volume', 'local']),
        boot_index: pick([null, 0, -1, 1, '2']),
      };
      if (next() < 0.5) d.device_name = pick(['/dev/vdb', '/dev/sdc', 0, '', 'xvdd']);
      if (next() < 0.2) d.device_type = pick(['lun', 'fs', 'disk', 'cdrom', 0]);
      if (next() < 0.2) d.disk_bus = pick(['virtio', 'xen', 'uml', 'lxc', 'usb', 'fdc', '']);
      working.push({ entry: next() < 0.97 ? i : null, syntax: 'v2', d });
    }
    const copies: WorkingBdm[] = working.map((w) => ({ ...w, d: { ...w.d } }));
    const asArray: NovaBdm[] = copies.map(toNovaBdm);
    const scratch: BdmNoteFields = { entry: null, device_name: null, boot_index: null, device_type: null, disk_bus: null };
    const lazy: NoteBdms = { length: working.length, bdm: (i) => toNovaBdm(working[i]), fields: (i) => noteFieldsOf(working[i], scratch) };
    const show = (fs: ReturnType<typeof libvirtNotes>) => fs.map((f) => [f.code, f.entry, f.path, JSON.stringify(f.args ?? null)]);
    const expected = show(libvirtNotes(asArray, [], ctx, null, { offset: 0, length: 1 }));
    const got = show(libvirtNotes(lazy, [], ctx, null, { offset: 0, length: 1 }));
    assert.deepEqual(got, expected);
    notes += got.length;
    assert.equal(working.filter((w) => w.nova !== undefined).length, 0, 'no NovaBdm is built past the naming limit');
  }
  assert.ok(notes > 1000, `the lists get notes (${notes})`);
});

function body(n: number): string {
  const entries = [{ source_type: 'image', destination_type: 'volume', uuid: '70a599e0-31e7-49b7-b260-868f441e862b', volume_size: 10, boot_index: 0 }];
  for (let i = 1; i < n; i++) entries.push({ source_type: 'volume', destination_type: 'volume', uuid: `a26887c6-c47b-4654-abb5-${String(i).padStart(12, '0')}`, boot_index: -1, device_name: `/dev/vd${i}` } as never);
  return JSON.stringify({ server: { name: 's', flavorRef: '1', imageRef: '', block_device_mapping_v2: entries } });
}

test('the lazy novaBdms read, spread, serialise and are replaced as a plain list', () => {
  for (const n of [3, 1500]) {
    const a = analyzeJson(body(n), defaultContext(), { maxEntries: 1e6 });
    assert.equal(a.valid, true);
    const list = a.novaBdms;
    assert.ok(list && list.length === n);
    // read twice: the same list; each entry's bdm is the list's
    assert.equal(a.novaBdms, list);
    for (let i = 0; i < n; i++) {
      assert.equal(a.entries[i].bdm, list[i]);
      assert.equal(a.entries[i].driverClass, driverClassOf(list[i]));
    }
    assert.equal(list[1].device_name, '/dev/vd1');
    assert.equal(list[0].source_type, 'image');
    // a copy and the JSON have it
    assert.equal({ ...a }.novaBdms, list);
    const json = JSON.parse(JSON.stringify({ novaBdms: a.novaBdms, entries: a.entries }));
    assert.equal(json.novaBdms.length, n);
    assert.equal(json.entries[1].bdm.uuid, 'a26887c6-c47b-4654-abb5-000000000001');
    // replaced by an assignment
    a.novaBdms = null;
    assert.equal(a.novaBdms, null);
  }
  // a refused request has none
  const refused = analyzeJson(JSON.stringify({ server: { name: 's', flavorRef: '1', block_device_mapping_v2: [{ source_type: 'volume', boot_index: 0 }] } }), defaultContext());
  assert.equal(refused.valid, false);
  assert.equal(refused.novaBdms, null);
});
