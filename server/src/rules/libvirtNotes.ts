/**
 * What the libvirt driver does differently than the request says (spec §8): names it ignores,
 * buses it replaces, device types it treats as disks, and builds that fail on the compute node.
 * Nova's API accepts all of this; these findings are warnings and notes.
 */
import type { Context } from '../model/context';
import type { EntryModel } from '../source/doc';
import { FieldSpan, fieldPath } from '../source/places';
import type { BdmNoteFields, NovaBdm } from '../nova/types';
import { computeDiskNames, SUPPORTED_BUSES, type DiskNames } from '../libvirt/naming';
import type { Finding } from './finding';
import { entryNoteOrder, requestNoteOrder, type EntryNoteId } from './order';
import { DISK_BUSES } from './novaValues';
import type { Span } from '../text/span';
import { slottedKey, type Slotted } from '../model/orderKey';

/**
 * A note about one entry, which is also its place (the value of the entry's field, else the
 * entry's start, else the list: a FieldSpan). Its order key ([notes stage, entry, the note's
 * place]) and its path are made when read: analyze.ts compares two notes by their entry and code
 * without the key, and a verdict shown in the editor never reads the path (a big body has a note
 * on every entry, and a key, a place and a path each were most of what the notes cost).
 */
export class EntryNote extends FieldSpan implements Finding, Slotted {
  private p: string | undefined = undefined;
  constructor(
    readonly code: EntryNoteId,
    m: EntryModel | undefined,
    key: string,
    fallback: Span,
    readonly entry: number,
    readonly args: Record<string, string | number> | undefined,
  ) {
    super(m, key, fallback);
  }
  get span(): Span {
    return this;
  }
  get path(): string {
    return (this.p ??= this.m ? fieldPath(this.m, this.key) : '');
  }
  set path(v: string) {
    this.p = v;
  }
  get orderBase(): readonly number[] {
    let key = NOTE_KEYS.get(this.code);
    if (key === undefined) NOTE_KEYS.set(this.code, (key = Object.freeze(entryNoteOrder(this.code, 0))));
    return key;
  }
  get orderSlot(): number {
    return 1;
  }
  get order(): number[] {
    return slottedKey(this);
  }
}

/** each entry note's key with entry 0 (entryNoteOrder: [notes stage, entry, place]) */
const NOTE_KEYS = new Map<EntryNoteId, readonly number[]>();

/** The note's argument when the names are not computed (shared: findings never change their args). */
const OWN_NAME = Object.freeze({ dev: 'a name of its own' });

/** The fs note's argument (shared, as OWN_NAME). */
const FS_TYPE = Object.freeze({ type: 'fs' });

/** Above this many BDMs the exact device names (and so the BDMs' NovaBdms) are not computed (see below). */
export const HUGE = 1000;

/**
 * The BDMs the notes are about, as analyze.ts hands them: each one's NovaBdm, built when asked,
 * and the few fields the notes read without building it (a body past HUGE needs no NovaBdm).
 */
export interface NoteBdms {
  readonly length: number;
  /** BDM i's NovaBdm */
  bdm(i: number): NovaBdm;
  /** BDM i's fields as its NovaBdm holds them (the object returned may be reused for the next i) */
  fields(i: number): BdmNoteFields;
}

/** a list of NovaBdms as NoteBdms */
function listOf(bdms: readonly NovaBdm[] | NoteBdms): NoteBdms {
  if (!Array.isArray(bdms)) return bdms as NoteBdms;
  const a = bdms as readonly NovaBdm[];
  return { length: a.length, bdm: (i) => a[i], fields: (i) => a[i] };
}

/**
 * Whether Nova's naming can say anything about these BDMs: a name, a bus or a device type in a
 * BDM, image properties, volume metadata, another hypervisor than kvm, a disk prefix or a config
 * drive. Without any of them every disk is a virtio disk named in order (no limit, no refusal):
 * blockinfo finds nothing (test/unit/libvirt-notes-plain.test.ts runs it to check).
 */
export function namingCanSpeak(bdms: readonly NovaBdm[] | NoteBdms, context: Context): boolean {
  const props = context.libvirt.image_properties ?? {};
  if (Object.keys(props).length > 0 || !!context.volumes || context.libvirt.virt_type !== 'kvm' || !!context.libvirt.disk_prefix || !!context.libvirt.config_drive) return true;
  const list = listOf(bdms);
  for (let i = 0; i < list.length; i++) {
    const b = list.fields(i);
    if (b.device_name || b.disk_bus || b.device_type) return true;
  }
  return false;
}

/** name === `/dev/${dev}`, without writing that string for every entry */
function isDevPath(name: string, dev: string): boolean {
  return name.length === dev.length + 5 && name.startsWith('/dev/') && name.endsWith(dev);
}

/** The notes, appended to `out` (returned). */
export function libvirtNotes(given: readonly NovaBdm[] | NoteBdms, models: ReadonlyArray<EntryModel | undefined>, context: Context, imageRef: string | null, listSpan: { offset: number; length: number }, out: Finding[] = []): Finding[] {
  const list = listOf(given);
  // Plain volumes find nothing to say (the fixed cost of every small body, and thousands of
  // names for a big one): blockinfo runs only when something can differ from the request.
  if (!namingCanSpeak(list, context)) return out;
  // No guest takes thousands of disks (libvirt runs out of names and PCI slots long before):
  // for such bodies the notes are kept, but the exact names Nova would pick are not computed
  // (nor the BDMs' NovaBdms: the notes read their few fields).
  const huge = list.length > HUGE;
  let info: DiskNames;
  let bdms: NovaBdm[] | undefined;
  try {
    if (huge) info = { perBdm: [], buildError: null, defineError: null };
    else {
      bdms = new Array<NovaBdm>(list.length);
      for (let i = 0; i < list.length; i++) bdms[i] = list.bdm(i);
      info = computeDiskNames(bdms, context, { imageRef, configDriveFormat: context.nova_conf?.DEFAULT?.config_drive_format });
    }
  } catch {
    return out;
  }
  const supported = SUPPORTED_BUSES[context.libvirt.virt_type] ?? [];
  let lunWithoutBus = false;
  for (let i = 0; i < list.length; i++) {
    const b = bdms ? bdms[i] : list.fields(i);
    if (b.device_type === 'lun' && !b.disk_bus) lunWithoutBus = true;
    if (b.entry === null) continue;
    const m = models[b.entry];
    const disk = huge ? null : info.perBdm[i];
    if (b.device_name && b.boot_index !== 0 && (huge || (disk && !isDevPath(b.device_name, disk.dev)))) {
      out.push(new EntryNote('BDM-LIBVIRT-DEVICE-NAMES-IGNORED', m, 'device_name', listSpan, b.entry, disk ? { dev: `/dev/${disk.dev}` } : OWN_NAME));
    }
    if (b.device_type === 'lun' && !b.disk_bus) {
      out.push(new EntryNote('BDM-LIBVIRT-LUN-NEEDS-BUS', m, 'device_type', listSpan, b.entry, undefined));
    }
    if (b.disk_bus && DISK_BUSES.includes(b.disk_bus) && !supported.includes(b.disk_bus)) {
      out.push(new EntryNote('BDM-LIBVIRT-SUPPORTED-BUSES', m, 'disk_bus', listSpan, b.entry, { bus: b.disk_bus, virt: context.libvirt.virt_type, used: disk?.bus ?? 'the default bus' }));
    }
    if (b.device_type === 'fs') {
      out.push(new EntryNote('BDM-LIBVIRT-DEVICE-TYPE', m, 'device_type', listSpan, b.entry, FS_TYPE));
    }
  }
  const buildError = info.buildError ?? info.defineError ?? null;
  if (buildError && !lunWithoutBus) {
    const tooMany = /maximum allowed number of disk devices/i.exec(buildError);
    if (tooMany) {
      const max = /\((\d+)\)/.exec(buildError)?.[1] ?? '4';
      out.push({ code: 'BDM-LIBVIRT-MAX-DEVICES', span: listSpan, entry: null, path: '', args: { max }, order: requestNoteOrder('BDM-LIBVIRT-MAX-DEVICES') });
    } else out.push({ code: 'BDM-LIBVIRT-BUILD-ERROR', span: listSpan, entry: null, path: '', args: { detail: buildError }, order: requestNoteOrder('BDM-LIBVIRT-BUILD-ERROR') });
  }
  return out;
}
