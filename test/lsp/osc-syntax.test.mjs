// A syntax error bash stops at, in a script the editor has open: one warning in bash's words on
// the token, saying how many openstack commands after it never run; the commands before it are
// still judged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

// both commands lack the server's name (the openstack CLI refuses them): only the first ever runs
const SCRIPT = 'openstack server create --flavor m1 --image cirros\nif true; then\n  echo ok\n}\nopenstack server create --flavor m1 --image cirros\n';

test('a script with a syntax error: a warning on the token, the commands before it judged', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/bdm-lab-ws/boot.sh';
    await s.open(uri, SCRIPT, 'shellscript');
    const p = await s.waitDiagnostics(uri, (x) => x.diagnostics.some((d) => d.code === 'BDM-OSC-SHELL-SYNTAX'));
    const syntax = p.diagnostics.filter((d) => d.code === 'BDM-OSC-SHELL-SYNTAX');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].severity, 2, 'a warning');
    assert.deepEqual(syntax[0].range.start, { line: 3, character: 0 });
    assert.match(syntax[0].message, /syntax error near unexpected token `\}'/);
    assert.match(syntax[0].message, /1 `openstack server create`/);
    // the first command ran: the CLI's refusal of it is shown; the second never runs: nothing on line 4
    const lines = p.diagnostics.map((d) => [d.code, d.range.start.line]);
    assert.ok(lines.some(([c, l]) => c === 'BDM-OSC-ARGUMENT' && l === 0), JSON.stringify(lines));
    assert.ok(!lines.some(([, l]) => l === 4), JSON.stringify(lines));
  } finally {
    await s.stop();
  }
});
