/**
 * Boot from volume (attach-flow.md b): nova-api reserves the existing volumes, then
 * nova-compute's _prep_block_device creates image/snapshot/blank volumes and polls them
 * (block_device_allocate_retries), attaches each with do_driver_attach=False (the volume
 * is in-use before the host connects), and spawn connects them and builds the <disk>s.
 */
import { driverClassOf, type NovaBdm } from '../../nova/types';
import { attachmentComplete, attachmentCreate, attachmentUpdate, novaError, osAttach, osInitializeConnection, osReserve, rest } from '../services/cinder';
import { connectorProperties } from '../backends/connector';
import { busPrefix } from './devices';
import { volumeWwn } from '../services/cinderConnection';
import { connectVolume } from './hostConnect';
import { redactDeep } from '../redact';
import { Run, SimError } from '../engine/run';
import { sleep, type Flow } from '../engine/scheduler';
import { sec, T } from '../engine/timings';
import { AttachInputError, type BootResult, type BootVolumeResult, type CreateStatusStep, type LabHost, type LabVolume, type SimulateOptions } from '../types';
import { World, letters, type BdmRow, type VolumeState } from '../engine/world';
import { resolveVolumeBackend } from '../backends/registry';
import { volumeXml } from './diskXml';

interface BootEntry {
  bdm: NovaBdm;
  vol: VolumeState | null;
  dev: string;
  bus: string;
  row: BdmRow | null;
  xml: string | null;
  ci: Record<string, unknown> | null;
  sourcePath: string | null;
}

const GROUP: Record<string, number> = { volume: 0, snapshot: 1, image: 2, blank: 3 };

function statusAt(timeline: CreateStatusStep[], elapsedMs: number): string {
  let st = 'creating';
  for (const s of timeline) if (s.after_s * 1000 <= elapsedMs) st = s.status;
  return st;
}

function* createVolume(run: Run, e: BootEntry, instanceUuid: string, lab: LabHost): Flow<VolumeState> {
  const w = run.world;
  const b = e.bdm;
  const size = b.volume_size ?? 1;
  const body: Record<string, unknown> = { size, volume_type: b.volume_type, availability_zone: null, name: b.source_type === 'blank' ? `${instanceUuid}-blank-vol` : '' };
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
  const lv: LabVolume = { id, size, status: 'creating', attach_status: 'detached', multiattach: false, availability_zone: 'nova', bootable: b.source_type === 'image', encrypted: false, readonly: false, qos_specs: null, attachments: [], backend: lab.default_backend ?? 'iscsi' };
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
      run.error('nova-compute', `WARNING Volume id: ${id} finished being created but its status is ${st}.`);
      // _call_wait_func: VolumeNotCreated deletes a delete_on_termination volume, whatever the cause
      if (b.delete_on_termination) yield* rest(run, 'nova-compute', 'DELETE', `/volumes/${id}`, null);
      throw new SimError(`Volume ${id} did not finish being created even after we waited ${Math.floor((run.now - created) / 1000)} seconds or ${attempt} attempts. And its status is ${st}.`, null, 'VolumeNotCreated');
    }
    yield* sleep(interval);
  }
  if (b.delete_on_termination) yield* rest(run, 'nova-compute', 'DELETE', `/volumes/${id}`, null);
  throw new SimError(`Volume ${id} did not finish being created even after we waited ${Math.floor((run.now - created) / 1000)} seconds or ${attempts} attempts. And its status is ${vol.status}.`, null, 'VolumeNotCreated');
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
  const b: Boot = { w, run, lab, instanceUuid, entries: planBoot(w, lab, bdms), endMs: 0, result: { outcome: 'error', apiStatus: 202, error: null, instanceUuid, volumes: [], durationS: 0, steps: run.steps } };
  const flow = function* (): Flow {
    run.note('client', `POST /v2.1/servers {"server": {"block_device_mapping_v2": [${bdms.length} entries]}}`);
    if (!(yield* apiPhase(b))) return;
    run.note('nova-api', `HTTP 202 ${JSON.stringify({ server: { id: instanceUuid } })}`);
    yield* sleep(T.cast);
    run.note('nova-compute', `[instance: ${instanceUuid}] Start building block device mappings for instance.`);
    try {
      yield* computePhase(b);
      yield* spawnPhase(b);
      b.result.outcome = 'active';
      b.endMs = run.now;
    } catch (err) {
      const se = err instanceof SimError ? err : new SimError(String(err), null, 'Exception');
      if (err instanceof AttachInputError) throw err;
      run.error('nova-compute', 'ERROR Instance failed block device setup');
      const msg = `Build of instance ${instanceUuid} aborted: ${se.message}`;
      run.error('nova-compute', `ERROR BuildAbortException: ${msg}; instance vm_state error`);
      // _do_build_and_run_instance: add_instance_fault_from_exc(BuildAbortException): its
      // formatted message cut to 255 (utils.safe_truncate), code 500 (so the traceback is kept)
      run.error('nova-compute', `instance fault recorded: message "${msg.slice(0, 255)}", code 500; the server shows status ERROR with this fault`);
      b.result.error = `${se.kind}: ${se.message}`;
      b.endMs = run.now;
    }
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
      if (!w.facts.newFlow) yield* osReserve(run, e.vol);
      e.row = w.newBdm({ instance_uuid: instanceUuid, volume_id: e.vol.id, attachment_id: att?.id ?? null, source_type: bdm.source_type, volume_type: bdm.volume_type, image_id: bdm.source_type === 'image' ? bdm.uuid : null, snapshot_id: bdm.source_type === 'snapshot' ? bdm.uuid : null });
    }
    const vol = e.vol;
    const row = e.row!;
    Object.assign(row, { device_name: at, boot_index: bdm.boot_index, disk_bus: bdm.disk_bus, device_type: bdm.device_type, delete_on_termination: bdm.delete_on_termination, tag: bdm.tag, guest_format: bdm.guest_format, volume_size: vol.size });
    w.bdms.push(row);
    yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}`, w.facts.newFlow ? w.facts.volumeReadMicroversion : null);
    const connector = connectorProperties(w.lab.host, w.facts, w.profile);
    yield* run.step(w.facts.brickActor, 'get_connector_properties', T.connector);
    let ci: Record<string, unknown>;
    if (w.facts.newFlow) {
      const att = vol.attachments.find((a) => a.instance_uuid === instanceUuid)!;
      ci = yield* attachmentUpdate(run, vol, att, { ...connector, mountpoint: at });
      row.connection_info = JSON.stringify(ci);
      run.note('nova-compute', `BDM ${row.id} connection_info saved`);
      yield* attachmentComplete(run, vol, att);
    } else {
      ci = yield* osInitializeConnection(run, vol, connector);
      ci.connector = connector;
      ci.serial = vol.id;
      row.connection_info = JSON.stringify(ci);
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
    e.sourcePath = typeof data.device_path === 'string' ? data.device_path : typeof data.host_device === 'string' ? data.host_device : typeof data.name === 'string' ? data.name : null;
    e.xml = volumeXml(w, e.ci!, { dev: e.dev, bus: e.bus, type: e.bdm.device_type ?? 'disk' }, { scsiUnit: e.bus !== 'scsi' ? undefined : e.bdm.boot_index === 0 ? 0 : scsiUnits++ });
    e.row!.connection_info = JSON.stringify(e.ci);
    run.note('nova-compute', `vol.save(): BDM ${e.row!.id} connection_info with device_path`);
  }
  yield* run.step('libvirtd', `domain defined with ${entries.length} volume disk(s) and started${entries.some((x) => x.bdm.boot_index === 0) ? ' (<os><boot dev="hd"/>)' : ''}`, T.spawn);
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
