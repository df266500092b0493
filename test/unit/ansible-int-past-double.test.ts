/**
 * An int option (volume_size) written as a string of digits past 2^53: AnsibleModule's int()
 * keeps every digit and the module sends them, so bdm-lab, whose module check holds a double,
 * leaves the task unjudged with a note instead of sending other digits (found in hunt 41: seed
 * 4111 case 16 had `201202203201202203` sent as `201202203201202200`). Up to 2^53 the value is
 * judged as Nova judges it (labelled by ansible-oracle and nova-oracle in the earlier hunts:
 * volume_size past 2147483647 is the schema's maximum).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/document';
import { defaultContext } from '../../server/src/model/context';

const task = (size: string) => `- hosts: localhost\n  tasks:\n    - openstack.cloud.server:\n        name: a\n        image: cirros\n        flavor: m1\n        boot_from_volume: true\n        volume_size: ${size}\n`;

test('volume_size "201202203201202203": not judged, said so, no body with rounded digits', () => {
  const a = analyzeDocument(task('"201202203201202203"'), 'yaml', defaultContext());
  assert.ok(a.diagnostics.some((d) => d.code === 'BDM-ANSIBLE-UNRESOLVED' && /larger than bdm-lab computes exactly/.test(d.message)), a.diagnostics.map((d) => d.message).join('\n'));
  assert.ok(!JSON.stringify(a.requests?.map((q) => q.body) ?? []).includes('201202203201202200'));
});

test('volume_size "9007199254740991" (2^53 - 1) is still judged: the schema maximum, with the value as written', () => {
  const a = analyzeDocument(task('"9007199254740991"'), 'yaml', defaultContext());
  const d = a.diagnostics.find((x) => x.code === 'BDM-SCHEMA-VOLUME-SIZE');
  assert.ok(d, a.diagnostics.map((x) => x.code).join(', '));
  assert.match(d.message, /Value: 9007199254740991\. 9007199254740991 is greater than the maximum of 2147483647/);
});
