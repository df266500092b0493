/**
 * Cost of a template with many undefined variables, found by scripts/source-cost-probe.ts: each
 * `default` that takes over makes a note quoting the template, and the analysis compared each note
 * with every one before it at the same place (n² comparisons of n-long messages: a 48 KB playbook
 * took 5 s). Never an absolute time: the median time at 2n over the median at n in the same run
 * (test/unit/growth.ts; linear ~2, quadratic ~4), with a watchdog.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';
import { bestGrowth, describeGrowth } from './growth';

const WATCHDOG = { timeout: 180_000 };
const MAX_RATIO = 3;
const yaml = (t: string) => analyzeDocument(t, 'yaml', defaultContext());

/** a server task whose name joins n variables the playbook does not define, each with a default */
function defaults(n: number): string {
  const expr = Array.from({ length: n }, (_, i) => `(u${i} | default('a'))`).join(' ~ ');
  return `- hosts: localhost\n  tasks:\n    - openstack.cloud.server:\n        name: ${JSON.stringify(`{{ ${expr} }}`)}\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: 1\n`;
}

test('each undefined variable a default takes over is noted once, and the name is the defaults joined', () => {
  const a = yaml(defaults(3));
  // Jinja's default filter (ansible-core 2.14): an undefined variable gives the default
  assert.equal((a.requests?.[0]?.body as { server?: { name?: unknown } })?.server?.name, 'aaa');
  const notes = a.diagnostics.filter((d) => d.code === 'BDM-ANSIBLE-UNRESOLVED');
  assert.deepEqual(notes.map((d) => /`(u\d+)` is not among/.exec(d.message)?.[1]), ['u0', 'u1', 'u2']);
});

test('a long template quoted by its notes is cut, each note still naming its variable', () => {
  const notes = yaml(defaults(400)).diagnostics.filter((d) => d.code === 'BDM-ANSIBLE-UNRESOLVED');
  assert.equal(notes.length, 400);
  assert.ok(notes.every((d, i) => d.message.includes(`\`u${i}\` is not among`) && d.message.length < 2_000));
});

test('a template of n undefined variables with defaults grows linearly, 1 000 vs 2 000', WATCHDOG, () => {
  const g = bestGrowth(defaults, yaml, 1000, MAX_RATIO);
  assert.ok(g.ratio < MAX_RATIO, `${describeGrowth('n defaults in one template', 1000, g)} (linear ~2, quadratic ~4)`);
});
