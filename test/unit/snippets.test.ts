/** Every JSON snippet, with its placeholders filled, is a body (or entry) Nova accepts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeJson } from '../../server/src/analyze';
import { analyzeLibvirtXml } from '../../server/src/libvirtxml';
import { defaultContext } from '../../server/src/model/context';

const fill = (body: string[]) => body.join('\n').replace(/\$\{\d+:([^}]*)\}/g, (_m, d: string) => d.replace(/.*uuid$/, '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e')).replace(/\t/g, '  ');
const json = JSON.parse(readFileSync(new URL('../../snippets/bdm.json', import.meta.url), 'utf8')) as Record<string, { body: string[] }>;
const xml = JSON.parse(readFileSync(new URL('../../snippets/libvirt.json', import.meta.url), 'utf8')) as Record<string, { body: string[] }>;
const ctx = { ...defaultContext(), flavor: { root_gb: 20, ephemeral_gb: 1, swap_mb: 512 } };
const IMG = '5c2a7b1e-0b1c-4c53-9d6e-2f1a3b4c5d6e';
const root = { source_type: 'volume', destination_type: 'volume', uuid: IMG, boot_index: 0 };

for (const [name, s] of Object.entries(json)) {
  test(`snippet "${name}" gives something Nova accepts`, () => {
    const text = fill(s.body);
    const v = JSON.parse(text);
    let body: unknown;
    if (v.server || v.volumeAttachment) body = v;
    else if (v.boot_index === 0 && v.destination_type === 'local') body = { server: { name: 's', flavorRef: '1', imageRef: IMG, block_device_mapping_v2: [v] } };
    else if (v.boot_index === 0) body = { server: { name: 's', flavorRef: '1', block_device_mapping_v2: [v] } };
    else body = { server: { name: 's', flavorRef: '1', block_device_mapping_v2: [root, v] } };
    const a = analyzeJson(JSON.stringify(body), ctx);
    assert.equal(a.valid, true, `${name}: ${a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ')}`);
  });
}
for (const [name, s] of Object.entries(xml)) {
  test(`snippet "${name}" is a <disk> libvirt accepts`, () => {
    const a = analyzeLibvirtXml(fill(s.body));
    assert.deepEqual(a.problems.filter((p) => p.severity === 'error').map((p) => p.id), []);
    assert.equal(a.disks.length, 1);
  });
}
