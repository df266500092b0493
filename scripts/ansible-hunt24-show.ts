import { readFileSync } from 'node:fs';
import { findTasks } from '../server/src/source/ansible';
import { readTask } from '../server/src/source/ansible/index';
const text = readFileSync(process.argv[2]!, 'utf8');
for (const t of findTasks(text)) { const r = readTask(t); console.log(JSON.stringify(r?.findings.map((f) => [f.code, f.args?.detail]))); }
