/**
 * The differences a hunt with fresh seeds through the deployment-XML difftest found (each fixed):
 * test/fixtures/deploy/xml-hunt.oracle.json, cases of scripts/xml-difftest-gen.ts labelled by Nova
 * 26.2.2's own spawn (scripts/xml_difftest_oracle.py). Each must agree with Nova again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareXmlCase } from '../../scripts/xml-difftest';
import { analyzeJson } from '../../server/src/analyze';
import { previewOf, spawnError } from '../../server/src/features/preview';
import { nodeHashes as hashes } from '../../server/src/host';
import { defaultContext, type Context } from '../../server/src/model/context';

const FIXTURE = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'deploy', 'xml-hunt.oracle.json'), 'utf8')) as {
  cases: Array<Parameters<typeof compareXmlCase>[0] & { id: string; found: string; label: Parameters<typeof compareXmlCase>[1] }>;
};

test('every difference the hunt found agrees with Nova now (xml-hunt.oracle.json)', () => {
  assert.ok(FIXTURE.cases.length >= 1);
  for (const c of FIXTURE.cases) assert.deepEqual(compareXmlCase(c, c.label), { kind: 'agree', exact: true }, `${c.id}: ${c.found}`);
});

test('a local rbd disk with rbd_secret_uuid and no rbd_user fails only when the domain is written: a volume that fails to build is the spawn error (imagebackend.py Rbd.libvirt_info, config.py format_dom)', () => {
  const ctx: Context = {
    ...defaultContext(),
    flavor: { root_gb: 10, ephemeral_gb: 0, swap_mb: 512 },
    nova_conf: { libvirt: { images_type: 'rbd', rbd_secret_uuid: '11111111-2222-4333-8444-555555555555' } },
    volumes: { '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c51': { connection_info: { driver_volume_type: 'scaleio', data: { volume_id: '5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c51' } } } },
  };
  const body = (volume: string) => JSON.stringify({ server: { name: 's', imageRef: '70a599e0-31e7-49b7-b260-868f441e862b', flavorRef: '1',
    block_device_mapping_v2: [{ boot_index: 0, uuid: '70a599e0-31e7-49b7-b260-868f441e862b', source_type: 'image', destination_type: 'local' },
      { uuid: volume, source_type: 'volume', destination_type: 'volume' }] } });
  const p = previewOf(analyzeJson(body('5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c51'), ctx, { forced: true }), ctx, null, hashes);
  assert.match(spawnError(p) ?? '', /KeyError: 'device_path'/);
  // with a volume that builds, the local disks' <auth> is what fails
  const q = previewOf(analyzeJson(body('5d3c2b1a-9e8f-4a7b-8c6d-0e1f2a3b4c52'), ctx, { forced: true }), ctx, null, hashes);
  assert.match(spawnError(q) ?? '', /^disk: \[libvirt\]rbd_secret_uuid is set without rbd_user: .*TypeError/);
});
