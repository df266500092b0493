/**
 * A volume's connection_info from what the context says about it (`volumes[id]`, `volumes["*"]`):
 * the keys Cinder puts in `data` (block sizes, discard, access mode, front-end QoS, encrypted)
 * and the ones Nova adds (serial, multiattach), applied over a given connection_info or a
 * built-in stand-in; and the encryption provider Nova's driver treats as QEMU's native LUKS.
 * Pure: the digests come from the hashes port.
 */
import type { Context, VolumeDetails } from '../model/context';
import type { Hashes } from '../ports';
import { hexDigest, type ConnectionInfo } from './connectionInfo';

/** What the context says about the volume an entry names (its own entry over `*`), or null. */
export function volumeDetailsFor(ctx: Context, id: string | null | undefined): { details: VolumeDetails; key: string } | null {
  const all = ctx.volumes;
  if (!all) return null;
  const own = id ? all[id] : undefined;
  const star = all['*'];
  if (!own && !star) return null;
  return { details: { ...star, ...own }, key: own ? id! : '*' };
}

const QOS_BASE = ['total_bytes_sec', 'read_bytes_sec', 'write_bytes_sec', 'total_iops_sec', 'read_iops_sec', 'write_iops_sec'];

/**
 * The QoS specs Cinder hands Nova (cinder/volume/manager.py `_parse_connection_options`): only a
 * front-end or both consumer's, without `consumer`, per-GB keys turned into absolute integers
 * for a volume of `sizeGib` (bounded by `*_per_gb_min` and `*_max`); otherwise null.
 */
export function frontEndQos(specs: Record<string, unknown> | null | undefined, sizeGib: number): Record<string, unknown> | null {
  if (!specs) return null;
  const consumer = specs.consumer ?? 'back-end';
  if (consumer !== 'front-end' && consumer !== 'both') return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(specs)) if (k !== 'consumer') out[k] = v;
  for (const opt of QOS_BASE) {
    const perGb = specs[`${opt}_per_gb`];
    if (perGb === undefined) continue;
    let val = Number(perGb) * sizeGib;
    const min = specs[`${opt}_per_gb_min`];
    const max = specs[`${opt}_max`];
    if (min !== undefined) val = Math.max(val, Number(min));
    if (max !== undefined) val = Math.min(val, Number(max));
    delete out[`${opt}_per_gb`];
    delete out[`${opt}_per_gb_min`];
    out[opt] = Math.trunc(val);
  }
  return out;
}

/** os-brick's FORMAT_TO_FRONTEND_ENCRYPTOR_MAP: the formats it has an encryptor of its own for */
const FRONTEND_FORMATS = new Set(['luks', 'luks2', 'plain']);

/** os-brick's LEGACY_PROVIDER_CLASS_TO_FORMAT_MAP: old class names and the format they mean. */
const LEGACY_PROVIDERS: Record<string, string | null> = {
  'nova.volume.encryptors.luks.LuksEncryptor': 'luks',
  'nova.volume.encryptors.cryptsetup.CryptsetupEncryptor': 'plain',
  'nova.volume.encryptors.nop.NoopEncryptor': null,
  'os_brick.encryptors.luks.LuksEncryptor': 'luks',
  'os_brick.encryptors.cryptsetup.CryptsetupEncryptor': 'plain',
  'os_brick.encryptors.nop.NoopEncryptor': null,
  LuksEncryptor: 'luks',
  CryptsetupEncryptor: 'plain',
  NoOpEncryptor: null,
};

/** An encryption provider's format after the legacy names are mapped (null = no-op). */
export function providerFormat(provider: string): string | null {
  return provider in LEGACY_PROVIDERS ? LEGACY_PROVIDERS[provider]! : provider;
}

/** A stand-in for the uuid libvirt gives the LUKS passphrase secret Nova creates for a volume. */
export function standInSecretUuid(hashes: Hashes, volumeId: string): string {
  const h = hexDigest(hashes, 'sha1', `luks-secret:${volumeId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The connection_info with the context's details applied, and the LUKS secret's uuid when the
 * volume is natively encrypted (nova/virt/libvirt/driver.py `_allow_native_luksv1`: provider
 * luks, whatever the control location, unless `[workarounds]disable_native_luksv1` is in effect);
 * `hostEncryptor` when os-brick's encryptor opens it on the host instead (`_attach_encryptor`'s
 * other branch, os_brick/encryptors `get_volume_encryptor`: a front-end control location and a
 * provider other than the no-op one).
 */
export function applyVolumeDetails(base: ConnectionInfo, d: VolumeDetails, volumeId: string, hashes: Hashes, opts: { disableNativeLuksv1?: boolean } = {}): { connectionInfo: ConnectionInfo; luksSecretUuid?: string; hostEncryptor?: boolean; encryptorProvider?: string } {
  const ci: ConnectionInfo = d.connection_info ? structuredClone(d.connection_info) as ConnectionInfo : { ...base, data: { ...base.data } };
  if (!ci.data || typeof ci.data !== 'object') ci.data = {};
  const data = ci.data;
  // Nova keeps the volume id as the serial (driver_block_device's attach).
  if (ci.serial === undefined) ci.serial = volumeId;
  if (d.logical_block_size !== undefined) data.logical_block_size = d.logical_block_size;
  if (d.physical_block_size !== undefined) data.physical_block_size = d.physical_block_size;
  if (d.discard !== undefined) data.discard = d.discard;
  if (d.access_mode !== undefined) data.access_mode = d.access_mode;
  if (d.qos_specs !== undefined) data.qos_specs = frontEndQos(d.qos_specs, d.size ?? 1);
  if (d.multiattach !== undefined) {
    if (d.multiattach) ci.multiattach = true;
    else delete ci.multiattach;
  }
  if (!d.encryption) return { connectionInfo: ci };
  data.encrypted = true;
  const format = providerFormat(d.encryption.provider ?? 'luks');
  const native = format === 'luks' && !opts.disableNativeLuksv1;
  const hostEncryptor = !native && format !== null && (d.encryption.control_location ?? 'front-end') === 'front-end';
  // os_brick/encryptors get_volume_encryptor: a provider that is no format it knows is imported as a class path
  const unknown = hostEncryptor && format !== null && !FRONTEND_FORMATS.has(format);
  return { connectionInfo: ci, luksSecretUuid: native ? (d.encryption.secret_uuid ?? standInSecretUuid(hashes, volumeId)) : undefined, ...(hostEncryptor ? { hostEncryptor } : {}), ...(unknown ? { encryptorProvider: format } : {}) };
}
