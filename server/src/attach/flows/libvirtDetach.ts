/**
 * The libvirt driver's detach of a volume from the guest (attach-flow.md g, step 3.1), per
 * release:
 * - `events` (Nova >= 24, nova/virt/libvirt/driver.py `_detach_with_retry`): the persistent
 *   config first (synchronous, never retried), then up to `device_detach_attempts` live detach
 *   requests, each followed by a wait of `device_detach_timeout` for libvirt's DEVICE_REMOVED
 *   event; the device still in the live config after the last one -> DeviceDetachFailed.
 * - `retry_decorator` (Nova 15-23.0.1, nova/virt/libvirt/guest.py `detach_device_with_retry`):
 *   one detach of both configs, then a function under oslo.service's RetryDecorator that re-sends
 *   a live detach while the device is still there and raises DeviceDetachFailed each time it
 *   does; the sleep between calls grows by 2 s up to 30 s (10 s up to 60 s from 23.0.0 and the
 *   stable backports: engine/timings.ts), 7 retries.
 * - `single` (Juno, `detach_volume`): one detachDeviceFlags; nothing checks the result.
 * A live detach request blocks in libvirt until the guest lets go or QEMU's unplug wait ends.
 */
import { SimError, type Run } from '../engine/run';
import { sleep, type Flow } from '../engine/scheduler';
import { T } from '../engine/timings';
import type { InstanceState } from '../engine/world';

export interface LibvirtDetachOutcome {
  /** live detach requests sent to libvirt */
  liveRequests: number;
}

/** The guest honours the Nth live detach request (lab host `guest_detach_release`). */
function releasesOn(inst: InstanceState, request: number): boolean {
  const r = inst.lab.guest_detach_release ?? 1;
  return r !== 'never' && request >= r;
}

/** libvirt's alias of the disk: Nova's `ua-<volume id>` from Nova 29, else QEMU's virtio-disk<index>. */
export function diskAlias(run: Run, dev: string, volumeId: string): string {
  if (run.world.facts.alias) return `ua-${volumeId}`;
  const m = /^(vd|sd|hd|xvd)([a-z]+)$/.exec(dev);
  if (!m) return dev;
  let idx = 0;
  for (const ch of m[2]!) idx = idx * 26 + (ch.charCodeAt(0) - 96);
  const prefix = m[1] === 'vd' ? 'virtio-disk' : m[1] === 'sd' ? 'scsi0-0-0-' : m[1] === 'hd' ? 'ide0-0-' : 'xen-disk';
  return `${prefix}${idx - 1}`;
}

/**
 * One live detach request: detachDeviceFlags returns when the guest lets go, or after QEMU's
 * unplug wait with the removal still pending. Returns whether the device left the live config.
 */
function* liveRequest(run: Run, inst: InstanceState, out: LibvirtDetachOutcome, flags: string): Flow<boolean> {
  const n = ++out.liveRequests;
  const gone = releasesOn(inst, n);
  yield* run.step('libvirtd', `virDomainDetachDeviceFlags(flags=${flags}) (live detach request ${n}): ${gone ? 'the guest released the device; DEVICE_REMOVED event' : `the guest did not release the device within ${T.qemuUnplugWait / 1000} s; returns 0 with the removal pending`}`, gone ? T.detachDevice : T.qemuUnplugWait, gone ? 'ok' : 'warn');
  return gone;
}

/**
 * Runs the driver's detach; throws SimError('DeviceDetachFailed') when it gives up. `out`
 * counts the live requests as they go (read it after a failure too).
 */
export function* libvirtDetach(run: Run, inst: InstanceState, dev: string, volumeId: string, out: LibvirtDetachOutcome = { liveRequests: 0 }): Flow<LibvirtDetachOutcome> {
  const f = run.world.facts;
  const iid = inst.lab.uuid;
  const live = inst.lab.power_state === 'running' || inst.lab.power_state === 'paused';
  const name = dev.replace(/^\/dev\//, '');
  if (f.detachLoop === 'single' || !live) {
    const flags = live ? '3: VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_AFFECT_LIVE' : '2: VIR_DOMAIN_AFFECT_CONFIG';
    if (!live) {
      yield* run.step('libvirtd', `virDomainDetachDeviceFlags(flags=${flags}): ${name} removed from the persistent config`, T.detachPersistent);
      return out;
    }
    const gone = yield* liveRequest(run, inst, out, flags);
    if (!gone) run.warn('nova-compute', `${name} is still in the guest: Nova does not check the result and carries on with the disconnect`);
    return out;
  }
  if (f.detachLoop === 'events') {
    const alias = diskAlias(run, name, volumeId);
    run.note('nova-compute', `DEBUG Attempting to detach device ${name} from instance ${iid} from the persistent domain config.`);
    yield* run.step('libvirtd', 'virDomainDetachDeviceFlags(flags=2: VIR_DOMAIN_AFFECT_CONFIG)', T.detachPersistent);
    run.note('nova-compute', `INFO Successfully detached device ${name} from instance ${iid} from the persistent domain config.`);
    const max = T.deviceDetachAttempts;
    for (let attempt = 1; attempt <= max; attempt++) {
      run.note('nova-compute', `DEBUG (${attempt}/${max}): Attempting to detach device ${name} with device alias ${alias} from instance ${iid} from the live domain config.`);
      const gone = yield* liveRequest(run, inst, out, '1: VIR_DOMAIN_AFFECT_LIVE');
      if (gone) {
        run.note('nova-compute', `INFO Successfully detached device ${name} from instance ${iid} from the live domain config.`);
        return out;
      }
      run.note('nova-compute', `DEBUG Start waiting for the detach event from libvirt for device ${name} with device alias ${alias} for instance ${iid}`);
      yield* sleep(T.deviceDetachTimeout);
      run.warn('nova-compute', `WARNING Waiting for libvirt event about the detach of device ${name} with device alias ${alias} from instance ${iid} is timed out.`);
      run.note('nova-compute', `DEBUG Failed to detach device ${name} with device alias ${alias} from instance ${iid} from the live domain config. Libvirt did not report any error but the device is still in the config.`);
    }
    const reason = `Run out of retry while detaching device ${name} with device alias ${alias} from instance ${iid} from the live domain config. Device is still attached to the guest.`;
    run.error('nova-compute', `ERROR ${reason}`);
    throw new SimError(`Device detach failed for ${name}: ${reason}`, null, 'DeviceDetachFailed');
  }
  // retry_decorator: the first request detaches both configs
  let gone = yield* liveRequest(run, inst, out, '3: VIR_DOMAIN_AFFECT_CONFIG | VIR_DOMAIN_AFFECT_LIVE');
  let sleepMs = 0;
  for (let retry = 0; ; retry++) {
    // _do_wait_and_retry_detach: returns as soon as the device is gone from the config
    if (gone) return out;
    gone = yield* liveRequest(run, inst, out, '1: VIR_DOMAIN_AFFECT_LIVE');
    const reason = 'Unable to detach from guest transient domain.';
    if (retry >= T.detachRetryMax) {
      run.note('nova-compute', `DEBUG RetryDecorator gives up: ${retry} retries of _do_wait_and_retry_detach done (max ${T.detachRetryMax})`);
      throw new SimError(`Device detach failed for ${name}: ${reason}`, null, 'DeviceDetachFailed');
    }
    sleepMs = Math.min(sleepMs + f.detachRetryInc, f.detachRetryMaxSleep);
    run.note('nova-compute', `DEBUG DeviceDetachFailed (${reason}): retry ${retry + 1} of ${T.detachRetryMax} in ${sleepMs / 1000} s`);
    yield* sleep(sleepMs);
  }
}
