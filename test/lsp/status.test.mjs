// bdmLab/status over stdio: the context a document is judged with, and the settings that are
// ignored (issue 16: a flavor written in the settings with the context file's keys).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

const BODY = '{"server": {"name": "s", "flavorRef": "1", "imageRef": "70a599e0-31e7-49b7-b260-868f441e862b", "block_device_mapping_v2": [{"boot_index": 0, "uuid": "70a599e0-31e7-49b7-b260-868f441e862b", "source_type": "image", "destination_type": "local"}, {"source_type": "blank", "destination_type": "local", "volume_size": 1}]}}';

test('status names a flavor setting written with root_gb, and the flavor stays unknown', { timeout: 60_000 }, async () => {
  const s = await startServer({ settings: { microversion: '2.32', flavor: { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 } } });
  try {
    const uri = 'file:///tmp/lsp-status-snake.json';
    await s.open(uri, BODY);
    const d = await s.waitDiagnostics(uri);
    assert.ok(d.diagnostics.some((x) => x.code === 'BDM-CONTEXT-FLAVOR-UNKNOWN'), JSON.stringify(d.diagnostics.map((x) => x.code)));
    const st = await s.conn.sendRequest('bdmLab/status', { uri });
    assert.equal(st.kind, 'server');
    assert.equal(st.microversion, '2.32');
    assert.equal(st.flavor, null);
    assert.ok(st.settingsProblems.some((p) => p.includes('"root_gb" is the .bdm-context.json spelling; the setting takes "rootGb"')), JSON.stringify(st.settingsProblems));
  } finally {
    await s.stop();
  }
});

test('status with a good flavor setting: no problem, the flavor from the settings', { timeout: 60_000 }, async () => {
  const s = await startServer({ settings: { flavor: { rootGb: 20, ephemeralGb: 0, swapMb: 0 } } });
  try {
    const uri = 'file:///tmp/lsp-status-good.json';
    await s.open(uri, BODY);
    const d = await s.waitDiagnostics(uri);
    assert.ok(!d.diagnostics.some((x) => x.code === 'BDM-CONTEXT-FLAVOR-UNKNOWN'));
    const st = await s.conn.sendRequest('bdmLab/status', { uri });
    assert.deepEqual(st.settingsProblems, []);
    assert.deepEqual(st.flavor, { root_gb: 20, ephemeral_gb: 0, swap_mb: 0 });
    assert.equal(st.sources.flavor, 'settings');
  } finally {
    await s.stop();
  }
});
