/**
 * Issue 18, point 1: the result's top-level outcome describes the whole flow the user asked for
 * (the attach, and the detach requested with it); the attach's own outcome is `attachOutcome`.
 * Facts: attach-flow.md g (Nova bug 1327218: before nova commit 6fb2ef96, compute's
 * `_detach_volume` in nova/compute/manager.py loaded a NULL bdm.connection_info before its
 * try/except, so `roll_detaching` never ran and the volume stayed `detaching`; Cinder's
 * `begin_detaching` in cinder/volume/api.py refuses a volume that is not in-use/attached).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flowOutcome, renderText } from '../../server/src/attach/index';
import { panelHtml } from '../../server/src/ui/panelHtml';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';
import { cliRunner } from './cli-run';

const run = cliRunner({});
const STUCK = ['attach', '--lab', 'default', '--profile', 'kilo_prefix', '--detach-at', 'in-use', 'samples/workspace/attach.json'];

test('flowOutcome: the attach first, then the requested detach', () => {
  assert.equal(flowOutcome('attached', false, undefined, 'in-use'), 'attached');
  assert.equal(flowOutcome('failed', false, undefined, 'available'), 'failed');
  assert.equal(flowOutcome('failed', true, { apiStatus: 202, error: null }, 'available'), 'failed');
  assert.equal(flowOutcome('attached', true, undefined, 'in-use'), 'detach_not_sent');
  assert.equal(flowOutcome('attached', true, { apiStatus: 202, error: 'TypeError' }, 'detaching'), 'stuck');
  assert.equal(flowOutcome('attached', true, { apiStatus: 400, error: 'Invalid volume' }, 'in-use'), 'detach_failed');
  assert.equal(flowOutcome('attached', true, { apiStatus: 202, error: null }, 'available'), 'detached');
});

test('engine: each race ends with the flow outcome it produced (manager.py _detach_volume, api.py begin_detaching)', () => {
  const l = lab('iscsi');
  const stuck = attach(l, ISCSI_VOL, { profile: 'kilo_prefix', race: { atStatus: 'in-use' } });
  assert.deepEqual([stuck.outcome, stuck.attachOutcome, stuck.volumeStatus], ['stuck', 'attached', 'detaching']);
  const clean = attach(l, ISCSI_VOL, { race: { afterInUseS: 0 } });
  assert.deepEqual([clean.outcome, clean.attachOutcome, clean.volumeStatus], ['detached', 'attached', 'available']);
  const refused = attach(l, ISCSI_VOL, { race: { atStatus: 'attaching' } });
  assert.deepEqual([refused.outcome, refused.attachOutcome, refused.detach?.apiStatus], ['detach_failed', 'attached', 400]);
  // Kilo-era Cinder has no "reserved": the detach waiting for it is never sent.
  const never = attach(l, ISCSI_VOL, { profile: 'kilo_prefix', race: { atStatus: 'reserved' } });
  assert.deepEqual([never.outcome, never.attachOutcome, never.detach], ['detach_not_sent', 'attached', undefined]);
  const plain = attach(l, ISCSI_VOL);
  assert.deepEqual([plain.outcome, plain.attachOutcome], ['attached', 'attached']);
});

test('CLI: the stuck race reports outcome "stuck", headline STUCK, exit 1 with the stderr line', async () => {
  const json = await run([...STUCK, '--format', 'json']);
  assert.equal(json.code, 1);
  const j = JSON.parse(json.out);
  assert.equal(j.outcome, 'stuck');
  assert.equal(j.attachOutcome, 'attached');
  assert.match(json.err, /the detach did not finish: the volume is left "detaching"/);
  const text = await run(STUCK);
  assert.equal(text.code, 1);
  const head = text.out.split('\n')[0]!;
  assert.match(head, /^attach \+ detach: STUCK \(attach ATTACHED, client saw HTTP 200\) in [\d.]+ s simulated$/);
  assert.doesNotMatch(head, /^attach: ATTACHED/);
  // Without a detach the headline is the attach's, as before.
  const plain = await run(['attach', '--lab', 'default', 'samples/workspace/attach.json']);
  assert.equal(plain.code, 0);
  assert.match(plain.out.split('\n')[0]!, /^attach: ATTACHED \(client saw HTTP 200\)/);
  // A clean attach-then-detach exits 0 with outcome "detached".
  const clean = await run(['attach', '--lab', 'default', '--detach-at', 'in-use', '--format', 'json', 'samples/workspace/attach.json']);
  assert.equal(clean.code, 0, clean.err);
  assert.equal(JSON.parse(clean.out).outcome, 'detached');
});

test('text report and panel say the flow outcome, and the attach outcome beside it', () => {
  const r = attach(lab('iscsi'), ISCSI_VOL, { profile: 'kilo_prefix', race: { atStatus: 'in-use' } });
  assert.match(renderText(r), /^attach \+ detach: STUCK \(attach ATTACHED,/);
  const h = panelHtml({ title: 'Simulate Attach', kind: 'attach', result: r, labHost: 'iscsi', cspSource: 'vscode-webview://abc', nonce: 'N0nce123' });
  assert.match(h, /<span class="outcome bad">stuck<\/span>/);
  assert.match(h, /<dt>attach outcome<\/dt><dd>attached<\/dd>/);
  const clean = attach(lab('iscsi'), ISCSI_VOL, { race: { afterInUseS: 0 } });
  const hc = panelHtml({ title: 'Simulate Attach', kind: 'attach', result: clean, labHost: 'iscsi', cspSource: 'vscode-webview://abc', nonce: 'N0nce123' });
  assert.match(hc, /<span class="outcome good">detached<\/span>/);
  const plain = attach(lab('iscsi'), ISCSI_VOL);
  const hp = panelHtml({ title: 'Simulate Attach', kind: 'attach', result: plain, labHost: 'iscsi', cspSource: 'vscode-webview://abc', nonce: 'N0nce123' });
  assert.doesNotMatch(hp, /attach outcome/);
});
