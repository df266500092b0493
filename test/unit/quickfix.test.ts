/**
 * Every quick fix applied to a document that triggers its rule: the rule's diagnostic goes,
 * no new error appears, and where the fix claims to make the document valid, Nova itself
 * accepted the fixed text (test/fixtures/quickfix/oracle.json, labelled by
 * shared/tools/nova-oracle; `node --import tsx test/unit/quickfix.test.ts --label` rewrites it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { analyzeDocument } from '../../server/src/document';
import { quickFixes, applyEdits, refactorings } from '../../server/src/features/codeActions';
import { defaultContext, type Context } from '../../server/src/model/context';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e';
const srv = (bdms: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ server: { name: 'fix', flavorRef: '1', ...extra, block_device_mapping_v2: bdms } }, null, 2);
const ctx = (o: Partial<Context> = {}): Context => ({ ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, ...o });

interface Case { id: string; code: string; text: string; context: Context; fixIndex?: number; valid: boolean; language?: 'json' | 'xml' }
const CASES: Case[] = [
  { id: 'boot-seq-dup', code: 'BDM-COMPUTE-BOOT-SEQUENCE', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }, { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }]), context: ctx(), valid: true },
  { id: 'boot-seq-gap', code: 'BDM-COMPUTE-BOOT-SEQUENCE', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 1 }, { source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: '3' }]), context: ctx(), valid: true },
  { id: 'boot-seq-none', code: 'BDM-COMPUTE-BOOT-SEQUENCE', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL }]), context: ctx(), valid: true },
  { id: 'image-volume-size', code: 'BDM-COMPUTE-IMAGE-VOLUME-SIZE', text: srv([{ source_type: 'image', destination_type: 'volume', uuid: IMG, boot_index: 0 }]), context: ctx(), valid: true },
  { id: 'blank-volume-size', code: 'BDM-COMPUTE-BLANK-VOLUME-SIZE', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }, { source_type: 'blank', destination_type: 'volume' }]), context: ctx(), valid: true },
  { id: 'image-local-off-root', code: 'BDM-DICT-IMAGE-LOCAL-BOOT', text: srv([{ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 }, { source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 1 }], { imageRef: IMG }), context: ctx(), valid: true },
  { id: 'blank-uuid', code: 'BDM-DICT-BLANK-WITH-UUID', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }, { source_type: 'blank', destination_type: 'volume', uuid: VOL, volume_size: 1 }]), context: ctx(), valid: true },
  { id: 'root-devname', code: 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT', text: srv([{ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 }, { source_type: 'volume', destination_type: 'volume', uuid: VOL, device_name: '/dev/vda' }], { imageRef: IMG }), context: ctx(), valid: true },
  { id: 'voltype-local', code: 'BDM-DICT-VOLTYPE-LOCAL', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }, { source_type: 'blank', destination_type: 'local', volume_type: 'lvm', volume_size: 1 }], { networks: 'none' }), context: ctx({ microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 1, swap_mb: 0 } }), valid: true },
  { id: 'voltype-existing', code: 'BDM-DICT-VOLTYPE-EXISTING-VOLUME', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, volume_type: 'lvm' }], { networks: 'none' }), context: ctx({ microversion: '2.67' }), valid: true },
  { id: 'virtual-name', code: 'BDM-DICT-INVALID-FIELDS', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, virtual_name: 'root' }]), context: ctx(), valid: true },
  { id: 'voltype-mv-remove', code: 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION', text: srv([{ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0, volume_type: 'lvm' }]), context: ctx(), valid: true },
  { id: 'tag-mv-remove', code: 'BDM-SCHEMA-TAG-MICROVERSION', text: srv([{ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0, tag: 'root' }]), context: ctx(), valid: true },
  { id: 'unknown-key', code: 'BDM-SCHEMA-ADDITIONAL-PROPERTIES', text: srv([{ source_type: 'image', destination_type: 'volume', uuid: IMG, volume_size: 10, boot_index: 0, size: 3 }]), context: ctx(), valid: true },
  { id: 'disk-bus-case', code: 'BDM-COMPUTE-DISK-BUS', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, disk_bus: 'VIRTIO' }]), context: ctx(), valid: true },
  { id: 'device-type-case', code: 'BDM-COMPUTE-DEVICE-TYPE', text: srv([{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, device_type: 'Disk' }]), context: ctx(), valid: true },
  { id: 'legacy-mixed', code: 'BDM-API-MIXED-SYNTAX', text: JSON.stringify({ server: { name: 'fix', flavorRef: '1', imageRef: IMG, block_device_mapping: [{ volume_id: VOL, device_name: '/dev/vdb' }], block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'volume', volume_size: 1 }] } }, null, 2), context: ctx(), valid: false },
  { id: 'attach-tag-mv', code: 'BDM-ATTACH-SCHEMA-TAG-MICROVERSION', text: JSON.stringify({ volumeAttachment: { volumeId: VOL, tag: 'data' } }, null, 2), context: ctx(), valid: true },
  { id: 'attach-dot-string', code: 'BDM-ATTACH-DOT-STRING-TRUE', text: JSON.stringify({ volumeAttachment: { volumeId: VOL, delete_on_termination: 'false' } }, null, 2), context: ctx({ microversion: '2.79' }), valid: true },
  { id: 'libvirt-prefix', code: 'LIBVIRT-DISK-TARGET-PREFIX-BUS', language: 'xml', text: '<disk type="file" device="disk">\n  <driver name="qemu" type="qcow2"/>\n  <source file="/var/lib/x.qcow2"/>\n  <target dev="sdb" bus="virtio"/>\n</disk>\n', context: ctx(), valid: true },
];

const ORACLE_FILE = new URL('../fixtures/quickfix/oracle.json', import.meta.url);

function fixed(c: Case): string {
  const a = analyzeDocument(c.text, c.language ?? 'json', c.context, { forced: true });
  const d = a.diagnostics.find((x) => x.code === c.code);
  assert.ok(d, `${c.id}: ${c.code} should fire; got ${a.diagnostics.map((x) => x.code).join(', ')}`);
  const fixes = quickFixes(a, c.text, d!).filter((f) => f.edits.length);
  assert.ok(fixes.length > 0, `${c.id}: no quick fix with edits for ${c.code}`);
  return applyEdits(c.text, fixes[c.fixIndex ?? 0].edits);
}

for (const c of CASES) {
  test(`quick fix for ${c.code} (${c.id}) removes the diagnostic and adds no error`, () => {
    const out = fixed(c);
    const before = analyzeDocument(c.text, c.language ?? 'json', c.context, { forced: true });
    const after = analyzeDocument(out, c.language ?? 'json', c.context, { forced: true });
    assert.ok(!after.diagnostics.some((x) => x.code === c.code), `${c.id}: ${c.code} still there:\n${out}`);
    const beforeErr = new Set(before.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code));
    const newErr = after.diagnostics.filter((x) => x.severity === 'error' && !beforeErr.has(x.code));
    assert.deepEqual(newErr.map((x) => x.code), [], `${c.id}: new errors after the fix:\n${out}`);
    if (c.valid) assert.equal(after.valid, true, `${c.id}: fixed document should be valid:\n${out}\n${after.diagnostics.map((x) => x.code).join(', ')}`);
  });
}

test('Nova itself accepts every fixed document that the fix claims to make valid', () => {
  const labels = JSON.parse(readFileSync(ORACLE_FILE, 'utf8')) as Record<string, { valid: boolean; http_status: number; text: string }>;
  const claimed = CASES.filter((c) => c.valid && (c.language ?? 'json') === 'json');
  for (const c of claimed) {
    const l = labels[c.id];
    assert.ok(l, `${c.id}: no oracle label; run with --label`);
    assert.equal(l.text, fixed(c), `${c.id}: the fix's output changed since it was labelled; run with --label`);
    assert.equal(l.valid, true, `${c.id}: Nova refuses the fixed document (HTTP ${l.http_status})`);
  }
});

test('legacy block_device_mapping converts to a v2 list Nova accepts', () => {
  const text = JSON.stringify({ server: { name: 'fix', flavorRef: '1', imageRef: IMG, block_device_mapping: [{ volume_id: VOL, device_name: '/dev/vdb', delete_on_termination: '1' }, { virtual_name: 'swap', device_name: '/dev/vdc', volume_size: 512 }] } }, null, 2);
  const context = ctx({ flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 512 } });
  const a = analyzeDocument(text, 'json', context);
  const r = refactorings(a, text);
  assert.equal(r.length, 1);
  const out = applyEdits(text, r[0].edits);
  const after = analyzeDocument(out, 'json', context);
  assert.equal(after.valid, true, out);
  assert.deepEqual(after.entries.map((e) => e.driverClass), ['DriverImageBlockDevice', 'DriverVolumeBlockDevice', 'DriverSwapBlockDevice']);
});

// `--label`: ask Nova (the oracle) about every fixed document and store its answers.
if (process.argv.includes('--label')) {
  const cases = CASES.filter((c) => (c.language ?? 'json') === 'json').map((c) => ({ id: c.id, payload: JSON.parse(fixed(c)), context: { ...c.context, flavor: c.context.flavor ?? undefined } }));
  const tmp = '/tmp/bdm-lab-quickfix-cases.json';
  writeFileSync(tmp, JSON.stringify(cases));
  const out = execFileSync('/usr/bin/python3', [new URL('../../../shared/tools/nova-oracle/oracle.py', import.meta.url).pathname, tmp], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const labels: Record<string, unknown> = {};
  for (const line of out.split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line) as { id: string; valid: boolean; http_status: number };
    const c = CASES.find((x) => x.id === r.id)!;
    labels[r.id] = { valid: r.valid, http_status: r.http_status, text: fixed(c) };
  }
  writeFileSync(ORACLE_FILE, JSON.stringify(labels, null, 1) + '\n');
  void existsSync;
}
