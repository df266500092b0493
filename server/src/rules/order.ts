/**
 * Nova's order of checks, as data. analyze.ts sorts findings by severity (errors first) and then
 * by their order key, so the first error shown is the one Nova answers. A key is the stage's
 * number (STAGE, Nova's pipeline of spec §1), then what the stage iterates (an entry index),
 * then the check's place within the stage.
 *
 * Stages moved here so far: the notes stage (what Nova accepts but does differently: per-entry
 * and request-wide notes, from server.ts, libvirtNotes.ts and analyze.ts). The other stages still
 * write their keys at the call site with the STAGE numbers (issue 14 step 3, in progress).
 */
import type { RuleId } from './table';

/** Nova's stages in pipeline order; the first element of every order key. */
export const STAGE = {
  /** the body does not parse, or is refused unjudged */
  syntax: -1,
  /** the request schema (jsonschema walk order follows) */
  schema: 0,
  /** the API controller */
  api: 1,
  /** BlockDeviceDict, per entry */
  dict: 2,
  /** imageRef and the root's image metadata */
  imageRef: 3,
  /** compute API _check_and_transform_bdm, legacy conversion */
  compute: 4,
  /** flavor checks */
  flavor: 5,
  /** volumes looked up */
  volumes: 6,
  /** compute API _validate_bdm */
  validateBdm: 7,
  /** notes: what Nova accepts but does differently; never an error of Nova's */
  notes: 9,
} as const;

/** Notes about one entry, in the order they are listed for that entry. */
const ENTRY_NOTES = [
  'BDM-DICT-NO-DEVICE-SKIP',
  'BDM-VIRT-NO-CLASS',
  'BDM-SCHEMA-LEGACY-V2-STRIP',
  'BDM-LIBVIRT-DEVICE-NAMES-IGNORED',
  'BDM-LIBVIRT-LUN-NEEDS-BUS',
  'BDM-LIBVIRT-SUPPORTED-BUSES',
  'BDM-LIBVIRT-DEVICE-TYPE',
] as const satisfies readonly RuleId[];

/**
 * Request-wide notes and their slot after the per-entry notes (compared with entry indexes, as
 * they always were: the slots keep the keys the checks used to write).
 */
const REQUEST_NOTES = {
  'BDM-LIBVIRT-MAX-DEVICES': 900,
  'BDM-LIBVIRT-BUILD-ERROR': 901,
  'BDM-COMPUTE-FLAVOR-IMPLICIT-BDMS': 998,
  'BDM-CONTEXT-FLAVOR-UNKNOWN': 999,
} as const satisfies Partial<Record<RuleId, number>>;

export type EntryNoteId = (typeof ENTRY_NOTES)[number];
export type RequestNoteId = keyof typeof REQUEST_NOTES;

const ENTRY_NOTE_POS: ReadonlyMap<string, number> = new Map(ENTRY_NOTES.map((id, i) => [id, i]));

/** The order key of a note about entry `entry`: after Nova's checks, by entry, in ENTRY_NOTES order. */
export function entryNoteOrder(code: EntryNoteId, entry: number): number[] {
  return [STAGE.notes, entry, ENTRY_NOTE_POS.get(code) as number];
}

/** The order key of a request-wide note. */
export function requestNoteOrder(code: RequestNoteId): number[] {
  return [STAGE.notes, REQUEST_NOTES[code]];
}

/** For tests: the notes stage's rows in their declared order. */
export const NOTE_ROWS: readonly RuleId[] = [...ENTRY_NOTES, ...(Object.keys(REQUEST_NOTES) as RequestNoteId[])];
