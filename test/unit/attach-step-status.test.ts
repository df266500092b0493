/**
 * Every step carries the status the engine gave it when it recorded the step (types.ts
 * StepStatus), and the statuses agree with the outcome for every embedded lab host: a failed
 * run has an error step, a clean run has no error or warning; an attach that succeeds over a
 * dead iSCSI portal has errors only for the logins into that portal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMBEDDED_LAB_HOSTS, loadLabHost, simulateAttach, simulateBoot, STEP_STATUSES, type LabHost, type Step } from '../../server/src/attach/index';
import { realLibvirtSteps } from '../../server/src/attach/output/realSteps';
import { nodeHashes } from '../../server/src/host';

function load(name: string): LabHost {
  const r = loadLabHost(EMBEDDED_LAB_HOSTS[name]!, `${name}.labhost.json`);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.labHost;
}

const errors = (steps: Step[]) => steps.filter((s) => s.status === 'error');
const show = (steps: Step[]) => steps.map((s) => `${s.status} ${s.actor}: ${s.text.slice(0, 100)}`).join('\n');

for (const name of Object.keys(EMBEDDED_LAB_HOSTS)) {
  test(`lab host ${name}: step statuses match the outcome of every attach`, () => {
    const lab = load(name);
    let runs = 0;
    for (const inst of lab.instances) {
      for (const vol of lab.volumes) {
        const r = simulateAttach(lab, { server_id: inst.uuid, volumeAttachment: { volumeId: vol.id } }, { hashes: nodeHashes });
        runs++;
        const where = `${name} ${inst.uuid} ${vol.id} (${r.outcome})`;
        for (const s of r.steps) assert.ok(STEP_STATUSES.includes(s.status!), `${where}: step without a status: ${s.text}`);
        const errs = errors(r.steps);
        if (r.outcome === 'failed') {
          assert.ok(errs.length > 0, `${where}: a failed run has an error step\n${show(r.steps)}`);
          if (r.apiStatus >= 400) {
            const answer = r.steps.filter((s) => s.actor === 'nova-api' && s.text.startsWith(`HTTP ${r.apiStatus}`));
            assert.ok(answer.length > 0 && answer.every((s) => s.status === 'error'), `${where}: the client's HTTP ${r.apiStatus} is an error step`);
          } else {
            // the API accepted it: the failure is on the compute host, which records a fault
            assert.ok(errs.some((s) => s.actor === 'nova-compute'), `${where}: nova-compute reports the failure`);
          }
          continue;
        }
        const backend = lab.backends[vol.backend];
        // a portal as the lab host names it (10.0.1.5:3260) and as iscsiadm prints it (10.0.1.5,3260)
        const dead = (backend?.portals ?? []).filter((p) => p.reachable === false).flatMap((p) => [p.address, p.address.replace(/:(\d+)$/, ',$1')]);
        if (dead.length === 0) {
          assert.deepEqual(errs, [], `${where}: a clean run has no error step`);
          assert.deepEqual(r.steps.filter((s) => s.status === 'warn'), [], `${where}: a clean run has no warning`);
        } else {
          assert.ok(errs.length > 0, `${where}: the logins into ${dead.join(', ')} failed`);
          for (const s of errs) assert.ok(dead.some((d) => s.text.includes(d)), `${where}: error step not about a dead portal: ${s.text}`);
        }
      }
    }
    assert.ok(runs > 0);
  });
}

test('boot from volume on each embedded lab host: an active boot has no error step', () => {
  for (const name of Object.keys(EMBEDDED_LAB_HOSTS)) {
    const lab = load(name);
    for (const img of lab.images) {
      const b = simulateBoot(lab, [{ boot_index: 0, source_type: 'image', destination_type: 'volume', uuid: img.id, volume_size: 10 } as never], { instanceUuid: '11111111-2222-4333-8444-555555555555', hashes: nodeHashes });
      for (const s of b.steps) assert.ok(STEP_STATUSES.includes(s.status!), `${name}: ${s.text}`);
      if (b.outcome === 'active') assert.deepEqual(errors(b.steps), [], `${name} ${img.id}\n${show(b.steps)}`);
      else assert.ok(errors(b.steps).length > 0, `${name} ${img.id}: a failed boot has an error step`);
    }
  }
});

test('a failed boot (the created volume ends in error) has error steps', () => {
  const raw = JSON.parse(EMBEDDED_LAB_HOSTS.iscsi!);
  raw.blank_create_status_timeline = [{ status: 'creating', after_s: 0 }, { status: 'error', after_s: 1 }];
  const r = loadLabHost(JSON.stringify(raw), 'x.labhost.json');
  assert.ok(r.ok);
  const b = simulateBoot(r.labHost, [{ boot_index: 0, source_type: 'blank', destination_type: 'volume', volume_size: 1 } as never], { hashes: nodeHashes });
  assert.equal(b.outcome, 'error');
  assert.ok(errors(b.steps).some((s) => s.text.includes('finished being created')));
  assert.ok(errors(b.steps).some((s) => s.text.includes('BuildAbortException')));
});

test('the real libvirt step: all ok when it worked, the last step an error when it did not', () => {
  const steps: Step[] = [
    { actor: 'libvirtd (real)', at: 4.4, durationS: 0, text: 'virsh -c test:///default attach-device' },
    { actor: 'libvirtd (real)', at: 4.4, durationS: 0, text: 'exit 1: error: failed to get domain' },
  ];
  assert.deepEqual(realLibvirtSteps({ ok: true, steps }).map((s) => s.status), ['ok', 'ok']);
  assert.deepEqual(realLibvirtSteps({ ok: false, steps }).map((s) => s.status), ['ok', 'error']);
  assert.equal(steps[0]!.status, undefined, 'the input is not changed');
});
