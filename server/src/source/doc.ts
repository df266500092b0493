/**
 * What the rules see of a document: the Nova request body it becomes, and where each path of that
 * body is written in the document's own text. A source (a JSON server-create body, a bare list of
 * block device entries, a volumeAttachment body; later a Heat template or a CLI line) translates
 * its text into the body and maps body paths back to spans of its text. Rules read values by body
 * path and ask for places; they never see a parser's nodes.
 *
 * Places are lazy: `locate` decides from the parsed document whether a path is written there, and
 * returns a span whose offsets are computed when first read. Judging reads values only, so a
 * verdict computes no position.
 */
import type { Span } from '../text/span';
import type { Inventory } from '../model/inventory';
import type { OmitKey } from '../parse/pyrepr';
export type { OmitKey };

/** A path into the Nova body: object keys and array indexes, e.g. ['server', 'block_device_mapping_v2', 0, 'uuid']. */
export type BodyPath = ReadonlyArray<string | number>;

/**
 * Which part of a written path: its key, its value, the whole of it (key through value; a list
 * item's value), or the first character of its value (an object's brace). A path written without
 * a key (a list item, the document's root) answers `key` with the first character of its value.
 */
export type Part = 'key' | 'value' | 'whole' | 'start';

/** The kinds of document bdm-lab judges as Nova request bodies (Analysis.kind). */
export type BodyKind = 'server' | 'array' | 'attach';

/** One block device entry of the body (a v2 entry, or a legacy item), read from its source. */
export interface EntryModel {
  index: number;
  /** 'v2' entries of block_device_mapping_v2 (or a bare array), 'v1' legacy items */
  syntax: 'v2' | 'v1';
  /** the entry is a JSON object (anything else is refused by the schema) */
  isObject: boolean;
  /** the entry's keys and values as Nova's dict holds them (the last of duplicated keys wins) */
  values: Record<string, unknown>;
  /**
   * True when no number the document writes as the value of a `key` property has a fraction or
   * an exponent (so this entry's is no Python float); false when that is not known cheaply (the
   * caller then reads the number's own text).
   */
  plainNumber(key: string): boolean;
  /** the entry's body path, e.g. ['server', 'block_device_mapping_v2', 1] */
  readonly path: BodyPath;
  /** pathString(path), as findings print it */
  pathText(): string;
  /** the whole entry in the text (computed when read) */
  readonly span: Span;
  /** the document the entry is read from */
  readonly doc: SourceDoc;
  /**
   * Where a field's value is written, read at once when the entry can do so without the
   * document's path walk (a JSON entry no node was made inside: one scan of its own text); null
   * when the entry does not write the field; undefined: ask the document (`locate`).
   */
  valuePlace?(key: string): Span | null | undefined;
}

/** A finding of the source's own tool (it answers before Nova does); its code is a row of the rule table. */
export interface SourceFinding {
  code: string;
  span: Span;
  path: string;
  args?: Record<string, string | number>;
}

/** A quick fix that edits the source's own text (e.g. adds `volume_size` to a Terraform block). */
export interface SourceFix {
  title: string;
  edits: Array<{ span: Span; newText: string }>;
  preferred?: boolean;
}

export interface SourceDoc {
  readonly kind: BodyKind;
  /** the tool that sends the body ('nova-api': the document is the body itself) */
  readonly tool: string;
  /** who sends the body, for people (a hover's headline), e.g. "`openstack server create` (python-openstackclient 6.0.0)" */
  readonly toolLabel?: string;
  /**
   * No request: it only carries its tool's findings on the text around the requests (a syntax
   * error bash stops at); the document shows them and counts no request for it.
   */
  readonly textOnly?: boolean;
  /** one of several bodies the document sends (an Ansible loop item): a related place every diagnostic of this body gets, saying which one */
  readonly bodyOf?: { span: Span; message: string };
  /** the microversion the tool sends; null: the context's */
  readonly microversion: string | null;
  /** which Nova API the body is sent to (selects the request schema) */
  readonly api: 'server' | 'attach';
  readonly text: string;
  /** the Nova request body the document becomes */
  readonly body: unknown;
  /** the image the server boots when the request names one (libvirt's naming, the preview), else null */
  readonly imageRef: string | null;
  /** what the source's own tool refuses or notes before Nova sees the body (none for JSON bodies) */
  readonly findings: readonly SourceFinding[];
  /** the value at a body path (undefined when absent) */
  valueAt(path: BodyPath): unknown;
  /** the keys of the object at a body path, in the order the source lists them (a duplicated key: at its first place, or at each) */
  keysAt(path: BodyPath): string[];
  /** where a body path is written (lazy offsets), or undefined when the source does not write it */
  locate(path: BodyPath, part: Part): Span | undefined;
  /** the source spelling of the number at a body path (Python tells `10.0` from `10` by it), else undefined */
  numberText(path: BodyPath): string | undefined;
  /** Python's repr() of the value at a body path, as Nova's json reads it (numbers by their spelling); `omit`: keys left out */
  pyRepr(path: BodyPath, omit?: OmitKey): string;
  /** Python's str() of the value at a body path; `omit`: keys left out */
  pyStr(path: BodyPath, omit?: OmitKey): string;
  /** the block device entries of the body: v2 entries and legacy items */
  entries(): { v2: EntryModel[]; v1: EntryModel[] };
  /** whether the source itself writes this body path (printed form); false for what its translation adds */
  covers(path: string): boolean;
  /** a body path (printed form) as findings on this source print it */
  printPath(path: string): string;
  /** true when printPath gives every path back as it is (findings' paths are then not asked for) */
  readonly printsPathsAsIs?: boolean;
  /** what the source creates itself (a volume resource of the same Terraform file), added to a lab host's inventory when judging */
  readonly creates?: Pick<Inventory, 'volumes'>;
  /**
   * Quick fixes on the source's own text for one of its diagnostics (the tool's finding or a Nova
   * rule's), by code, place and body path; absent or [] when the source has none for it.
   */
  fixes?(diagnostic: { code: string; span: Span; path: string; entry: number | null }): SourceFix[];
}

/** True when a number's source spelling makes it a Python float (a fraction or an exponent). */
export function isPyFloat(doc: SourceDoc, path: BodyPath): boolean {
  const raw = doc.numberText(path);
  return raw !== undefined && /[.eE]/.test(raw);
}
