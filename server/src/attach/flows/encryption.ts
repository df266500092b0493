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
  // Nova <= 16 has no native LUKS: the luks provider gets os-brick's LuksEncryptor like the others
  if (nativeLuks(enc) && run.world.facts.nativeLuks) {
    const secret = uuidFrom(`luks:${vol.id}`);
    // a volume with a host device is checked (and formatted when it is not LUKS yet) first
    if (typeof data.device_path === 'string') run.note('nova-compute', `cryptsetup isLuks --verbose ${data.device_path} (luksFormat first when the volume is not LUKS yet)`);
    run.note('nova-compute', `encryption provider luks: libvirt secret ${secret} (usage volume ${vol.id}) created with the passphrase`);
    return secret;
  }
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
