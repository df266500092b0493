/**
 * Hunt 26 (scripts/difftest-hunt26.ts: image properties the compute API reads beyond their types,
 * varied with hunt 25's bodies and contexts) found that bdm-lab never judged what Nova's compute
 * API does with the boot image's properties after building the ImageMeta object:
 *
 * - _check_auto_disk_config: `OS-DCF:diskConfig: AUTO` with an image whose auto_disk_config is
 *   "disabled" (400, first of all image checks);
 * - the ImageMeta object's NUMA cells (a hw_numa_cpus.N list parse_cpu_spec refuses: 500; a
 *   hw_numa_mem.N int() refuses: 400) and img_hv_requested_version / hypervisor_version_requires
 *   (a version predicate, 400);
 * - numa_get_constraints: CPU and thread policy, the hyperthreading trait, hw_numa_nodes < 1,
 *   an image page size without the flavor's, locked memory without a page size (403), NUMA cells
 *   missing for some nodes (400, before the block devices);
 * - _detect_nonbootable_image_from_properties: an imageRef image with cinder_encryption_key_id
 *   (400, before the zero-disk flavor);
 * - _validate_flavor_image_numa_pci: memory encryption on a boot volume (500, its metadata has
 *   no image id) and the vCPU topology against its limits and the flavor's (400, after the zero-disk
 *   flavor, before the local-device limit).
 *
 * With the flavor's extra specs (the context's flavor.extra_specs): its CPU policy, thread
 * policy and emulator threads policy (invalid values, the image overriding them), NUMA nodes in
 * both, its page size against the image's, locked memory in both (a conflict: 500), an empty
 * thread policy written into the NUMA cells (500), its hw:cpu_* topology limits; checked with the
 * flavor alone when there is no image metadata.
 *
 * Each case is labelled by the nova-oracle (test/fixtures/nova-hunt26/image-constraints.json,
 * scripts/difftest-hunt26-label.ts); the flavor extra-spec cases by the same oracle given the
 * context's extra specs (flavor-extra-specs.json, scripts/difftest-hunt26-label-flavor.ts). The
 * oracle's flavor has 1 vCPU and 512 MiB; the context gives neither, nor the image's Glance name,
 * so the cases whose answer needs them (an uneven NUMA topology, memory encryption's words, a
 * realtime mask) are marked NOT_JUDGED: bdm-lab leaves them to Nova (no
 * verdict of its own) and the pure functions answer UNKNOWN, or Nova's words once given the
 * oracle's flavor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';
import { imageMetaOf, imagePropsError, isCpuSpec } from '../../server/src/libvirt/imageProps';
import { autoDiskConfigDisabled, flavorImageChecks, numaConstraints, UNKNOWN } from '../../server/src/rules/nova/imageMeta';
import { assertOracleVerdict } from './nova-hunt24-cases';

interface Labelled {
  id: string;
  note: string;
  context: PartialContext & { libvirt: { image_properties: Record<string, string> } };
  payloadText: string;
  oracle: { valid: boolean; http_status: number; nova_message: string | null; layer: string | null; driver_classes?: Array<string | null> };
}

const load = (name: string): Labelled[] => JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'nova-hunt26', `${name}.json`), 'utf8')) as Labelled[];
const cases = load('image-constraints');
const flavorCases = load('flavor-extra-specs');

/** Nova's answer needs what the context does not give: the flavor's vCPUs and RAM, or Glance's image name, or flavor CPU/NUMA specs */
const NOT_JUDGED = new Set(['h26-numa-nodes-2', 'h26-mem-enc-image-bios', 'h26f-realtime-not-judged']);

for (const c of [...cases, ...flavorCases]) {
  test(`${c.id}: ${c.note}`, () => {
    if (!NOT_JUDGED.has(c.id)) {
      assertOracleVerdict(c);
      return;
    }
    // Nova refuses; bdm-lab has no verdict of its own on it
    assert.equal(c.oracle.valid, false);
    const a = analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context }]).context);
    assert.equal(a.valid, true, a.verdict?.message);
  });
}

test('the fixtures hold the refusals in their places among the block-device checks', () => {
  const status = (id: string) => [...cases, ...flavorCases].find((c) => c.id === id)?.oracle;
  assert.match(status('h26-adc-before-metadata')?.nova_message ?? '', /automatic disk resize disabled/);
  assert.match(status('h26-numa-before-zero-disk')?.nova_message ?? '', /^Dedicated CPU set/);
  assert.match(status('h26-encrypted-before-zero-disk')?.nova_message ?? '', /is unacceptable/);
  assert.equal(status('h26-topology-after-zero-disk')?.http_status, 403);
  assert.match(status('h26-topology-before-locals')?.nova_message ?? '', /^Image vCPU topology/);
  assert.equal(status('h26-locked-memory')?.http_status, 403);
  assert.equal(status('h26-mem-enc-volume')?.http_status, 500);
});

test('numaConstraints with the oracle\'s flavor (1 vCPU, 512 MiB) gives its words; without a flavor, UNKNOWN', () => {
  const two = cases.find((c) => c.id === 'h26-numa-nodes-2')!;
  const props = two.context.libvirt.image_properties;
  assert.equal(numaConstraints(props, {}), UNKNOWN);
  assert.deepEqual(numaConstraints(props, {}, { vcpus: 1, memoryMb: 512 }), { code: 'BDM-COMPUTE-IMAGE-NUMA', args: { message: two.oracle.nova_message } });
  // two nodes of a 2-vCPU, 512 MiB flavor spread evenly
  assert.equal(numaConstraints(props, {}, { vcpus: 2, memoryMb: 512 }), null);
  // manual cells against the flavor: left to Nova
  assert.equal(numaConstraints({ hw_numa_nodes: '1', 'hw_numa_cpus.0': '0', 'hw_numa_mem.0': '256' }, {}, { vcpus: 1, memoryMb: 512 }), UNKNOWN);
  // specs read against the flavor's vCPUs: left to Nova where Nova reads them; other specs take no part
  assert.equal(numaConstraints({}, { 'hw:cpu_policy': 'dedicated', 'hw:cpu_dedicated_mask': '0' }), UNKNOWN);
  assert.equal(numaConstraints({ hw_cpu_policy: 'dedicated' }, { 'resources1:PCPU': '1' }), UNKNOWN);
  assert.equal(numaConstraints({}, { 'trait2:HW_CPU_HYPERTHREADING': 'required' }), UNKNOWN);
  assert.equal(numaConstraints({ hw_cpu_policy: 'dedicated' }, { 'hw:numa_mem.0': '512' }), UNKNOWN);
  // ... unless an earlier check refuses (the policy comes first)
  assert.equal((numaConstraints({}, { 'hw:cpu_policy': 'x', 'hw:cpu_dedicated_mask': '0' }) as { code: string }).code, 'BDM-COMPUTE-IMAGE-NUMA');
  assert.equal((numaConstraints({ hw_cpu_policy: 'mixed' }, { 'hw:watchdog_action': 'reset' }) as { code: string }).code, 'BDM-COMPUTE-IMAGE-NUMA');
});

test('flavorImageChecks: memory encryption on an image is left to Nova (its words name the image); flavor specs read before the topology too', () => {
  assert.equal(flavorImageChecks({ hw_mem_encryption: 'true' }, {}, false), UNKNOWN);
  assert.equal(flavorImageChecks({ hw_mem_encryption: 'true', hw_firmware_type: 'uefi', hw_machine_type: 'pc' }, {}, false), UNKNOWN);
  assert.deepEqual(flavorImageChecks({ hw_mem_encryption: 'yes' }, {}, true), { code: 'BDM-COMPUTE-IMAGE-MEM-ENCRYPTION-VOLUME' });
  assert.equal(flavorImageChecks({ hw_cpu_sockets: '70000' }, { 'hw:serial_port_count': '2' }, false), UNKNOWN);
  assert.equal(flavorImageChecks({ hw_cpu_sockets: '70000', hw_mem_encryption: 'true', hw_firmware_type: 'uefi', hw_machine_type: 'pc-q35-7.1' }, {}, false) !== null, true);
});

// (the expectations below are what Nova 26.2.2's parse_cpu_spec, VersionPredicate and is_auto_disk_config_disabled answer, run by hand)
test('the ImageMeta object reads NUMA cells and version predicates in from_dict\'s order', () => {
  assert.deepEqual(imageMetaOf({ 'hw_numa_cpus.0': '0-1,^1', 'hw_numa_mem.0': '512' }), { error: null, cpuSpecInvalid: false });
  assert.deepEqual(imageMetaOf({ hw_numa_nodes: 'x', 'hw_numa_cpus.0': 'y' }), { error: "invalid literal for int() with base 10: 'x'", cpuSpecInvalid: false });
  assert.deepEqual(imageMetaOf({ hw_video_ram: 'x', 'hw_numa_cpus.0': 'y' }), { error: null, cpuSpecInvalid: true });
  assert.equal(imagePropsError({ hypervisor_version_requires: 'x', hw_disk_bus: 'sd' }), 'Version x is not a valid predicate in field img_hv_requested_version');
  assert.equal(imagePropsError({ hypervisor_version_requires: '>= 1.0, != 1.2.3b4' }), null);
  for (const ok of ['', ',', '0', ' 1 - 3 ', '^2', '1_0', '\u0661-\u0662']) assert.equal(isCpuSpec(ok), true, ok);
  for (const bad of ['a', '-1', '3-1', '^', '1-', '1.0', '0-1-2']) assert.equal(isCpuSpec(bad), false, bad);
  assert.equal(autoDiskConfigDisabled({ auto_disk_config: '\u3000disabled\n' }), true);
  assert.equal(autoDiskConfigDisabled({ auto_disk_config: 'disable' }), false);
});

test('a context flavor with vcpus and memory_mb (the oracle\'s: 1 vCPU, 512 MiB) judges the NUMA nodes\' even division as Nova does', () => {
  const two = cases.find((c) => c.id === 'h26-numa-nodes-2')!;
  const judged = (sizes: { vcpus?: number; memory_mb?: number }) => {
    const context = { ...two.context, flavor: { ...(two.context.flavor ?? { root_gb: 10, ephemeral_gb: 0, swap_mb: 0 }), ...sizes } };
    return analyzeJson(two.payloadText, mergeContext([{ source: 'cli', context }]).context);
  };
  const a = judged({ vcpus: 1, memory_mb: 512 });
  assert.equal(a.valid, false);
  assert.equal(a.verdict?.code, 'BDM-COMPUTE-IMAGE-NUMA');
  assert.equal(a.verdict?.httpStatus, two.oracle.http_status);
  assert.equal(a.verdict?.message, two.oracle.nova_message);
  // two vCPUs and 512 MiB divide evenly over two nodes: no refusal; one of the two sizes alone: left to Nova
  assert.equal(judged({ vcpus: 2, memory_mb: 512 }).valid, true);
  assert.equal(judged({ vcpus: 1 }).valid, true);
});
