/**
 * Hunt 28's labels for templates with an adopted server (`external_id`): the heat-oracle creates
 * every server, and its fake Nova answers Stack.validate's look-up of an adopted one with a body
 * novaclient cannot read; scripts/heat-hunt28-extid.py runs Heat's Stack.validate with that server
 * found (ACTIVE), under the hash seeds test/fixtures/heat/label.ts uses. A case's label then takes
 * that Stack.validate answer, and the adopted servers leave its servers (Heat posts nothing for
 * them): bdm-lab makes no request for them either. Shared by scripts/heat-hunt28-difftest.ts and
 * scripts/heat-hunt28-fixtures.ts.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HeatCase, HeatOracle } from '../test/fixtures/heat/compare';
import { setStackValidate } from '../test/fixtures/heat/label';

export type Hunt28Oracle = HeatOracle & { adopted?: string[] };

const SEEDS = ['0', '1', '2', '3', '4', '5'];

/** relabel the cases that write `external_id` (in place) */
export function labelAdopted(cases: HeatCase[], oracle: Record<string, Hunt28Oracle>): void {
  const ext = cases.filter((c) => c.template.includes('external_id'));
  if (!ext.length) return;
  const file = `/tmp/bdm-lab-heat-h28-extid-${process.pid}.json`;
  writeFileSync(file, JSON.stringify(ext));
  const runs = SEEDS.map((seed) => JSON.parse(execFileSync('/usr/bin/python3', [join(__dirname, 'heat-hunt28-extid.py'), file], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', PYTHONDONTWRITEBYTECODE: '1', PYTHONHASHSEED: seed }, maxBuffer: 1 << 26 })) as Record<string, { stack_validate: string; adopted: string[] }>);
  for (const c of ext) {
    const o = oracle[c.id];
    const first = runs[0][c.id];
    if (!o || !first) continue;
    const any = [...new Set(runs.map((r) => r[c.id].stack_validate))];
    setStackValidate(o, any.length > 1 ? { first: first.stack_validate, any } : { first: first.stack_validate });
    o.adopted = first.adopted;
    for (const name of first.adopted) {
      delete o.servers[name];
      if (o.nova) delete o.nova[name];
    }
  }
}
