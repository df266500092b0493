import { findingAt as on } from './ruleHelpers';
import { attr, attrValue, child } from './types';
import type { Finding, XmlElement } from './types';
import type { DiskView } from './view';

/**
 * The check of rules.ts's LIBVIRT-DISK-VHOSTUSER row: a <disk type="vhostuser"> is a
 * vhost-user-blk device whose block layer lives in another process (SPDK and the like), so QEMU
 * has none of its own to configure. libvirt 9.0 takes it only on the virtio bus, with a source
 * of type="unix" and a path, and refuses at define every option QEMU's block layer would have
 * applied, each as "NAME is not supported with vhostuser disk" (labelled with `virsh define
 * --validate` on the QEMU driver: test/fixtures/libvirtdomain/).
 */

const unsupported = (name: string) => `${name} is not supported with vhostuser disk.`;

/** <driver> attributes libvirt refuses on a vhostuser disk, in the order it looks at them, with the name its message gives. */
const DRIVER_ATTRS: ReadonlyArray<[string, string]> = [
  ['cache', 'cache'],
  ['error_policy', 'error_policy'],
  ['rerror_policy', 'error_policy'],
  ['io', 'io'],
  ['ioeventfd', 'ioeventfd'],
  ['copy_on_read', 'copy_on_read'],
  ['discard', 'discard'],
  ['iothread', 'iothread'],
  ['detect_zeroes', 'detect_zeroes'],
];

/** A number libvirt counts as set (above 0). */
function positiveText(v: string): boolean {
  const t = v.trim();
  return /^\+?[0-9]+$/.test(t) && /[1-9]/.test(t);
}

function positive(el: XmlElement, names: readonly string[]): boolean {
  return names.some((n) => positiveText(attrValue(el, n) ?? ''));
}

/** The <source>: type="unix" and path= (libvirt's schema requires both), only a <reconnect> inside, no startupPolicy. */
function sourceFindings(d: DiskView): Finding[] {
  const src = d.source;
  if (!src) return [on(d.el, 'A vhostuser disk needs <source type="unix" path="..."/> (the vhost-user socket): libvirt\'s schema requires it.')];
  const out: Finding[] = [];
  if (attrValue(src, 'type') !== 'unix' || !attrValue(src, 'path')) out.push(on(src, 'A vhostuser disk\'s <source> needs type="unix" and path= (the vhost-user socket): libvirt\'s schema requires both.'));
  const policy = attr(src, 'startupPolicy');
  if (policy) out.push(on(policy, 'A vhostuser disk\'s <source> takes no startupPolicy: libvirt\'s schema refuses it.'));
  for (const c of src.children) {
    if (c.name !== 'reconnect') out.push(on(c, `A vhostuser disk's <source> holds only <reconnect>, not <${c.name}>: libvirt's schema refuses it.`));
  }
  return out;
}

/** <disk> children that set what QEMU's block layer would do, in libvirt's order, when they count as set. */
function elementFindings(d: DiskView): Finding[] {
  const out: Finding[] = [];
  const el = d.el;
  const iotune = child(el, 'iotune');
  // libvirt counts an <iotune> only with a limit above 0 or a group name
  if (iotune && iotune.children.some((c) => c.name === 'group_name' || positiveText(c.text))) out.push(on(iotune, unsupported('iotune')));
  const backing = child(el, 'backingStore');
  if (backing) out.push(on(backing, unsupported('backingStore')));
  const encryption = child(el, 'encryption');
  if (encryption) out.push(on(encryption, unsupported('encryption')));
  // a cdrom is read-only whether <readonly/> is written or not
  const ro = child(el, 'readonly');
  if (ro || d.deviceValue === 'cdrom') out.push(on(ro ?? d.device ?? el, unsupported('readonly')));
  for (const name of ['shareable', 'transient', 'serial', 'wwn', 'vendor', 'product']) {
    const c = child(el, name);
    if (c) out.push(on(c, unsupported(name)));
  }
  if (d.auth) out.push(on(d.auth, unsupported('auth')));
  const geometry = child(el, 'geometry');
  if (geometry && positive(geometry, ['cyls']) && positive(geometry, ['heads']) && positive(geometry, ['secs'])) out.push(on(geometry, unsupported('geometry')));
  const blockio = child(el, 'blockio');
  if (blockio && positive(blockio, ['logical_block_size', 'physical_block_size'])) out.push(on(blockio, unsupported('blockio')));
  return out;
}

/** What a vhostuser disk may not have or must have: the virtio bus, snapshot="no" when written, its source, and none of QEMU's block-layer options. */
export function vhostUserFindings(d: DiskView): Finding[] {
  if (d.typeValue !== 'vhostuser') return [];
  const out: Finding[] = [];
  if (d.bus && d.bus !== 'virtio') {
    const at = d.target && (attr(d.target, 'bus') ?? attr(d.target, 'dev'));
    out.push(on(at ?? d.el, `vhostuser disk supports only virtio bus (this one is on bus ${d.bus}).`));
  }
  const snapshot = attr(d.el, 'snapshot');
  if (snapshot && snapshot.value !== 'no') out.push(on(snapshot, 'only snapshot=no is supported with vhostuser disk.'));
  out.push(...sourceFindings(d));
  for (const [name, word] of DRIVER_ATTRS) {
    const a = d.driver && attr(d.driver, name);
    // "default" is libvirt's unset value (the schema takes it for cache only)
    if (a && a.value !== 'default') out.push(on(a, name === word ? unsupported(word) : `${unsupported(word)} (<driver ${name}>)`));
  }
  const cache = d.driver && child(d.driver, 'metadata_cache');
  const size = cache && child(cache, 'max_size');
  if (size && positiveText(size.text)) out.push(on(cache!, unsupported('metadata_cache')));
  out.push(...elementFindings(d));
  return out;
}
