/**
 * Lab hosts whose numbers drive the simulator's loops (the safety sweep): every iSCSI/FC rescan
 * and every poll of a volume being created is a simulated step with its log lines, so a lab host
 * saying `num_volume_scan_tries: 100000` made the attach of a LUN that never shows take 6.5 s,
 * 515 MB and a 66 MB report (13 s and 1.3 GB at 10 000 000). Nova takes any number; the lab-host
 * schema caps what bdm-lab simulates (1 000 rescans, 10 000 polls), and says so on load.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLabHost, formatLabHostError } from '../../server/src/attach/input/labhost';

const ROOT = join(__dirname, '../..');
const iscsi = JSON.parse(readFileSync(join(ROOT, 'labhosts/iscsi.labhost.json'), 'utf8')) as Record<string, unknown> & { host: Record<string, unknown> };

function withNovaConf(section: string, key: string, value: number): string {
  const lab = structuredClone(iscsi);
  lab.host.nova_conf = { [section]: { [key]: value } };
  return JSON.stringify(lab);
}

for (const [section, key, max] of [['libvirt', 'num_volume_scan_tries', 1_000], ['DEFAULT', 'block_device_allocate_retries', 10_000]] as const) {
  test(`a lab host's ${key} above ${max} is refused on load, naming the key and the bound`, () => {
    const r = loadLabHost(withNovaConf(section, key, 100_000_000), 'x.labhost.json');
    assert.equal(r.ok, false);
    const lines = r.ok ? [] : r.errors.map(formatLabHostError);
    assert.ok(lines.some((l) => l.includes(`$.host.nova_conf.${section}.${key}: must be <= ${max}`)), lines.join('\n'));
  });
  test(`a lab host's ${key} of ${max} is taken`, () => {
    const r = loadLabHost(withNovaConf(section, key, max), 'x.labhost.json');
    assert.ok(r.ok, r.ok ? '' : r.errors.map(formatLabHostError).join('\n'));
  });
}
