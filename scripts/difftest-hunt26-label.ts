/**
 * Labels hunt 26's hand-written cases (the image properties the compute API reads beyond their
 * types: auto_disk_config against OS-DCF:diskConfig, NUMA and CPU policy, the NUMA cells,
 * img_hv_requested_version, cinder_encryption_key_id, memory encryption on a boot volume, the vCPU
 * topology: test/unit/nova-hunt26.test.ts) with Nova's own answer (the nova-oracle) and writes
 * test/fixtures/nova-hunt26/image-constraints.json: each case's body as text, its context, a
 * note, and the oracle's output (`oracle`). The oracle's flavor has 1 vCPU and 512 MiB RAM.
 *   node --import tsx scripts/difftest-hunt26-label.ts
 */
import { writeOracleLabels } from './difftest-lib';
import type { DiffContext } from './difftest-gen';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const IMG2 = '11111111-2222-4333-8444-555555555555';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const SNAP = 'c1a6e33f-6d0a-4e24-8c68-0d2e7e4a7a21';

type Props = Record<string, string>;
interface Case { id: string; note: string; context: DiffContext & { libvirt?: object }; payloadText: string }

const ctx = (props: Props, extra: Partial<DiffContext> = {}): Case['context'] => ({ microversion: '2.67', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 }, max_local_block_devices: 3, zero_disk_flavor_allowed: false, ...extra, libvirt: { image_properties: props } });
const body = (server: object) => JSON.stringify({ server: { name: 'h26', flavorRef: '1', networks: 'none', ...server } }, null, 1) + '\n';
const imageOnly = body({ imageRef: IMG });
const auto = body({ imageRef: IMG, 'OS-DCF:diskConfig': 'AUTO' });
const volRoot = (more: object = {}) => body({ block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }], ...more });
const snapRoot = (more: object = {}) => body({ block_device_mapping_v2: [{ source_type: 'snapshot', destination_type: 'volume', uuid: SNAP, boot_index: 0 }], ...more });
const blankRoot = (more: object = {}) => body({ block_device_mapping_v2: [{ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }], ...more });
const threeLocals = body({ imageRef: IMG, block_device_mapping_v2: [{ source_type: 'image', destination_type: 'local', uuid: IMG, boot_index: 0 }, { source_type: 'blank', destination_type: 'local', volume_size: 1 }, { source_type: 'blank', destination_type: 'local', volume_size: 1 }, { source_type: 'blank', destination_type: 'local', volume_size: 1 }] });
const rootNameClash = body({ imageRef: IMG, block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, device_name: 'vda' }] });

const cases: Case[] = [
  // _check_auto_disk_config
  { id: 'h26-adc-disabled-auto', note: 'auto_disk_config "disabled" with OS-DCF:diskConfig AUTO: 400 naming imageRef', context: ctx({ auto_disk_config: 'disabled' }), payloadText: auto },
  { id: 'h26-adc-disabled-manual', note: '... MANUAL is accepted', context: ctx({ auto_disk_config: 'disabled' }), payloadText: body({ imageRef: IMG, 'OS-DCF:diskConfig': 'MANUAL' }) },
  { id: 'h26-adc-no-key', note: '... no OS-DCF:diskConfig: accepted', context: ctx({ auto_disk_config: 'disabled' }), payloadText: imageOnly },
  { id: 'h26-adc-blanks-case', note: 'blanks and case aside: " DISABLED\\t" is disabled', context: ctx({ auto_disk_config: ' DISABLED\t' }), payloadText: auto },
  { id: 'h26-adc-false', note: 'auto_disk_config "false" is not "disabled": accepted', context: ctx({ auto_disk_config: 'false' }), payloadText: auto },
  { id: 'h26-adc-before-mappings', note: 'checked before the root device name (a bad mappings property: 500)', context: ctx({ auto_disk_config: 'disabled', mappings: 'x' }), payloadText: auto },
  { id: 'h26-adc-before-metadata', note: '... and before the ImageMeta object (a bad hw_disk_bus)', context: ctx({ auto_disk_config: 'disabled', hw_disk_bus: 'sd' }), payloadText: auto },
  { id: 'h26-adc-volume', note: 'a boot volume\'s metadata has no image id: Nova prints None', context: ctx({ auto_disk_config: 'Disabled' }), payloadText: volRoot({ 'OS-DCF:diskConfig': 'AUTO' }) },
  { id: 'h26-adc-snapshot', note: 'a snapshot root: None too', context: ctx({ auto_disk_config: 'disabled' }), payloadText: snapRoot({ 'OS-DCF:diskConfig': 'AUTO' }) },
  { id: 'h26-adc-image-volume-root', note: 'an image -> volume root without imageRef: the root\'s image id', context: ctx({ auto_disk_config: 'disabled' }), payloadText: body({ 'OS-DCF:diskConfig': 'AUTO', block_device_mapping_v2: [{ source_type: 'image', destination_type: 'volume', uuid: IMG2, volume_size: 10, boot_index: 0 }] }) },
  { id: 'h26-adc-blank-root', note: 'a blank root has no metadata: accepted', context: ctx({ auto_disk_config: 'disabled' }), payloadText: blankRoot({ 'OS-DCF:diskConfig': 'AUTO' }) },
  { id: 'h26-adc-legacy-v2', note: 'at 2.0 (legacy /v2) too', context: ctx({ auto_disk_config: 'disabled' }, { microversion: '2.0' }), payloadText: JSON.stringify({ server: { name: 'h26', flavorRef: '1', imageRef: IMG, 'OS-DCF:diskConfig': 'AUTO' } }, null, 1) + '\n' },
  // numa_get_constraints
  { id: 'h26-numa-nodes-0', note: 'hw_numa_nodes 0: 400', context: ctx({ hw_numa_nodes: '0' }), payloadText: imageOnly },
  { id: 'h26-numa-nodes-plus0', note: 'hw_numa_nodes "+0" is int 0', context: ctx({ hw_numa_nodes: '+0' }), payloadText: imageOnly },
  { id: 'h26-numa-nodes-neg', note: 'hw_numa_nodes -1', context: ctx({ hw_numa_nodes: '-1' }), payloadText: imageOnly },
  { id: 'h26-numa-nodes-1', note: 'one node: an even automatic topology, accepted', context: ctx({ hw_numa_nodes: '1' }), payloadText: imageOnly },
  { id: 'h26-numa-nodes-2', note: 'two nodes on the oracle\'s 1-vCPU flavor: uneven (needs the flavor\'s vCPUs: not judged by bdm-lab)', context: ctx({ hw_numa_nodes: '2' }), payloadText: imageOnly },
  { id: 'h26-numa-nodes-bad-int', note: 'hw_numa_nodes "x": the ImageMeta object refuses it first', context: ctx({ hw_numa_nodes: 'x', 'hw_numa_cpus.0': 'y' }), payloadText: imageOnly },
  { id: 'h26-numa-before-zero-disk', note: 'the NUMA constraints come before the zero-disk flavor', context: ctx({ hw_cpu_policy: 'mixed' }, { flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: imageOnly },
  { id: 'h26-numa-before-root-name', note: '... and before the root device name clash', context: ctx({ hw_numa_nodes: '0' }), payloadText: rootNameClash },
  { id: 'h26-cpu-policy-mixed', note: 'hw_cpu_policy mixed without the flavor\'s masks', context: ctx({ hw_cpu_policy: 'mixed' }), payloadText: imageOnly },
  { id: 'h26-cpu-policy-mixed-volume', note: '... on a boot volume\'s metadata too', context: ctx({ hw_cpu_policy: 'mixed' }), payloadText: volRoot() },
  { id: 'h26-cpu-policy-dedicated', note: 'dedicated: a one-node topology, accepted', context: ctx({ hw_cpu_policy: 'dedicated' }), payloadText: imageOnly },
  { id: 'h26-thread-policy-alone', note: 'a thread policy without a dedicated CPU policy', context: ctx({ hw_cpu_thread_policy: 'prefer' }), payloadText: imageOnly },
  { id: 'h26-thread-policy-shared', note: '... with shared', context: ctx({ hw_cpu_policy: 'shared', hw_cpu_thread_policy: 'isolate' }), payloadText: imageOnly },
  { id: 'h26-thread-policy-dedicated', note: '... with dedicated: accepted', context: ctx({ hw_cpu_policy: 'dedicated', hw_cpu_thread_policy: 'isolate' }), payloadText: imageOnly },
  { id: 'h26-trait-ht-alone', note: 'trait:HW_CPU_HYPERTHREADING=required is the require thread policy: needs dedicated', context: ctx({ 'trait:HW_CPU_HYPERTHREADING': 'required' }), payloadText: imageOnly },
  { id: 'h26-trait-ht-and-thread', note: 'the trait with a thread policy: 400 InvalidRequest', context: ctx({ 'trait:HW_CPU_HYPERTHREADING': 'required', hw_cpu_thread_policy: 'require', hw_cpu_policy: 'dedicated' }), payloadText: imageOnly },
  { id: 'h26-trait-ht-forbidden', note: 'a trait value other than "required" is no trait', context: ctx({ 'trait:HW_CPU_HYPERTHREADING': 'forbidden', hw_cpu_thread_policy: 'isolate', hw_cpu_policy: 'dedicated' }), payloadText: imageOnly },
  { id: 'h26-page-size', note: 'an image page size without the flavor\'s', context: ctx({ hw_mem_page_size: 'large' }), payloadText: imageOnly },
  { id: 'h26-page-size-blank', note: '... a blank one is a page size too', context: ctx({ hw_mem_page_size: ' ' }), payloadText: imageOnly },
  { id: 'h26-page-size-empty', note: '... an empty one is none', context: ctx({ hw_mem_page_size: '' }), payloadText: imageOnly },
  { id: 'h26-locked-memory', note: 'locked memory without a page size: 403', context: ctx({ hw_locked_memory: 'yes', hw_mem_page_size: '' }), payloadText: imageOnly },
  { id: 'h26-locked-memory-not-bool', note: 'hw_locked_memory "maybe" is false', context: ctx({ hw_locked_memory: 'maybe' }), payloadText: imageOnly },
  { id: 'h26-numa-mem-only', note: 'NUMA memory cells without CPU cells', context: ctx({ hw_numa_nodes: '1', 'hw_numa_mem.0': '512' }), payloadText: imageOnly },
  { id: 'h26-numa-cells-short', note: 'two nodes, one CPU cell short', context: ctx({ hw_numa_nodes: ' 2', 'hw_numa_cpus.0': '0', 'hw_numa_cpus.1': '0', 'hw_numa_mem.0': '1' }), payloadText: imageOnly },
  { id: 'h26-numa-cells-dedicated-2', note: 'dedicated means one node: two cells are too many', context: ctx({ hw_cpu_policy: 'dedicated', 'hw_numa_cpus.0': '0', 'hw_numa_mem.0': '512', 'hw_numa_cpus.1': '1', 'hw_numa_mem.1': '0' }), payloadText: imageOnly },
  { id: 'h26-numa-cells-fit', note: 'one node, cells that fit the oracle\'s flavor: accepted', context: ctx({ hw_numa_nodes: '1', 'hw_numa_cpus.0': '0', 'hw_numa_mem.0': '512' }), payloadText: imageOnly },
  { id: 'h26-numa-cells-alone', note: 'NUMA cells without nodes or a policy build no topology: accepted', context: ctx({ 'hw_numa_cpus.0': '0' }), payloadText: imageOnly },
  // the NUMA cells in the ImageMeta object
  { id: 'h26-numa-cpus-unparsable', note: 'a CPU list parse_cpu_spec refuses: nova.exception.Invalid, 500', context: ctx({ 'hw_numa_cpus.0': 'x' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-reversed', note: 'a range high-low', context: ctx({ 'hw_numa_cpus.0': '1-0' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-negative', note: '"0--1" is the range 0 to -1', context: ctx({ 'hw_numa_cpus.0': '0--1' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-bad-exclusion', note: 'an exclusion that is no number', context: ctx({ 'hw_numa_cpus.0': '^x' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-forms', note: 'exclusions, empty items, blanks, underscores, Unicode digits are read', context: ctx({ 'hw_numa_cpus.0': ' 0-1,^1,, ', 'hw_numa_cpus.1': '\u0660', 'hw_numa_cpus.2': '1_0-2_0' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-gap', note: 'cells are read from .0 on: a .1 without .0 is never read', context: ctx({ 'hw_numa_cpus.1': 'y', 'hw_numa_mem.1': 'z' }), payloadText: imageOnly },
  { id: 'h26-numa-mem-unparsable', note: 'a NUMA memory size int() refuses: Invalid image metadata', context: ctx({ 'hw_numa_mem.0': 'x' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-before-mem', note: 'hw_numa_cpus is read before hw_numa_mem', context: ctx({ 'hw_numa_mem.0': 'x', 'hw_numa_cpus.0': 'y' }), payloadText: imageOnly },
  { id: 'h26-numa-cpus-before-video-ram', note: '... and before later fields (hw_video_ram)', context: ctx({ hw_video_ram: 'x', 'hw_numa_cpus.0': 'y' }), payloadText: imageOnly },
  // img_hv_requested_version
  { id: 'h26-hv-version-ge', note: '">=1.0" is a predicate', context: ctx({ img_hv_requested_version: '>=1.0' }), payloadText: imageOnly },
  { id: 'h26-hv-version-range', note: '">= 1.0, < 2.0"', context: ctx({ img_hv_requested_version: '>= 1.0, < 2.0' }), payloadText: imageOnly },
  { id: 'h26-hv-version-prerelease', note: '"<=1.0.1a2": StrictVersion takes a/b releases', context: ctx({ img_hv_requested_version: '<=1.0.1a2' }), payloadText: imageOnly },
  { id: 'h26-hv-version-blanks', note: 'blanks around', context: ctx({ img_hv_requested_version: '  >=   1.0  ' }), payloadText: imageOnly },
  { id: 'h26-hv-version-bare', note: '"1.0" has no operator', context: ctx({ img_hv_requested_version: '1.0' }), payloadText: imageOnly },
  { id: 'h26-hv-version-major-only', note: '"==1": StrictVersion needs a minor', context: ctx({ img_hv_requested_version: '==1' }), payloadText: imageOnly },
  { id: 'h26-hv-version-empty', note: 'an empty predicate', context: ctx({ img_hv_requested_version: '' }), payloadText: imageOnly },
  { id: 'h26-hv-version-trailing-comma', note: 'an empty item after a comma', context: ctx({ img_hv_requested_version: '>=1.0,' }), payloadText: imageOnly },
  { id: 'h26-hv-version-b-no-digit', note: '"1.0b" without its number', context: ctx({ img_hv_requested_version: '>1.0b' }), payloadText: imageOnly },
  { id: 'h26-hv-version-parens', note: 'the value is put in parentheses: its own are refused', context: ctx({ img_hv_requested_version: '(>=1.0)' }), payloadText: imageOnly },
  { id: 'h26-hv-version-line-feed', note: 'the predicate is read up to its first line feed: "!=1.0)" then anything', context: ctx({ img_hv_requested_version: '!=1.0)\n(' }), payloadText: imageOnly },
  { id: 'h26-hv-version-line-feed-bad', note: '... a line feed inside the list', context: ctx({ img_hv_requested_version: '>= 1.0\nfoo' }), payloadText: imageOnly },
  { id: 'h26-hv-version-legacy', note: 'the legacy name hypervisor_version_requires, refused under the current field name', context: ctx({ hypervisor_version_requires: 'foo' }), payloadText: imageOnly },
  { id: 'h26-hv-version-legacy-then-current', note: 'the legacy name is read first, then the current one', context: ctx({ hypervisor_version_requires: '>=1.0', img_hv_requested_version: 'x' }), payloadText: imageOnly },
  // _detect_nonbootable_image_from_properties
  { id: 'h26-encrypted-image', note: 'an imageRef image uploaded from an encrypted volume', context: ctx({ cinder_encryption_key_id: 'k' }), payloadText: imageOnly },
  { id: 'h26-encrypted-before-zero-disk', note: 'checked before the zero-disk flavor', context: ctx({ cinder_encryption_key_id: 'k' }, { flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: imageOnly },
  { id: 'h26-encrypted-before-locals', note: '... and before the local-device limit', context: ctx({ cinder_encryption_key_id: 'k' }, { flavor: { root_gb: 20, ephemeral_gb: 5, swap_mb: 0 } }), payloadText: threeLocals },
  { id: 'h26-encrypted-after-root-name', note: '... after the root device name clash', context: ctx({ cinder_encryption_key_id: 'k' }), payloadText: rootNameClash },
  { id: 'h26-encrypted-volume', note: 'a boot volume carrying the key id is booted: accepted', context: ctx({ cinder_encryption_key_id: 'k' }), payloadText: volRoot() },
  { id: 'h26-encrypted-empty', note: 'an empty key id is none', context: ctx({ cinder_encryption_key_id: '' }), payloadText: imageOnly },
  // _validate_flavor_image_numa_pci
  { id: 'h26-mem-enc-volume', note: 'memory encryption on a boot volume: its metadata has no image id (500 NotImplementedError)', context: ctx({ hw_mem_encryption: 'true', hw_firmware_type: 'uefi' }), payloadText: volRoot() },
  { id: 'h26-mem-enc-snapshot', note: '... a snapshot root too', context: ctx({ hw_mem_encryption: '1' }), payloadText: snapRoot() },
  { id: 'h26-mem-enc-volume-false', note: 'hw_mem_encryption false asks for nothing', context: ctx({ hw_mem_encryption: 'false' }), payloadText: volRoot() },
  { id: 'h26-mem-enc-image-uefi', note: 'an image asking for memory encryption with UEFI and no machine type: accepted', context: ctx({ hw_mem_encryption: 'true', hw_firmware_type: 'uefi' }), payloadText: imageOnly },
  { id: 'h26-mem-enc-image-bios', note: '... without UEFI: refused in words naming the image (Glance\'s name: not judged by bdm-lab)', context: ctx({ hw_mem_encryption: 'true' }), payloadText: imageOnly },
  { id: 'h26-topology-sockets-over', note: 'hw_cpu_sockets above 65536', context: ctx({ hw_cpu_sockets: '70000' }), payloadText: imageOnly },
  { id: 'h26-topology-negative-limit', note: 'a negative limit: every count exceeds it', context: ctx({ hw_cpu_max_cores: '-1' }), payloadText: imageOnly },
  { id: 'h26-topology-threads', note: 'threads above the image\'s max', context: ctx({ hw_cpu_threads: '3', hw_cpu_max_threads: '2' }), payloadText: imageOnly },
  { id: 'h26-topology-volume', note: '... on a boot volume\'s metadata', context: ctx({ hw_cpu_threads: '3', hw_cpu_max_threads: '2' }), payloadText: volRoot() },
  { id: 'h26-topology-after-zero-disk', note: 'after the zero-disk flavor', context: ctx({ hw_cpu_sockets: '70000' }, { flavor: { root_gb: 0, ephemeral_gb: 0, swap_mb: 0 } }), payloadText: imageOnly },
  { id: 'h26-topology-before-locals', note: 'before the local-device limit', context: ctx({ hw_cpu_threads: '3', hw_cpu_max_threads: '2' }, { flavor: { root_gb: 20, ephemeral_gb: 5, swap_mb: 0 } }), payloadText: threeLocals },
  { id: 'h26-topology-fits', note: 'sockets within the limit: accepted', context: ctx({ hw_cpu_sockets: '2', hw_cpu_max_sockets: '2' }), payloadText: imageOnly },
  { id: 'h26-topology-blank-root', note: 'a blank root has no metadata: never checked', context: ctx({ hw_cpu_sockets: '70000' }), payloadText: blankRoot() },
];

writeOracleLabels(cases, 'test/fixtures/nova-hunt26/image-constraints.json');
