/**
 * The lab host's `host.nova_release` inside the profile `queens_to_2024_2` (Nova 17-30): what
 * changed within the span, each boundary checked against upstream at the release tags
 * (engine/timings.ts `queensReleaseFacts`). Virtual-clock times only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, ISCSI_VOL, lab, texts } from '../fixtures/attach/helpers';
import { EMBEDDED_LAB_HOSTS } from '../../server/src/attach/input/embedded';
import { formatLabHostError, loadLabHost } from '../../server/src/attach/input/labhost';
import { profileFacts } from '../../server/src/attach/engine/timings';
import type { Profile } from '../../server/src/attach/types';

const BUSY = '5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e06';
const DB1 = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d02';

const withRelease = (name: string, release: string, profile: Profile = 'queens_to_2024_2', tweak?: (raw: { instances: Array<Record<string, unknown>> }) => void) => lab(name, (raw) => {
  raw.profile = profile;
  raw.host = { ...(raw.host ?? {}), nova_release: release };
  tweak?.(raw);
});

// ---- nova/compute/api.py: _check_volume_already_attached from 23.0.0 ----

test('Nova 22.4.0: no "already attached to instances" check; Cinder refuses the in-use volume instead', () => {
  const r = attach(withRelease('default', '22.4.0'), BUSY);
  assert.equal(r.apiStatus, 400);
  assert.doesNotMatch(r.error!, /already attached to instances/);
  assert.match(r.error!, /status must be available or downloading to reserve, but the current status is in-use/);
  assert.ok(has(r, /Nova < 23 does not check other instances' BDMs/));
});

test('Nova 23.0.0 (and the series name "wallaby"): nova-api refuses with "already attached to instances"', () => {
  for (const release of ['23.0.0', 'wallaby']) {
    const r = attach(withRelease('default', release), BUSY);
    assert.equal(r.apiStatus, 400, release);
    assert.match(r.error!, new RegExp(`volume ${BUSY} is already attached to instances: ${DB1}$`), release);
  }
  assert.doesNotMatch(attach(withRelease('default', 'victoria'), BUSY).error!, /already attached to instances/);
});

test('Nova 22: the same-instance check comes before the volume GET; Nova 23 reads the volume first', () => {
  const old = attach(withRelease('default', '22.0.0'), BUSY, {}, DB1);
  assert.equal(old.error, `Invalid volume: volume ${BUSY} already attached`);
  assert.ok(!has(old, new RegExp(`GET .*/volumes/${BUSY}`)));
  const next = attach(withRelease('default', '23.0.0'), BUSY, {}, DB1);
  assert.match(next.error!, /already attached to instances/);
  assert.ok(has(next, new RegExp(`GET .*/volumes/${BUSY}`)));
});

// ---- the libvirt detach loop: guest.py detach_device_with_retry / driver.py _detach_with_retry ----

const detachRun = (release: string) => attach(withRelease('iscsi', release, 'queens_to_2024_2', (raw) => { raw.instances[0].guest_detach_release = 'never'; }), ISCSI_VOL, { race: { afterInUseS: 1 } });
const gaps = (r: ReturnType<typeof detachRun>) => {
  const at = r.steps.filter((s) => /live detach request \d+/.test(s.text)).map((s) => s.at);
  return at.slice(1).map((t, i) => Math.round((t - at[i]!) * 1000));
};
const TRANSIENT = 'Device detach failed for vdb: Unable to detach from guest transient domain.';

test('Nova 22.0.0: RetryDecorator, sleeps +2 s up to 30 s (1 + 8 requests)', () => {
  const r = detachRun('22.0.0');
  assert.equal(r.outcome, 'detach_failed');
  assert.equal(r.detach!.error, TRANSIENT);
  assert.equal(r.detach!.liveDetachRequests, 9);
  assert.deepEqual(gaps(r), [5000, 7000, 9000, 11000, 13000, 15000, 17000, 19000]);
});

test('Nova 22.0.1 and 23.0.0: RetryDecorator, sleeps +10 s up to 60 s', () => {
  for (const release of ['22.0.1', '23.0.0', '23.0.1', '21.2.1', '20.6.1']) {
    const r = detachRun(release);
    assert.equal(r.detach!.error, TRANSIENT, release);
    assert.deepEqual(gaps(r), [5000, 15000, 25000, 35000, 45000, 55000, 65000, 65000], release);
  }
  assert.deepEqual(gaps(detachRun('21.2.0')), [5000, 7000, 9000, 11000, 13000, 15000, 17000, 19000]);
});

test('Nova 23.0.2 and 24.0.0: _detach_with_retry, 8 live attempts 25 s apart', () => {
  for (const release of ['23.0.2', '24.0.0', 'xena']) {
    const r = detachRun(release);
    assert.equal(r.outcome, 'detach_failed', release);
    assert.equal(r.detach!.liveDetachRequests, 8, release);
    assert.match(r.detach!.error!, /^Device detach failed for vdb: Run out of retry while detaching device vdb with device alias virtio-disk1 /, release);
    assert.deepEqual(gaps(r), Array(7).fill(25_000), release);
  }
});

// ---- <alias name="ua-<volume id>">: nova/virt/libvirt/volume/volume.py from 29.0.0 ----

test('Nova 28.3.1: libvirt\'s own alias; Nova 29.0.0 (and "2024.1"): ua-<volume id> in the XML and the failure', () => {
  const old = detachRun('28.3.1');
  assert.match(old.detach!.error!, /device alias virtio-disk1 /);
  assert.ok(!texts(old).some((t) => t.includes(`<alias name="ua-${ISCSI_VOL}"/>`)));
  for (const release of ['29.0.0', '2024.1']) {
    const r = detachRun(release);
    assert.match(r.detach!.error!, new RegExp(`device alias ua-${ISCSI_VOL} `), release);
    assert.ok(texts(r).some((t) => t.includes(`<alias name="ua-${ISCSI_VOL}"/>`)), release);
  }
});

// ---- absent: the profile's own behaviour; the field is refused outside the profile ----

test('without nova_release the profile keeps its own facts', () => {
  assert.deepEqual(profileFacts('queens_to_2024_2', undefined), profileFacts('queens_to_2024_2'));
  assert.equal(lab('iscsi').host.nova_release, undefined);
  const r = attach(lab('iscsi', (raw) => { raw.profile = 'queens_to_2024_2'; raw.instances[0].guest_detach_release = 'never'; }), ISCSI_VOL, { race: { afterInUseS: 1 } });
  assert.equal(r.detach!.liveDetachRequests, 8);
});

const load = (profile: string | undefined, release: string) => {
  const raw = JSON.parse(EMBEDDED_LAB_HOSTS['iscsi']!);
  if (profile) raw.profile = profile;
  else delete raw.profile;
  raw.host = { ...(raw.host ?? {}), nova_release: release };
  return loadLabHost(JSON.stringify(raw, null, 2), 'x.labhost.json');
};
const problems = (r: ReturnType<typeof load>) => (r.ok ? [] : r.errors.map(formatLabHostError));

test('a release outside the profile is a lab-host problem at $.host.nova_release, naming the span and the right profile', () => {
  const lines = problems(load('queens_to_2024_2', '2025.1'));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^x\.labhost\.json:\d+:\d+: \$\.host\.nova_release: Nova 31 \("2025\.1"\) is outside the profile "queens_to_2024_2" \(Nova 17–30\): that release belongs to the profile "modern"$/);
  assert.match(problems(load('queens_to_2024_2', '16.1.0'))[0]!, /Nova 16 .* belongs to the profile "ocata_legacy"/);
  assert.match(problems(load(undefined, 'zed'))[0]!, /Nova 26 \("zed"\) is outside the profile "modern" \(Nova ≥ 31\).*"queens_to_2024_2"/);
  assert.match(problems(load('queens_to_2024_2', 'banana'))[0]!, /"banana" is neither a Nova version .* nor an OpenStack series name/);
  assert.match(problems(load('queens_to_2024_2', 'ocata_legacy'))[0]!, /"ocata_legacy" is a release profile, not a Nova release/);
  assert.match(problems(load('queens_to_2024_2', '26 2'))[0]!, /\$\.host\.nova_release: must match pattern/);
  assert.ok(load('queens_to_2024_2', '30.0.0').ok);
  assert.ok(load('ocata_legacy', 'newton').ok);
});

test('a --profile override the release does not fall in leaves that profile\'s own facts', () => {
  const r = attach(withRelease('iscsi', '22.0.0', 'queens_to_2024_2', (raw) => { raw.instances[0].guest_detach_release = 'never'; }), ISCSI_VOL, { profile: 'modern', race: { afterInUseS: 1 } });
  assert.equal(r.detach!.liveDetachRequests, 8);
  assert.match(r.detach!.error!, new RegExp(`device alias ua-${ISCSI_VOL} `));
});
