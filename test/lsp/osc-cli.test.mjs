// Issue 19: `openstack server create` commands in a shell script and a Markdown runbook get
// diagnostics on the option (OSC's refusal, or Nova's verdict on the body OSC sends), and no
// JSON completion; a script without the command gets nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

test('a shell script and a runbook: diagnostics on the option with the rule id; no JSON snippets', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const sh = 'file:///tmp/boot.sh';
    const text = '#!/bin/sh\nopenstack server create --flavor m1 --image cirros \\\n  --block-device uuid=v1,sourcetype=volume vm1\n';
    await s.open(sh, text, 'shellscript');
    const d = await s.waitDiagnostics(sh, (x) => x.diagnostics.length > 0);
    const osc = d.diagnostics.find((x) => x.code === 'BDM-OSC-ARGUMENT');
    assert.ok(osc, JSON.stringify(d.diagnostics.map((x) => x.code)));
    assert.deepEqual(osc.range, { start: { line: 2, character: 25 }, end: { line: 2, character: 35 } });
    assert.equal(osc.source, 'bdm-lab');
    assert.match(osc.message, /^Invalid keys sourcetype specified\./);
    const r = await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: sh }, position: { line: 2, character: 10 } });
    assert.deepEqual((Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label), []);

    // the hover on a command: OSC's refusal (it sends nothing)
    const h = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: sh }, position: { line: 1, character: 3 } });
    assert.match(h.contents.value ?? h.contents, /refuses this and sends nothing to Nova[\s\S]*Invalid keys sourcetype/);

    const md = 'file:///tmp/runbook.md';
    const mdText = '# Boot\n\n```bash\nopenstack --os-compute-api-version 2.67 server create --flavor m1 --nic none --volume root \\\n  --block-device source_type=image,uuid=cirros,destination_type=volume,boot_index=1 vm2\n```\n';
    await s.open(md, mdText, 'markdown');
    const m = await s.waitDiagnostics(md, (x) => x.diagnostics.length > 0);
    const nova = m.diagnostics.find((x) => x.code === 'BDM-COMPUTE-IMAGE-VOLUME-SIZE');
    assert.ok(nova, JSON.stringify(m.diagnostics.map((x) => x.code)));
    assert.equal(nova.range.start.line, 4);
    // the hover on a command that OSC sends: the body and the microversion
    const hb = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri: md }, position: { line: 3, character: 2 } });
    assert.match(hb.contents.value ?? hb.contents, /microversion 2\.67[\s\S]*"block_device_mapping_v2"/);

    const plain = 'file:///tmp/other.sh';
    await s.open(plain, 'echo hello\nopenstack server list\n', 'shellscript');
    assert.deepEqual((await s.waitDiagnostics(plain)).diagnostics, []);
  } finally {
    await s.stop();
  }
});
