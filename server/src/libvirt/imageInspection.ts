/**
 * Nova's deep image inspection (nova/virt/images.py `do_image_deep_inspection` and `fetch_to_raw`,
 * bug 2059809): before an image becomes a local disk, nova-compute downloads it into the image
 * cache and inspects it. Some Glance disk_formats are refused whatever the image's bytes; bdm-lab,
 * which knows the image's disk_format but not its bytes, refuses exactly those:
 *
 * - a disk_format the inspector has no class for (`ploop`, or any name other than raw, qcow2, vhd,
 *   vhdx, vmdk, vdi, qed, iso and the AMI family ami/aki/ari): "Image not in a supported format";
 *   the first inspector (27.4.x, 28.2.x, 29.1.x) has no `iso` class either;
 * - `vhd`: the first inspector hands it to `qemu-img info -f vhd`, and qemu-img has no driver of
 *   that name (InvalidDiskInfo); from 27.5.0 / 28.3.0 / 29.2.0 / 30.0.0 qemu-img's name for the
 *   file (`vpc`) must equal the disk_format ("Image content does not match disk_format");
 * - `qed`: the first inspector's safety check always fails ("Image does not pass safety check");
 *   the second refuses it as unsupported.
 *
 * AMI-family images pass as raw (a qcow2 inside one is refused from 27.5.0 on, which depends on
 * the bytes and is not judged). The inspection came with 27.4.0, 28.2.0, 29.1.0 and 30.0.0 (none
 * upstream before); `[workarounds]disable_deep_image_inspection` turns it off. Labelled by
 * scripts/nova-hunt44-inspect-oracle.py (each release's images.py and format_inspector.py on real
 * files, qemu-img 7.2) up to 29.4.0; 30.0.0 on (oslo.utils' inspector) read from the source.
 */
import type { NovaConf } from '../model/context';
import { hasFix, type NovaPoint } from './diskXml';

/** the disk_formats every inspector has a class for (iso came with the second) */
const INSPECTED = new Set(['raw', 'qcow2', 'vhd', 'vhdx', 'vmdk', 'vdi', 'qed']);
const AMI_FAMILY = new Set(['ami', 'aki', 'ari']);

/** Whether the release inspects downloaded images (27.4.0, 28.2.0, 29.1.0, 30.0.0 on). */
export function inspectsImages(release: NovaPoint): boolean {
  return hasFix(release, 30, { 27: [4, 0], 28: [2, 0], 29: [1, 0] });
}

/** The second inspector (27.5.0, 28.3.0, 29.2.0, 30.0.0 on): it detects the format and qemu-img must agree. */
function detectsFormat(release: NovaPoint): boolean {
  return hasFix(release, 30, { 27: [5, 0], 28: [3, 0], 29: [2, 0] });
}

/**
 * Why nova-compute refuses to make a local disk of an image of this Glance disk_format (the spawn
 * fails before the domain is written), or null when the format alone does not refuse it.
 */
export function imageInspectionRefusal(diskFormat: string | undefined, release: NovaPoint, conf: NovaConf | undefined, imageId: string): string | null {
  if (diskFormat === undefined || AMI_FAMILY.has(diskFormat) || !inspectsImages(release)) return null;
  if (conf?.workarounds?.disable_deep_image_inspection === true) return null;
  const second = detectsFormat(release);
  const nova = `Nova ${release.major}.${release.minor}.${release.patch}`;
  const off = '[workarounds]disable_deep_image_inspection turns the inspection off';
  const unacceptable = (reason: string) => `the image download is refused: ${nova} inspects the image before use (ImageUnacceptable: Image ${imageId} is unacceptable: ${reason}); ${off}`;
  if (!INSPECTED.has(diskFormat) && !(second && diskFormat === 'iso')) return unacceptable('Image not in a supported format');
  if (diskFormat === 'qed') return unacceptable(second && release.major < 30 ? 'Image not in a supported format' : 'Image does not pass safety check');
  if (diskFormat !== 'vhd') return null;
  if (second) return unacceptable('Image content does not match disk_format');
  return `the image download is refused: ${nova} runs qemu-img info -f vhd on it, and qemu-img calls a VHD vpc (InvalidDiskInfo: Disk info file is invalid: qemu-img failed to execute: Unknown driver 'vhd'); ${off}`;
}
