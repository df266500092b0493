/**
 * cinder-volume's side of a connection: validate_connector, create_export and the driver's
 * initialize_connection, each asked of the volume's backend (backends/), then
 * _parse_connection_options, the keys Cinder appends to every `data` (attach-flow.md c, d.1-d.5).
 */
import type { Connector, DriverAnswer } from '../backends/backend';
import { backendOf } from '../backends/registry';
import { SimError, type Run } from '../engine/run';
import type { ExportState, VolumeState, World } from '../engine/world';
import { frontEndQos } from '../../libvirt/volumeDetails';
import { cinderSeries } from '../engine/novaRelease';

export type { DriverAnswer } from '../backends/backend';

/** attachment_update / initialize_connection latency: the lab host's update_latency_s, else the backend's (h #22). */
export function updateLatencyMs(vol: VolumeState): number {
  const override = vol.backend.updateLatencyS;
  return override !== undefined ? Math.round(override * 1000) : backendOf(vol).updateLatencyMs;
}

/** The SCSI WWN the host sees for the volume: the lab host's, else the backend's. */
export function volumeWwn(vol: VolumeState, tid = 1, lun = 1): string {
  if (vol.lab.wwn) return vol.lab.wwn.toLowerCase();
  return backendOf(vol).wwn(vol, tid, lun);
}

/** validate_connector: what the volume's backend checks. */
export function validateConnector(run: Run, vol: VolumeState, connector: Connector): void {
  backendOf(vol).validateConnector(run, vol, connector);
}

/** create_export, written once per volume. */
export function createExport(run: Run, w: World, vol: VolumeState): ExportState {
  if (vol.exported) return vol.exported;
  const ex = backendOf(vol).createExport(run, w, vol);
  vol.exported = { ...ex, wwn: volumeWwn(vol, ex.tid || 1, ex.lun) };
  return vol.exported;
}

/**
 * The driver's initialize_connection answer, keys in the driver's order. A driver that fails
 * inside it (lab host `initialize_connection_error`): cinder/volume/manager.py
 * `_connection_create` (attachments) and `initialize_connection` (legacy), the same words from
 * Cinder 7.0.0 to 28.0.0: LOG.exception "Driver initialize connection failed (error: <str of
 * the exception>)." (2014.2: LOG.error "Unable to fetch connection information from backend:
 * <err>"), then `remove_export` (the callers), then VolumeBackendAPIException with that
 * message after the class's "Bad or unexpected response from the storage volume backend API: ".
 */
export function initializeConnection(run: Run, w: World, vol: VolumeState, connector: Connector): DriverAnswer {
  const ex = createExport(run, w, vol);
  const failure = vol.backend.initializeConnectionError;
  if (failure !== null) {
    // Cinder 2014.2 (the kilo_prefix era) words it as its own LOG.error "Unable to fetch connection
    // information from backend: <err>"; 7.0.0 and later as above
    const msg = w.profile === 'kilo_prefix' ? `Unable to fetch connection information from backend: ${failure}` : `Driver initialize connection failed (error: ${failure}).`;
    run.error('cinder-volume', `ERROR ${msg}`);
    throw new SimError(`Bad or unexpected response from the storage volume backend API: ${msg}`, 500, 'VolumeBackendAPIException');
  }
  return backendOf(vol).initializeConnection(run, w, vol, connector, ex);
}

/** Front-end QoS specs with per-GB values turned into absolute integers. */
function qosFor(vol: VolumeState): Record<string, unknown> | null {
  return frontEndQos(vol.lab.qos_specs, vol.size);
}

/**
 * The keys cinder/volume/manager.py appends to every `data` (`initialize_connection`, then
 * `_parse_connection_options`), per Cinder release: `qos_specs` and `access_mode` in every
 * release; `encrypted` where the driver did not set it from 7.0.0 (2014.2 and 2015.1 have it only
 * from the iSCSI drivers' `_get_iscsi_properties`); `discard` (report_discard_supported) from
 * 8.0.0; `cacheable` from 17.0.0.
 */
export function withCommonKeys(w: World, vol: VolumeState, data: Record<string, unknown>): Record<string, unknown> {
  const out = { ...data };
  const cinder = cinderSeries(w);
  // block sizes are the volume driver's own keys (before Cinder's common ones)
  if (vol.lab.logical_block_size !== undefined) out.logical_block_size = vol.lab.logical_block_size;
  if (vol.lab.physical_block_size !== undefined) out.physical_block_size = vol.lab.physical_block_size;
  out.qos_specs = qosFor(vol);
  out.access_mode = vol.lab.readonly ? 'ro' : 'rw';
  if (!('encrypted' in data) && cinder >= 7) out.encrypted = vol.lab.encrypted;
  // report_discard_supported: only where the driver did not say
  if (vol.lab.discard && out.discard === undefined && cinder >= 8) out.discard = true;
  if (cinder >= 17) out.cacheable = false;
  return out;
}
