/**
 * Nova's order of checks, as data. analyze.ts sorts findings by severity (errors first) and then
 * by their order key, so the first error shown is the one Nova answers. A key is the stage's
 * number (STAGE, Nova's pipeline of spec §1), then what the stage iterates (an entry index),
 * then the check's place within the stage.
 *
 * Each stage lists its rows in Nova's order where its checks live: the server-create stages in
 * rules/nova/ (one module per stage, `stageOrder(STAGE.x, [...rows])`), the volumeAttachment
 * notes in attach.ts; the notes stage (what Nova accepts but does differently: per-entry and
 * request-wide notes, from rules/nova/, libvirtNotes.ts and analyze.ts) is listed here. The
 * schema stage takes its keys from jsonschema's walk of the schema (schema.ts) and the syntax
 * stage comes first (analyze.ts); both use the STAGE numbers.
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

/** Every rule id some stage lists (filled as the stages below are declared). */
const PLACED = new Set<RuleId>([...ENTRY_NOTES, ...(Object.keys(REQUEST_NOTES) as RequestNoteId[])]);
/** The rule ids the stages of this module place in Nova's order. */
export function placedRows(): ReadonlySet<RuleId> {
  return PLACED;
}

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

/**
 * A stage's checks in Nova's order. A step is a request-wide check (one rule id), a group of
 * request-wide checks that are exclusive branches of one step of Nova's (they share a place),
 * or a loop over the entries (`each`), which lists its checks in groups, in order.
 */
export type Step = RuleId | readonly RuleId[] | { readonly each: readonly (readonly RuleId[])[] };

export interface StageOrder {
  /** the key of a request-wide check of the stage */
  wide(code: RuleId): number[];
  /** the key of a check of a loop, on the `i`-th item the loop visits */
  each(code: RuleId, i: number): number[];
}

/** Order keys from a stage's declared steps: [stage, step], or in a loop [stage, step, i] ([…, group] when it has several). */
export function stageOrder(stage: number, steps: readonly Step[]): StageOrder {
  for (const s of steps) for (const code of typeof s === 'string' ? [s] : Array.isArray(s) ? (s as readonly RuleId[]) : (s as { readonly each: readonly (readonly RuleId[])[] }).each.flat()) PLACED.add(code);
  const wide = new Map<string, number>();
  const each = new Map<string, [number, number | null]>();
  steps.forEach((s, j) => {
    if (typeof s === 'string') wide.set(s, j);
    else if (Array.isArray(s)) for (const code of s as readonly RuleId[]) wide.set(code, j);
    else {
      const groups = (s as { readonly each: readonly (readonly RuleId[])[] }).each;
      groups.forEach((group, g) => { for (const code of group) each.set(code, [j, groups.length > 1 ? g : null]); });
    }
  });
  return {
    wide(code) {
      const j = wide.get(code);
      if (j === undefined) throw new Error(`${code} is not a request-wide check of stage ${stage}`);
      return [stage, j];
    },
    each(code, i) {
      const p = each.get(code);
      if (p === undefined) throw new Error(`${code} is not a per-entry check of stage ${stage}`);
      return p[1] === null ? [stage, p[0], i] : [stage, p[0], i, p[1]];
    },
  };
}
