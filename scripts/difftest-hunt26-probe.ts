/**
 * Hunt 26 probe: image properties (NUMA, CPU topology, memory encryption, auto disk config, ...)
 * against Nova's own code (the nova-oracle) and bdm-lab, one line each. For finding out what the
 * API reaches before writing a rule.
 *
 *   node --import tsx scripts/difftest-hunt26-probe.ts FILE.json
 *
 * FILE.json: [{ "id", "props": {...}, "server": {... extra server keys}, "root": "image"|"volume"|"blank"|"none", "flavor": {...} }]
 */
import { readFileSync } from 'node:fs';
import { runOracle } from './difftest-lib';
import { analyzeJson } from '../server/src/analyze';
import { mergeContext, type PartialContext } from '../server/src/model/contextLoad';

const IMG = '70a599e0-31e7-49b7-b260-868f441e862b';
const VOL = 'a26887c6-c47b-4654-abb5-dfadf7d3f803';
type Probe = { id: string; props: Record<string, string>; server?: Record<string, unknown>; root?: string; flavor?: Record<string, unknown>; microversion?: string };

export function probeCase(p: Probe) {
  const s: Record<string, unknown> = { name: 'p', flavorRef: '1', ...(p.server ?? {}) };
  if ((p.root ?? 'image') === 'image') s.imageRef ??= IMG;
  else if (p.root === 'volume') s.block_device_mapping_v2 ??= [{ source_type: 'volume', destination_type: 'volume', uuid: VOL, boot_index: 0 }];
  else if (p.root === 'blank') s.block_device_mapping_v2 ??= [{ source_type: 'blank', destination_type: 'volume', volume_size: 1, boot_index: 0 }];
  const context = { microversion: p.microversion ?? '2.1', max_local_block_devices: 3, zero_disk_flavor_allowed: false, flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0, ...(p.flavor ?? {}) }, libvirt: { image_properties: p.props } };
  return { id: p.id, payloadText: JSON.stringify({ server: s }), context };
}

function main() {
  const probes = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Probe[];
  const cases = probes.map(probeCase);
  const o = runOracle(cases);
  for (const c of cases) {
    const v = o.get(c.id)!;
    const a = analyzeJson(c.payloadText, mergeContext([{ source: 'cli', context: c.context as PartialContext }]).context);
    const ours = a.valid ? 'valid' : `${a.verdict?.httpStatus} ${a.verdict?.message}`;
    const theirs = v.valid ? 'valid' : `${v.http_status} ${v.nova_message}`;
    console.log(`${ours === theirs ? 'SAME' : 'DIFF'} ${c.id}\n   nova  [${v.layer}] ${theirs}${ours === theirs ? '' : `\n   ours  ${ours}`}`);
  }
}
if (process.argv[1] && /difftest-hunt26-probe/.test(process.argv[1])) main();
