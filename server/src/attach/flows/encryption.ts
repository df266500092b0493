/**
 * Encrypted volumes on the compute host (attach-flow.md C7 and C8.3): Cinder's encryption
 * metadata, then Nova's choice (nova/virt/libvirt/driver.py `_attach_encryptor`,
 * `_allow_native_luksv1`): provider `luks` (or a legacy class name for it) gets a libvirt
 * secret and QEMU's native LUKS (`<encryption>` in the XML); another front-end provider gets
 * an os-brick encryptor (os_brick/encryptors/luks.py, cryptsetup.py) that opens a dm-crypt
 * device `crypt-<name of device_path>` and points device_path's symlink at it; a back-end
 * control location gets os-brick's no-op encryptor.
 */
import { SimError, type Run } from '../engine/run';
import type { Flow } from '../engine/scheduler';
import { T } from '../engine/timings';
import type { VolumeState } from '../engine/world';
import { uuidFrom } from '../engine/world';
import type { VolumeEncryption } from '../types';
import { providerFormat as formatOfProvider } from '../../libvirt/volumeDetails';
import { atLeast } from '../engine/novaRelease';
import type { World } from '../engine/world';
import { rest } from '../services/cinder';
import { NOVA_ROOTWRAP, processExecutionError } from '../backends/common';
import { labWorkarounds } from '../engine/novaConfRead';

export const DEFAULT_ENCRYPTION: VolumeEncryption = { provider: 'luks', cipher: 'aes-xts-plain64', key_size: 256, control_location: 'front-end' };

export function encryptionOf(vol: VolumeState): VolumeEncryption {
  return vol.lab.encryption ?? DEFAULT_ENCRYPTION;
}

/** The provider's format after the legacy names are mapped (null = no-op). */
export function providerFormat(enc: VolumeEncryption): string | null {
  return formatOfProvider(enc.provider);
}

/** `_allow_native_luksv1`: the provider only, whatever the control location. */
export function nativeLuks(enc: VolumeEncryption): boolean {
  return providerFormat(enc) === 'luks';
}

/**
 * `_allow_native_luksv1` on the compute node (nova/virt/libvirt/driver.py, 17.0.0 on): the
 * provider is luks (or a legacy class name for it) and, on Nova 21.0.0 to 23.x,
 * `[workarounds]disable_native_luksv1` is not set (engine/novaConfRead.ts labWorkarounds); Nova
 * <= 16 has no native LUKS at all.
 */
export function allowNativeLuks(run: Run, enc: VolumeEncryption): boolean {
  return nativeLuks(enc) && run.world.facts.nativeLuks && !labWorkarounds(run).disableNativeLuksv1;
}

/**
 * The uuid of the libvirt secret Nova creates for a lab-host volume at attach or spawn when it
 * is natively LUKS-encrypted (the same stand-in attachEncryptor uses); undefined otherwise.
 */
export function labLuksSecretUuid(lab: { volumes: ReadonlyArray<{ id: string; encrypted: boolean; encryption?: VolumeEncryption }> }, volumeId: string | null): string | undefined {
  const v = volumeId ? lab.volumes.find((x) => x.id === volumeId) : undefined;
  if (!v || !v.encrypted || !nativeLuks(v.encryption ?? DEFAULT_ENCRYPTION)) return undefined;
  return uuidFrom(`luks:${v.id}`);
}

/** Cinder's answer to GET /volumes/{id}/encryption (the key id is a stable fake). */
export function encryptionMetadata(vol: VolumeState): Record<string, unknown> {
  const enc = encryptionOf(vol);
  return { encryption_key_id: uuidFrom(`key:${vol.id}`), control_location: enc.control_location, cipher: enc.cipher, key_size: enc.key_size, provider: enc.provider };
}

/** After the host connect: native LUKS makes a libvirt secret; other providers an os-brick encryptor. Returns the secret's uuid for `<encryption>`. */
export function* attachEncryptor(run: Run, vol: VolumeState, ci: Record<string, unknown>): Flow<string | undefined> {
  const enc = encryptionOf(vol);
  const data = ci.data as Record<string, unknown>;
  // Nova <= 16 has no native LUKS, and Nova 21-23 with [workarounds]disable_native_luksv1 does not
  // use it: the luks provider gets os-brick's LuksEncryptor like the others
  if (allowNativeLuks(run, enc)) {
    const secret = uuidFrom(`luks:${vol.id}`);
    // a volume with a host device is checked (and formatted when it is not LUKS yet) first
    if (typeof data.device_path === 'string') run.note('nova-compute', `cryptsetup isLuks --verbose ${data.device_path} (luksFormat first when the volume is not LUKS yet)`);
    run.note('nova-compute', `encryption provider luks: libvirt secret ${secret} (usage volume ${vol.id}) created with the passphrase`);
    return secret;
  }
  if (nativeLuks(enc) && run.world.facts.nativeLuks) run.note('nova-compute', 'encryption provider luks: [workarounds]disable_native_luksv1 is set, so no libvirt secret: os-brick\'s LuksEncryptor opens the volume on the host');
  const format = providerFormat(enc);
  if (enc.control_location !== 'front-end' || format === null) {
    run.skip('nova-compute', `encryption provider ${enc.provider}, control_location ${enc.control_location}: os-brick's NoOpEncryptor, nothing to open on the host`);
    return undefined;
  }
  const path = typeof data.device_path === 'string' ? data.device_path : '';
  if (!path) throw new SimError(`Volume encryption is not supported for ${String(ci.driver_volume_type)} volume ${vol.id}.`, null, 'VolumeEncryptionNotSupported');
  const name = `crypt-${path.slice(path.lastIndexOf('/') + 1)}`;
  // the encryptor opens the symlink's target (os-brick's encrypted-volume link names it)
  const link = /^\/dev\/disk\/by-id\/os-brick(\+.*)$/.exec(path);
  const real = link ? link[1]!.replace(/\+/g, '/') : path;
  const actor = run.world.facts.brickActor;
  const opts = [...(enc.cipher !== null ? ['--cipher', enc.cipher] : []), ...(enc.key_size !== null ? ['--key-size', String(enc.key_size)] : [])];
  const open = format === 'plain'
    ? ['cryptsetup', 'create', '--key-file=-', ...opts, name, real]
    : ['cryptsetup', 'luksOpen', '--key-file=-', real, name];
  yield* run.step(actor, `encryptor ${format}: ${open.join(' ')}; ln --symbolic --force /dev/mapper/${name} ${path}`, T.cryptsetup);
  return undefined;
}

/**
 * `_detach_encryptor` (nova/virt/libvirt/driver.py), run by `_disconnect_volume` before the host
 * disconnect: the volume's libvirt secret is deleted when there is one; otherwise a front-end
 * encryptor on a volume with a device_path is closed by os-brick.
 */
export function* detachEncryptor(run: Run, vol: VolumeState, ci: Record<string, unknown>, luksSecret: string | undefined): Flow {
  if (luksSecret) {
    run.note('nova-compute', `libvirt secret ${luksSecret} (usage volume ${vol.id}) deleted`);
    return;
  }
  const enc = encryptionOf(vol);
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const format = providerFormat(enc);
  if (typeof data.device_path !== 'string' || enc.control_location !== 'front-end' || format === null) return;
  const path = data.device_path;
  const name = `crypt-${path.slice(path.lastIndexOf('/') + 1)}`;
  yield* run.step(run.world.facts.brickActor, `encryptor ${format}: ${format === 'plain' ? 'cryptsetup remove' : 'cryptsetup luksClose'} ${name}`, T.cryptsetup);
}

/**
 * What `_detach_encryptor` (nova/virt/libvirt/driver.py, Nova >= 17) does with an encrypted
 * volume whose libvirt secret is gone and whose connection_info has no device_path: `none` =
 * nothing checks it (17.0.0-17.0.10, 18.0.0-18.2.0, 19.0.0), so the os-brick encryptor is built
 * and raises VolumeEncryptionNotSupported; `native` = it returns when the provider is native
 * LUKS (commit 56ca4d32, bug 1821696: 19.0.1, 18.2.1, 17.0.11, and 20.0.0-23.0.0); `any` = it
 * returns for every provider (commit 4908daed, bug 1917619: 23.0.1 and 24.0.0 on). Without a
 * release, queens_to_2024_2 reads as the end of its span.
 */
export function detachDevicePathCheck(w: World): 'none' | 'native' | 'any' {
  if (w.profile === 'modern') return 'any';
  const r = w.novaRelease;
  if (!r) return 'any';
  if (atLeast(r, 23, 0, 1)) return 'any';
  if (r.major >= 20) return 'native';
  const fixed = r.major === 19 ? atLeast(r, 19, 0, 1) : r.major === 18 ? atLeast(r, 18, 2, 1) : atLeast(r, 17, 0, 11);
  return fixed ? 'native' : 'none';
}

/**
 * Whether closing an encryptor whose dm-crypt mapping is not open (cryptsetup exit 4, "Device
 * … is not active.") is accepted. Nova >= 17 requires os-brick >= 2.2.0, whose LuksEncryptor
 * (2.1.0) and CryptsetupEncryptor (2.2.0) pass check_exit_code [0, 4]. Nova 16 uses Pike's
 * os-brick 1.15, taken as its first release (1.15.5 accepts it for luks only): both raise.
 * Nova <= 15 uses its own nova/volume/encryptors: luks.py `luksClose` always raises (3
 * attempts); cryptsetup.py `remove` accepts 4 from 12.0.3 and 13.0.0 (2014.2, 2015.1 and
 * 12.0.0-12.0.2 raise). ocata_legacy without a release reads as Nova 15.
 */
function closeAcceptsNotActive(w: World, format: string): boolean {
  if (w.facts.nativeLuks) return true;
  if (w.profile === 'kilo_prefix') return false;
  const r = w.novaRelease;
  if (r && r.major >= 16) return false;
  if (format !== 'plain') return false;
  return !r || r.major >= 13 || atLeast(r, 12, 0, 3);
}

/** The encryptor state a volume of a failed build left on the host. */
export interface EncryptorLeft {
  /** the libvirt secret made for it (native LUKS) */
  luksSecret?: string;
  /** an os-brick (or Nova <= 15) encryptor opened its dm-crypt mapping */
  encryptorOpen?: boolean;
}

/**
 * The encryption part of the libvirt driver's `cleanup` for one volume of an instance being
 * destroyed (a failed spawn's `_shutdown_instance`), per release:
 * - Nova >= 17: `_disconnect_volume` -> `_detach_encryptor`: the volume's libvirt secret is
 *   deleted when there is one (no Cinder call); else, for a volume whose connection_info says
 *   encrypted, Cinder's encryption metadata is read, the device_path check applies
 *   (`detachDevicePathCheck`), and the os-brick encryptor (NoOp for a back-end control location)
 *   is built (VolumeEncryptionNotSupported without device_path) and closed. Inside `cleanup`'s
 *   try: the caller logs what it raises and skips that volume's disconnect.
 * - Nova <= 16: `cleanup` itself, for a volume whose connection_info data has `volume_id`:
 *   `get_encryption_metadata` (a GET when data.encrypted), then the encryptor built and its
 *   `detach_volume` run, before the try around `_disconnect_volume`: what it raises leaves
 *   `cleanup` and so `_shutdown_instance`.
 * Throws what upstream raises.
 */
export function* cleanupEncryptor(run: Run, vol: VolumeState, ci: Record<string, unknown>, left: EncryptorLeft): Flow {
  const w = run.world;
  const data = (ci.data ?? {}) as Record<string, unknown>;
  const modern = w.facts.nativeLuks;
  if (modern && left.luksSecret) {
    run.note('nova-compute', `libvirt secret ${left.luksSecret} (usage volume ${vol.id}) deleted`);
    return;
  }
  if (data.encrypted !== true) return;
  if (!modern && !('volume_id' in data)) {
    run.skip('nova-compute', `no volume_id in the ${String(ci.driver_volume_type)} connection_info data: cleanup reads no encryption metadata for volume ${vol.id}, no encryptor is closed`);
    return;
  }
  yield* rest(run, 'nova-compute', 'GET', `/volumes/${vol.id}/encryption`, w.facts.newFlow ? '3.44' : null);
  run.note('cinder-api', `RESP: [200] ${JSON.stringify(encryptionMetadata(vol))}`);
  const enc = encryptionOf(vol);
  const path = typeof data.device_path === 'string' && data.device_path !== '' ? data.device_path : null;
  if (modern && path === null) {
    const check = detachDevicePathCheck(w);
    if (check === 'any' || (check === 'native' && allowNativeLuks(run, enc))) {
      run.skip('nova-compute', `no device_path in the connection_info of volume ${vol.id}: _detach_encryptor returns before building an os-brick encryptor (bug ${check === 'any' ? '1917619' : '1821696'})`);
      return;
    }
  }
  const format = providerFormat(enc);
  if (enc.control_location !== 'front-end' || format === null) {
    run.skip('nova-compute', `encryption provider ${enc.provider}, control_location ${enc.control_location}: the NoOp encryptor, nothing to close`);
    return;
  }
  if (path === null) {
    // os-brick's (Nova >= 16) and Nova's own CryptsetupEncryptor refuse a connection_info without device_path
    const osBrick = modern || (w.novaRelease !== undefined && w.novaRelease.major >= 16);
    throw new SimError(`Volume encryption is not supported for ${String(ci.driver_volume_type)} volume ${vol.id}${osBrick ? '.' : ''}`, null, 'VolumeEncryptionNotSupported');
  }
  const name = `crypt-${path.slice(path.lastIndexOf('/') + 1)}`;
  const argv = format === 'plain' ? ['cryptsetup', 'remove', name] : ['cryptsetup', 'luksClose', name];
  const attempts = format === 'plain' ? 1 : 3;
  // Nova <= 15 closes with its own nova/volume/encryptors, Nova 16 on with os-brick's
  const actor = modern || (w.novaRelease !== undefined && w.novaRelease.major >= 16) ? w.facts.brickActor : 'nova-compute';
  if (left.encryptorOpen) {
    yield* run.step(actor, `encryptor ${format}: ${argv.join(' ')}`, T.cryptsetup);
    return;
  }
  const notActive = `Device ${name} is not active.`;
  if (closeAcceptsNotActive(w, format)) {
    yield* run.step(actor, `encryptor ${format}: ${argv.join(' ')}: exit code 4 (${notActive}), accepted: the mapping was never opened`, T.cryptsetup, 'skipped');
    return;
  }
  yield* run.step(actor, `encryptor ${format}: ${argv.join(' ')}: exit code 4 (${notActive})${attempts > 1 ? `, ${attempts} attempts` : ''}: the mapping was never opened`, T.cryptsetup * attempts, 'error');
  throw processExecutionError(`${NOVA_ROOTWRAP} ${argv.join(' ')}`, 4, notActive);
}
