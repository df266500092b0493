/**
 * Nova's libvirt volume drivers on the compute host (attach-flow.md C8.3, e.1): pick the
 * handler for driver_volume_type, then the registered backend's host step (os-brick, a
 * mount, nothing) sets data.device_path. Also the reverse (disconnect_volume).
 */
import type { ConnectResult } from '../backends/backend';
import { backendForDriverType } from '../backends/registry';
import { SimError, type Run } from '../engine/run';
import type { Flow } from '../engine/scheduler';
import type { VolumeState } from '../engine/world';

/** driver_volume_type values Nova's libvirt driver has a volume driver for. */
const HANDLERS = new Set(['iscsi', 'iser', 'local', 'fake', 'rbd', 'nfs', 'smbfs', 'fibre_channel', 'gpfs', 'quobyte', 'scaleio', 'vzstorage', 'storpool', 'nvmeof', 'lightos', 'file']);

/**
 * Connect the volume on the host and return the backend's answer (null when it has no host
 * step). Mutates `ci.data` the way Nova does: device_path, and multipath_id for FC.
 */
export function* connectVolume(run: Run, vol: VolumeState, ci: Record<string, unknown>, wwn: string, mountDevice?: string): Flow<ConnectResult | null> {
  const type = String(ci.driver_volume_type);
  const data = ci.data as Record<string, unknown>;
  if (!HANDLERS.has(type)) throw new SimError(`Could not find a handler for ${type} volume.`, null, 'VolumeDriverNotFound');
  const backend = backendForDriverType(type);
  if (!backend) throw new SimError(`The ${type} volume driver is not simulated by the lab host.`, null, 'VolumeDriverNotSupported');
  return yield* backend.connectVolume({ run, vol, data, actor: run.world.facts.brickActor, wwn, mountDevice });
}

/** disconnect_volume: flush and remove the host device, log out or unmount when unused. */
export function* disconnectVolume(run: Run, ci: Record<string, unknown>): Flow {
  const backend = backendForDriverType(String(ci.driver_volume_type));
  if (backend) yield* backend.disconnectVolume(run, ci);
}
