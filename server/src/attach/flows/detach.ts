/**
 * A client's DELETE of the attachment, sent while (or after) the attach runs (attach-flow.md
 * g): begin_detaching, the cast, and compute's detach. With `kilo_prefix` compute does not
 * take the instance lock and reads a BDM whose connection_info is still NULL: the TypeError
 * of Nova bug 1327218, and the volume stays `detaching`.
 */
import { attachmentDelete, beginDetaching, novaError, osDetach, osTerminateConnection, rest, rollDetaching } from '../services/cinder';
import { libvirtDetach } from './libvirtDetach';
import { disconnectVolume } from './hostConnect';
import { allowNativeLuks, detachEncryptor, encryptionOf, labLuksSecretUuid } from './encryption';
import { guardLock, instanceLock, type AttachRun } from './hotAttach';
import { SimError, type Run } from '../engine/run';
import { clientErrorFault, exceptionFault } from './fault';
import { acquire, sleep, type Flow } from '../engine/scheduler';
import { T } from '../engine/timings';
import type { RaceTrigger } from '../types';
import type { VolumeState, World } from '../engine/world';

export function* detachFlow(ar: AttachRun): Flow {
  const { run, inst, vol } = ar;
  const w = run.world;
  const f = w.facts;
  const iid = inst.lab.uuid;
  run.note('client', `DELETE /v2.1/servers/${iid}/os-volume_attachments/${vol.id}`);
  const bdm = w.bdms.find((b) => b.volume_id === vol.id && b.instance_uuid === iid);
  if (!bdm) {
    const msg = `No volume Block Device Mapping with id ${vol.id}.`;
    run.error('nova-api', `HTTP 404 {"itemNotFound": {"code": 404, "message": "${msg}"}}`);
    ar.detach = { apiStatus: 404, error: msg };
    return;
  }
  yield* rest(run, 'nova-api', 'GET', `/volumes/${vol.id}`, f.newFlow ? '3.0' : null);
  const reqId = w.requestId();
  try {
    yield* beginDetaching(run, vol);
  } catch (e) {
    const se = e as SimError;
    const msg = `Invalid volume: ${novaError(se, reqId).message}`;
    run.error('nova-api', `HTTP 400 {"badRequest": {"code": 400, "message": "${msg}"}}`);
    ar.detach = { apiStatus: 400, error: msg };
    return;
  }
  run.note('nova-api', 'HTTP 202 (no body); cast detach_volume to nova-compute');
  ar.detach = { apiStatus: 202, error: null };
  yield* sleep(T.cast);
  const lock = instanceLock(iid);
  let guard: string | null = null;
  if (f.detachTakesLock) {
    const t0 = run.now;
    yield* acquire(lock);
    if (run.now > t0) run.note('nova-compute', `Lock "${iid}" acquired by "nova.compute.manager.do_detach_volume" :: waited ${((run.now - t0) / 1000).toFixed(3)}s`);
  }
  try {
    const raw = bdm.connection_info;
    if (raw === null && !f.detachTakesLock) {
      // Juno/Icehouse: jsonutils.loads(bdm.connection_info) runs before the try/except.
      const err = "TypeError: <type 'NoneType'> can't be decoded";
      run.error('nova-compute', `ERROR oslo.messaging.rpc.dispatcher ${err} (bdm.connection_info is still NULL: the attach has not saved it yet)`);
      run.warn('nova-compute', `roll_detaching is never called: volume ${vol.id} stays ${vol.status}`);
      ar.detach = { apiStatus: 202, error: err };
      return;
    }
    const ci = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    run.note('nova-compute', `INFO Detaching volume ${vol.id}`);
    // DriverVolumeBlockDevice.detach: the volume is read (3.69 -> 3.48 -> default) for guard_connection
    if (f.newFlow) yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, f.volumeReadMicroversion);
    // DriverVolumeBlockDevice.detach holds the attach's shared-targets lock around _do_detach
    const gl = guardLock(w, vol, 'detach');
    if (gl) {
      const g0 = run.now;
      yield* acquire(gl.name);
      guard = gl.name;
      run.note('nova-compute', `Lock "${gl.name}" acquired by "${gl.by}" :: waited ${((run.now - g0) / 1000).toFixed(3)}s`);
    }
    run.note('nova-compute', `INFO Attempting to driver detach volume ${vol.id} from mountpoint ${String(bdm.device_name)}`);
    const data = (ci.data ?? {}) as Record<string, unknown>;
    if (data.encrypted === true) yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}/encryption`, f.newFlow ? '3.44' : null);
    const requests = { liveRequests: 0 };
    try {
      yield* libvirtDetach(run, inst, String(bdm.device_name), vol.id, requests);
    } catch (e) {
      if (!(e instanceof SimError)) throw e;
      // DriverVolumeBlockDevice.driver_detach (Nova >= 18) / the generic handler (older):
      // roll_detaching, re-raise; the compute manager's wrappers record the fault and the event.
      if (f.detachLoop === 'events') run.warn('nova-compute', `WARNING Guest refused to detach volume ${vol.id}`);
      else run.error('nova-compute', `ERROR Failed to detach volume ${vol.id} from ${String(bdm.device_name)}: ${e.kind}: ${e.message}`);
      yield* rollDetaching(run, vol);
      run.note('cinder-api', `RESP: [202] volume ${vol.id} status ${vol.status}`);
      run.error('nova-compute', exceptionFault(w, e, 'detach_volume'));
      run.note('nova-compute', `BDM ${bdm.id} kept; the host connection stays (no disconnect, no ${f.newFlow ? 'attachment_delete' : 'os-terminate_connection / os-detach'})`);
      ar.detach = { apiStatus: 202, error: e.message, liveDetachRequests: requests.liveRequests };
      return;
    }
    // _disconnect_volume: the encryptor first, then the host disconnect
    // a volume opened by os-brick's encryptor ([workarounds]disable_native_luksv1, Nova 21-23) has no libvirt secret
    if (data.encrypted === true) yield* detachEncryptor(run, vol, ci, allowNativeLuks(run, encryptionOf(vol)) ? labLuksSecretUuid(w.lab, vol.id) : undefined);
    if (yield* keepsTarget(run, vol, ci)) {
      run.skip('nova-compute', `INFO Detected multiple connections on this host for volume: ${vol.id}, skipping target disconnect.`);
    } else if (ci.driver_volume_type) {
      yield* disconnectVolume(run, ci);
    }
    if (f.newFlow) {
      const att = vol.attachments.find((a) => a.instance_uuid === iid);
      try {
        if (att) yield* attachmentDelete(run, 'nova-compute', vol, att);
      } catch (e) {
        if (!(e instanceof SimError)) throw e;
        // DriverVolumeBlockDevice._do_detach (17.0.0-33.0.0) catches only
        // VolumeAttachmentNotFound around attachment_delete: the error leaves _detach_volume
        // before bdm.destroy(); no roll_detaching either.
        run.error('nova-compute', 'attachment_delete raised in nova/virt/block_device.py DriverVolumeBlockDevice._do_detach (only VolumeAttachmentNotFound is caught there)');
        cinderSideFailed(run, vol, e, `the guest and the host no longer have the disk, Cinder keeps attachment ${att!.id} (${att!.attach_status})`);
        run.note('nova-compute', `BDM ${bdm.id} kept`);
        ar.detach = { ...ar.detach!, apiStatus: ar.detach?.apiStatus ?? 202, error: e.message, liveDetachRequests: requests.liveRequests };
        return;
      }
    } else {
      // the local connector (get_volume_connector) for terminate_connection, then os-detach
      const connector = (ci.connector ?? {}) as Record<string, unknown>;
      try {
        yield* osTerminateConnection(run, vol, connector);
      } catch (e) {
        if (!(e instanceof SimError)) throw e;
        // compute/manager.py _detach_volume (2014.2-14.0.0) / DriverVolumeBlockDevice._do_detach
        // (15.0.0, 16.0.0): no handler around terminate_connection; os-detach, bdm.destroy() and
        // roll_detaching never run.
        run.skip('nova-compute', `os-detach not sent: terminate_connection raised in ${legacyDetachFunction(w)}`);
        cinderSideFailed(run, vol, e, 'the guest and the host no longer have the disk');
        run.note('nova-compute', `BDM ${bdm.id} kept`);
        ar.detach = { ...ar.detach!, apiStatus: ar.detach?.apiStatus ?? 202, error: e.message, liveDetachRequests: requests.liveRequests };
        return;
      }
      yield* osDetach(run, vol, iid);
    }
    w.destroyBdm(bdm);
    inst.devices = inst.devices.filter((d) => `/dev/${d}` !== bdm.device_name);
    run.note('nova-compute', `BDM ${bdm.id} destroyed; notification instance.volume_detach.end`);
    ar.detach = { ...ar.detach!, liveDetachRequests: requests.liveRequests };
  } finally {
    if (guard) w.sched.release(guard);
    if (f.detachTakesLock) w.sched.release(lock);
  }
}

/**
 * Where the legacy detach calls terminate_connection: nova/compute/manager.py `detach_volume`
 * (2014.2, 2015.1), `_detach_volume` (12.0.0-15.x), nova/virt/block_device.py
 * `DriverVolumeBlockDevice.detach` (16.x); none of them catches its error.
 */
function legacyDetachFunction(w: World): string {
  const r = w.novaRelease;
  if (w.profile === 'kilo_prefix' || (r && r.major < 12)) return 'nova/compute/manager.py detach_volume';
  if (r && r.major <= 15) return 'nova/compute/manager.py _detach_volume';
  return 'nova/virt/block_device.py DriverVolumeBlockDevice.detach';
}

/**
 * A Cinder client error (the driver's terminate_connection failing behind attachment_delete or
 * os-terminate_connection) leaving compute's `detach_volume`: its wrappers record it
 * (flows/fault.ts); the volume keeps the `detaching` begin_detaching gave it.
 */
function cinderSideFailed(run: Run, vol: VolumeState, e: SimError, left: string): void {
  run.error('nova-compute', clientErrorFault(run.world, e, 'detach_volume'));
  run.warn('nova-compute', `no roll_detaching: volume ${vol.id} stays ${vol.status} (attach_status ${vol.attach_status}); ${left}; notification instance.volume_detach.end not sent`);
}

/**
 * The libvirt driver's `_should_disconnect_target` (nova/virt/libvirt/driver.py, called by
 * `_disconnect_volume`), per release (facts.disconnectCheck): from 17.0.1, a connection_info
 * marked multiattach makes Nova read the volume (a GET at the default microversion) and keep the
 * host connection when more than one of its attachments belongs to a server on this host;
 * from 22.0.0 (bug 1888022) a mounted file system's driver (NFS) skips that check, its mount
 * counting its own users; 17.0.0 and the legacy releases always disconnect. Cinder's attachments
 * (attached; begin_detaching leaves the row attached) of the servers on this host: those
 * connected here, or, without a connector, of an instance of the lab host.
 */
function* keepsTarget(run: Run, vol: VolumeState, ci: Record<string, unknown>): Flow<boolean> {
  const w = run.world;
  const check = w.facts.disconnectCheck;
  if (check === 'none' || ci.multiattach !== true) return false;
  if (check === 'skip_mounted_fs' && ci.driver_volume_type === 'nfs') return false;
  yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, '3.0');
  const here = w.lab.host.hostname;
  const servers = new Set(vol.attachments
    .filter((a) => a.attach_status === 'attached' || a.attach_status === 'detaching')
    .filter((a) => (a.connector ? a.connector.host === here : w.instances.has(a.instance_uuid)))
    .map((a) => a.instance_uuid));
  return servers.size > 1;
}

/** Arm the race: spawn the detach when the trigger fires, once. */
export function armRace(ar: AttachRun, trigger: RaceTrigger): void {
  const w = ar.run.world;
  let fired = false;
  ar.detachRequested = true;
  const fire = (delayMs: number): void => {
    fired = true;
    w.sched.spawn(`detach ${ar.run.label}`, detachFlow(ar), undefined, w.sched.now + delayMs);
  };
  w.onStatus((vol) => {
    if (fired || vol !== ar.vol) return;
    if ('atStatus' in trigger && vol.status === trigger.atStatus) fire(0);
    if ('afterInUseS' in trigger && vol.status === 'in-use') fire(Math.round(trigger.afterInUseS * 1000));
  });
}

