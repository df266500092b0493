/**
 * Who reserves below microversion 2.101 on Nova >= 33 (lab host `host.nova_release`, profile
 * `modern`). Followed upstream: openstack/nova 33.0.0 nova/api/openstack/compute/
 * volume_attachments.py `create` (needs_device_returned below 2.101), nova/compute/api.py
 * `attach_volume` (every non-shelved attach goes to `compute_task_api.attach_volume`,
 * do_cast=not needs_device_returned), nova/conductor/rpcapi.py `attach_volume` (an RPC call with
 * long_rpc_timeout below 2.101) and nova/conductor/manager.py `attach_volume` (`_create_volume_bdm`
 * -> reserve_block_device_name, `check_attach_and_reserve_volume`, action_start, cast to
 * compute; the BDM destroyed on failure). Nova 31/32 (32.2.1 nova/compute/api.py
 * `_attach_volume`) still reserve in nova-api. Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const run = (release: string | undefined, microversion: string, tweak?: (raw: { volumes: Record<string, unknown>[] }) => void) =>
  attach(lab('iscsi', (raw) => {
    if (release) raw.host.nova_release = release;
    raw.microversion = microversion;
    tweak?.(raw);
  }), ISCSI_VOL);
const actorOf = (r: ReturnType<typeof run>, re: RegExp) => r.steps.find((s) => re.test(s.text))?.actor;
const CREATE = /-X POST .*\/attachments /;

test('Nova 33.0.0 at 2.79: nova-api calls the conductor; the conductor creates the attachment, records the action and casts, then nova-api answers 200 with the device', () => {
  const r = run('33.0.0', '2.79');
  assert.equal(r.outcome, 'attached');
  assert.equal(actorOf(r, /^RPC call attach_volume to nova-conductor/), 'nova-api');
  assert.equal(actorOf(r, CREATE), 'nova-conductor');
  assert.equal(actorOf(r, /^instance action attach_volume started/), 'nova-conductor');
  const i = (re: RegExp) => r.steps.findIndex((s) => re.test(s.text));
  assert.ok(i(/^instance action attach_volume started/) < i(/^HTTP 200 /));
  assert.match(r.steps[i(/^HTTP 200 /)]!.text, /"device":"\/dev\/vdb"/);
  assert.equal(r.steps.filter((s) => s.actor === 'nova-api' && CREATE.test(s.text)).length, 0);
});

test('Nova 32.0.0 (and no release) at 2.79: nova-api reserves itself, no conductor', () => {
  for (const release of ['32.0.0', undefined]) {
    const r = run(release, '2.79');
    assert.equal(actorOf(r, CREATE), 'nova-api', String(release));
    assert.equal(actorOf(r, /^instance action attach_volume started/), 'nova-api', String(release));
    assert.ok(!r.steps.some((s) => s.actor === 'nova-conductor'), String(release));
  }
});

test('Nova 33.0.0 at 2.79, Cinder refuses the reservation: the conductor destroys the BDM and the call still brings the 400 to the client', () => {
  const r = run('33.0.0', '2.79', (raw) => { raw.volumes[0].status = 'error'; });
  assert.equal(r.outcome, 'failed');
  assert.equal(r.apiStatus, 400);
  assert.equal(actorOf(r, /^BDM \d+ destroyed$/), 'nova-conductor');
  assert.ok(!r.steps.some((s) => /^instance action attach_volume started/.test(s.text)));
});

test('2.101 (Nova 33): 202 first, then the conductor reserves, records the action and casts', () => {
  const r = run('33.0.0', '2.101');
  assert.equal(actorOf(r, CREATE), 'nova-conductor');
  assert.equal(actorOf(r, /^instance action attach_volume started/), 'nova-conductor');
});
