/**
 * Issue 18, point 4: encryption details in the lab host. Upstream: nova/virt/libvirt/driver.py
 * `_attach_encryptor` and `_allow_native_luksv1` (provider luks -> a libvirt secret, QEMU
 * decrypts), os_brick/encryptors/__init__.py `get_volume_encryptor` (front-end only; legacy
 * class names mapped), os_brick/encryptors/luks.py `_open_volume` (luksOpen) and
 * cryptsetup.py `_open_volume` (`cryptsetup create` with --cipher/--key-size), each followed
 * by the symlink swap to /dev/mapper/crypt-<name>.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attach, has, idx, ISCSI_VOL, lab } from '../fixtures/attach/helpers';

const enc = (encryption?: Record<string, unknown>, more?: NonNullable<Parameters<typeof lab>[1]>) => lab('iscsi', (raw) => {
  if (encryption) raw.volumes[0].encryption = encryption;
  else raw.volumes[0].encrypted = true;
  more?.(raw);
});

test('encrypted: true alone keeps the native LUKS default: secret and <encryption format="luks">', () => {
  const r = attach(enc(), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, /"provider":"luks"/));
  assert.ok(has(r, /libvirt secret .* created with the passphrase/));
  assert.match(r.xml!, /<encryption format="luks">/);
  // native LUKS opens nothing on the host: only Nova's is_luks probe runs cryptsetup
  assert.ok(!has(r, /cryptsetup (luksOpen|create)/));
});

test('native LUKS: the secret is made after the host connect (_connect_volume, then _attach_encryptor), isLuks on device_path first', () => {
  const r = attach(enc(), ISCSI_VOL);
  const connected = idx(r, /DEBUG Attached iSCSI volume/);
  const probe = idx(r, 'cryptsetup isLuks --verbose /dev/disk/by-id/os-brick+dev+sdb');
  const secret = idx(r, /libvirt secret .* created with the passphrase/);
  assert.ok(connected < probe && probe < secret, `${connected} ${probe} ${secret}`);
  assert.ok(secret < idx(r, /virDomainAttachDeviceFlags/));
});

test('native LUKS on rbd: no device_path, so no isLuks probe; the secret still precedes attachDeviceFlags', () => {
  const l = lab('rbd', (raw) => { raw.volumes[0].encrypted = true; });
  const r = attach(l, l.volumes[0]!.id);
  assert.ok(!has(r, /isLuks/));
  assert.ok(idx(r, /libvirt secret .* created/) < idx(r, /virDomainAttachDeviceFlags/));
});

test('attachDeviceFlags fails on an encrypted volume: _disconnect_volume removes the encryptor before the host disconnect', () => {
  const native = attach(enc(undefined, (raw) => { raw.instances[0].attach_device_error = 'internal error: no more PCI slots'; }), ISCSI_VOL);
  assert.equal(native.attachOutcome, 'failed');
  assert.ok(idx(native, /libvirt secret .* deleted/) < idx(native, /disconnect_volume: flush and remove/));
  const brick = attach(enc({ provider: 'luks2' }, (raw) => { raw.instances[0].attach_device_error = 'internal error: no more PCI slots'; }), ISCSI_VOL);
  assert.ok(idx(brick, 'cryptsetup luksClose crypt-os-brick+dev+sdb') < idx(brick, /disconnect_volume: flush and remove/));
});

test('the encryption object implies encrypted; Cinder\'s metadata shows cipher, key_size, provider', () => {
  const l = enc({ provider: 'luks', cipher: 'aes-cbc-essiv:sha256', key_size: 128 });
  assert.equal(l.volumes[0]!.encrypted, true);
  const r = attach(l, ISCSI_VOL);
  assert.ok(has(r, /RESP: \[200\] \{"encryption_key_id":"[0-9a-f-]+","control_location":"front-end","cipher":"aes-cbc-essiv:sha256","key_size":128,"provider":"luks"\}/));
  assert.equal(r.connectionInfo!.data && (r.connectionInfo!.data as Record<string, unknown>).encrypted, true);
});

test('a legacy class name for LUKS is native LUKS too (LEGACY_PROVIDER_CLASS_TO_FORMAT_MAP)', () => {
  const r = attach(enc({ provider: 'nova.volume.encryptors.luks.LuksEncryptor' }), ISCSI_VOL);
  assert.match(r.xml!, /<encryption format="luks">/);
});

test('luks2: an os-brick encryptor after the connect, luksOpen on the real device, no <encryption> in the XML', () => {
  const r = attach(enc({ provider: 'luks2' }), ISCSI_VOL);
  assert.equal(r.outcome, 'attached');
  assert.ok(has(r, 'encryptor luks2: cryptsetup luksOpen --key-file=- /dev/sdb crypt-os-brick+dev+sdb; ln --symbolic --force /dev/mapper/crypt-os-brick+dev+sdb /dev/disk/by-id/os-brick+dev+sdb'));
  assert.doesNotMatch(r.xml!, /<encryption/);
  assert.match(r.xml!, /<source dev="\/dev\/disk\/by-id\/os-brick\+dev\+sdb"\/>/);
  assert.ok(!has(r, /libvirt secret/));
});

test('plain: cryptsetup create with the cipher and key size', () => {
  const r = attach(enc({ provider: 'plain', cipher: 'aes-xts-plain64', key_size: 512 }), ISCSI_VOL);
  assert.ok(has(r, 'cryptsetup create --key-file=- --cipher aes-xts-plain64 --key-size 512 crypt-os-brick+dev+sdb /dev/sdb'));
});

test('back-end control location: the no-op encryptor, nothing opened on the host', () => {
  const r = attach(enc({ provider: 'luks2', control_location: 'back-end' }), ISCSI_VOL);
  assert.ok(has(r, /NoOpEncryptor/));
  assert.ok(!has(r, /cryptsetup/));
  assert.equal(r.outcome, 'attached');
});

test('RBD has no device_path: an os-brick encryptor fails with VolumeEncryptionNotSupported and the attach rolls back', () => {
  const l = lab('rbd', (raw) => { raw.volumes[0].encryption = { provider: 'luks2' }; });
  const r = attach(l, l.volumes[0]!.id);
  assert.equal(r.outcome, 'failed');
  assert.match(r.error!, /VolumeEncryptionNotSupported: Volume encryption is not supported for rbd volume /);
  assert.equal(r.volumeStatus, 'available');
});
