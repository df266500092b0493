// The language server names a Terraform document's own file in hcl's `file:line,column` places
// (its URI's base name), not main.tf.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

const TEXT = 'resource "openstack_compute_instance_v2" "a" {\n  name = "x"\n  name = "y"\n  flavor_name = "m1"\n}\n';

test('a Terraform document\'s diagnostics name its own file', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/bdm-lab-ws/volumes%20and%20servers.tf';
    await s.open(uri, TEXT, 'terraform');
    const p = await s.waitDiagnostics(uri, (x) => x.diagnostics.length > 0);
    assert.ok(p.diagnostics.some((d) => d.message.includes('already set at volumes and servers.tf:2,3-7')), p.diagnostics.map((d) => d.message).join('\n'));
  } finally {
    await s.stop();
  }
});
