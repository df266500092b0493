/**
 * The simulator's seam for storage protocols. Everything that differs between iSCSI, Fibre
 * Channel, RBD, NFS and the lab's raw file is one `Backend`, in its own folder under
 * backends/, listed once in registry.ts: the connector keys of its os-brick connector class,
 * Cinder's export and initialize_connection answer, the host connect step, and the part of
 * the libvirt `<disk>` its volume driver writes. A new protocol (NVMe-oF, ...) is one folder
 * plus one line in registry.ts.
 */
import type { ConnectionInfo } from '../../libvirt/connectionInfo';
import type { DiskConfig } from '../../libvirt/diskConfig';
import type { VolumeDiskOptions } from '../../libvirt/diskXml';
import type { Run } from '../engine/run';
import type { Flow } from '../engine/scheduler';
import type { ExportState, VolumeState, World } from '../engine/world';
import type { HostFacts, LabBackend, Profile, Protocol } from '../types';

/** The connector dict os-brick's get_connector_properties builds. */
export type Connector = Record<string, unknown>;

/** What create_export leaves behind (the WWN is added by the caller). */
export type ExportFacts = Omit<ExportState, 'wwn'>;

/** The driver's initialize_connection answer. */
export interface DriverAnswer {
  driverVolumeType: string;
  /** `data`, keys in the driver's order */
  data: Record<string, unknown>;
  /** keys the driver returns beside `data` (NFS mount_point_base) */
  topLevel: Record<string, unknown>;
}

/** os-brick's (or the mount's) answer: the host device. */
export interface ConnectResult {
  type: string;
  path: string;
  scsi_wwn?: string;
  multipath_id?: string;
}

/** What a host connect step works on. `data` is connection_info.data, updated in place. */
export interface HostCtx {
  run: Run;
  vol: VolumeState;
  data: Record<string, unknown>;
  /** who logs the host steps: os-brick, or nova-compute in the pre-os-brick profiles */
  actor: string;
  wwn: string;
  /** the guest device the volume goes to (`vdb`): Nova's pre-os-brick FC driver names it in its log lines */
  mountDevice?: string;
}

/** The `<disk>` a volume is attached as: guest name, bus and device type. */
export interface DiskInfo {
  dev: string;
  bus: string;
  type: string;
}

export interface Backend {
  /** the name lab hosts give as a backend's `protocol` (and as a bare volume `backend`) */
  readonly protocol: Protocol;
  /** connection_info's driver_volume_type: Nova picks its libvirt volume driver by it */
  readonly driverVolumeType: string;
  /** the built-in reference backend of this protocol, used for a volume whose backend is the bare name */
  readonly defaults: LabBackend;
  /** what cinder-volume reports as shared_targets when the lab host does not say (attach-flow.md a.0) */
  readonly sharedTargets: boolean;
  /** attachment_update / initialize_connection latency in ms unless the backend sets update_latency_s (h #22) */
  readonly updateLatencyMs: number;
  /** keys this protocol's os-brick connector class adds to the connector (registry order = os-brick's order) */
  connectorProperties(host: HostFacts, profile: Profile): Connector;
  /** Cinder's validate_connector: throws a SimError (400 InvalidInput) for a connector it cannot use */
  validateConnector(run: Run, vol: VolumeState, connector: Connector): void;
  /** Cinder's create_export (once per volume; the caller keeps the result) */
  createExport(run: Run, w: World, vol: VolumeState): ExportFacts;
  /** the SCSI WWN the host sees for the volume (a lab host's `wwn` wins before this is asked) */
  wwn(vol: VolumeState, tid: number, lun: number): string;
  /** the driver's initialize_connection: connection_info data in the driver's key order */
  initializeConnection(run: Run, w: World, vol: VolumeState, connector: Connector, ex: ExportState): DriverAnswer;
  /** the host step of Nova's volume driver (os-brick, a mount): sets data.device_path; null when there is none */
  connectVolume(ctx: HostCtx): Flow<ConnectResult | null>;
  /** the reverse of connectVolume */
  disconnectVolume(run: Run, ci: Record<string, unknown>): Flow;
  /** the `<disk>` fields the libvirt volume driver builds for this connection_info */
  diskConfig(ci: ConnectionInfo, disk: DiskInfo, opts: VolumeDiskOptions): DiskConfig;
}
