/**
 * Round 38: what operators put around disks (scripts/libvirt-hunt38-check.ts,
 * scripts/libvirt-hunt38-gen.ts). The disagreements of seeds 3801 and 3802 and of the probes
 * beside them, cut down to their shape in test/fixtures/libvirt-hunt38/cases.json, each labelled
 * with libvirt 9.0 itself (scripts/libvirt-hunt38-label.ts: the last line of `virsh define
 * --validate` on the QEMU driver, a lone <disk> wrapped in a small pc domain; "accepts" where
 * libvirt defined it): a <boot order> with a space or above 4294967295, "01" repeating "1"; a
 * backing image's storage type against its <source>, its index, its children, its format as the
 * QEMU driver takes it (iso, cow, dir, fat, luks) and its directory's FAT; the CCW address in
 * libvirt's words; a security model labelled twice in a <source>; <blkiotune> settings twice; a
 * lone disk's iothread; the iothread pool sizes. Host-dependent refusals (an emulated TPM
 * without swtpm) are left out: bdm-lab says them as notes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml/analyze';
import { labelledFirstErrors } from './libvirtxml-fixtures';
import { bestGrowth, describeGrowth } from './growth';

const CASES = JSON.parse(readFileSync(join(__dirname, '../fixtures/libvirt-hunt38/cases.json'), 'utf8')) as ReadonlyArray<{ name: string; xml: string; libvirt: string }>;

/** libvirt's words without its category; the machine as written (libvirt names the one QEMU expands it to: pc-i440fx-7.2 on the labelling host) */
const words = (m: string) => m
  .replace(/^(XML error|internal error|unsupported configuration|invalid argument|argument unsupported): /, '')
  .replace(/\.$/, '')
  .replace(/\bpc-i440fx-7\.2\b/g, 'pc')
  .replace(/\bpc-q35-7\.2\b/g, 'q35');

// a schema refusal may come from the well-formedness stage too (a document libvirt's parser reads whole first)
labelledFirstErrors('hunt38', CASES, { words, schemaStages: ['schema', 'xml'] });

test('hunt38 cases: every one labelled', () => {
  assert.ok(CASES.length >= 50);
  for (const c of CASES) assert.ok(c.libvirt, `${c.name} has no label`);
});

test('n disks with backing chains, source labels and boot orders, n iothreads with pool sizes: linear time', { timeout: 120_000 }, () => {
  const many = (n: number) => {
    const ids = Array.from({ length: n }, (_, i) => `<iothread id="${i + 1}" thread_pool_min="1" thread_pool_max="${i + 2}"/>`).join('');
    const disks = Array.from({ length: n }, (_, i) =>
      `<disk type="file" device="disk"><driver name="qemu" type="qcow2" iothread="${i + 1}"/><source file="/var/lib/libvirt/images/d${i}.img"><seclabel model="dac" relabel="no"/><seclabel model="selinux" relabel="no"/></source><target dev="vd${i}" bus="virtio"/>`
      + `<backingStore type="file" index="1"><format type="qcow2"/><source file="/var/lib/libvirt/images/b${i}.img"><seclabel model="dac" relabel="no"/></source><backingStore type="dir"><format type="fat"/><source dir="/srv/b${i}"/><backingStore/></backingStore></backingStore>`
      + `<boot order="0${i + 1}"/></disk>`).join('');
    return `<domain type="qemu"><name>h38</name><memory>65536</memory><iothreadids>${ids}</iothreadids><defaultiothread thread_pool_max="4"/><blkiotune><weight>500</weight></blkiotune><os><type arch="x86_64" machine="pc">hvm</type></os><devices>${disks}</devices></domain>`;
  };
  const g = bestGrowth(many, analyzeLibvirtXml, 300, 3);
  assert.ok(g.ratio < 3, describeGrowth('n disks with backing chains and n iothreads', 300, g));
});
