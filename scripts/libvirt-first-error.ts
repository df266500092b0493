/**
 * bdm-lab's first error on each libvirt XML file given, with its stage (stages.ts), to set beside
 * libvirt's own answer (`virsh define --validate FILE`) when a first-error disagreement of
 * scripts/libvirt-define-check.ts --first is being narrowed down; --all prints every problem.
 *   node --import tsx scripts/libvirt-first-error.ts [--all] FILE...
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyzeLibvirtXmlStaged } from '../server/src/libvirtxml/analyze';

const all = process.argv.includes('--all');
for (const file of process.argv.slice(2).filter((a) => a !== '--all')) {
  const { analysis, stages } = analyzeLibvirtXmlStaged(readFileSync(file, 'utf8'));
  if (all) {
    console.log(`== ${basename(file)}`);
    analysis.problems.forEach((p, i) => console.log(`  ${p.severity} ${p.id} (${stages[i]}) ${p.message}`));
    continue;
  }
  const i = analysis.problems.findIndex((p) => p.severity === 'error');
  const p = analysis.problems[i];
  console.log(`${basename(file)}: ${p ? `${p.id} (${stages[i]}) ${p.message}` : 'no error'}`);
}
