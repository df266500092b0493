/** bdm-lab's findings on one libvirt XML file with their stages, first N (default 3): node --import tsx scripts/libvirt-hunt32-show.ts FILE [N] */
import { readFileSync } from 'node:fs';
import { analyzeLibvirtXmlStaged } from '../server/src/libvirtxml/analyze';
const s = analyzeLibvirtXmlStaged(readFileSync(process.argv[2]!, 'utf8'));
const lines = s.analysis.problems.map((p, i) => `${p.severity} ${s.stages[i]} ${p.id} ${p.message.slice(0, 160)}`);
process.stdout.write(`${lines.slice(0, Number(process.argv[3] ?? 3)).join('\n')}\n`);
