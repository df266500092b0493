// Simulate Attach (boot from volume) through the server, exactly as its code lens asks for it:
// the lens's own command arguments, on the bundled sample (issue 13, point 5: the boot result
// went through the attach renderer and the request failed with a TypeError).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from './helpers.mjs';

const SAMPLE = new URL('../../samples/workspace/boot-from-volume.bdm.json', import.meta.url);

test('the "Simulate Attach (boot from volume)" lens on boot-from-volume.bdm.json gives an ACTIVE boot and its text report', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-boot-from-volume.bdm.json';
    await s.open(uri, readFileSync(SAMPLE, 'utf8'));
    await s.waitDiagnostics(uri);
    const lenses = await s.conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    const lens = lenses.find((l) => l.command?.title === '$(play) Simulate Attach (boot from volume)');
    assert.ok(lens, `no boot lens: ${JSON.stringify(lenses.map((l) => l.command?.title))}`);
    assert.equal(lens.command.command, 'bdmLab.simulateAttach');
    const [lensUri, args] = lens.command.arguments;
    const r = await s.conn.sendRequest('bdmLab/simulate', { uri: lensUri, ...(args ?? {}) });
    assert.equal(r.error, undefined, r.error);
    assert.equal(r.kind, 'boot');
    assert.equal(r.labHost, 'default');
    assert.equal(r.result.outcome, 'active');
    assert.equal(r.result.error, null);
    assert.deepEqual(r.result.volumes.map((v) => v.deviceName), ['/dev/vda', '/dev/vdb']);
    assert.match(r.text, /^boot from volume: ACTIVE \(client saw HTTP 202\)/);
    assert.match(r.text, /volume #2 \(entry 1\): volume -> volume a26887c6-c47b-4654-abb5-dfadf7d3f803 at \/dev\/vdb/);
    assert.match(r.text, /\ntimeline:\n/);
  } finally {
    await s.stop();
  }
});
