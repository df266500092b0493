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

// Issue 16: the panel's "Copy as CLI command" line replays the editor's run. The body is saved to
// a real file (the line reads it), then the CLI's JSON is compared with the editor's result.
test('the run\'s CLI line (lab, microversion, instance, volume, profile, detach) gives the CLI the same result', { timeout: 120_000 }, async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const { execFileSync } = await import('node:child_process');
  const dir = mkdtempSync(join(tmpdir(), 'bdm cli line '));
  const file = join(dir, "it's attach.json");
  writeFileSync(file, BODY);
  const cli = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
  const s = await startServer({ settings: { microversion: '2.60' } });
  try {
    const uri = pathToFileURL(file).href;
    await s.open(uri, BODY);
    await s.waitDiagnostics(uri);
    const cases = [
      { instance: WEB_1 },
      { instance: WEB_1, profile: 'kilo_prefix', detachAt: 'in-use' },
      { instance: WEB_1, profile: 'modern', detachAfter: 5 },
      { instance: WEB_1, volume: '0b6c1e35-7a1e-4d0f-9c52-1d4d6b7f0a01', profile: 'ocata_legacy' },
    ];
    for (const opts of cases) {
      const r = await s.conn.sendRequest('bdmLab/simulate', { uri, ...opts });
      assert.equal(r.error, undefined, r.error);
      assert.equal(r.cli.argv[0], 'attach');
      assert.ok(r.cli.argv.includes('--microversion') && r.cli.argv.includes('2.60'), r.cli.line);
      assert.equal(r.cli.argv.at(-1), file);
      assert.match(r.cli.line, /^bdm-lab attach --lab default /);
      // the shell line is the argv: sh reads the same words back
      const words = execFileSync('sh', ['-c', `printf '%s\\0' ${r.cli.line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
      assert.deepEqual(words, ['bdm-lab', ...r.cli.argv]);
      let out;
      try {
        out = execFileSync(process.execPath, [cli, ...r.cli.argv, '--format', 'json'], { encoding: 'utf8' });
      } catch (e) {
        out = e.stdout; // exit 1: a detach left stuck is a failed run
      }
      const c = JSON.parse(out);
      for (const k of ['outcome', 'attachOutcome', 'volumeStatus', 'statusSequence', 'deviceName', 'xml', 'durationS']) assert.deepEqual(c[k], r.result[k], `${k} with ${JSON.stringify(opts)}`);
      assert.equal(c.steps.length, r.result.steps.length);
    }
    // an unsaved body has no command line
    const untitled = 'untitled:Untitled-1';
    await s.open(untitled, BODY);
    await s.waitDiagnostics(untitled);
    const u = await s.conn.sendRequest('bdmLab/simulate', { uri: untitled, instance: WEB_1 });
    assert.equal(u.error, undefined, u.error);
    assert.equal(u.cli, null);
  } finally {
    await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
