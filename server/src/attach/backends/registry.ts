/**
 * The registered backends, one line each, in os-brick's connector order (the connector's
 * keys follow it). A new backend is a folder beside these and one line here, plus its name
 * in `Protocol` (types.ts; the compiler checks the two agree) and in the lab-host schema's
 * `protocol` enum (test/unit/attach-backends.test.ts checks that).
 */
import type { LabHost, Protocol } from '../types';
import type { VolumeState } from '../engine/world';
import type { Backend } from './backend';
import { resolveBackend, type ResolvedBackend } from './resolve';
import { fc } from './fc';
import { file } from './file';
import { iscsi } from './iscsi';
import { nfs } from './nfs';
import { rbd } from './rbd';

const REGISTRY = {
  iscsi,
  fc,
  rbd,
  nfs,
  file,
} satisfies Record<Protocol, Backend>;

export const BACKENDS: readonly Backend[] = Object.values(REGISTRY);

const BY_PROTOCOL = new Map<string, Backend>(BACKENDS.map((b) => [b.protocol, b]));
const BY_DRIVER_TYPE = new Map<string, Backend>(BACKENDS.map((b) => [b.driverVolumeType, b]));

export function backendFor(protocol: Protocol): Backend {
  const b = BY_PROTOCOL.get(protocol);
  if (!b) throw new Error(`no backend registered for protocol ${protocol}`);
  return b;
}

/** The backend of a volume (its resolved protocol). */
export function backendOf(vol: VolumeState): Backend {
  return backendFor(vol.backend.protocol);
}

/** The backend whose connection_info carries this driver_volume_type, if one is registered. */
export function backendForDriverType(driverVolumeType: string): Backend | undefined {
  return BY_DRIVER_TYPE.get(driverVolumeType);
}

/** A lab host volume's `backend` with every default filled in from the registered backends. */
export function resolveVolumeBackend(lab: LabHost, name: string): ResolvedBackend {
  return resolveBackend(lab, name, {
    names: BACKENDS.map((b) => b.protocol),
    defaults: (p) => backendFor(p).defaults,
    sharedTargets: (p) => backendFor(p).sharedTargets,
  });
}
