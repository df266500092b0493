// bdmLab/simulate with the options an operator picks (issue 16 item 3): the release profile and
// the detach timing reach the engine, so the seed's detach race replays from the editor; bad
// values are refused with a message; an instance not on the lab host names the host once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './helpers.mjs';

const BODY = '{"volumeAttachment": {"volumeId": "a26887c6-c47b-4654-abb5-dfadf7d3f803"}}';
const WEB_1 = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01';

test('profile kilo_prefix + detach at in-use: the volume is left detaching (the seed)', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-sim-options.json';
    await s.open(uri, BODY);
    await s.waitDiagnostics(uri);
    const plain = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1 });
    assert.equal(plain.error, undefined, plain.error);
    assert.equal(plain.result.detach, undefined);
    assert.equal(plain.result.volumeStatus, 'in-use');
    const race = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1, profile: 'kilo_prefix', detachAt: 'in-use' });
    assert.equal(race.error, undefined, race.error);
    assert.equal(race.result.volumeStatus, 'detaching');
    assert.deepEqual(race.result.statusSequence, ['available', 'attaching', 'in-use', 'detaching']);
    assert.match(race.result.detach.error, /TypeError/);
    const modern = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1, profile: 'modern', detachAfter: 5 });
    assert.equal(modern.error, undefined, modern.error);
    assert.equal(modern.result.detach.error, null);
    assert.notEqual(modern.result.volumeStatus, 'detaching');
  } finally {
    await s.stop();
  }
});

test('bad options are refused with a message; the lab host is named once', { timeout: 60_000 }, async () => {
  const s = await startServer();
  try {
    const uri = 'file:///tmp/lsp-sim-bad.json';
    await s.open(uri, BODY);
    await s.waitDiagnostics(uri);
    const profile = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1, profile: 'havana' });
    assert.match(profile.error, /Unknown release profile "havana": one of modern, queens_to_2024_2, ocata_legacy, kilo_prefix/);
    const at = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1, detachAt: 'in-uze' });
    assert.match(at.error, /Detach at "in-uze": the attach passes through reserved, attaching, in-use only/);
    const after = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: WEB_1, detachAfter: -1 });
    assert.match(after.error, /seconds ≥ 0/);
    const inst = await s.conn.sendRequest('bdmLab/simulate', { uri, instance: 'nope' });
    assert.match(inst.error, /instance nope is not on lab host "default"/);
    assert.equal(inst.error.split('lab host "default"').length, 2, `named once: ${inst.error}`);
  } finally {
    await s.stop();
  }
});
