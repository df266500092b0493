/** hunt23 helper: bdm-lab's answer for templates over YAML vars. Usage: node --import tsx scripts/ansible-hunt23-eval.ts 'VARS' TEMPLATE... */
import { answerOf } from '../test/unit/ansible-templates';
for (const t of process.argv.slice(3)) {
  const a = answerOf({ id: t, t }, process.argv[2]!);
  console.log(t, '=>', 'unresolved' in a ? `unresolved: ${a.unresolved.why ?? ''}` : JSON.stringify(a));
}
