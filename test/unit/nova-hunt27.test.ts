/**
 * Hunt 27 (scripts/difftest-hunt27.ts, mode volmeta) found that bdm-lab never judged what Nova
 * does with a boot volume's image metadata when the server has no imageRef: Nova takes the root
 * volume's (a snapshot's volume's) volume_image_metadata as the instance's image
 * (nova/block_device.py get_bdm_image_metadata -> get_image_metadata_from_volume), reading
 * min_ram and min_disk with Python's int(val or 0), and then checks them in
 * nova/compute/api.py _validate_flavor_image_nostatus:
 *
 * - a min_ram or min_disk int() refuses (a word, a float, blanks only, more than 4300 digits:
 *   Python 3.11's int/str limit): ValueError, HTTP 500, before auto_disk_config and everything
 *   after it (BDM-COMPUTE-VOLUME-IMAGE-INT);
 * - min_ram above the flavor's memory_mb: 400 "Flavor's memory is too small for requested
 *   image.", before the zero-disk flavor (BDM-COMPUTE-FLAVOR-MEMORY; judged when the context
 *   gives memory_mb);
 * - a root entry that is a volume with a volume_size in the request smaller than min_disk: 400
 *   VolumeSmallerThanMinDisk (BDM-COMPUTE-VOLUME-MIN-DISK, a row no check raised before); a root
 *   that is not a volume (a v2 root without destination_type, a legacy list with no "vda"): the
 *   flavor's disk against min_disk, 400 FlavorDiskSmallerThanMinDisk (BDM-COMPUTE-FLAVOR-MIN-DISK);
 * - a min_disk whose size in bytes has more than 4300 digits: Nova's exception cannot write its
 *   message (nova/exception.py NovaException: str() of the int raises ValueError, again as it
 *   logs), HTTP 500 (BDM-COMPUTE-MIN-DISK-UNPRINTABLE).
 *
 * The cases are scripts/difftest-hunt27-label.ts's; each one's expected answer below is the
 * nova-oracle's output for it (that script prints them), not bdm-lab's. The oracle's Cinder gives
 * every volume the context's image properties, its flavor has 1 vCPU and 512 MiB (the contexts
 * say so too). 'h27-mem-unknown' has no memory_mb in its context: Nova refuses, bdm-lab leaves it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeJson } from '../../server/src/analyze';
import { mergeContext, type PartialContext } from '../../server/src/model/contextLoad';
import { CASES27 } from '../../scripts/difftest-hunt27-label';
import { assertOracleVerdict } from './nova-hunt24-cases';
import { bestGrowth, describeGrowth } from './growth';

interface Oracle { valid: boolean; http_status: number; layer: string | null; nova_message: string | null; driver_classes?: Array<string | null> }

/** the nova-oracle's answer to each case (scripts/difftest-hunt27-label.ts) */
const ORACLE: Record<string, Oracle> = {
  'h27-int-min-disk-word': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-min-ram-float': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-blank': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-legacy': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-before-auto-disk': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-before-zero-disk': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-int-after-certs': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Image certificate validation is not supported when booting from volume"},
  'h27-int-imageref': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": []},
  'h27-int-empty': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": ["DriverVolumeBlockDevice"]},
  'h27-int-image-root': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": ["DriverVolImageBlockDevice"]},
  'h27-mem-too-small': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's memory is too small for requested image."},
  'h27-mem-spelled': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's memory is too small for requested image."},
  'h27-mem-before-zero-disk': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's memory is too small for requested image."},
  'h27-mem-equal': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": ["DriverVolumeBlockDevice"]},
  'h27-mem-unknown': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's memory is too small for requested image."},
  'h27-vol-min-disk': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 5368709120 bytes, minimum size is 32212254720 bytes."},
  'h27-vol-min-disk-snapshot': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 21474836480 bytes, minimum size is 32212254720 bytes."},
  'h27-vol-min-disk-digits': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 5368709120 bytes, minimum size is 10737418240 bytes."},
  'h27-vol-min-disk-huge': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 1073741824 bytes, minimum size is 107374182399999999998926258176 bytes."},
  'h27-vol-min-disk-legacy': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 1073741824 bytes, minimum size is 2147483648 bytes."},
  'h27-vol-min-disk-no-size': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": ["DriverVolumeBlockDevice"]},
  'h27-vol-min-disk-fits': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": ["DriverVolumeBlockDevice"]},
  'h27-vol-min-disk-before-locals': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 5368709120 bytes, minimum size is 32212254720 bytes."},
  'h27-flavor-min-disk': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is 21474836480 bytes, minimum size is 274877906944 bytes."},
  'h27-flavor-min-disk-legacy': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is 21474836480 bytes, minimum size is 549755813888 bytes."},
  'h27-flavor-min-disk-zero': {"valid": false, "http_status": 403, "layer": "compute-api", "nova_message": "Only volume-backed servers are allowed for flavors with zero disk."},
  'h27-flavor-min-disk-fits': {"valid": true, "http_status": 202, "layer": null, "nova_message": null, "driver_classes": [null]},
  'h27-digits-int': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-digits-int-underscores': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Flavor's memory is too small for requested image."},
  'h27-digits-volume-message': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-digits-flavor-message': {"valid": false, "http_status": 500, "layer": "compute-api", "nova_message": "Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n<class 'ValueError'>"},
  'h27-digits-printable': {"valid": false, "http_status": 400, "layer": "compute-api", "nova_message": "Volume is smaller than the minimum size specified in image metadata. Volume size is 1073741824 bytes, minimum size is 1193046471111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111111110991806464 bytes."},
};

const NOT_JUDGED = new Set(['h27-mem-unknown']);

for (const c of CASES27) {
  test(`${c.id}: ${c.note}`, () => {
    const oracle = ORACLE[c.id];
    assert.ok(oracle, `no oracle label for ${c.id}`);
    if (!NOT_JUDGED.has(c.id)) {
      assertOracleVerdict({ context: c.context as PartialContext, payloadText: c.payloadText, oracle });
      return;
    }
    assert.equal(oracle.valid, false);
    const a = analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context);
    assert.equal(a.valid, true, a.verdict?.message);
  });
}

test('every case has its label and the refusals are the rows this hunt added', () => {
  assert.deepEqual(Object.keys(ORACLE).sort(), CASES27.map((c) => c.id).sort());
  const code = (id: string) => {
    const c = CASES27.find((x) => x.id === id)!;
    return analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context).verdict?.code;
  };
  assert.equal(code('h27-int-min-disk-word'), 'BDM-COMPUTE-VOLUME-IMAGE-INT');
  assert.equal(code('h27-mem-too-small'), 'BDM-COMPUTE-FLAVOR-MEMORY');
  assert.equal(code('h27-vol-min-disk'), 'BDM-COMPUTE-VOLUME-MIN-DISK');
  assert.equal(code('h27-flavor-min-disk'), 'BDM-COMPUTE-FLAVOR-MIN-DISK');
  assert.equal(code('h27-digits-volume-message'), 'BDM-COMPUTE-MIN-DISK-UNPRINTABLE');
});

// ---- hostile input: linear in the body's entries and in the metadata value's length ----

const WATCHDOG = { timeout: 120_000 };
const MAX_RATIO = 3;
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
const judge = (x: { text: string; ctx: ReturnType<typeof mergeContext>['context'] }) => analyzeJson(x.text, x.ctx);
const ctxOf = (props: Record<string, string>) => mergeContext([{ source: 'cli', context: { microversion: '2.79', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, vcpus: 1, memory_mb: 512 }, max_local_block_devices: -1, libvirt: { image_properties: props } } as PartialContext }]).context;

test('n data volumes before a boot volume whose min_disk refuses its size: linear, 2 000 vs 4 000', WATCHDOG, () => {
  const ctx = ctxOf({ min_disk: '30', min_ram: '256' });
  const make = (n: number) => {
    const entries = Array.from({ length: n }, (_, i) => ({ source_type: 'volume', destination_type: 'volume', uuid: `5b0f3e2d-9c8b-4a7e-8d6c-${i.toString(16).padStart(12, '0')}`, boot_index: -1 }));
    entries.push({ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, volume_size: 5 } as (typeof entries)[number]);
    return { text: JSON.stringify({ server: { name: 'g', flavorRef: '1', networks: 'none', block_device_mapping_v2: entries } }), ctx };
  };
  assert.equal(judge(make(10)).verdict?.code, 'BDM-COMPUTE-VOLUME-MIN-DISK');
  const g = bestGrowth(make, judge, 2000, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth('entries before the root', 2000, g)} (linear ~2, quadratic ~4)`);
});

test('a min_disk of n blanks and digits: linear, 200 000 vs 400 000 characters', WATCHDOG, () => {
  const body = JSON.stringify({ server: { name: 'g', flavorRef: '1', networks: 'none', block_device_mapping_v2: [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0, volume_size: 5 }] } });
  const make = (n: number) => ({ text: body, ctx: ctxOf({ min_disk: ' '.repeat(n / 2) + '1'.repeat(n / 2), min_ram: '\u0661'.repeat(n) }) });
  assert.equal(judge(make(10_000)).verdict?.code, 'BDM-COMPUTE-VOLUME-IMAGE-INT');
  const g = bestGrowth(make, judge, 200_000, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth('min_disk text', 200_000, g)} (linear ~2, quadratic ~4)`);
});
