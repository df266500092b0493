/**
 * Data shapes of the attach engine: the lab host (shared/spec/attach-flow.md §k), the
 * requests it replays and the result it reports. Plain JSON in and out, so the CLI, the
 * language server and the webview can all hold them.
 */
import type { Hashes } from '../ports';

export type Profile = 'modern' | 'queens_to_2024_2' | 'ocata_legacy' | 'kilo_prefix';
export const PROFILES: readonly Profile[] = ['modern', 'queens_to_2024_2', 'ocata_legacy', 'kilo_prefix'];

/** `file` is a lab-only stand-in (a raw file on the lab host), not a Cinder backend. */
export type Protocol = 'iscsi' | 'fc' | 'rbd' | 'nfs' | 'file';

export interface FcHba {
  /** SCSI host number, e.g. 5 for /sys/class/scsi_host/host5 */
  host: number;
  pci: string;
  wwpn: string;
  wwnn: string;
  port_state: 'Online' | 'Offline' | 'Linkdown';
}

import type { NovaConf as ContextNovaConf } from '../model/context';

export interface NovaConf {
  /** `[libvirt]num_volume_scan_tries` (default 5); read from Nova 16.0.0 (engine/novaConfRead.ts `volumeScanTries`) */
  num_volume_scan_tries: number;
  /** the lab host writes `num_volume_scan_tries` (a release before 16.0.0 does not read it: a note says so) */
  num_volume_scan_tries_given?: boolean;
  /** `[libvirt]num_iscsi_scan_tries` as written: the option up to Nova 15, the deprecated name of `num_volume_scan_tries` from 16.0.0 */
  num_iscsi_scan_tries?: number;
  cross_az_attach: boolean;
  virt_type: 'kvm' | 'qemu';
  block_device_allocate_retries: number;
  block_device_allocate_retries_interval: number;
  max_disk_devices_to_attach: number;
  nfs_mount_point_base: string;
  /**
   * `[libvirt]nfs_mount_options` as written (no default: absent or null = not set); when set,
   * the NFS volume driver's mount command carries `-o <value>` before Cinder's `options`
   */
  nfs_mount_options?: string | null;
  /**
   * `[scheduler]max_attempts` as written (Nova >= 15; absent = the default 3): 1 turns re-scheduling
   * off, so a build whose spawn fails ends on its compute host (flows/boot.ts `noRetry`)
   */
  max_attempts?: number;
  /** `[DEFAULT]scheduler_max_attempts` as written: the only name up to Nova 14, a deprecated alias read up to Nova 23 */
  scheduler_max_attempts?: number;
  /**
   * the `[DEFAULT]` and `[libvirt]` options of the context's nova_conf given in the lab host's
   * sections (one vocabulary): disk_cachemodes, rbd_user, images_type, ... for the XML
   */
  sections?: ContextNovaConf;
}

export interface HostFacts {
  hostname: string;
  ip: string;
  platform: string;
  os_type: string;
  /** null = /etc/iscsi/initiatorname.iscsi missing: the key is absent from the connector */
  initiator: string | null;
  fc_hbas: FcHba[];
  multipath_enabled: boolean;
  multipathd_running: boolean;
  /**
   * multipathd stops answering at this simulated second (it crashed or was stopped mid-flow):
   * from then on `multipathd show status` fails as with `multipathd_running` false; null = it
   * keeps the state `multipathd_running` gives. The engine reads `multipathd_running` through
   * the clock (engine/world.ts).
   */
  multipathd_stops_at_s: number | null;
  iscsiadm_supports_manual_scan: boolean;
  /** sdX names already present, so the next volume gets the next letter */
  existing_scsi_disks: string[];
  /** dm-N names already present */
  existing_dm_devices: string[];
  /** nova-compute's service uuid (names the os-brick guard lock) */
  service_uuid: string;
  nova_conf: NovaConf;
  /**
   * the compute node's Nova release (`26.2.2`, `2023.1`, `zed`), inside the profile's span
   * (checked on load); absent = the profile's own behaviour
   */
  nova_release?: string;
}

export interface Portal {
  address: string;
  /** IQN served on this portal; defaults to the backend's IQN for the volume */
  iqn?: string;
  reachable: boolean;
  /** an unreachable portal that actively refuses fails fast (exit 4) instead of timing out */
  refuses?: boolean;
}

export interface LabBackend {
  protocol: Protocol;
  /** free text shown in the timeline, e.g. "LVMVolumeDriver (tgtadm)" */
  driver: string;
  /** seconds cinder-volume spends in attachment_update / initialize_connection (h #22) */
  update_latency_s?: number;
  /**
   * false = cinder-volume's driver failed do_setup / check_for_setup_error at start
   * (`driver.initialized` False): attachment_update raises DriverNotInitialized after the
   * driver's own calls, attachment_delete before them. Default true.
   */
  driver_initialized?: boolean;
  /**
   * the str() of the exception the volume driver's `initialize_connection` raises (a failure
   * inside the driver: a mapping the array refuses, a lost session): cinder-volume logs
   * "Driver initialize connection failed (error: …).", removes the export and raises
   * VolumeBackendAPIException. Absent = the driver answers.
   */
  initialize_connection_error?: string;
  /**
   * the str() of the exception the volume driver's `terminate_connection` raises: cinder-volume
   * raises VolumeBackendAPIException ("Terminate volume connection failed: …"; 2014.2/2015.1
   * "Unable to terminate volume connection: …"), so `os-terminate_connection` answers 500
   * "Unable to terminate volume connection from backend." and an attachment's DELETE a bare 500
   * (cinder/volume/manager.py `_connection_terminate`). Replayed by the boot from volume's
   * cleanup (flows/boot.ts); the hot attach and the detach note that they do not replay it.
   * Absent = the driver answers.
   */
  terminate_connection_error?: string;
  // iSCSI
  target_helper?: 'tgtadm' | 'lioadm' | 'vendor';
  target_prefix?: string;
  volume_group?: string;
  portals?: Portal[];
  /** vendor arrays: the fixed LUN they map */
  lun?: number;
  /** LVM/tgt always sends CHAP (d.2); vendor backends only when set */
  chap?: boolean;
  target_discovered?: boolean;
  // Fibre Channel
  target_wwns?: string[];
  /** false = a driver that indexes connector['wwpns'] without validating (KeyError, 500) */
  validates_connector?: boolean;
  /** true = each connector wwpn mapped to every target (default); false = no map; an object = the driver's `{initiator_wwpn: [target_wwpn, …]}` pairs */
  initiator_target_map?: boolean | Record<string, string[]>;
  // RBD
  pool?: string;
  monitors?: Array<{ host: string; port: string | null }>;
  cluster_name?: string;
  rbd_user?: string | null;
  secret_uuid?: string | null;
  /** keyring text; only releases that still read rbd_keyring_conf send it (d.4) */
  keyring?: string;
  // NFS
  export?: string;
  /** the connection_info's `options` (the share's nfs_shares_config options); null/absent = none (sent as null) */
  options?: string | null;
  mount_point_base?: string;
  /** the stderr of nova-compute's `mount -t nfs` of this share, which then fails (exit 32) */
  mount_error?: string;
  // file (lab stand-in)
  directory?: string;
}

export interface LabAttachment {
  id: string;
  instance_uuid: string;
  attach_status: 'reserved' | 'attaching' | 'attached' | 'detaching';
  mountpoint?: string | null;
  /** the host the attachment was connected from (Cinder's attached_host, the connector's host); null = none yet */
  host?: string | null;
  /** the attachment already carries connection_info (attachment_update ran for it); default: it has a host and is past reserved */
  connection_info?: boolean;
  /** Nova has a BDM for it (default); false = an attachment made outside Nova (Cinder's API directly) */
  nova_bdm?: boolean;
}

export interface CreateStatusStep {
  status: 'creating' | 'downloading' | 'available' | 'error';
  /** seconds after the create request */
  after_s: number;
}

/** The volume type's encryption (Cinder's GET /volumes/{id}/encryption). */
export interface VolumeEncryption {
  /** `luks` (QEMU's native LUKS through a libvirt secret), `luks2`, `plain`, or a legacy class name */
  provider: string;
  cipher: string | null;
  key_size: number | null;
  /** `front-end`: Nova decrypts; `back-end`: the storage does (no encryptor on the host) */
  control_location: 'front-end' | 'back-end';
}

export interface LabVolume {
  id: string;
  name?: string;
  size: number;
  status: string;
  attach_status: 'detached' | 'attached' | 'attaching' | 'detaching';
  multiattach: boolean;
  /** undefined = what cinder-volume computes for the protocol (a.0) */
  shared_targets?: boolean | null;
  availability_zone: string;
  bootable: boolean;
  encrypted: boolean;
  /** the encryption details when `encrypted` (default: luks, aes-xts-plain64, 256, front-end) */
  encryption?: VolumeEncryption;
  readonly: boolean;
  /** legacy profiles: cinder-volume's os-attach fails with this error */
  os_attach_error?: string;
  /**
   * attachments flow: cinder-api's os-complete (`attachment_complete`) fails with a database
   * error with these words and answers a bare 500
   */
  attachment_complete_error?: string;
  qos_specs: Record<string, string | number> | null;
  /** Cinder's `report_discard_supported` for this volume's backend: `data.discard` true */
  discard?: boolean;
  /** the volume driver's `data.logical_block_size` / `physical_block_size`: `<blockio>` */
  logical_block_size?: string;
  physical_block_size?: string;
  attachments: LabAttachment[];
  /** a key of `backends`, or a protocol name for its built-in default */
  backend: string;
  lun_visible?: boolean;
  wwn?: string;
  /** seconds after the last path login until the multipath device appears; null = never */
  dm_uuid_link_appears_after_s?: number | null;
  /** host SCSI rescans before the LUN shows (0 = at once); `lun_visible: false` still means never */
  lun_visible_after_rescans?: number;
  /** seconds after os-brick's first wait_for_rw check that the device stays read-only; null = for good; 0/absent = rw */
  read_only_for_s?: number | null;
  /** NFS / file: image format on the share */
  format?: string;
  /** NFS: virtual size in GiB reported by qemu-img (defaults to size) */
  virtual_size_gib?: number;
  /** file backend: the raw file that backs the volume */
  path?: string;
}

export interface LabInstance {
  uuid: string;
  name?: string;
  vm_state: string;
  task_state: string | null;
  power_state: 'running' | 'paused' | 'shutdown' | 'crashed' | 'suspended';
  locked: boolean;
  launched: boolean;
  availability_zone: string;
  /** guest device names already in the mapping (root disk, ephemerals, volumes), e.g. ["vda"] */
  existing_devices: string[];
  /** volume ids Nova already has a BDM for on this instance */
  bdm_volume_ids: string[];
  image_hw_disk_bus: string | null;
  config_drive: boolean;
  /** the instance's flavor: its ephemeral and swap disks take device names before any volume */
  flavor?: { root_gb: number; ephemeral_gb: number; swap_mb: number };
  /** makes attachDeviceFlags fail with this libvirt error (e.g. no ACPI hot-plug) */
  attach_device_error?: string;
  /** the live detach request on which the guest lets go of a volume (1 = the first), or never */
  guest_detach_release?: number | 'never';
}

export interface LabImage {
  id: string;
  name?: string;
  size_gib: number;
  /** Glance's min_disk (GiB) and min_ram (MiB): the compute API checks the root and the flavor against them */
  min_disk?: number;
  min_ram?: number;
  create_status_timeline?: CreateStatusStep[];
}

export interface LabSnapshot {
  id: string;
  volume_id?: string;
  size: number;
  volume_type?: string | null;
  create_status_timeline?: CreateStatusStep[];
}

export interface LabLibvirt {
  uri: string;
  domain: string;
  /** absolute directories whose regular files the real step may attach; empty = none */
  allowed_paths: string[];
}

export interface LabHost {
  name: string;
  description?: string;
  profile: Profile;
  /** compute microversion used when no --context gives one */
  microversion?: string;
  host: HostFacts;
  backends: Record<string, LabBackend>;
  volumes: LabVolume[];
  instances: LabInstance[];
  images: LabImage[];
  snapshots: LabSnapshot[];
  /** backend that receives volumes created for boot-from-volume */
  default_backend?: string;
  /** the uuid of the instance a boot from volume builds (absent: a stable one is derived) */
  boot_instance_uuid?: string;
  /** after a failed boot from volume, replay the user's DELETE of the ERROR instance (flows/boot.ts `deleteFailedBoot`) */
  delete_failed_boot?: boolean;
  /** timeline for blank volumes created at boot */
  blank_create_status_timeline?: CreateStatusStep[];
  libvirt?: LabLibvirt;
}

/** `{"volumeAttachment": {...}}` as the client sends it. */
export interface VolumeAttachmentBody {
  volumeId?: unknown;
  device?: unknown;
  tag?: unknown;
  delete_on_termination?: unknown;
  [k: string]: unknown;
}

export interface AttachRequest {
  server_id: string;
  volumeAttachment: VolumeAttachmentBody;
}

export type RaceTrigger = { afterInUseS: number } | { atStatus: string };
/** The volume statuses an attach passes through, where a detach may be sent (`atStatus`). */
export const DETACH_AT_STATUSES: readonly string[] = ['reserved', 'attaching', 'in-use'];

/** A simulation's options as data (they travel to the document worker). */
export interface SimulateSettings {
  profile?: Profile;
  microversion?: string;
  showSecrets?: boolean;
  race?: RaceTrigger;
}

/**
 * How a step went, as the engine knew it when it recorded the step: `ok` an action that
 * succeeded, `info` a log line or event, `warn` a degraded but survivable outcome (a WARNING
 * of the real service, a path lost), `error` a failure at this step (an ERROR, an HTTP error
 * answer, a failed login), `skipped` an action the flow does not take (nothing to do, not run).
 */
export type StepStatus = 'ok' | 'info' | 'warn' | 'error' | 'skipped';
export const STEP_STATUSES: readonly StepStatus[] = ['ok', 'info', 'warn', 'error', 'skipped'];

export interface SimulateOptions extends SimulateSettings {
  /** the host's hashes (Nova names an NFS mount point by an md5): the edges pass nodeHost().hashes */
  hashes: Hashes;
}

export interface Step {
  actor: string;
  at: number;
  durationS: number;
  text: string;
  /** set by the engine on every step it records; steps added outside it (the real libvirt step) get theirs from their caller */
  status?: StepStatus;
}

export interface DetachResult {
  apiStatus: number;
  error: string | null;
  /** live detach requests libvirt got from Nova (the retry loop), when the detach reached the driver */
  liveDetachRequests?: number;
}

/** How the attach itself ended. */
export type AttachOutcome = 'attached' | 'failed';
/**
 * How the whole flow the user asked for ended: the attach alone (`attached`, `failed`), or
 * the attach and the detach requested with it: `detached` (the detach ran to the end),
 * `stuck` (the volume is left `detaching`), `detach_failed` (the detach was refused or failed
 * without leaving the volume stuck), `detach_not_sent` (the volume never reached the status
 * the detach waited for). A failed attach is `failed` whatever the detach did.
 */
export type FlowOutcome = AttachOutcome | 'detached' | 'stuck' | 'detach_failed' | 'detach_not_sent';
export const FLOW_OUTCOMES: readonly FlowOutcome[] = ['attached', 'failed', 'detached', 'stuck', 'detach_failed', 'detach_not_sent'];

/** The outcome of the flow: the attach's, then the requested detach's (FlowOutcome). */
export function flowOutcome(attach: AttachOutcome, detachRequested: boolean, detach: DetachResult | undefined, volumeStatus: string): FlowOutcome {
  if (attach === 'failed' || !detachRequested) return attach;
  if (!detach) return 'detach_not_sent';
  if (volumeStatus === 'detaching') return 'stuck';
  if (detach.error !== null || detach.apiStatus >= 400) return 'detach_failed';
  return 'detached';
}

export interface AttachResult {
  /** the whole flow: the attach, and the detach when one was requested (FlowOutcome) */
  outcome: FlowOutcome;
  /** the attach's own outcome */
  attachOutcome: AttachOutcome;
  apiStatus: number;
  error: string | null;
  volumeStatus: string;
  attachStatus: string;
  statusSequence: string[];
  deviceName: string | null;
  sourcePath: string | null;
  libvirtFlags: number | null;
  xml: string | null;
  connectionInfo: Record<string, unknown> | null;
  bdm: Record<string, unknown> | null;
  durationS: number;
  steps: Step[];
  detach?: DetachResult;
  others?: AttachResult[];
}

/** One volume of a boot-from-volume run. */
export interface BootVolumeResult {
  entry: number | null;
  sourceType: string;
  volumeId: string | null;
  volumeStatus: string;
  attachStatus: string;
  statusSequence: string[];
  deviceName: string | null;
  sourcePath: string | null;
  xml: string | null;
  connectionInfo: Record<string, unknown> | null;
  bdm: Record<string, unknown> | null;
}

export interface BootResult {
  outcome: 'active' | 'error';
  apiStatus: number;
  error: string | null;
  instanceUuid: string;
  volumes: BootVolumeResult[];
  durationS: number;
  steps: Step[];
  /** after a failed build: the instance's vm_state and task_state as Nova leaves them */
  vmState?: 'active' | 'error';
  taskState?: string | null;
  /** the instance fault's message (a failed build) */
  fault?: string | null;
  /** the compute host asked nova-conductor to re-schedule the build (a spawn failure) */
  rescheduled?: boolean;
  /**
   * the build's schedule attempts as the release reads them (`[scheduler]max_attempts`, or
   * `[DEFAULT]scheduler_max_attempts`), set after a spawn failure; 1 = re-scheduling off
   */
  maxAttempts?: number;
  /**
   * the user's `DELETE /servers/{id}` of the failed build (lab host `delete_failed_boot`): its
   * answer, and whether nova-api cleaned the volumes up (Nova >= 17.0.0 / 16.1.1) or only
   * destroyed the instance record; `volumes` then shows what the delete left
   */
  deleted?: { apiStatus: number; volumesCleaned: boolean };
}

/** Input the engine cannot simulate (unknown instance/volume, bad lab host): not a Nova answer. */
export class AttachInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttachInputError';
  }
}
