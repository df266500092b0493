/**
 * `[workarounds]rbd_volume_local_attach` (Nova 21.0.0 to 23.x, engine/novaConfRead.ts
 * labWorkarounds): Nova's network volume driver (nova/virt/libvirt/volume/net.py at 21.0.0,
 * `connect_volume` / `disconnect_volume`) hands the RBD connection's data to os-brick's
 * RBDConnector built with do_local_attach, which maps the image through the kernel's rbd module;
 * Nova stores the returned path as data.device_path and `get_config` writes a block `<disk>`.
 *
 * What os-brick's connector runs, per the series Nova's release uses (3.0 Ussuri = Nova 21,
 * 4.0 Victoria = 22, 4.3 Wallaby = 23), os_brick/initiator/connectors/rbd.py:
 * - attach (`connect_volume`, from 4.0 `_local_attach_volume`): `which rbd` (a failure is
 *   "ceph-common package is not installed."), data['name'] split at "/" into pool and image, then
 *   `rbd map <image> --pool <pool>` plus `_get_rbd_args` unless `/dev/rbd/<pool>/<image>` already
 *   links to a device, and `{'path': '/dev/rbd/<pool>/<image>', 'type': 'block'}` is returned.
 *   `_get_rbd_args`: `--id <auth_username>` (3.0/4.0 read the key directly: without it a
 *   BrickException; 4.3 moved it to base_rbd.py and leaves `--id` out when the user is empty),
 *   then `--mon_host <host>:<port>` per hosts/ports pair when both are given (IPv6 hosts in
 *   brackets). 4.0 adds `--conf` only for a connection with a keyring, which the Cinder of those
 *   series (17, 18) no longer sends.
 * - detach (`disconnect_volume` with device_info None): from 3.0.1 `_find_root_device` runs
 *   `rbd showmapped --format=json` with the same arguments and `rbd unmap` runs on the
 *   `/dev/rbdN` device whose mapping names the image (nothing when none does); 3.0.0 unmapped
 *   `/dev/rbd/<pool>/<image>` itself. The 3.0.1 behaviour is modelled for every Nova 21 release.
 */
import { SimError, type Run } from '../../engine/run';
import type { Flow } from '../../engine/scheduler';
import type { World } from '../../engine/world';
import type { ConnectResult, HostCtx } from '../backend';
import { pyDict } from '../osBrick';
import { rbdLocalUser, rbdPoolImage } from '../../../libvirt/diskXml';

/** simulated durations (ms) of os-brick's rbd commands */
const WHICH_MS = 10;
const MAP_MS = 400;
const SHOWMAPPED_MS = 50;
const UNMAP_MS = 300;

/** The kernel's rbd devices mapped on each simulated host: `pool/image` -> N of /dev/rbdN. */
const mapped = new WeakMap<World, Map<string, number>>();
function mapsOf(w: World): Map<string, number> {
  let m = mapped.get(w);
  if (!m) mapped.set(w, (m = new Map()));
  return m;
}

/** Python's str() of a JSON value, as processutils turns each argument into a string. */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** data['name'] split into pool and image as the connector does (libvirt/diskXml.ts rbdPoolImage); throws what Python raises. */
function poolAndImage(data: Record<string, unknown>): [string, string] {
  const split = rbdPoolImage(data);
  if ('raises' in split) throw new SimError(split.message, null, split.raises);
  return [split.pool, split.image];
}

/** `_get_rbd_args` of the series: the cephx user and the monitors. */
function rbdArgs(w: World, data: Record<string, unknown>): string[] {
  const args: string[] = [];
  const user = rbdLocalUser(data, w.novaRelease?.major ?? 23);
  if ('raises' in user) throw new SimError(user.message, null, user.raises);
  if (user.id !== undefined) args.push('--id', pyStr(user.id));
  const hosts = Array.isArray(data.hosts) ? data.hosts : [];
  const ports = Array.isArray(data.ports) ? data.ports : [];
  if (hosts.length && ports.length) {
    const n = Math.min(hosts.length, ports.length);
    for (let i = 0; i < n; i++) {
      const h = pyStr(hosts[i]);
      args.push('--mon_host', `${h.includes(':') ? `[${h}]` : h}:${pyStr(ports[i])}`);
    }
  }
  return args;
}

/** os-brick's local RBD attach; sets data.device_path as Nova does. */
export function* localConnect(ctx: HostCtx): Flow<ConnectResult> {
  const { run, data, actor } = ctx;
  const w = run.world;
  run.note('nova-compute', 'DEBUG Calling os-brick to attach RBD Volume as block device ([workarounds]rbd_volume_local_attach)');
  const started = run.now;
  const trace = w.facts.brickTrace;
  if (trace) run.note(actor, `DEBUG ==> connect_volume: call ${pyDict({ connection_properties: data })}`);
  try {
    yield* run.step(actor, 'which rbd', WHICH_MS);
    const [pool, image] = poolAndImage(data);
    const path = `/dev/rbd/${pool}/${image}`;
    const maps = mapsOf(w);
    const key = `${pool}/${image}`;
    const n = maps.get(key);
    if (n === undefined) {
      const cmd = ['rbd', 'map', image, '--pool', pool, ...rbdArgs(w, data)];
      yield* run.step(actor, `${cmd.join(' ')} (as root): the kernel maps the image, udev links ${path}`, MAP_MS);
      const used = new Set(maps.values());
      let free = 0;
      while (used.has(free)) free++;
      maps.set(key, free);
      run.note(actor, `${path} -> /dev/rbd${free}`);
    } else {
      run.note(actor, `DEBUG Volume ${image} is already mapped to local device /dev/rbd${n}`);
    }
    const res: ConnectResult = { path, type: 'block' };
    if (trace) run.note(actor, `DEBUG <== connect_volume: return (${run.now - started}ms) ${pyDict({ ...res })}`);
    run.note('nova-compute', `DEBUG Attached RBD volume ${pyDict({ ...res })}`);
    data.device_path = path;
    run.note('nova-compute', `connection_info data.device_path = ${path}`);
    return res;
  } catch (e) {
    if (e instanceof SimError && trace) run.error(actor, `DEBUG <== connect_volume: exception (${run.now - started}ms) ${e.kind}: ${e.message}`);
    throw e;
  }
}

/** os-brick's local RBD detach: find the kernel device of the image and unmap it. */
export function* localDisconnect(run: Run, ci: Record<string, unknown>): Flow {
  const w = run.world;
  const actor = w.facts.brickActor;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  run.note('nova-compute', 'DEBUG calling os-brick to detach RBD Volume ([workarounds]rbd_volume_local_attach)');
  const [pool, image] = poolAndImage(data);
  const args = rbdArgs(w, data);
  const maps = mapsOf(w);
  const key = `${pool}/${image}`;
  const n = maps.get(key);
  yield* run.step(actor, `${['rbd', 'showmapped', '--format=json', ...args].join(' ')} (as root): ${n === undefined ? `no mapping names ${image}` : `/dev/rbd${n} maps ${image}`}`, SHOWMAPPED_MS);
  if (n === undefined) {
    run.skip(actor, `no rbd device maps ${image}: nothing to unmap`);
  } else {
    yield* run.step(actor, `${['rbd', 'unmap', `/dev/rbd${n}`, ...args].join(' ')} (as root)`, UNMAP_MS);
    maps.delete(key);
  }
  run.note('nova-compute', 'DEBUG Disconnected RBD Volume');
}
