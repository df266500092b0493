/** Python semantics Nova applies to request values (truthiness, int(), bool_from_string). */

/** Python truthiness of a JSON value. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/** int() of a boot_index that passed the schema: integers, integral floats, digit strings. */
export function pyInt(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : null;
  if (typeof v === 'string' && /^\s*[+-]?\d+(_\d+)*\s*$/.test(v)) return Number(v.trim().replace(/_/g, ''));
  return null;
}

/** the strings oslo's bool_from_string reads as true (lower case, stripped) */
export const TRUE_STRINGS: readonly string[] = ['1', 't', 'true', 'on', 'y', 'yes'];
/** oslo strutils.bool_from_string (non-strict): unknown strings are false. */
export function boolFromString(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return TRUE_STRINGS.includes(v.trim().toLowerCase());
  return v === 1;
}

export function stripDev(name: string | null | undefined): string | null | undefined {
  return name && name.startsWith('/dev/') ? name.slice(5) : name;
}
export function prependDev(name: string | null | undefined): string | null {
  if (!name) return null;
  return name.startsWith('/dev/') ? name : '/dev/' + name;
}

export const DISK_BUSES = ['fdc', 'ide', 'sata', 'scsi', 'usb', 'virtio', 'xen', 'lxc', 'uml'];
export const DEVICE_TYPES = ['cdrom', 'disk', 'floppy', 'fs', 'lun'];
