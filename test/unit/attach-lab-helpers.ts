/**
 * What the attach-flow failure tests (attach-complete-error.test.ts, attach-terminate-error.test.ts)
 * share: the profile a Nova release runs with, reading a flow's steps by pattern (present, counted,
 * in order), the lab-host tweak type and the iSCSI volume booted as the root disk.
 */
import assert from 'node:assert/strict';
import type { NovaBdm } from '../../server/src/nova/types';
import type { Profile } from '../../server/src/attach/types';
import { ISCSI_VOL, lab } from '../fixtures/attach/helpers';

/** a text matched literally inside a RegExp */
export const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** the lab-host profile a Nova release (`2014.2`, `17.0.0`, `33.0.0`…) runs with */
export const profileOf = (rel: string): Profile => {
  const major = Number(rel.split('.')[0]);
  return major >= 2014 ? 'kilo_prefix' : major <= 16 ? 'ocata_legacy' : major <= 30 ? 'queens_to_2024_2' : 'modern';
};

/** a flow's result (attach or boot) as far as its steps' texts */
export type R = { steps: Array<{ text: string }> };
export const texts = (r: R): string[] => r.steps.map((s) => s.text);
/** the first step matching (-1: none) */
export const idx = (r: R, re: RegExp): number => r.steps.findIndex((s) => re.test(s.text));
export const has = (r: R, re: RegExp): boolean => idx(r, re) >= 0;
export const count = (r: R, re: RegExp): number => r.steps.filter((s) => re.test(s.text)).length;
/** every pattern matches a step, the first matches in the order given */
export const inOrder = (r: R, res: RegExp[]): void => {
  const pos = res.map((re) => idx(r, re));
  assert.ok(pos.every((p) => p >= 0), `${JSON.stringify(pos)}\n${texts(r).join('\n')}`);
  assert.deepEqual([...pos].sort((a, b) => a - b), pos, texts(r).join('\n'));
};

/** a change to the raw lab host before it is loaded */
export type Tweak = NonNullable<Parameters<typeof lab>[1]>;

/** the iSCSI lab volume as the boot disk (boot_index 0, source and destination volume) */
export function bootVolumeBdm(): NovaBdm {
  return { entry: 0, source_type: 'volume', destination_type: 'volume', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: 1, uuid: ISCSI_VOL, no_device: false, delete_on_termination: false, volume_type: null, tag: null };
}
