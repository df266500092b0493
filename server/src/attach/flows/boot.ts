/**
 * Boot from volume (attach-flow.md b): nova-api reserves the existing volumes, then
 * nova-compute's _prep_block_device creates image/snapshot/blank volumes and polls them
 * (block_device_allocate_retries), attaches each with do_driver_attach=False (the volume
 * is in-use before the host connects), and spawn connects them and builds the <disk>s.
 */
import { driverClassOf, type NovaBdm } from '../../nova/types';
import { mvMinor } from '../../model/context';
import { attachmentComplete, attachmentCreate, attachmentDelete, attachmentDeleteGone, attachmentUpdate, checkAttach, clientExceptionStr, novaError, NovaSideError, osAttach, osDetach, osInitializeConnection, osReserve, osTerminateConnection, rest, rollDetaching } from '../services/cinder';
import type { Connector } from '../backends/connector';
import { connectorProperties } from '../backends/connector';
import { busPrefix } from './devices';
import { volumeWwn } from '../services/cinderConnection';
import { connectVolume, disconnectVolume } from './hostConnect';
import { redactDeep } from '../redact';
import { Run, SimError } from '../engine/run';
import { sleep, type Flow } from '../engine/scheduler';
import { sec, T } from '../engine/timings';
import { atLeast } from '../engine/novaRelease';
import { deprecatedNameWarning } from '../engine/novaConfRead';
import { AttachInputError, type BootResult, type BootVolumeResult, type CreateStatusStep, type LabHost, type LabVolume, type SimulateOptions } from '../types';
import { World, letters, type BdmRow, type VolumeState } from '../engine/world';
import { resolveVolumeBackend } from '../backends/registry';
import { logRbdAuth, volumeXml } from './diskXml';
import { attachEncryptor, cleanupEncryptor, encryptionMetadata, encryptionOf, providerFormat, type EncryptorLeft } from './encryption';

interface BootEntry {
  bdm: NovaBdm;
  vol: VolumeState | null;
  dev: string;
  bus: string;
  row: BdmRow | null;
  xml: string | null;
  ci: Record<string, unknown> | null;
  sourcePath: string | null;
  /** what its encryptor left on the host at spawn (a libvirt secret, an open dm-crypt mapping) */
  encryptor?: EncryptorLeft;
}

const GROUP: Record<string, number> = { volume: 0, snapshot: 1, image: 2, blank: 3 };

function statusAt(timeline: CreateStatusStep[], elapsedMs: number): string {
  let st = 'creating';
  for (const s of timeline) if (s.after_s * 1000 <= elapsedMs) st = s.status;
  return st;
}

/**
 * The availability zone Nova asks Cinder to create a boot volume in (nova/virt/block_device.py):
 * none in 2014.2 (`volume_api.create` without one); the instance's from 2015.1.0; from 13.0.0
 * `_get_volume_create_az_value` (commit f9a51b97): none while `[cinder]cross_az_attach` is True
 * (the default), else the instance's. The instance's zone: the lab host's entry for it, else
 * the default zone `nova`.
 */
function createAz(w: World, instanceUuid: string): string | null {
  const r = w.novaRelease;
  const major = r ? r.major : w.profile === 'kilo_prefix' ? 10 : 13;
  if (major <= 10) return null;
  const instanceAz = w.instances.get(instanceUuid)?.lab.availability_zone ?? 'nova';
  if (major <= 12) return instanceAz;
  return w.lab.host.nova_conf.cross_az_attach ? null : instanceAz;
}

function* createVolume(run: Run, e: BootEntry, instanceUuid: string, lab: LabHost): Flow<VolumeState> {
  const w = run.world;
  const b = e.bdm;
  const size = b.volume_size ?? 1;
  const az = createAz(w, instanceUuid);
  const body: Record<string, unknown> = { size, volume_type: b.volume_type, availability_zone: az, name: b.source_type === 'blank' ? `${instanceUuid}-blank-vol` : '' };
  let timeline: CreateStatusStep[];
  if (b.source_type === 'image') {
    body.imageRef = b.uuid;
    const img = lab.images.find((i) => i.id === b.uuid);
    if (!img) throw new AttachInputError(`image ${String(b.uuid)} is not on lab host "${lab.name}"`);
    timeline = img.create_status_timeline ?? [
      { status: 'creating', after_s: 0 },
      { status: 'downloading', after_s: 1 },
      { status: 'available', after_s: 1 + 10 * img.size_gib },
    ];
  } else if (b.source_type === 'snapshot') {
    body.snapshot_id = b.uuid;
    const snap = lab.snapshots.find((s) => s.id === b.uuid);
    if (!snap) throw new AttachInputError(`snapshot ${String(b.uuid)} is not on lab host "${lab.name}"`);
    if (b.volume_type === null && snap.volume_type) body.volume_type = snap.volume_type;
    timeline = snap.create_status_timeline ?? [{ status: 'creating', after_s: 0 }, { status: 'available', after_s: T.createBlank / 1000 }];
  } else {
    timeline = lab.blank_create_status_timeline ?? [{ status: 'creating', after_s: 0 }, { status: 'available', after_s: T.createBlank / 1000 }];
  }
  yield* rest(run, 'nova-compute', 'POST', '/volumes', w.facts.newFlow ? '3.0' : null, { volume: body });
  const id = w.id('volume');
  const lv: LabVolume = { id, size, status: 'creating', attach_status: 'detached', multiattach: false, availability_zone: az ?? 'nova', bootable: b.source_type === 'image', encrypted: false, readonly: false, qos_specs: null, attachments: [], backend: lab.default_backend ?? 'iscsi' };
  const vol = w.addVolume(lv);
  e.vol = vol; // the result reports it even when it never becomes available
  run.note('cinder-api', `RESP: [202] volume ${id} status creating`);
  // _await_block_device_map_created
  const created = run.now;
  const attempts = w.lab.host.nova_conf.block_device_allocate_retries + 1;
  const interval = Math.round(w.lab.host.nova_conf.block_device_allocate_retries_interval * 1000);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    yield* rest(run, 'nova-compute', 'GET', `/volumes/${id}`, null);
    const st = statusAt(timeline, run.now - created);
    if (st !== vol.status) w.setStatus(vol, st);
    if (st !== 'creating' && st !== 'downloading') {
      if (st === 'available') {
        run.note('nova-compute', `volume ${id} available after ${attempt} attempt${attempt > 1 ? 's' : ''}`);
        return vol;
      }
      if (w.profile === 'kilo_prefix') {
        // 2014.2 and 2015.1: any final status ends the wait (the attach's check_attach refuses it)
        run.warn('nova-compute', `WARNING Volume id: ${id} finished being created but was not set as 'available'`);
        return vol;
      }
      run.error('nova-compute', `WARNING Volume id: ${id} finished being created but its status is ${st}.`);
      yield* waitFuncDelete(run, b, vol);
      throw new SimError(`Volume ${id} did not finish being created even after we waited ${Math.floor((run.now - created) / 1000)} seconds or ${attempt} attempts. And its status is ${st}.`, null, 'VolumeNotCreated');
    }
    yield* sleep(interval);
  }
  yield* waitFuncDelete(run, b, vol);
  // nova/exception.py VolumeNotCreated: the status is part of the message from 12.0.0
  const statusPart = w.profile === 'kilo_prefix' ? '' : ` And its status is ${vol.status}.`;
  throw new SimError(`Volume ${id} did not finish being created even after we waited ${Math.floor((run.now - created) / 1000)} seconds or ${attempts} attempts.${statusPart}`, null, 'VolumeNotCreated');
}

/**
 * Nova 2014.2-15.x reserve nothing at boot: nova-api's `_validate_bdm` and the compute's
 * `DriverVolumeBlockDevice.attach(do_check_attach=True)` both run nova/volume/cinder.py
 * `check_attach` on the volume they read; Nova 16 (Pike) reserves the named volumes in nova-api
 * instead (`_check_attach_and_reserve_volume`). `ocata_legacy` without host.nova_release is Pike.
 */
function bootChecksAttach(w: World): boolean {
  return w.profile === 'kilo_prefix' || (w.profile === 'ocata_legacy' && w.novaRelease !== undefined && w.novaRelease.major <= 15);
}

/**
 * nova/virt/block_device.py `_call_wait_func` (12.0.0 on): VolumeNotCreated deletes a
 * delete_on_termination volume, whatever the cause; Cinder refuses a volume still `creating` or
 * `downloading` (400), which is only logged ("Failed to delete volume: <id> due to <exc>") and the
 * VolumeNotCreated goes up. 2014.2 and 2015.1 have no such handler: the volume is left.
 */
function* waitFuncDelete(run: Run, b: NovaBdm, vol: VolumeState): Flow {
  const w = run.world;
  if (!b.delete_on_termination) return;
  if (w.profile === 'kilo_prefix' || (w.novaRelease && w.novaRelease.major < 12)) {
    run.skip('nova-compute', `volume ${vol.id} not deleted: 2014.2/2015.1 have no _call_wait_func (nova/virt/block_device.py), delete_on_termination is left to the instance's delete`);
    return;
  }
  const reqId = w.requestId();
  const err = yield* deleteVolume(run, vol);
  if (err) run.warn('nova-compute', `WARNING Failed to delete volume: ${vol.id} due to ${deleteRefusal(w, err, reqId)}`);
}

/**
 * str() of what nova/volume/cinder.py `delete` raises for Cinder's 400 (`translate_volume_exception`):
 * InvalidInput, "Invalid input received: " and cinderclient's exception: its str() ("… (HTTP 400)
 * (Request-ID: …)") from 2015.1.0, its bare message in 2014.2.
 */
function deleteRefusal(w: World, err: SimError, reqId: string): string {
  const old = w.novaRelease ? w.novaRelease.major <= 10 : w.profile === 'kilo_prefix';
  return `Invalid input received: ${old ? err.message : clientExceptionStr(err, reqId)}`;
}

/**
 * A boot from volume on the lab host: the API reserves the existing volumes (202), compute
 * creates the new ones and attaches every BDM without the driver, then spawn connects each
 * volume on the host and writes its <disk>. Phases: planBoot (device names), apiPhase,
 * computePhase, spawnPhase; volumeResult per volume.
 */
export function simulateBoot(lab: LabHost, bdms: NovaBdm[], opts: SimulateOptions & { instanceUuid?: string }): BootResult {
  const w = new World(lab, opts.profile ?? lab.profile, opts.microversion ?? lab.microversion ?? '2.1', resolveVolumeBackend, opts.hashes);
  const run = new Run(w, 'boot');
  // The caller's uuid, else the lab host's, else one derived from the lab host's name.
  const instanceUuid = opts.instanceUuid ?? lab.boot_instance_uuid ?? w.id('instance');
  const b: Boot = { w, run, lab, instanceUuid, entries: planBoot(w, lab, bdms), endMs: 0, destroyedRows: new Set(), result: { outcome: 'error', apiStatus: 202, error: null, instanceUuid, volumes: [], durationS: 0, steps: run.steps } };
  const flow = function* (): Flow {
    run.note('client', `POST /v2.1/servers {"server": {"block_device_mapping_v2": [${bdms.length} entries]}}`);
    if (!(yield* apiPhase(b))) return;
    run.note('nova-api', `HTTP 202 ${JSON.stringify({ server: { id: instanceUuid } })}`);
    conductorRetryNotes(b);
    yield* sleep(T.cast);
    run.note('nova-compute', `[instance: ${instanceUuid}] Start building block device mappings for instance.`);
    let spawning = false;
    try {
      yield* computePhase(b);
      spawning = true;
      yield* spawnPhase(b);
      b.result.outcome = 'active';
      b.endMs = run.now;
    } catch (err) {
      const se = err instanceof SimError ? err : new SimError(String(err), null, 'Exception');
      if (err instanceof AttachInputError) throw err;
      if (spawning) {
        yield* failedSpawn(b, se);
        if (b.result.vmState === 'error' && lab.delete_failed_boot === true) yield* deleteFailedBoot(b);
        return;
      }
      run.error('nova-compute', 'ERROR Instance failed block device setup');
      const reason = prepFailureReason(w, se);
      if (reason.oldCatch) {
        run.error('nova-compute', 'ERROR Failure prepping block device');
        run.note('nova-compute', 'nova/compute/manager.py _build_resources (2014.2, 2015.1) catches InvalidBDM as any exception: the abort gives its own reason');
      }
      const msg = `Build of instance ${instanceUuid} aborted: ${reason.text}`;
      run.error('nova-compute', `ERROR BuildAbortException: ${msg}; instance vm_state error`);
      // _do_build_and_run_instance: add_instance_fault_from_exc(BuildAbortException): its
      // formatted message cut to 255 (utils.safe_truncate), code 500 (so the traceback is kept)
      yield* cleanupVolumes(b);
      run.error('nova-compute', `instance fault recorded: message "${msg.slice(0, 255)}", code 500; the server shows status ERROR with this fault`);
      // 2015.1 (kilo_prefix) only sets vm_state error (_set_instance_error_state): the host and the
      // task_state block_device_mapping stay; from 12.0.0 both are cleared
      const oldKilo = w.profile === 'kilo_prefix';
      if (oldKilo) b.hostKept = true;
      run.note('nova-compute', oldKilo ? 'vm_state error (task_state block_device_mapping and the host are kept: _set_instance_error_state)' : 'instance host and node cleared; vm_state error, task_state None');
      endInError(b, se, msg.slice(0, 255), oldKilo ? 'block_device_mapping' : null, false);
    }
    if (b.result.outcome === 'error' && b.result.vmState === 'error' && lab.delete_failed_boot === true) yield* deleteFailedBoot(b);
  };
  let thrown: unknown = null;
  w.sched.spawn('boot', flow(), (_v, err) => {
    if (err) thrown = err;
  }, 0);
  w.sched.run();
  if (thrown) throw thrown;
  const result = b.result;
  result.durationS = sec(b.endMs);
  result.steps = run.steps.map((s, i) => ({ s, i })).sort((x, y) => x.s.at - y.s.at || x.i - y.i).map((x) => x.s);
  result.volumes = b.entries.map(volumeResult);
  return opts.showSecrets ? result : redactDeep(result, run.secrets);
}

/**
 * The reason of the BuildAbortException a failed block-device setup becomes, per release of
 * nova/compute/manager.py: `_prep_block_device` raises InvalidBDM(str(ex)) from 16.0.0 and the
 * stable backports 15.0.8 and 14.0.9 (commit 20c4715a, "Provide original fault message when BFV
 * fails"), a bare InvalidBDM before ("Block Device Mapping is Invalid."), which
 * `_build_resources` turns into the abort with its message from 12.0.0; 2014.2 and 2015.1 catch
 * it as any exception there: LOG.exception "Failure prepping block device" and the reason
 * "Failure prepping block device.". `oldCatch`: that generic catch (and its ERROR line).
 */
function prepFailureReason(w: World, se: SimError): { text: string; oldCatch: boolean } {
  const r = w.novaRelease;
  if (w.profile === 'kilo_prefix' || (r && r.major < 12)) return { text: 'Failure prepping block device.', oldCatch: true };
  const keepsWords = !r || atLeast(r, 16) || (r.major === 15 && atLeast(r, 15, 0, 8)) || (r.major === 14 && atLeast(r, 14, 0, 9));
  return { text: keepsWords ? se.message : 'Block Device Mapping is Invalid.', oldCatch: false };
}

/** What the phases of one boot share. */
interface Boot {
  w: World;
  run: Run;
  lab: LabHost;
  instanceUuid: string;
  entries: BootEntry[];
  result: BootResult;
  /** virtual time the flow ended (ms) */
  endMs: number;
  /** BDM rows the failure handling destroyed (a later delete of the instance no longer sees them) */
  destroyedRows: Set<BdmRow>;
  /** the failure handling left the instance on its host (2015.1: no nil-out of host and node) */
  hostKept?: boolean;
}

/**
 * The volume entries in blockinfo's naming order (root, local disks, then volumes by class
 * group), each with its device name. Names are only ever added, so per prefix the first index
 * that may still be free never goes down and a long run of entries stays linear.
 */
function planBoot(w: World, lab: LabHost, bdms: NovaBdm[]): BootEntry[] {
  const used = new Set<string>();
  const firstFree = new Map<string, number>();
  const nameFor = (b: NovaBdm): { dev: string; bus: string } => {
    const bus = b.disk_bus ?? 'virtio';
    if (b.boot_index === 0 && b.device_name) {
      const d = b.device_name.replace(/^\/dev\//, '');
      used.add(d);
      return { dev: d, bus };
    }
    const prefix = busPrefix(bus);
    for (let i = firstFree.get(prefix) ?? 0; ; i++) {
      const d = prefix + letters(i);
      if (!used.has(d)) {
        used.add(d);
        firstFree.set(prefix, i + 1);
        return { dev: d, bus };
      }
    }
  };
  const rank = (x: NovaBdm) => (x.boot_index === 0 ? 0 : x.destination_type === 'local' ? 1 : 2);
  const sorted = [...bdms].filter((b) => !b.no_device).sort((a, b) => rank(a) - rank(b) || (GROUP[a.source_type ?? 'blank'] ?? 4) - (GROUP[b.source_type ?? 'blank'] ?? 4));
  const entries: BootEntry[] = [];
  for (const b of sorted) {
    const { dev, bus } = nameFor(b);
    if (b.destination_type !== 'volume') continue;
    let vol: VolumeState | null = null;
    if (b.source_type === 'volume') {
      vol = w.volumes.get(String(b.uuid)) ?? null;
      if (!vol) throw new AttachInputError(`volume ${String(b.uuid)} is not on lab host "${lab.name}"`);
    }
    entries.push({ bdm: b, vol, dev, bus, row: null, xml: null, ci: null, sourcePath: null });
  }
  return entries;
}

/** nova-api: each existing volume read and reserved (an attachment, or os-reserve). False: the API refused (result filled). */
function* apiPhase(b: Boot): Flow<boolean> {
  const { w, run, instanceUuid, result } = b;
  try {
    for (const e of b.entries.filter((x) => x.vol)) {
      yield* rest(run, 'nova-api', 'GET', `/volumes/${e.vol!.id}`, w.facts.newFlow ? '3.0' : null);
      // _validate_bdm -> check_attach_and_reserve_volume (Nova >= 17; servers.py passes
      // supports_multiattach_volume: microversion >= 2.60): refused before the attachment
      if (w.facts.newFlow && e.vol!.multiattach && mvMinor(w.microversion) < 60) throw new SimError('Multiattach volumes are only supported starting with compute API version 2.60.', 400, 'MultiattachNotSupportedOldMicroversion');
      if (bootChecksAttach(w)) {
        checkAttach(w, e.vol!);
        run.note('nova-api', `check_attach: volume ${e.vol!.id} available and not attached; no reservation at boot before Nova 16`);
        e.row = w.newBdm({ instance_uuid: instanceUuid, volume_id: e.vol!.id });
        continue;
      }
      const reqId = w.requestId();
      try {
        if (w.facts.newFlow) {
          const att = yield* attachmentCreate(run, 'nova-api', e.vol!, instanceUuid);
          e.row = w.newBdm({ instance_uuid: instanceUuid, volume_id: e.vol!.id, attachment_id: att.id });
        } else {
          yield* osReserve(run, e.vol!);
          e.row = w.newBdm({ instance_uuid: instanceUuid, volume_id: e.vol!.id });
        }
      } catch (err) {
        throw err instanceof SimError && err.httpStatus === 400 ? novaError(err, reqId) : err;
      }
    }
    return true;
  } catch (err) {
    const se = err as SimError;
    result.apiStatus = se.httpStatus ?? 500;
    result.error = se.message;
    run.error('nova-api', `HTTP ${result.apiStatus} ${JSON.stringify({ badRequest: { code: result.apiStatus, message: se.message } })}`);
    b.endMs = run.now;
    return false;
  }
}

/** nova-compute: new volumes created, then every BDM attached with do_driver_attach=False (connection_info saved). */
/**
 * The order _prep_block_device attaches and spawn connects the volumes in: driver
 * get_block_device_info's convert_all_volumes chains volume, snapshot, image and blank BDMs,
 * each group in the request's order, whatever the boot index (nova/virt/block_device.py).
 */
function attachOrder(entries: BootEntry[]): BootEntry[] {
  const pos = (e: BootEntry): number => e.bdm.entry ?? 0;
  return [...entries].sort((a, b) => (GROUP[a.bdm.source_type ?? 'blank'] ?? 4) - (GROUP[b.bdm.source_type ?? 'blank'] ?? 4) || pos(a) - pos(b));
}

function* computePhase(b: Boot): Flow {
  const { w, run, lab, instanceUuid } = b;
  for (const e of attachOrder(b.entries)) {
    const bdm = e.bdm;
    const at = `/dev/${e.dev}`;
    const cls = driverClassOf(bdm);
    run.note('nova-compute', bdm.source_type === 'volume' ? `INFO Booting with volume ${String(bdm.uuid)} at ${at}` : bdm.source_type === 'snapshot' ? `INFO Booting with volume snapshot ${String(bdm.uuid)} at ${at}` : bdm.source_type === 'image' ? `INFO Booting with volume-backed-image ${String(bdm.uuid)} at ${at}` : `INFO Booting with blank volume at ${at}`);
    run.note('nova-compute', `${cls}.attach(do_driver_attach=False)`);
    if (!e.vol) {
      e.vol = yield* createVolume(run, e, instanceUuid, lab);
      const att = w.facts.newFlow ? yield* attachmentCreate(run, 'nova-compute', e.vol, instanceUuid) : null;
      // Nova <= 16: DriverSnapshot/Image/BlankBlockDevice.attach hand the new volume straight to the
      // legacy attach (nova/virt/block_device.py): no os-reserve; os-attach marks it attaching
      if (!w.facts.newFlow) run.skip('nova-compute', `volume ${e.vol.id}: no os-reserve (Nova <= 16 reserves only the volumes the request names)`);
      e.row = w.newBdm({ instance_uuid: instanceUuid, volume_id: e.vol.id, attachment_id: att?.id ?? null, source_type: bdm.source_type, volume_type: bdm.volume_type, image_id: bdm.source_type === 'image' ? bdm.uuid : null, snapshot_id: bdm.source_type === 'snapshot' ? bdm.uuid : null });
    }
    const vol = e.vol;
    const row = e.row!;
    Object.assign(row, { device_name: at, boot_index: bdm.boot_index, disk_bus: bdm.disk_bus, device_type: bdm.device_type, delete_on_termination: bdm.delete_on_termination, tag: bdm.tag, guest_format: bdm.guest_format, volume_size: vol.size });
    w.bdms.push(row);
    yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, w.facts.newFlow ? w.facts.volumeReadMicroversion : null);
    if (bootChecksAttach(w)) checkAttach(w, vol);
    const connector = connectorProperties(w.lab.host, w.facts, w.profile);
    yield* run.step(w.facts.brickActor, 'get_connector_properties', T.connector);
    let ci: Record<string, unknown>;
    if (w.facts.newFlow) {
      const att = vol.attachments.find((a) => a.instance_uuid === instanceUuid)!;
      ci = yield* attachmentUpdate(run, vol, att, { ...connector, mountpoint: at });
      row.connection_info = JSON.stringify(ci);
      run.note('nova-compute', `BDM ${row.id} connection_info saved`);
      try {
        yield* attachmentComplete(run, vol, att);
      } catch (err) {
        if (!(err instanceof SimError)) throw err;
        // nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach (17.0.0-33.0.0), its
        // handler of attachment_complete with do_driver_attach=False: no driver detach, the
        // attachment deleted inside save_and_reraise_exception (a failure of that delete goes up
        // instead); then _prep_block_device's InvalidBDM and the build's abort
        run.note('nova-compute', 'attachment_complete raised in nova/virt/block_device.py DriverVolumeBlockDevice._volume_attach (do_driver_attach=False: nothing to detach on the host): the attachment is deleted');
        try {
          yield* attachmentDelete(run, 'nova-compute', vol, att);
        } catch (de) {
          if (!(de instanceof SimError)) throw de;
          run.error('nova-compute', `ERROR Original exception being dropped: ${err.kind}: ${err.message}`);
          throw de;
        }
        throw err;
      }
    } else {
      ci = yield* osInitializeConnection(run, vol, connector);
      ci.connector = connector;
      ci.serial = vol.id;
      row.connection_info = JSON.stringify(ci);
      if (vol.lab.attachment_complete_error !== undefined) run.skip('nova-compute', `attachment_complete_error of volume ${vol.id} not replayed: ${w.profile} attaches with the legacy volume actions (os-attach, see os_attach_error), there is no os-complete`);
      yield* osAttach(run, vol, instanceUuid, at, 'rw');
    }
    e.ci = ci;
  }
}

/** spawn: each volume connected on the host, its <disk> written, then the domain defined and started. */
function* spawnPhase(b: Boot): Flow {
  const { w, run, entries } = b;
  run.note('nova-compute', 'spawn: building the guest storage config (volumes are in-use before the host connects them)');
  // virtio-scsi units (libvirt _get_guest_storage_config): the boot volume takes 0, the others
  // count up from 1 on a boot from volume (else 0) in the order they are connected
  let scsiUnits = entries.some((x) => x.bdm.boot_index === 0) ? 1 : 0;
  for (const e of attachOrder(entries)) {
    yield* connectVolume(run, e.vol!, e.ci!, e.vol!.exported?.wwn ?? volumeWwn(e.vol!), e.dev);
    const data = e.ci!.data as Record<string, unknown>;
    // Juno's _create_domain_and_network caches the disk's source path as data.device_path (for the encryptors)
    if (w.profile === 'kilo_prefix' && typeof data.host_device === 'string' && data.device_path === undefined) data.device_path = data.host_device;
    // Nova >= 17: _connect_volume runs _attach_encryptor for each volume (its own metadata GET),
    // so a native LUKS secret exists when _get_volume_config writes <encryption>
    const luks = w.facts.nativeLuks ? yield* spawnEncryptor(run, e) : undefined;
    e.sourcePath = typeof data.device_path === 'string' ? data.device_path : typeof data.host_device === 'string' ? data.host_device : typeof data.name === 'string' ? data.name : null;
    logRbdAuth(run, e.ci!);
    e.xml = volumeXml(w, e.ci!, { dev: e.dev, bus: e.bus, type: e.bdm.device_type ?? 'disk' }, { scsiUnit: e.bus !== 'scsi' ? undefined : e.bdm.boot_index === 0 ? 0 : scsiUnits++, luksSecretUuid: luks });
    e.row!.connection_info = JSON.stringify(e.ci);
    run.note('nova-compute', `vol.save(): BDM ${e.row!.id} connection_info with device_path`);
  }
  // Nova <= 16: _create_domain_and_network opens each encrypted volume's encryptor once the guest
  // XML is written, before the domain starts (no native LUKS)
  if (!w.facts.nativeLuks) for (const e of attachOrder(entries)) yield* spawnEncryptor(run, e);
  yield* run.step('libvirtd', `domain defined with ${entries.length} volume disk(s) and started${entries.some((x) => x.bdm.boot_index === 0) ? ' (<os><boot dev="hd"/>)' : ''}`, T.spawn);
}

/**
 * An encrypted volume's encryptor at spawn (nova/virt/libvirt/driver.py: `_connect_volume` ->
 * `_attach_encryptor` -> `_get_volume_encryption` from 17.0.0; `_create_domain_and_network`
 * before): Cinder's encryption metadata, then the libvirt secret (native LUKS, its uuid
 * returned) or an os-brick encryptor. A failure disconnects the volume (17.0.0 on) and fails
 * the spawn.
 */
function* spawnEncryptor(run: Run, e: BootEntry): Flow<string | undefined> {
  const w = run.world;
  const vol = e.vol!;
  const ci = e.ci!;
  if ((ci.data as Record<string, unknown>).encrypted !== true) return undefined;
  yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}/encryption`, w.facts.newFlow ? '3.44' : null);
  run.note('cinder-api', `RESP: [200] ${JSON.stringify(encryptionMetadata(vol))}`);
  try {
    const secret = yield* attachEncryptor(run, vol, ci);
    const enc = encryptionOf(vol);
    e.encryptor = secret ? { luksSecret: secret } : { encryptorOpen: enc.control_location === 'front-end' && providerFormat(enc) !== null };
    return secret;
  } catch (err) {
    if (w.facts.nativeLuks) {
      run.error('nova-compute', 'ERROR Failure attaching encryptor; rolling back volume connection');
      yield* disconnectVolume(run, ci);
    }
    throw err;
  }
}

/** One volume of the boot, as the result reports it. */
function volumeResult(e: BootEntry): BootVolumeResult {
  return {
    entry: e.bdm.entry,
    sourceType: e.bdm.source_type ?? 'blank',
    volumeId: e.vol?.id ?? null,
    volumeStatus: e.vol?.status ?? 'not created',
    attachStatus: e.vol?.attach_status ?? 'detached',
    statusSequence: e.vol ? [...e.vol.history] : [],
    deviceName: `/dev/${e.dev}`,
    sourcePath: e.sourcePath,
    xml: e.xml,
    connectionInfo: e.ci,
    bdm: e.row ? { ...e.row } : null,
  };
}

/**
 * Whether `_cleanup_volumes` detaches each volume before deleting the delete_on_termination
 * ones (openstack/nova compute/manager.py from 18.0.0; 17.0.0, 16.0.0 and 2015.1.x only delete).
 */
function cleanupDetaches(w: World): boolean {
  if (w.profile === 'modern') return true;
  if (w.profile === 'queens_to_2024_2') return w.novaRelease ? w.novaRelease.major >= 18 : true;
  return false;
}

/** The conductor re-schedules with the scheduler's alternates (Nova >= 17) rather than a new scheduler call. */
function usesAlternates(w: World): boolean {
  return w.profile === 'modern' || w.profile === 'queens_to_2024_2';
}

/** The volume BDMs in the order Nova holds them (the request's). */
function requestOrder(entries: BootEntry[]): BootEntry[] {
  return [...entries].sort((a, b) => (a.bdm.entry ?? 0) - (b.bdm.entry ?? 0));
}

/** Cinder's volume delete (cinder/volume/api.py `delete`): refused unless the volume is free. */
function* deleteVolume(run: Run, vol: VolumeState, actor = 'nova-compute'): Flow<SimError | null> {
  const w = run.world;
  yield* rest(run, actor, 'DELETE', `/volumes/${vol.id}`, null);
  const free = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'].includes(vol.status) && vol.attach_status !== 'attached' && vol.attachments.length === 0;
  if (!free) {
    const words = w.facts.newFlow
      ? 'Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer.'
      : 'Volume status must be available or error or error_restoring or error_extending and must not be migrating, attached, belong to a consistency group or have snapshots.';
    run.error('cinder-api', `RESP: [400] volume ${vol.id} is ${vol.status}: Invalid volume: ${words}`);
    return new SimError(`Invalid volume: ${words}`, 400, 'InvalidVolume');
  }
  w.setStatus(vol, 'deleting');
  run.note('cinder-api', `RESP: [202] volume ${vol.id} status deleting`);
  yield* sleep(T.rest);
  w.setStatus(vol, 'deleted', 'detached');
  run.note('cinder-volume', `volume ${vol.id} deleted`);
  return null;
}

function excText(err: unknown, reqId: string): string {
  // Nova's view of a Cinder error (services/cinder.ts novaError, attachment_delete) is already str()'d
  if (err instanceof NovaSideError) return err.message;
  if (err instanceof SimError) return err.httpStatus ? clientExceptionStr(err, reqId) : err.message;
  return String(err);
}

/** Cinder's side of one volume's detach: attachment_delete (new flow) or terminate_connection and os-detach. */
function* cinderDetach(b: Boot, e: BootEntry): Flow {
  const { w, run, instanceUuid } = b;
  const vol = e.vol!;
  const att = e.row?.attachment_id ? vol.attachments.find((a) => a.id === e.row!.attachment_id) : undefined;
  if (att) {
    yield* attachmentDelete(run, 'nova-compute', vol, att);
  } else if (e.row?.attachment_id) {
    run.note('nova-compute', `attachment ${String(e.row.attachment_id)} is already gone (VolumeAttachmentNotFound ignored)`);
  } else {
    // the virt driver's get_volume_connector, asked again for every volume (2014.2-16.x
    // compute/manager.py _shutdown_instance, inside the try that guards the Cinder calls)
    let connector;
    try {
      connector = connectorProperties(w.lab.host, w.facts, w.profile);
    } catch (err) {
      yield* sleep(T.connector);
      if (err instanceof SimError && err.kind === 'ProcessExecutionError') {
        run.error(w.facts.brickActor, 'ERROR multipathd is not running: exit code 1');
        run.error('nova-compute', `get_volume_connector raised ProcessExecutionError (os-brick get_connector_properties, enforce_multipath=True): ${err.message.split('\n').join(' ')}`);
      }
      throw err;
    }
    yield* run.step(w.facts.brickActor, 'get_connector_properties', T.connector);
    yield* osTerminateConnection(run, vol, connector);
    yield* osDetach(run, vol, instanceUuid);
  }
}

/**
 * A build aborted (BuildAbortException): `_do_build_and_run_instance` cleans the networks, then
 * `_cleanup_volumes(raise_exc=False)` walks every BDM that has a volume id. From Nova 18 each
 * volume is first detached (`_detach_volume`: the virt driver's detach on an instance libvirt
 * never defined, then Cinder), a failure logged and the walk going on; then a
 * delete_on_termination volume is deleted. Before 18 only that delete. A volume whose create
 * failed has no id on its BDM: it is left as Cinder has it.
 */
function* cleanupVolumes(b: Boot, afterShutdown = false): Flow {
  const { w, run } = b;
  const detaches = cleanupDetaches(w);
  for (const e of requestOrder(b.entries)) {
    if (!e.vol || !e.row) continue;
    const vol = e.vol;
    const id = vol.id;
    const dot = e.bdm.delete_on_termination === true;
    if (detaches) {
      const reqId = w.requestId();
      let detached = true;
      run.note('nova-compute', `INFO Detaching volume ${id}`);
      yield* rest(run, 'nova-compute', 'GET', `/volumes/${id}`, w.facts.newFlow ? w.facts.volumeReadMicroversion : null);
      run.note('nova-compute', `INFO Attempting to driver detach volume ${id} from mountpoint /dev/${e.dev}`);
      run.warn('nova-compute', 'WARNING Detaching volume from unknown instance');
      const ci = typeof e.row.connection_info === 'string' ? e.row.connection_info : null;
      if (ci === null) {
        // the BDM was never attached: get_encryption_metadata looks into a None connection_info
        const why = "argument of type 'NoneType' is not iterable";
        run.error('nova-compute', `ERROR Failed to detach volume ${id} from /dev/${e.dev}: TypeError: ${why}`);
        yield* rollDetaching(run, vol);
        run.warn('nova-compute', `WARNING Failed to detach volume: ${id} due to ${why}`);
        detached = false;
      } else {
        run.warn('nova-compute', 'WARNING During detach_volume, instance disappeared.');
        yield* run.step(w.facts.brickActor, `disconnect_volume ${id}: nothing of it was connected on this host`, T.disconnect);
        try {
          if (afterShutdown && e.row.attachment_id && !vol.attachments.some((a) => a.id === e.row!.attachment_id)) yield* attachmentGone(b, String(e.row.attachment_id), reqId);
          else yield* cinderDetach(b, e);
        } catch (err) {
          if (err instanceof AttachInputError) throw err;
          run.warn('nova-compute', `WARNING Failed to detach volume: ${id} due to ${excText(err, reqId)}`);
          detached = false;
        }
      }
      if (detached && dot) {
        run.note('nova-compute', `BDM ${String(e.row.id)} destroyed (delete_on_termination)`);
        b.destroyedRows.add(e.row);
      }
    }
    if (dot) {
      const reqId = w.requestId();
      const err = yield* deleteVolume(run, vol);
      if (err) run.warn('nova-compute', `WARNING Failed to delete volume: ${id} due to ${deleteRefusal(w, err, reqId)}`);
    }
  }
}

/**
 * One volume in the libvirt driver's `cleanup` at the destroy of a failed spawn
 * (nova/virt/libvirt/driver.py): its encryptor (flows/encryption.ts `cleanupEncryptor`), then the
 * host disconnect. Nova >= 17 runs both inside `_disconnect_volume` within cleanup's try, so a
 * failure is the WARNING "Ignoring Volume Error on vol %(vol_id)s during delete %(exc)s" (the
 * driver BDM's `get('volume_id')`, None: volume_id is an attribute of DriverVolumeBlockDevice,
 * not one of its dict keys) and the volume's disconnect is skipped. Nova <= 16 runs the
 * encryptor part before that try: its error is returned, to leave `_shutdown_instance`.
 */
function* driverCleanupVolume(b: Boot, e: BootEntry): Flow<SimError | null> {
  const { w, run } = b;
  const ignored = (err: unknown) => {
    if (err instanceof AttachInputError) throw err;
    run.warn('nova-compute', `WARNING [instance: ${b.instanceUuid}] Ignoring Volume Error on vol None during delete ${excText(err, '')}`);
  };
  if (!w.facts.nativeLuks) {
    try {
      yield* cleanupEncryptor(run, e.vol!, e.ci!, e.encryptor ?? {});
    } catch (err) {
      if (err instanceof AttachInputError || !(err instanceof SimError)) throw err;
      run.error('nova-compute', `the encryptor of volume ${e.vol!.id} raised ${err.kind} in the libvirt driver's cleanup, outside its try: destroy raises`);
      return err;
    }
  }
  try {
    if (w.facts.nativeLuks) yield* cleanupEncryptor(run, e.vol!, e.ci!, e.encryptor ?? {});
    yield* disconnectVolume(run, e.ci!);
  } catch (err) {
    ignored(err);
  }
  return null;
}

/**
 * The virt driver's spawn failed (a volume's host connect): `_build_resources` logs "Instance
 * failed to spawn" and `_shutdown_instance` tears the instance down (the driver's destroy, which
 * disconnects every volume on the host, then per volume BDM attachment_delete, or
 * terminate_connection and detach; Cinder errors are logged and ignored). `_build_and_run_instance`
 * turns the error into RescheduledException; the compute host clears host and node, sets
 * task_state scheduling and casts build_instances to the conductor. With one compute host the
 * conductor has no alternate (Nova >= 17: MaxRetriesExceeded "Exhausted all hosts…"; before:
 * the scheduler's NoValidHost) and sets the instance ERROR with that fault. `_cleanup_volumes`
 * is not called on this path: the volumes stay (available), created ones included. Without retry
 * information (`max_attempts` 1, or Nova 15.0.0/15.0.1) the compute host ends the build itself
 * (`noRetry`).
 */
function* failedSpawn(b: Boot, se: SimError): Flow {
  const { w, run, instanceUuid } = b;
  run.error('nova-compute', `ERROR [instance: ${instanceUuid}] Instance failed to spawn: ${se.kind}: ${se.message}`);
  const t0 = run.now;
  run.note('nova-compute', `INFO [instance: ${instanceUuid}] Terminating instance`);
  yield* run.step('libvirtd', 'destroy: no domain was defined for the instance (InstanceNotFound: nothing to stop)', T.rest);
  for (const e of attachOrder(b.entries)) {
    if (!e.ci) continue;
    const raised = yield* driverCleanupVolume(b, e);
    if (raised) {
      // Nova <= 16: the encryptor's error leaves the driver's cleanup, destroy and _shutdown_instance
      yield* cleanupAborted(b, se, raised, '');
      return;
    }
  }
  // the "Took …" lines of _shutdown_instance from Nova 13.0.0
  const took = logsShutdownTimes(w);
  if (took) run.note('nova-compute', `INFO [instance: ${instanceUuid}] Took ${sec(run.now - t0).toFixed(2)} seconds to destroy the instance on the hypervisor.`);
  const t1 = run.now;
  const vols = requestOrder(b.entries).filter((e) => e.vol && e.row);
  for (const e of vols) {
    const reqId = w.requestId();
    try {
      yield* cinderDetach(b, e);
    } catch (err) {
      if (err instanceof AttachInputError) throw err;
      const handled = shutdownVolumeFailure(w, e.vol!.id, err, reqId);
      if (handled.line === null) {
        yield* cleanupAborted(b, se, err, reqId);
        return;
      }
      if (handled.line.startsWith('DEBUG')) run.note('nova-compute', handled.line);
      else run.warn('nova-compute', `WARNING ${handled.line}`);
    }
  }
  if (vols.length && took) run.note('nova-compute', `INFO [instance: ${instanceUuid}] Took ${sec(run.now - t1).toFixed(2)} seconds to detach ${vols.length} volumes for instance.`);
  // _build_and_run_instance's LOG.exception (Nova >= 21.0.0; before, only the notification)
  if (logsBuildFailure(w)) run.error('nova-compute', `ERROR [instance: ${instanceUuid}] Failed to build and run instance: ${se.kind}: ${se.message}`);
  const reason = se.message;
  const sched = scheduleAttempts(w);
  b.result.maxAttempts = sched.value;
  if (!sched.retry) {
    yield* noRetry(b, se, sched);
    return;
  }
  run.note('nova-compute', `Build of instance ${instanceUuid} was re-scheduled: ${reason}`);
  run.note('nova-compute', 'instance host and node cleared; task_state scheduling; the allocation on this host deleted in placement; build_instances cast to nova-conductor');
  yield* sleep(T.cast);
  const host = w.lab.host.hostname;
  run.error('nova-conductor', `ERROR [instance: ${instanceUuid}] Error from last host: ${host} (node ${host}): ${se.kind}: ${se.message}`);
  let fault: string;
  if (usesAlternates(w)) {
    fault = `Exceeded maximum number of retries. Exhausted all hosts available for retrying build failures for instance ${instanceUuid}.`;
  } else {
    yield* run.step('nova-scheduler', 'select_destinations: the RetryFilter drops the only compute host, already tried', T.rest);
    fault = 'No valid host was found. There are not enough hosts available.';
  }
  run.warn('nova-conductor', `WARNING Failed to compute_task_build_instances: ${fault}`);
  run.warn('nova-conductor', `WARNING [instance: ${instanceUuid}] Setting instance to ERROR state.`);
  run.error('nova-conductor', `instance fault recorded: message "${fault.slice(0, 255)}"; vm_state error, task_state None; the volumes are left as Cinder has them`);
  endInError(b, se, fault, null, true);
}

/**
 * What `_shutdown_instance` does with an error of one volume's Cinder cleanup (terminate_connection
 * and detach, or attachment_delete), per release of nova/compute/manager.py: `line` is what it
 * logs before going on to the next volume, null when the error leaves `_shutdown_instance` (then
 * `_build_resources` aborts the build, `cleanupAborted`). VolumeNotFound is a DEBUG line in every
 * release. 2014.2 and 2015.1 catch nothing else; 12.0.0 (bug 1450658) catches cinderclient's
 * ClientException ("Ignoring Unknown cinder exception: <exc>"); 14.0.0 and the backports 13.1.0
 * and 12.0.3 (bug 1563547) name the volume and catch any exception.
 */
export function shutdownVolumeFailure(w: World, volumeId: string, err: unknown, reqId: string): { line: string | null } {
  const text = excText(err, reqId);
  if (err instanceof SimError && err.kind === 'VolumeNotFound') return { line: `DEBUG Ignoring VolumeNotFound: ${text}` };
  // a 400 reaches nova-compute as Nova's InvalidInput, no longer a cinderclient exception
  const cinderErr = err instanceof SimError && err.httpStatus !== null && err.kind !== 'InvalidInput';
  if (w.profile === 'kilo_prefix') return { line: null };
  const r = w.novaRelease;
  const clientOnly = w.profile === 'ocata_legacy' && r !== undefined && ((r.major === 12 && !atLeast(r, 12, 0, 3)) || (r.major === 13 && !atLeast(r, 13, 1)));
  if (clientOnly) return { line: cinderErr ? `Ignoring Unknown cinder exception: ${text}` : null };
  return { line: `Ignoring unknown ${cinderErr ? 'cinder ' : ''}exception for volume ${volumeId}: ${text}` };
}

/**
 * `_build_resources` when `_shutdown_instance` itself raised (a Cinder error: 2014.2-2015.1,
 * 12.0.0-12.0.2, 13.0.0, see `shutdownVolumeFailure`; the libvirt driver's cleanup of an encryptor:
 * Nova <= 16, `driverCleanupVolume`): BuildAbortException, so the build is never re-scheduled. Up
 * to 12.x its reason is "Could not clean up failed build, not rescheduling" and nothing is logged;
 * from 13.0.0 the WARNING "Could not clean up failed build, not rescheduling. Error: <the cleanup's
 * error>" and the spawn error as the reason.
 * `_do_build_and_run_instance` logs it (LOG.exception), cleans the networks, runs
 * `_cleanup_volumes(raise_exc=False)` (delete of the delete_on_termination volumes), records the
 * fault from the BuildAbortException and sets the instance ERROR (2014.2/2015.1 keep the host
 * and task_state spawning; 12.0.0 and later clear both).
 */
function* cleanupAborted(b: Boot, se: SimError, err: unknown, reqId: string): Flow {
  const { w, run, instanceUuid } = b;
  // nova/compute/manager.py _build_resources: from 13.0.0 (commit 03e513b3, "Do not mask original
  // spawn failure if shutdown_instance fails") a WARNING names the cleanup's error and the abort
  // keeps the spawn error as its reason; before, neither is logged and the reason is fixed words
  const r = w.novaRelease;
  const keepsSpawnError = w.profile === 'modern' || w.profile === 'queens_to_2024_2' || (w.profile === 'ocata_legacy' && (!r || r.major >= 13));
  const exc2 = excText(err, reqId);
  if (keepsSpawnError) {
    run.note('nova-compute', `_shutdown_instance raised ${err instanceof SimError ? err.kind : 'Exception'}: ${exc2}`);
    run.warn('nova-compute', `WARNING Could not clean up failed build, not rescheduling. Error: ${exc2}`);
  } else {
    run.note('nova-compute', `_shutdown_instance raised ${err instanceof SimError ? err.kind : 'Exception'}: ${exc2}; _build_resources replaces it (and the spawn error) without logging either`);
  }
  const msg = `Build of instance ${instanceUuid} aborted: ${keepsSpawnError ? se.message : 'Could not clean up failed build, not rescheduling'}`;
  run.error('nova-compute', `ERROR [instance: ${instanceUuid}] ${msg}`);
  run.note('nova-compute', 'networks deallocated (_cleanup_allocated_networks)');
  yield* cleanupVolumes(b);
  run.error('nova-compute', `instance fault recorded: message "${msg.slice(0, 255)}", code 500; the server shows status ERROR with this fault`);
  const kilo = w.profile === 'kilo_prefix';
  if (kilo) b.hostKept = true;
  run.note('nova-compute', `${kilo ? 'vm_state error (task_state spawning and the host are kept: _set_instance_error_state)' : 'instance host and node cleared; vm_state error, task_state None'}; the build is not re-scheduled (the cleanup failed)`);
  endInError(b, se, msg.slice(0, 255), kilo ? 'spawning' : null, false);
}

/** The build ends with the instance in ERROR: its fault, task state and whether it was re-scheduled. */
function endInError(b: Boot, se: SimError, fault: string, taskState: string | null, rescheduled: boolean): void {
  b.result.error = `${se.kind}: ${se.message}`;
  b.result.vmState = 'error';
  b.result.taskState = taskState;
  b.result.fault = fault;
  b.result.rescheduled = rescheduled;
  b.endMs = b.run.now;
}

/**
 * DELETE of an attachment `_shutdown_instance` already deleted (from `_cleanup_volumes` of
 * Nova 18.0.0-22.0.x, or the user's delete of the ERROR instance): services/cinder.ts
 * `attachmentDeleteGone`, Cinder's 404 then Nova's WARNING (26.0.0, 25.1.0, 24.2.0 and later)
 * or its VolumeAttachmentNotFound (before): the detach fails.
 */
function* attachmentGone(b: Boot, attachmentId: string, reqId: string, actor = 'nova-compute'): Flow {
  yield* attachmentDeleteGone(b.run, actor, attachmentId, reqId);
}

/** `_build_and_run_instance` logs "Failed to build and run instance" (LOG.exception) from Nova 21.0.0. */
function logsBuildFailure(w: World): boolean {
  if (w.profile === 'modern') return true;
  if (w.profile === 'queens_to_2024_2') return w.novaRelease ? w.novaRelease.major >= 21 : true;
  return false;
}

/** The build's schedule attempts as the compute node's release reads nova.conf. */
interface ScheduleAttempts {
  value: number;
  /** the option that gave the value, as nova.conf spells it (null: the default 3) */
  option: string | null;
  /** whether the conductor put retry information in the build's filter properties */
  retry: boolean;
  /** why an option written in the lab host was not read, or why no retry was populated */
  notes: string[];
  /** oslo.config's WARNING when the value came from the deprecated name (Nova 15-23), else null */
  deprecation: string | null;
}

/**
 * nova/conf/scheduler.py and nova/scheduler/utils.py `populate_retry`: `[DEFAULT]
 * scheduler_max_attempts` up to Nova 14, `[scheduler]max_attempts` from 15.0.0 with the old
 * name as a deprecated alias up to 23.x (removed in 24.0.0); the option wins over its alias.
 * `populate_retry` adds no retry information when the value is 1 (conductor DEBUG "Re-scheduling
 * is disabled due to "max_attempts" config" from Nova 19). Nova 15.0.0 and 15.0.1 never add it on
 * a boot: nova/conductor/manager.py `schedule_and_build_instances` calls `populate_retry` from
 * 15.0.2 and 16.0.0 (bug 1671648).
 */
function scheduleAttempts(w: World): ScheduleAttempts {
  const r = w.novaRelease;
  const nc = w.lab.host.nova_conf;
  const readsNew = w.profile === 'kilo_prefix' ? false : r ? r.major >= 15 : true;
  // without a release, queens_to_2024_2 follows the end of its span (as its other facts do)
  const readsOld = w.profile === 'modern' ? false : r ? r.major <= 23 : w.profile !== 'queens_to_2024_2';
  const notes: string[] = [];
  let value = 3;
  let option: string | null = null;
  if (readsNew && nc.max_attempts !== undefined) {
    value = nc.max_attempts;
    option = '[scheduler]max_attempts';
  } else if (readsOld && nc.scheduler_max_attempts !== undefined) {
    value = nc.scheduler_max_attempts;
    option = '[DEFAULT]scheduler_max_attempts';
  }
  if (nc.max_attempts !== undefined && !readsNew) notes.push('[scheduler]max_attempts is not read: the option exists from Nova 15 (Ocata); this release reads [DEFAULT]scheduler_max_attempts');
  if (nc.scheduler_max_attempts !== undefined && !readsOld) notes.push(`[DEFAULT]scheduler_max_attempts is not read: the deprecated name was removed in Nova 24 (Xena); [scheduler]max_attempts applies${r ? '' : ' (host.nova_release up to 23 reads it)'}`);
  if (nc.scheduler_max_attempts !== undefined && readsOld && option === '[scheduler]max_attempts') notes.push('[DEFAULT]scheduler_max_attempts is not read: [scheduler]max_attempts is set and wins over its deprecated name');
  let retry = value > 1;
  if (retry && r && r.major === 15 && !atLeast(r, 15, 0, 2)) {
    retry = false;
    notes.push(`Nova ${r.major}.${r.minor}.${r.patch}: schedule_and_build_instances does not call populate_retry (from 15.0.2 and 16.0.0, bug 1671648): the build has no retry information whatever max_attempts says`);
  }
  return { value, option, retry, notes, deprecation: option === '[DEFAULT]scheduler_max_attempts' && readsNew ? deprecatedNameWarning(w, 'scheduler_max_attempts', 'DEFAULT', 'max_attempts', 'scheduler') : null };
}

/**
 * `_do_build_and_run_instance` without retry information also runs `_cleanup_volumes` from
 * Nova 16.0.0 (commit 1a32bfd2) until 22.1.0 / 23.0.0 (commit 26c46a40, bug 1899649).
 */
function cleansVolumesWithoutRetry(w: World): boolean {
  const r = w.novaRelease;
  if (!r) return false;
  if (w.profile === 'ocata_legacy') return r.major >= 16;
  if (w.profile === 'queens_to_2024_2') return r.major < 22 || (r.major === 22 && !atLeast(r, 22, 1));
  return false;
}

/**
 * Re-scheduling off (nova/compute/manager.py `_do_build_and_run_instance`, the
 * RescheduledException branch without `filter_properties['retry']`): DEBUG "Retry info not
 * present, will not reschedule", the networks cleaned up, `_cleanup_volumes(raise_exc=False)`
 * on Nova 16.0.0-22.0.x, then the fault. From Nova 15 the fault's message is the reason alone
 * (`fault_message=e.kwargs['reason']`), host and node are cleared and the task_state too
 * (`clean_task_state=True`); 2014.2/2015.1 record the RescheduledException's own words and only
 * set vm_state error (task_state stays spawning, host kept). No call to nova-conductor.
 */
function* noRetry(b: Boot, se: SimError, sched: ScheduleAttempts): Flow {
  const { w, run, instanceUuid } = b;
  run.note('nova-compute', `DEBUG [instance: ${instanceUuid}] Retry info not present, will not reschedule`);
  run.note('nova-compute', 'networks deallocated (_cleanup_allocated_networks)');
  if (cleansVolumesWithoutRetry(w)) yield* cleanupVolumes(b, true);
  const kilo = w.profile === 'kilo_prefix';
  // fault_message=e.kwargs['reason'] from Nova 13.0.0; before, the RescheduledException's words
  const reasonOnly = !kilo && !(w.novaRelease && w.novaRelease.major < 13);
  const fault = (reasonOnly ? se.message : `Build of instance ${instanceUuid} was re-scheduled: ${se.message}`).slice(0, 255);
  const taskState = kilo ? 'spawning' : null;
  if (kilo) b.hostKept = true;
  run.error('nova-compute', `instance fault recorded: message "${fault}", code 500; the server shows status ERROR with this fault`);
  run.note('nova-compute', `${kilo ? 'vm_state error (task_state spawning and the host are kept: _set_instance_error_state)' : 'instance host and node cleared; vm_state error, task_state None'}; the build is not re-scheduled (${sched.value === 1 ? `${sched.option ?? 'max_attempts'} = 1` : 'no retry information'})`);
  endInError(b, se, fault, taskState, false);
}

/**
 * nova-conductor's `populate_retry` as the build is scheduled: the options of the lab host the
 * release does not read, and the DEBUG line of a disabled re-schedule (Nova >= 19). Nothing when
 * the lab host sets neither option.
 */
function conductorRetryNotes(b: Boot): void {
  const { w, run } = b;
  const sched = scheduleAttempts(w);
  if (sched.deprecation) run.warn('nova-conductor', sched.deprecation);
  for (const n of sched.notes) run.warn('nova-conductor', n);
  if (sched.value !== 1) return;
  const r = w.novaRelease;
  const logs = w.profile === 'modern' || (w.profile === 'queens_to_2024_2' && (!r || r.major >= 19));
  if (logs) run.note('nova-conductor', 'DEBUG Re-scheduling is disabled due to "max_attempts" config');
  else run.note('nova-conductor', `${sched.option} = 1: populate_retry adds no retry information to the build (no log line before Nova 19)`);
}

/**
 * Whether nova-api cleans up the volumes of an ERROR instance without a host
 * (nova/compute/api.py `_may_have_ports_or_volumes`, commit b3f39244 for bug 1404867: 17.0.0 and
 * the Pike backport 16.1.1). Before, `_delete` takes a host-less instance for one that was never
 * scheduled and destroys its record only.
 */
function cleansErrorInstances(w: World): boolean {
  if (w.profile === 'modern' || w.profile === 'queens_to_2024_2') return true;
  const r = w.novaRelease;
  return w.profile === 'ocata_legacy' && r !== undefined && r.major === 16 && atLeast(r, 16, 1, 1);
}

/** Cinder's 404 for a volume the failed build's _cleanup_volumes deleted while its BDM stayed. */
function* volumeGone(b: Boot, vol: VolumeState, row: BdmRow): Flow<never> {
  const { run } = b;
  if (row.attachment_id) {
    const id = String(row.attachment_id);
    yield* rest(run, 'nova-api', 'DELETE', `/attachments/${id}`, '3.44');
    run.error('cinder-api', `RESP: [404] {"itemNotFound": {"code": 404, "message": "Volume attachment could not be found with filter: attachment_id = ${id}."}}`);
    throw new SimError(`Volume attachment ${id} could not be found.`, null, 'VolumeAttachmentNotFound');
  }
  yield* rest(run, 'nova-api', 'POST', `/volumes/${vol.id}/action`, null);
  run.error('cinder-api', `RESP: [404] {"itemNotFound": {"code": 404, "message": "Volume ${vol.id} could not be found."}}`);
  throw new SimError(`Volume ${vol.id} could not be found.`, null, 'VolumeNotFound');
}

/** `_local_cleanup_bdm_volumes` for one BDM (nova/compute/api.py, 17.0.0 to 33.0.0). */
function* localCleanupBdm(b: Boot, e: BootEntry, reqId: string): Flow {
  const { run, instanceUuid } = b;
  const vol = e.vol!;
  const row = e.row!;
  if (vol.status === 'deleted') return yield* volumeGone(b, vol, row);
  if (row.attachment_id) {
    const att = vol.attachments.find((a) => a.id === row.attachment_id);
    if (att) yield* attachmentDelete(run, 'nova-api', vol, att);
    else yield* attachmentGone(b, String(row.attachment_id), reqId, 'nova-api');
  } else {
    const stored = typeof row.connection_info === 'string' ? (JSON.parse(row.connection_info) as Record<string, unknown>) : null;
    const connector = stored && typeof stored.connector === 'object' && stored.connector !== null ? (stored.connector as Connector) : null;
    if (connector) {
      run.note('nova-api', `DEBUG Found stashed volume connector for instance but connector host ${String(connector.host)} does not match the instance host None.`);
      run.note('nova-api', 'DEBUG Allowing use of stashed volume connector with instance host None because instance with vm_state error has been scheduled in the past.');
      yield* osTerminateConnection(run, vol, connector, 'nova-api');
    } else {
      run.note('nova-api', `DEBUG Unable to find connector for volume ${vol.id}, not attempting terminate_connection.`);
    }
    yield* osDetach(run, vol, instanceUuid, 'nova-api');
  }
  if (e.bdm.delete_on_termination === true) {
    const err = yield* deleteVolume(run, vol, 'nova-api');
    if (err) throw new SimError(clientExceptionStr(err, reqId), null, err.kind);
  }
}

/**
 * The user's `DELETE /servers/{id}` of the ERROR instance a failed build left (lab host
 * `delete_failed_boot`). Its host is cleared, so nova/compute/api.py `_delete` finds no compute
 * service and deletes locally: `_local_delete` (WARNING "instance's host None is down, deleting
 * from database"), the networks, then `_local_cleanup_bdm_volumes` per BDM still there:
 * attachment_delete, or for a BDM without attachment the connector stashed in its
 * connection_info (allowed with host None for a once-scheduled instance) for
 * os-terminate_connection, then os-detach; then the delete_on_termination volume; any failure
 * "Ignoring volume cleanup failure due to <exc>". Before 17.0.0 / 16.1.1 only the record goes.
 * 2015.1's no-retry branch keeps the host: that delete is nova-compute's terminate_instance,
 * not replayed here.
 */
function* deleteFailedBoot(b: Boot): Flow {
  const { w, run, instanceUuid } = b;
  yield* sleep(T.rest);
  run.note('client', `DELETE /v2.1/servers/${instanceUuid}`);
  const rows = requestOrder(b.entries).filter((e) => e.vol && e.row && !b.destroyedRows.has(e.row));
  if (b.hostKept) {
    run.note('nova-api', `HTTP 204 (no body); the instance keeps its host ${w.lab.host.hostname}: nova-api casts terminate_instance to nova-compute (_shutdown_instance, then _cleanup_volumes); that delete is not replayed here`);
    b.result.deleted = { apiStatus: 204, volumesCleaned: false };
    b.endMs = run.now;
    return;
  }
  if (!cleansErrorInstances(w)) {
    run.note('nova-api', `instance ${instanceUuid} has no host: _delete takes it for an instance never scheduled and destroys its record (and its BDM rows) without calling Cinder (volume cleanup of ERROR instances from Nova 17.0.0 and 16.1.1, bug 1404867)`);
    run.note('nova-api', 'HTTP 204 (no body)');
    for (const e of rows) run.warn('cinder-api', `volume ${e.vol!.id} left ${e.vol!.status} (attach_status ${e.vol!.attach_status})${e.vol!.attachments.length ? `, ${e.vol!.attachments.length} attachment(s) kept` : ''}: nothing tells Cinder the instance is gone`);
    b.result.deleted = { apiStatus: 204, volumesCleaned: false };
    b.endMs = run.now;
    return;
  }
  run.note('nova-api', 'HTTP 204 (no body)');
  run.note('nova-api', `DEBUG [instance: ${instanceUuid}] Compute host None not found during service up check, going to local delete instance`);
  run.warn('nova-api', `WARNING [instance: ${instanceUuid}] instance's host None is down, deleting from database`);
  run.note('nova-api', 'networks deallocated; _local_cleanup_bdm_volumes');
  for (const e of rows) {
    const reqId = w.requestId();
    try {
      yield* localCleanupBdm(b, e, reqId);
    } catch (err) {
      if (err instanceof AttachInputError) throw err;
      // cinderclient's exception as Nova got it already carries its "(HTTP …) (Request-ID: …)"
      const words = err instanceof SimError && err.kind === 'ClientException' ? err.message : excText(err, reqId);
      run.warn('nova-api', `WARNING [instance: ${instanceUuid}] Ignoring volume cleanup failure due to ${words}`);
    }
    run.note('nova-api', `BDM ${String(e.row!.id)} destroyed`);
  }
  run.note('nova-api', `instance ${instanceUuid} destroyed: vm_state deleted`);
  b.result.deleted = { apiStatus: 204, volumesCleaned: true };
  b.endMs = run.now;
}

/** `_shutdown_instance` logs how long the destroy and the volume detaches took from Nova 13.0.0 (2015.1 does not). */
function logsShutdownTimes(w: World): boolean {
  if (w.profile === 'kilo_prefix') return false;
  return w.novaRelease ? w.novaRelease.major >= 13 : true;
}
