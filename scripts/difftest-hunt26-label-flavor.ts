/**
 * Labels hunt 26's cases with flavor extra specs (the flavor's CPU, NUMA, page-size and locked
 * memory specs with and against the image's, the image's vCPU topology against the flavor's
 * hw:cpu_* limits, extra specs that take no part) with Nova's own answer: the nova-oracle run
 * through scripts/difftest-hunt26-flavor-oracle.py, which gives the oracle's flavor the context's
 * extra specs (the oracle alone builds its flavor without any). Writes
 * test/fixtures/nova-hunt26/flavor-extra-specs.json (test/unit/nova-hunt26.test.ts).
 *   node --import tsx scripts/difftest-hunt26-label-flavor.ts
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
process.env.NOVA_ORACLE = join(here, 'difftest-hunt26-flavor-oracle.py');

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const ctx = (props: Record<string, string>, extra: Record<string, string>) => ({ microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, extra_specs: extra }, max_local_block_devices: 3, zero_disk_flavor_allowed: false, libvirt: { image_properties: props } });
const body = (server: object) => JSON.stringify({ server: { name: 'h26', flavorRef: '1', networks: 'none', ...server } }, null, 1) + '\n';
const imageOnly = body({ imageRef: IMG });
const blankRoot = body({ block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }] });

const cases = [
  { id: 'h26f-max-sockets-not-int', note: 'the flavor\'s hw:cpu_max_sockets "x": 400 naming the extra spec\'s int() error', context: ctx({}, { 'hw:cpu_max_sockets': 'x' }), payloadText: imageOnly },
  { id: 'h26f-limits-over-flavor', note: 'the image\'s limit above the flavor\'s', context: ctx({ hw_cpu_max_sockets: '4' }, { 'hw:cpu_max_sockets': '2' }), payloadText: imageOnly },
  { id: 'h26f-limits-before-preferred', note: 'the limits are compared before the flavor\'s preferred counts are read', context: ctx({ hw_cpu_max_cores: '4' }, { 'hw:cpu_max_cores': '2', 'hw:cpu_sockets': 'y' }), payloadText: imageOnly },
  { id: 'h26f-preferred-not-int', note: 'the flavor\'s hw:cpu_threads "y"', context: ctx({}, { 'hw:cpu_threads': 'y' }), payloadText: imageOnly },
  { id: 'h26f-first-bad-limit', note: 'two bad limits: sockets is read first', context: ctx({}, { 'hw:cpu_max_threads': 'b', 'hw:cpu_max_sockets': 'a' }), payloadText: imageOnly },
  { id: 'h26f-image-within-flavor-limit', note: 'the image\'s sockets within the flavor\'s limit: accepted', context: ctx({ hw_cpu_sockets: '2' }, { 'hw:cpu_max_sockets': '4' }), payloadText: imageOnly },
  { id: 'h26f-image-over-flavor-limit', note: 'the image\'s sockets above the flavor\'s limit', context: ctx({ hw_cpu_sockets: '3' }, { 'hw:cpu_max_sockets': '2' }), payloadText: imageOnly },
  { id: 'h26f-image-limit-lowers-flavor', note: 'the image\'s own limit lowers the flavor\'s', context: ctx({ hw_cpu_cores: '3', hw_cpu_max_cores: '2' }, { 'hw:cpu_max_cores': '8' }), payloadText: imageOnly },
  { id: 'h26f-volume', note: 'a boot volume\'s metadata against the flavor', context: ctx({ hw_cpu_sockets: '3' }, { 'hw:cpu_max_sockets': '2' }), payloadText: body({ block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }] }) },
  { id: 'h26f-other-specs-mixed', note: 'extra specs that take no part (quota, watchdog) leave the image\'s refusal as it is', context: ctx({ hw_cpu_policy: 'mixed' }, { 'quota:disk_read_iops_sec': '100', 'hw:watchdog_action': 'reset' }), payloadText: imageOnly },
  { id: 'h26f-other-specs-topology', note: '... and its topology refusal', context: ctx({ hw_cpu_threads: '3', hw_cpu_max_threads: '2' }, { 'quota:disk_total_bytes_sec': '1000' }), payloadText: imageOnly },
  { id: 'h26f-flavor-policy-wins', note: 'the flavor\'s dedicated CPU policy wins over the image\'s mixed: accepted', context: ctx({ hw_cpu_policy: 'mixed' }, { 'hw:cpu_policy': 'dedicated' }), payloadText: imageOnly },
  { id: 'h26f-page-size-against-flavor', note: 'the image\'s page size against the flavor\'s small one', context: ctx({ hw_mem_page_size: '2MB' }, { 'hw:mem_page_size': 'small' }), payloadText: imageOnly },
  { id: 'h26f-page-size-large-takes-image', note: 'a flavor page size "large" lets the image choose one', context: ctx({ hw_mem_page_size: '2MB' }, { 'hw:mem_page_size': 'large' }), payloadText: imageOnly },
  { id: 'h26f-page-size-large-image-bad', note: '... which must be a size: "2M" has no unit', context: ctx({ hw_mem_page_size: '2M' }, { 'hw:mem_page_size': 'any' }), payloadText: imageOnly },
  { id: 'h26f-page-size-invalid', note: 'the flavor\'s page size "2M"', context: ctx({}, { 'hw:mem_page_size': '2M' }), payloadText: imageOnly },
  { id: 'h26f-page-size-bits', note: 'sizes in bits and with a fraction are sizes', context: ctx({}, { 'hw:mem_page_size': '.5Kb' }), payloadText: imageOnly },
  { id: 'h26f-policy-invalid', note: 'a CPU policy the flavor may not have', context: ctx({}, { 'hw:cpu_policy': 'foo' }), payloadText: imageOnly },
  { id: 'h26f-policy-image-over-shared', note: 'the image asks for dedicated CPUs against the flavor\'s shared policy', context: ctx({ hw_cpu_policy: 'dedicated' }, { 'hw:cpu_policy': 'shared' }), payloadText: imageOnly },
  { id: 'h26f-thread-policy-invalid', note: 'a thread policy the flavor may not have', context: ctx({}, { 'hw:cpu_thread_policy': 'bar' }), payloadText: imageOnly },
  { id: 'h26f-thread-policy-conflict', note: 'the image\'s thread policy against the flavor\'s', context: ctx({ hw_cpu_thread_policy: 'require' }, { 'hw:cpu_policy': 'dedicated', 'hw:cpu_thread_policy': 'isolate' }), payloadText: imageOnly },
  { id: 'h26f-thread-policy-prefer-yields', note: 'the flavor\'s prefer is kept over the image\'s', context: ctx({ hw_cpu_thread_policy: 'require' }, { 'hw:cpu_policy': 'dedicated', 'hw:cpu_thread_policy': 'prefer' }), payloadText: imageOnly },
  { id: 'h26f-emulator-invalid', note: 'an emulator threads policy the flavor may not have', context: ctx({}, { 'hw:emulator_threads_policy': 'x' }), payloadText: imageOnly },
  { id: 'h26f-emulator-isolate-shared', note: 'isolated emulator threads need dedicated CPUs', context: ctx({}, { 'hw:emulator_threads_policy': 'isolate' }), payloadText: imageOnly },
  { id: 'h26f-emulator-share-topology', note: 'a shared emulator threads policy takes no part in the topology check', context: ctx({ hw_cpu_max_cores: '-3' }, { 'hw:emulator_threads_policy': 'share' }), payloadText: imageOnly },
  { id: 'h26f-nodes-both', note: 'NUMA nodes in the flavor and the image', context: ctx({ hw_numa_nodes: '2' }, { 'hw:numa_nodes': '1' }), payloadText: imageOnly },
  { id: 'h26f-nodes-not-int-like', note: 'the flavor\'s "01" is not an integer as Nova reads it', context: ctx({}, { 'hw:numa_nodes': '01' }), payloadText: imageOnly },
  { id: 'h26f-nodes-empty', note: 'an empty node count is none', context: ctx({}, { 'hw:numa_nodes': '' }), payloadText: imageOnly },
  { id: 'h26f-locked-conflict', note: 'locked memory true in the flavor, false in the image: 500', context: ctx({ hw_locked_memory: 'false' }, { 'hw:locked_memory': 'true' }), payloadText: imageOnly },
  { id: 'h26f-locked-flavor-no-image', note: 'a blank root has no image metadata, the flavor\'s specs are checked alone: locked memory without a page size', context: ctx({}, { 'hw:locked_memory': 'true' }), payloadText: blankRoot },
  { id: 'h26f-thread-policy-no-image', note: '... a thread policy without dedicated CPUs', context: ctx({ hw_cpu_thread_policy: 'x' }, { 'hw:cpu_thread_policy': 'require' }), payloadText: blankRoot },
  { id: 'h26f-thread-policy-empty-topology', note: 'an empty thread policy goes into the NUMA cells: 500', context: ctx({}, { 'hw:cpu_thread_policy': '', 'hw:mem_page_size': 'any' }), payloadText: imageOnly },
  { id: 'h26f-thread-policy-empty-alone', note: '... without a NUMA topology it is never written: accepted', context: ctx({}, { 'hw:cpu_thread_policy': '' }), payloadText: imageOnly },
  { id: 'h26f-realtime-not-judged', note: 'a realtime mask is read against the flavor\'s vCPUs: bdm-lab leaves it to Nova (accepts)', context: ctx({}, { 'hw:cpu_realtime': 'yes', 'hw:cpu_realtime_mask': '^0', 'hw:cpu_policy': 'dedicated' }), payloadText: imageOnly },
];

async function main() {
  // imported after NOVA_ORACLE is set: difftest-lib reads it when it loads
  const { writeOracleLabels } = await import('./difftest-lib');
  writeOracleLabels(cases, 'test/fixtures/nova-hunt26/flavor-extra-specs.json');
}

void main();
