/**
 * A volumeAttachment request end to end (attach-flow.md a.1, a.3): nova-api's checks and
 * reservation, then (after the cast) nova-compute's attach under the instance lock, with
 * the rollback of C9/C13. The API answer is recorded when it is sent; what happens on the
 * compute host afterwards never changes it.
 */
import { mvMinor } from '../../model/context';
import { pyRepr } from '../../parse/pyrepr';
import { attachmentComplete, attachmentCreate, attachmentDelete, attachmentDeleteGone, attachmentUpdate, checkAttach, novaError, osAttach, osDetachWithoutAttachmentId, osInitializeConnection, osReserve, osTerminateConnection, osUnreserve, rest } from '../services/cinder';
import { libvirtDetach } from './libvirtDetach';
import { connectorProperties, type Connector } from '../backends/connector';
import { nextDeviceName, nextScsiUnit, volumeBus } from './devices';
import { volumeWwn } from '../services/cinderConnection';
import { connectVolume, disconnectVolume } from './hostConnect';
import { validateAttachBody } from '../input/request';
import { SimError, type Run } from '../engine/run';
import { acquire, sleep, type Flow } from '../engine/scheduler';
import { sec, T } from '../engine/timings';
import type { AttachRequest, DetachResult } from '../types';
import type { AttachmentRow, BdmRow, InstanceState, VolumeState, World } from '../engine/world';
import { atLeast } from '../engine/novaRelease';
import { logRbdAuth, volumeXml } from './diskXml';
import { attachEncryptor, detachEncryptor, encryptionMetadata } from './encryption';
import { clientErrorFault, exceptionFault, versionedAttachNotifications } from './fault';

export interface AttachRun {
  run: Run;
  req: AttachRequest;
  inst: InstanceState;
  vol: VolumeState;
  apiStatus: number | null;
  error: string | null;
  deviceName: string | null;
  sourcePath: string | null;
  flags: number | null;
  xml: string | null;
  connectionInfo: Record<string, unknown> | null;
  bdm: BdmRow | null;
  bdmSnapshot: Record<string, unknown> | null;
  att: AttachmentRow | null;
  endMs: number;
  outcome: 'attached' | 'failed';
  detach?: DetachResult;
  /** a detach was asked for with this attach (the race option): the flow's outcome includes it */
  detachRequested?: boolean;
  /** set once the compute side has finished (either way) */
  done: boolean;
}

const ALLOWED_VM_STATES = new Set(['active', 'paused', 'stopped', 'resized', 'soft-delete', 'soft-deleted', 'shelved', 'shelved_offloaded']);

export function instanceLock(uuid: string): string {
  return `instance-${uuid}`;
}

function fail(ar: AttachRun, e: unknown, httpStatus: number | null): void {
  const err = e instanceof SimError ? e : new SimError(String(e), 500, 'Exception');
  if (ar.error === null) ar.error = httpStatus !== null ? err.message : `${err.kind}: ${err.message}`;
  if (httpStatus !== null && ar.apiStatus === null) ar.apiStatus = httpStatus;
  ar.outcome = 'failed';
  ar.endMs = ar.run.now;
}

/** The key of Nova's fault body for an HTTP status (nova/api/openstack/wsgi.py Fault._fault_names). */
export function faultKey(status: number): string {
  const names: Record<number, string> = { 400: 'badRequest', 401: 'unauthorized', 403: 'forbidden', 404: 'itemNotFound', 405: 'badMethod', 409: 'conflictingRequest', 413: 'overLimit', 415: 'badMediaType', 429: 'overLimit', 501: 'notImplemented', 503: 'serviceUnavailable' };
  return names[status] ?? 'computeFault';
}

function respond(ar: AttachRun, status: number, body: unknown): void {
  ar.apiStatus = status;
  ar.run.note('nova-api', `HTTP ${status}${body === undefined ? ' (no body)' : ` ${JSON.stringify(body)}`}`, 0, status >= 400 ? 'error' : 'info');
}

const ACTION_AND_CAST = 'instance action attach_volume started; cast attach_volume to nova-compute';

/** nova-api (A1-A9). Spawns the compute part when the request is accepted. */
export function* apiAttach(ar: AttachRun): Flow {
  const { run, inst, vol } = ar;
  const w = run.world;
  const mv = w.microversion;
  const minor = mvMinor(mv);
  const legacyV2 = mv.trim() === '2.0';
  const iid = inst.lab.uuid;
  const mvHeader = minor > 1 || legacyV2 ? ` -H "OpenStack-API-Version: compute ${mv}"` : '';
  run.note('client', `POST /v2.1/servers/${iid}/os-volume_attachments${mvHeader} ${JSON.stringify({ volumeAttachment: ar.req.volumeAttachment })}`);
  let body: Record<string, unknown>;
  try {
    body = validateAttachBody({ volumeAttachment: ar.req.volumeAttachment }, legacyV2 ? 1 : minor, legacyV2);
    const vm = inst.lab.vm_state;
    if ((vm === 'shelved' || vm === 'shelved_offloaded') && (minor < 20 || legacyV2)) throw new SimError(`Cannot 'attach_volume' instance ${iid} while it is in vm_state ${vm}`, 409, 'InstanceInvalidState');
    if (inst.lab.locked) throw new SimError(`Instance ${iid} is locked`, 409, 'InstanceIsLocked');
    if (!ALLOWED_VM_STATES.has(vm)) throw new SimError(`Cannot 'attach_volume' instance ${iid} while it is in vm_state ${vm}`, 409, 'InstanceInvalidState');
    if (inst.lab.task_state !== null) throw new SimError(`Cannot 'attach_volume' instance ${iid} while it is in task_state ${inst.lab.task_state}`, 409, 'InstanceInvalidState');
    if (!inst.lab.launched) throw new SimError(`Instance ${iid} is in an invalid state for 'attach_volume'`, 409, 'InstanceInvalidState');
  } catch (e) {
    const status = (e as SimError).httpStatus ?? 400;
    respond(ar, status, { [faultKey(status)]: { code: status, message: (e as SimError).message } });
    return fail(ar, e, status);
  }
  // Legacy Nova (Ocata and older) reads the volume only after reserve_block_device_name, in
  // _check_attach_and_reserve_volume, and has no _check_volume_already_attached (Nova 23;
  // Nova 17-22 check only this instance's BDM: facts.bdmCheck).
  if (w.facts.newFlow || inst.lab.vm_state === 'shelved_offloaded') try {
    const holdersNow = () => w.bdms.filter((b) => b.volume_id === vol.id).map((b) => b.instance_uuid);
    // Nova 17-22 (lab host nova_release): _check_volume_already_attached_to_instance, before
    // the volume GET, looks for this instance's BDM only; other instances' are Cinder's business
    const instanceOnly = w.facts.bdmCheck === 'instance';
    if (instanceOnly && holdersNow().includes(iid)) throw new SimError(`Invalid volume: volume ${vol.id} already attached`, 400, 'InvalidVolume');
    yield* rest(run, 'nova-api', 'GET', `/volumes/${vol.id}`, w.facts.newFlow ? '3.0' : null);
    run.note('cinder-api', `RESP: [200] volume ${vol.id}: status ${vol.status}, attach_status ${vol.attach_status}, multiattach ${vol.multiattach}`);
    if (instanceOnly) {
      run.note('nova-api', `no Nova BDM of instance ${iid} holds the volume: pass (Nova < 23 does not check other instances' BDMs)`);
    } else {
      // A5 _check_volume_already_attached (Nova BDMs)
      const holders = holdersNow();
      if (!vol.multiattach && holders.length > 0) throw new SimError(`Invalid volume: volume ${vol.id} is already attached to instances: ${[...new Set(holders)].join(' ')}`, 400, 'InvalidVolume');
      if (vol.multiattach && holders.includes(iid)) throw new SimError(`Invalid volume: volume ${vol.id} already attached`, 400, 'InvalidVolume');
      run.note('nova-api', 'no Nova BDM holds the volume: pass');
    }
    if (inst.lab.vm_state === 'shelved_offloaded') return yield* shelvedOffloaded(ar, body);
  } catch (e) {
    const se = e as SimError;
    const status = se.httpStatus ?? 500;
    respond(ar, status, { [faultKey(status)]: { code: status, message: se.message } });
    return fail(ar, e, status);
  }
  const async = w.facts.asyncMicroversion !== null && !legacyV2 && minor >= w.facts.asyncMicroversion;
  if (async) {
    // 2.101: the conductor part is a cast; its failures never reach the client.
    respond(ar, 202, undefined);
    yield* sleep(T.cast);
    try {
      yield* reserveAndCreate(ar, body, 'nova-conductor');
    } catch (e) {
      run.error('nova-conductor', `ERROR ${(e as SimError).message} (the BDM is destroyed; the client already has 202)`);
      return fail(ar, e, null);
    }
  } else {
    try {
      if (w.facts.conductorReserves) {
        // Nova >= 33 below 2.101: nova-api waits on an RPC call; the conductor reserves
        run.note('nova-api', 'RPC call attach_volume to nova-conductor (conductor API 1.26; timeout long_rpc_timeout 1800 s, heartbeat rpc_response_timeout 60 s): the device name is returned');
        yield* sleep(T.cast);
      }
      yield* reserveAndCreate(ar, body, w.facts.conductorReserves ? 'nova-conductor' : 'nova-api');
    } catch (e) {
      const se = e as SimError;
      const status = se.httpStatus ?? 500;
      respond(ar, status, { [faultKey(status)]: { code: status, message: se.message } });
      return fail(ar, e, status);
    }
    const resp: Record<string, unknown> = { id: vol.id, serverId: iid, volumeId: vol.id, device: ar.deviceName };
    if (minor >= 70 && !legacyV2) resp.tag = body.tag ?? null;
    if (minor >= 79 && !legacyV2) resp.delete_on_termination = body.delete_on_termination ?? false;
    // nova/conductor/manager.py attach_volume (Nova >= 33) records the action and casts before its call returns
    if (w.facts.conductorReserves) run.note('nova-conductor', ACTION_AND_CAST);
    respond(ar, 200, { volumeAttachment: resp });
  }
  // the conductor (every 2.101 request) or, before Nova 33, nova-api records the action and casts
  if (async) run.note('nova-conductor', ACTION_AND_CAST);
  else if (!w.facts.conductorReserves) run.note('nova-api', ACTION_AND_CAST);
  w.sched.spawn(`compute ${ar.run.label}`, computeAttach(ar), undefined, run.now + T.cast);
}

/** A6: the shelved-offloaded instance: a BDM without device and a connector-less attachment. */
function* shelvedOffloaded(ar: AttachRun, body: Record<string, unknown>): Flow {
  const { run, inst, vol } = ar;
  const w = run.world;
  if (body.tag !== undefined) throw new SimError('Tagged volume attachment is not supported for shelved-offloaded instances.', 400, 'VolumeTaggedAttachToShelvedNotSupported');
  if (vol.multiattach) throw new SimError('Attaching multiattach volumes is not supported for shelved-offloaded instances.', 400, 'MultiattachToShelvedNotSupported');
  const bdm = w.newBdm({ instance_uuid: inst.lab.uuid, volume_id: vol.id, device_name: null, volume_size: vol.size, delete_on_termination: body.delete_on_termination !== undefined && body.delete_on_termination !== false });
  w.bdms.push(bdm);
  ar.bdm = bdm;
  run.note('nova-api', 'shelved_offloaded: BDM created with device_name NULL; nothing happens on a host');
  // check_attach_and_reserve_volume (validate_az=True), then the attachment; any failure destroys the BDM
  let att: AttachmentRow;
  try {
    if (!w.lab.host.nova_conf.cross_az_attach && inst.lab.availability_zone !== vol.lab.availability_zone) {
      throw new SimError(`Invalid volume: Instance ${inst.lab.uuid} and volume ${vol.id} are not in the same availability_zone. Instance is in ${inst.lab.availability_zone}. Volume is in ${vol.lab.availability_zone}`, 400, 'InvalidVolume');
    }
    const reqId = w.requestId();
    try {
      att = yield* attachmentCreate(run, 'nova-api', vol, inst.lab.uuid);
    } catch (e) {
      if (e instanceof SimError && e.httpStatus === 400) {
        run.error('cinder-api', `RESP: [400] {"badRequest": {"code": 400, "message": "${e.message}"}}`);
        throw novaError(e, reqId);
      }
      throw e;
    }
  } catch (e) {
    w.destroyBdm(bdm);
    run.note('nova-api', `BDM ${bdm.id} destroyed`);
    ar.bdm = null;
    throw e;
  }
  ar.att = att;
  yield* rest(run, 'nova-api', 'POST', `/attachments/${att.id}/action`, '3.44', { 'os-complete': null });
  att.attach_status = 'attached';
  w.setStatus(vol, 'in-use', 'attached');
  bdm.attachment_id = att.id;
  ar.bdmSnapshot = { ...bdm };
  ar.outcome = 'attached';
  ar.endMs = run.now;
  respond(ar, 200, { volumeAttachment: { id: vol.id, serverId: inst.lab.uuid, volumeId: vol.id, device: null } });
  ar.done = true;
}

/** A7 + A8: device name and BDM on the compute host, then Cinder's reservation. */
function* reserveAndCreate(ar: AttachRun, body: Record<string, unknown>, actor: string): Flow {
  const { run, inst, vol } = ar;
  const w = run.world;
  const iid = inst.lab.uuid;
  const lock = instanceLock(iid);
  yield* acquire(lock);
  try {
    if (typeof body.device === 'string') run.note('nova-compute', `INFO Ignoring supplied device name: ${body.device}`);
    if (w.bdms.some((b) => b.instance_uuid === iid && b.volume_id === vol.id)) throw new SimError(`Invalid volume: volume ${vol.id} already attached`, 400, 'InvalidVolume');
    const bus = volumeBus(null, inst.lab.image_hw_disk_bus);
    const dev = nextDeviceName(inst.devices, bus, w.lab.host.nova_conf.max_disk_devices_to_attach);
    inst.devices.push(dev);
    ar.deviceName = `/dev/${dev}`;
    // The RPC round trip ends with the BDM row written: a concurrent API check before then sees none.
    yield* sleep(T.reserveName);
    const bdm = w.newBdm({
      instance_uuid: iid,
      volume_id: vol.id,
      device_name: ar.deviceName,
      tag: typeof body.tag === 'string' ? body.tag : null,
      // From 2.79 every string (even "false") is stored as true: the BDM field applies truthiness.
      delete_on_termination: body.delete_on_termination === undefined ? false : body.delete_on_termination !== false,
    });
    w.bdms.push(bdm);
    ar.bdm = bdm;
    const st = run.note('nova-compute', `reserve_block_device_name -> ${ar.deviceName}; BDM row ${bdm.id} created (source volume, destination volume, connection_info NULL)`);
    st.at = sec(run.now - T.reserveName);
    st.durationS = sec(T.reserveName);
  } catch (e) {
    if (e instanceof SimError && e.kind === 'TooManyDiskDevices') run.error('nova-compute', 'instance fault recorded; notification compute.exception');
    throw e;
  } finally {
    w.sched.release(lock);
  }
  try {
    if (!w.facts.newFlow) {
      // _check_attach_and_reserve_volume (Ocata) / _attach_volume (Juno): the volume is read here
      yield* rest(run, 'nova-api', 'GET', `/volumes/${vol.id}`, null);
      run.note('cinder-api', `RESP: [200] volume ${vol.id}: status ${vol.status}, attach_status ${vol.attach_status}`);
      // nova/compute/api.py _attach_volume / _check_attach_and_reserve_volume run Nova's
      // check_attach up to 13.x (14.0.0 keeps only the zone check before os-reserve)
      if (w.profile === 'kilo_prefix' || (w.novaRelease !== undefined && w.novaRelease.major <= 13)) {
        checkAttach(w, vol);
        if (w.profile === 'kilo_prefix' && (!w.novaRelease || w.novaRelease.major <= 10) && !w.lab.host.nova_conf.cross_az_attach && inst.lab.availability_zone !== vol.lab.availability_zone) throw new SimError('Invalid volume: Instance and volume not in same availability_zone', 400, 'InvalidVolume');
      }
    }
    if (!w.lab.host.nova_conf.cross_az_attach && inst.lab.availability_zone !== vol.lab.availability_zone) {
      throw new SimError(`Invalid volume: Instance ${iid} and volume ${vol.id} are not in the same availability_zone. Instance is in ${inst.lab.availability_zone}. Volume is in ${vol.lab.availability_zone}`, 400, 'InvalidVolume');
    }
    if (w.facts.newFlow && vol.multiattach && mvMinor(w.microversion) < 60) throw new SimError('Multiattach volumes are only supported starting with compute API version 2.60.', 400, 'MultiattachNotSupportedOldMicroversion');
    const reqId = w.requestId();
    try {
      if (w.facts.newFlow) {
        const att = yield* attachmentCreate(run, actor, vol, iid);
        ar.att = att;
        ar.bdm!.attachment_id = att.id;
      } else {
        yield* osReserve(run, vol);
      }
    } catch (e) {
      if (e instanceof SimError && (e.kind === 'InvalidVolume' || e.httpStatus === 400)) {
        run.error('cinder-api', `RESP: [400] {"badRequest": {"code": 400, "message": "${e.message}"}}`);
        throw novaError(e, reqId);
      }
      throw e;
    }
  } catch (e) {
    w.destroyBdm(ar.bdm!);
    inst.devices = inst.devices.filter((d) => `/dev/${d}` !== ar.deviceName);
    run.note(actor, `BDM ${ar.bdm!.id} destroyed`);
    ar.bdm = null;
    throw e;
  }
}

/**
 * The lock DriverVolumeBlockDevice.attach and .detach hold around the work on a volume of a
 * shared-target Cinder service, or null. Nova 21.0.0 on: os-brick's `guard_connection`
 * (os_brick/initiator/utils.py; external lock `os-brick-<service_uuid>`): none for
 * shared_targets false, or true with iscsiadm's manual scan; always for the 3.69 null. Nova
 * 17.0.0-20.x: nova/virt/block_device.py's `utils.synchronized(volume['service_uuid'])` (an
 * in-process lock named by the uuid) whenever the volume read says shared_targets, whatever
 * iscsiadm supports. Below 3.69 cinder-api shows a null shared_targets as true
 * (cinder/api/v3/views/volumes.py). No shared_targets in the read: no lock.
 */
export function guardLock(w: World, vol: VolumeState, op: 'attach' | 'detach'): { name: string; by: string } | null {
  const f = w.facts;
  if (f.sharedTargetsLock === 'none') return null;
  if (f.volumeReadMicroversion !== '3.69' && f.volumeReadMicroversion !== '3.48') return null; // field absent: no lock
  const st = f.volumeReadMicroversion === '3.69' ? vol.shared_targets : vol.shared_targets !== false;
  const uuid = w.lab.host.service_uuid;
  if (f.sharedTargetsLock === 'nova') {
    return st === true ? { name: uuid, by: `nova.virt.block_device.DriverVolumeBlockDevice.${op}.<locals>._do_locked_${op}` } : null;
  }
  if (st === null || (st === true && !w.lab.host.iscsiadm_supports_manual_scan)) return { name: `os-brick-${uuid}`, by: 'os_brick.initiator.utils.guard_connection' };
  return null;
}

/** nova-compute's attach_volume (C1-C13). */
function* computeAttach(ar: AttachRun): Flow {
  const { run, inst, vol } = ar;
  const w = run.world;
  const f = w.facts;
  const dev = ar.deviceName!;
  const lock = instanceLock(inst.lab.uuid);
  const t0 = run.now;
  yield* acquire(lock);
  if (run.now > t0) run.note('nova-compute', `Lock "${inst.lab.uuid}" acquired by "nova.compute.manager.do_attach_volume" :: waited ${((run.now - t0) / 1000).toFixed(3)}s`);
  let guard: string | null = null;
  let connector: Connector | null = null;
  let ci: Record<string, unknown> | null = null;
  let osAttachFailed = false;
  let terminateReplaced = false;
  let completeHandled: CompleteHandled | null = null;
  try {
    yield* run.step('nova-compute', `INFO Attaching volume ${vol.id} to ${dev}`);
    if (versionedAttachNotifications(w)) run.note('nova-compute', 'notification instance.volume_attach.start');
    yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, f.newFlow ? f.volumeReadMicroversion : null);
    // DriverVolumeBlockDevice.attach (legacy): os-attach only if this read saw attach_status detached
    const seenAttachStatus = vol.attach_status;
    run.note('cinder-api', `RESP: [200] volume ${vol.id}: shared_targets ${f.volumeReadMicroversion === '3.69' || f.volumeReadMicroversion === '3.48' ? String(vol.shared_targets) : 'absent'}, service_uuid ${w.lab.host.service_uuid}`);
    const gl = guardLock(w, vol, 'attach');
    guard = gl?.name ?? null;
    if (gl) {
      const g0 = run.now;
      yield* acquire(gl.name);
      run.note('nova-compute', `Lock "${gl.name}" acquired by "${gl.by}" :: waited ${((run.now - g0) / 1000).toFixed(3)}s`);
    } else if (vol.backend.protocol === 'iscsi' && f.volumeReadMicroversion === '3.69') {
      run.skip('nova-compute', 'shared_targets lock not needed: iscsiadm supports node.session.scan manual');
    }
    // C4 connector
    const brick = f.brickActor === 'os-brick';
    // os-brick's utils.trace lines exist from 1.5.0 (Nova 14)
    const trace = brick && f.brickTrace;
    if (trace) run.note(f.brickActor, `DEBUG ==> get_connector_properties: call {'my_ip': '${w.lab.host.ip}', 'multipath': ${w.lab.host.multipath_enabled ? 'True' : 'False'}, 'enforce_multipath': True, 'host': '${w.lab.host.hostname}'}`);
    try {
      connector = connectorProperties(w.lab.host, f, w.profile);
    } catch (e) {
      yield* sleep(T.connector);
      run.error(f.brickActor, 'ERROR multipathd is not running: exit code 1');
      throw e;
    }
    yield* sleep(T.connector);
    // the initiator file is read inside the call: its WARNING precedes the return line
    if (w.lab.host.initiator === null && (vol.backend.protocol === 'iscsi' || !brick)) {
      if (brick) run.warn(f.brickActor, 'WARNING Could not find the iSCSI Initiator File /etc/iscsi/initiatorname.iscsi');
      else run.note('nova-compute', 'DEBUG Could not determine iscsi initiator name');
    }
    if (trace) run.note(f.brickActor, `DEBUG <== get_connector_properties: return (${T.connector}ms) ${pyRepr(connector)}`);
    else run.note('nova-compute', `get_volume_connector -> ${pyRepr(connector)}`);
    if (f.newFlow) {
      ci = yield* attachmentUpdate(run, vol, ar.att!, { ...connector, mountpoint: dev });
    } else {
      ci = yield* osInitializeConnection(run, vol, connector);
      ci.connector = connector;
      ci.serial = vol.id;
    }
    const data = ci.data as Record<string, unknown>;
    let luks: string | undefined;
    const encrypted = data.encrypted === true;
    if (encrypted) {
      yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}/encryption`, f.newFlow ? '3.44' : null);
      run.note('cinder-api', `RESP: [200] ${JSON.stringify(encryptionMetadata(vol))}`);
    }
    // C8 driver attach: _connect_volume connects the host, then _attach_encryptor (a libvirt
    // secret for native LUKS, else an os-brick encryptor); a failed encryptor disconnects again.
    const wwn = vol.exported?.wwn ?? volumeWwn(vol);
    yield* connectVolume(run, vol, ci, wwn, dev.slice(5));
    if (w.profile === 'kilo_prefix' && typeof data.host_device === 'string' && data.device_path === undefined) {
      // Juno's attach_volume caches the disk's source path as data.device_path (for the
      // encryptors); the BDM saved after os-attach keeps it
      data.device_path = data.host_device;
      run.note('nova-compute', `connection_info data.device_path = ${data.host_device} (the disk's source path)`);
    }
    if (encrypted) {
      try {
        luks = yield* attachEncryptor(run, vol, ci);
      } catch (e) {
        // Nova >= 17 (_connect_volume's handler) / Nova <= 16 (attach_volume's, around the
        // encryptor and attach_device)
        run.error('nova-compute', f.nativeLuks ? 'ERROR Failure attaching encryptor; rolling back volume connection' : `ERROR Failed to attach volume at mountpoint: ${dev}`);
        yield* disconnectVolume(run, ci);
        throw e;
      }
    }
    ar.sourcePath = typeof data.device_path === 'string' ? data.device_path : typeof data.host_device === 'string' ? data.host_device : typeof data.name === 'string' ? data.name : null;
    const bus = volumeBus(null, inst.lab.image_hw_disk_bus);
    const disk = { dev: dev.slice(5), bus, type: 'disk' };
    logRbdAuth(run, ci);
    const xml = volumeXml(w, ci, disk, { scsiUnit: bus === 'scsi' ? nextScsiUnit(inst.devices.filter((d) => d !== disk.dev)) : undefined, luksSecretUuid: luks });
    ar.xml = xml;
    run.note('nova-compute', `DEBUG disk_info ${JSON.stringify(disk)}`);
    const live = inst.lab.power_state === 'running' || inst.lab.power_state === 'paused';
    ar.flags = live ? 3 : 2;
    run.note('nova-compute', `DEBUG attach device xml: ${xml}`);
    yield* run.step('libvirtd', `virDomainAttachDeviceFlags(flags=${ar.flags}: VIR_DOMAIN_AFFECT_CONFIG${live ? ' | VIR_DOMAIN_AFFECT_LIVE' : ''})`, T.attachDevice);
    if (inst.lab.attach_device_error) {
      run.error('libvirtd', `libvirtError: ${inst.lab.attach_device_error}`);
      run.error('nova-compute', `ERROR Failed to attach volume at mountpoint: ${dev}`);
      // _disconnect_volume: _detach_encryptor first, then the host disconnect
      if (encrypted) yield* detachEncryptor(run, vol, ci, luks);
      yield* disconnectVolume(run, ci);
      throw new SimError(inst.lab.attach_device_error, null, 'libvirtError');
    }
    run.note('nova-compute', 'instance.device_metadata rebuilt; instance.save()');
    if (f.newFlow) {
      // C10 before C11: the fix for the save-before-attach race
      saveBdm(ar, ci);
      run.note('nova-compute', `BDM ${ar.bdm!.id} connection_info saved (before attachment_complete)`);
      try {
        yield* attachmentComplete(run, vol, ar.att!);
      } catch (e) {
        if (!(e instanceof SimError)) throw e;
        completeHandled = yield* completeFailed(ar, e, ci, encrypted, luks);
        throw completeHandled.error;
      }
    } else {
      if (vol.lab.attachment_complete_error !== undefined) run.skip('nova-compute', `attachment_complete_error of volume ${vol.id} not replayed: ${w.profile} attaches with the legacy volume actions (os-attach, see os_attach_error), there is no os-complete`);
      const mode = typeof data.access_mode === 'string' ? data.access_mode : 'rw';
      if (seenAttachStatus !== 'detached') {
        // nova/virt/block_device.py DriverVolumeBlockDevice.attach: no os-attach; @update_db saves
        run.skip('nova-compute', `os-attach not sent: Nova read volume ${vol.id} with attach_status ${seenAttachStatus}`);
        saveBdm(ar, ci);
        run.note('nova-compute', `BDM ${ar.bdm!.id} connection_info saved (update_db)`);
      } else if (f.saveBeforeInUse) {
        saveBdm(ar, ci);
        run.note('nova-compute', `BDM ${ar.bdm!.id} connection_info saved (before os-attach)`);
        try {
          yield* osAttach(run, vol, inst.lab.uuid, dev, mode);
        } catch (e) {
          if (!(e instanceof SimError)) throw e;
          // Nova 15/16: driver detach (its failure only logged), terminate_connection, detach
          osAttachFailed = true;
          yield* driverDetachLogged(ar, ci, encrypted, luks);
          try {
            yield* osTerminateConnection(run, vol, connector);
          } catch (te) {
            if (!(te instanceof SimError)) throw te;
            // nova/virt/block_device.py DriverVolumeBlockDevice.attach (12.0.0-16.0.0): the
            // handler runs inside save_and_reraise_exception; terminate_connection's error
            // replaces os-attach's and volume_api.detach is never sent
            exceptionDropped(run, e, 'terminate_connection in nova/virt/block_device.py DriverVolumeBlockDevice.attach (os-attach handler)');
            run.skip('nova-compute', 'os-detach not sent (nova/virt/block_device.py DriverVolumeBlockDevice.attach: terminate_connection raised first)');
            terminateReplaced = true;
            throw te;
          }
          yield* osDetachWithoutAttachmentId(run, vol, inst.lab.uuid);
          throw e;
        }
      } else {
        try {
          yield* osAttach(run, vol, inst.lab.uuid, dev, mode);
        } catch (e) {
          // Juno: os-attach has no handler; the guest keeps the disk and the host stays connected
          if (e instanceof SimError) {
            osAttachFailed = true;
            run.warn('nova-compute', `${dev} stays in the guest and the host connection stays: Juno's attach does not undo the driver attach when os-attach fails`);
          }
          throw e;
        }
        // kilo_prefix: the BDM is written only after os-attach; a detach in this window finds NULL.
        yield* run.step('nova-compute', `update_db: BDM ${ar.bdm!.id} save through nova-conductor (connection_info written when it returns)`, T.conductorSave);
        saveBdm(ar, ci);
        run.note('nova-compute', `BDM ${ar.bdm!.id} connection_info saved (after os-attach)`);
      }
    }
    ar.connectionInfo = ci;
    ar.outcome = 'attached';
    ar.endMs = run.now;
    run.note('nova-compute', `BDM saved (update_db); ${versionedAttachNotifications(w) ? 'notifications volume.attach, instance.volume_attach.end' : 'notification volume.attach'}`);
  } catch (e) {
    const se = e instanceof SimError ? e : new SimError(String(e), null, 'Exception');
    fail(ar, se, null);
    yield* rollback(ar, se, osAttachFailed ? null : ci, connector, terminateReplaced, completeHandled);
    ar.endMs = run.now;
  } finally {
    if (guard) w.sched.release(guard);
    w.sched.release(lock);
    ar.done = true;
  }
}

function saveBdm(ar: AttachRun, ci: Record<string, unknown>): void {
  const w = ar.run.world;
  const bdm = ar.bdm!;
  bdm.connection_info = JSON.stringify(ci);
  bdm.volume_size = ar.vol.size;
  bdm.updated_at = w.timestamp();
  ar.bdmSnapshot = { ...bdm };
}

/**
 * oslo_utils.excutils `save_and_reraise_exception`: an exception raised inside the block
 * replaces the saved one, which is logged at ERROR first.
 */
function exceptionDropped(run: Run, original: SimError, where: string): void {
  run.error('nova-compute', `ERROR Original exception being dropped: ${original.kind}: ${original.message}`);
  run.note('nova-compute', `${where} raised inside save_and_reraise_exception: its error goes up instead`);
}

/**
 * The virt driver's `detach_volume` in a failed attach's handler (nova/virt/block_device.py):
 * libvirt's detach from the guest, then `_disconnect_volume` (`_detach_encryptor` first, then the
 * host disconnect). A failure is only logged at WARNING "Driver failed to detach volume … ." and
 * ends it (what is left is not disconnected).
 */
function* driverDetachLogged(ar: AttachRun, ci: Record<string, unknown>, encrypted: boolean, luks: string | undefined): Flow {
  const { run, inst, vol } = ar;
  const dev = ar.deviceName!;
  try {
    yield* libvirtDetach(run, inst, dev, vol.id);
    if (encrypted) yield* detachEncryptor(run, vol, ci, luks);
    yield* disconnectVolume(run, ci);
  } catch (de) {
    if (!(de instanceof SimError)) throw de;
    run.warn('nova-compute', `WARNING Driver failed to detach volume ${vol.id} at ${dev}.: ${de.kind}: ${de.message}`);
  }
}

/** What `_volume_attach`'s handler of a failed attachment_complete did (C11). */
interface CompleteHandled {
  /** whether its attachment_delete went through (else the delete's error replaced complete's) */
  deleted: boolean;
  /** the error that leaves `_volume_attach` */
  error: SimError;
}

/**
 * C11 failed: nova/virt/block_device.py `DriverVolumeBlockDevice._volume_attach` (17.0.0-33.0.0)
 * runs, inside save_and_reraise_exception, the virt driver's `detach_volume` (libvirt's detach
 * from the guest, then `_disconnect_volume`: the encryptor, then os-brick; any failure only
 * logged at WARNING "Driver failed to detach volume … ." and the disconnect skipped), then
 * `attachment_delete` of the attachment; a failure of that delete replaces complete's error.
 * The BDM keeps the connection_info saved just before (C10).
 */
function* completeFailed(ar: AttachRun, e: SimError, ci: Record<string, unknown>, encrypted: boolean, luks: string | undefined): Flow<CompleteHandled> {
  const { run, vol } = ar;
  run.note('nova-compute', 'attachment_complete raised in nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach: its handler detaches the volume from the guest and the host (virt_driver.detach_volume), then deletes the attachment');
  yield* driverDetachLogged(ar, ci, encrypted, luks);
  try {
    yield* attachmentDelete(run, 'nova-compute', vol, ar.att!);
  } catch (de) {
    if (!(de instanceof SimError)) throw de;
    exceptionDropped(run, e, 'attachment_delete in nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach (attachment_complete handler)');
    return { deleted: false, error: de };
  }
  return { deleted: true, error: e };
}

/** C9 + C12 + C13 (new flow) or terminate/unreserve (legacy). */
function* rollback(ar: AttachRun, first: SimError, ci: Record<string, unknown> | null, connector: Connector | null, terminateReplaced = false, completeHandled: CompleteHandled | null = null): Flow {
  const { run, vol } = ar;
  const w = run.world;
  const dev = ar.deviceName!;
  let e = first;
  /** a Cinder client error replaced the first one (its fault is recorded the release's way) */
  let replaced = terminateReplaced;
  if (w.facts.newFlow) {
    let deletedByDriver = false;
    if (completeHandled) {
      // C11's handler has already detached and deleted (or failed to delete) the attachment
      deletedByDriver = completeHandled.deleted;
    } else if (ci && ar.att && ar.att.attach_status !== 'reserved') {
      // C9: the failure came from the driver attach, after attachment_update.
      run.error('nova-compute', `ERROR Driver failed to attach volume ${vol.id} at ${dev}: ${e.kind}: ${e.message}`);
      try {
        yield* attachmentDelete(run, 'nova-compute', vol, ar.att);
        deletedByDriver = true;
      } catch (de) {
        if (!(de instanceof SimError)) throw de;
        // nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach: the delete runs
        // inside save_and_reraise_exception; its ClientException goes up instead of the
        // driver's error, and the attachment is still there for _attach_volume's own delete
        exceptionDropped(run, e, 'attachment_delete in nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach');
        e = de;
        replaced = true;
      }
    }
    if (ar.bdm && completeHandled) {
      // update_db's save after C10: the driver BDM still holds the connection_info C10 wrote
      run.note('nova-compute', `update_db: BDM ${ar.bdm.id} unchanged (connection_info as saved before attachment_complete)`);
    } else if (ar.bdm) {
      ar.bdm.connection_info = '{}';
      run.note('nova-compute', `update_db: BDM ${ar.bdm.id} connection_info = '{}'`);
    }
    run.error('nova-compute', `ERROR Failed to attach ${vol.id} at ${dev}`);
    if (ar.att) {
      if (deletedByDriver) {
        // C13 deletes the attachment C9 already deleted: Cinder's 404, as the release's
        // nova/volume/cinder.py takes it (services/cinder.ts attachmentDeleteGone)
        try {
          yield* attachmentDeleteGone(run, 'nova-compute', ar.att.id, w.requestId());
        } catch (ge) {
          if (!(ge instanceof SimError)) throw ge;
          if (!managerIgnoresGoneAttachment(w)) {
            goneAttachmentReplaces(ar, e, ge);
            return;
          }
          run.note('nova-compute', `DEBUG Ignoring VolumeAttachmentNotFound: ${ge.message}`);
        }
      } else {
        try {
          yield* attachmentDelete(run, 'nova-compute', vol, ar.att);
        } catch (de) {
          if (!(de instanceof SimError)) throw de;
          deleteFailedInRollback(ar, e, de);
          return;
        }
      }
    }
  } else {
    if (ci && connector) {
      // initialize_connection succeeded, so the failure came later: terminate the connection.
      // DriverVolumeBlockDevice.attach's handler around virt_driver.attach_volume (LOG.exception)
      run.error('nova-compute', `ERROR Driver failed to attach volume ${vol.id} at ${dev}: ${e.kind}: ${e.message}`);
      try {
        yield* osTerminateConnection(run, vol, connector);
      } catch (te) {
        if (!(te instanceof SimError)) throw te;
        // nova/virt/block_device.py DriverVolumeBlockDevice.attach (2014.2-16.0.0):
        // terminate_connection inside save_and_reraise_exception replaces the driver's error;
        // compute/manager.py _attach_volume still unreserves and notifies with it
        exceptionDropped(run, e, 'terminate_connection in nova/virt/block_device.py DriverVolumeBlockDevice.attach');
        e = te;
        replaced = true;
      }
    }
    run.error('nova-compute', `ERROR Failed to attach ${vol.id} at ${dev}`);
    yield* osUnreserve(run, vol);
  }
  if (versionedAttachNotifications(w)) run.error('nova-compute', 'notification instance.volume_attach.error');
  ar.bdmSnapshot = null;
  if (ar.bdm) {
    w.destroyBdm(ar.bdm);
    run.note('nova-compute', `BDM ${ar.bdm.id} destroyed`);
    ar.bdm = null;
  }
  ar.inst.devices = ar.inst.devices.filter((d) => `/dev/${d}` !== dev);
  // wrap_instance_fault: a Nova exception's format_message, any other the release's way (flows/fault.ts)
  run.error('nova-compute', replaced ? clientErrorFault(w, e, 'attach_volume') : exceptionFault(w, e, 'attach_volume'));
}

/**
 * nova/compute/manager.py `_attach_volume` catches VolumeAttachmentNotFound around its
 * attachment_delete (DEBUG "Ignoring VolumeAttachmentNotFound") from 19.0.0 and the stable
 * backports 18.2.0 and 17.0.11 (bug 1812969); before, the exception escapes its
 * save_and_reraise_exception block.
 */
function managerIgnoresGoneAttachment(w: World): boolean {
  if (w.profile === 'modern') return true;
  const r = w.novaRelease;
  if (w.profile !== 'queens_to_2024_2' || !r) return true;
  return r.major >= 19 || (r.major === 18 && atLeast(r, 18, 2)) || (r.major === 17 && atLeast(r, 17, 0, 11));
}

/**
 * Nova 17.0.0-17.0.10 and 18.0.0-18.1.x: the VolumeAttachmentNotFound of C13's second delete
 * replaces the driver's error (oslo's "Original exception being dropped"); the
 * instance.volume_attach.error notification is not sent, `do_attach_volume` destroys the BDM,
 * and `wrap_instance_fault` records the Nova exception: its format_message, code 404 (so no
 * traceback in the details). Cinder has already deleted the attachment (C9).
 */
function goneAttachmentReplaces(ar: AttachRun, original: SimError, gone: SimError): void {
  const { run } = ar;
  run.error('nova-compute', `ERROR Original exception being dropped: ${original.kind}: ${original.message}`);
  ar.bdmSnapshot = null;
  if (ar.bdm) {
    run.world.destroyBdm(ar.bdm);
    run.note('nova-compute', `BDM ${ar.bdm.id} destroyed`);
    ar.bdm = null;
  }
  ar.inst.devices = ar.inst.devices.filter((d) => `/dev/${d}` !== ar.deviceName);
  run.error('nova-compute', `instance fault recorded: message "${gone.message}", code 404 (no details); instance action event compute_attach_volume: Error; notification compute.exception`);
}

/**
 * nova/compute/manager.py `_attach_volume` (33.0.0): the attachment_delete of its rollback runs
 * inside oslo's save_and_reraise_exception, and only VolumeAttachmentNotFound is caught there.
 * Another error (the 500 of a Cinder whose driver is not initialized) replaces the original one:
 * excutils logs "Original exception being dropped", the instance.volume_attach.error
 * notification is never sent, `do_attach_volume` destroys the BDM, and the wrappers of
 * `attach_volume` record the delete's ClientException (flows/fault.ts: an instance fault whose
 * message is the class name from 20.0.0, str() of it before, code 500; the instance action
 * event, the compute.exception notification).
 */
function deleteFailedInRollback(ar: AttachRun, original: SimError, de: SimError): void {
  const { run } = ar;
  const w = run.world;
  run.error('nova-compute', `ERROR Original exception being dropped: ${original.kind}: ${original.message}`);
  ar.bdmSnapshot = null;
  if (ar.bdm) {
    w.destroyBdm(ar.bdm);
    run.note('nova-compute', `BDM ${ar.bdm.id} destroyed`);
    ar.bdm = null;
  }
  ar.inst.devices = ar.inst.devices.filter((d) => `/dev/${d}` !== ar.deviceName);
  const vm = ar.inst.lab.vm_state;
  run.error('nova-compute', clientErrorFault(w, de, 'attach_volume'));
  run.note('nova-compute', `the instance stays ${vm} (its fault shows in the server's "fault" only in ERROR or DELETED); the volume attachment is gone from Nova, Cinder still holds attachment ${ar.att!.id} (${ar.att!.attach_status}) and volume ${ar.vol.id} ${ar.vol.status}`);
}
