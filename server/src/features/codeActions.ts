/**
 * Quick fixes keyed by rule id. Each one is a set of text edits (offset-based) that makes the
 * document pass the rule it fixes, or a command (raise the microversion). Pure: the server
 * turns the edits into a WorkspaceEdit.
 */
import { findNodeAtLocation, format, modify as rawModify, parseTree, type Node, type ParseError } from 'jsonc-parser';
import type { DocumentAnalysis } from '../document';
import { analyzeJson, type AnalysisDiagnostic } from '../analyze';
import { mvMinor, type Context } from '../model/context';
import type { Span } from '../text/span';
import { toValue, propValue, findAt, tooDeepToParse, MAX_DEPTH } from '../parse/json';
import { pyInt, DISK_BUSES, DEVICE_TYPES } from '../rules/novaValues';
import { attributeValueAt, elementInfo, xmlDomainFixes } from '../libvirtxml';

export interface SpanEdit { span: Span; newText: string }
export interface QuickFix {
  title: string;
  code: string;
  edits: SpanEdit[];
  command?: { title: string; command: string; arguments: unknown[] };
  preferred?: boolean;
  /**
   * True when `edits` is worked out on first read (the JSON editor's formatted edit: on a one-line
   * body, the whole line): a client that resolves code actions reads it only for the fix it applies.
   */
  lazy?: boolean;
}

/** A fix whose edits are worked out when first read, once (see QuickFix.lazy). */
function lazyFix(base: Omit<QuickFix, 'edits' | 'lazy'>, compute: () => SpanEdit[]): QuickFix {
  let edits: SpanEdit[] | undefined;
  return { ...base, lazy: true, get edits() { return (edits ??= compute()); } };
}

type Diag = Pick<AnalysisDiagnostic, 'code' | 'entry' | 'path' | 'span'>;
type Path = Array<string | number>;

const FMT = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' } };

export function quickFixes(a: DocumentAnalysis, text: string, d: Diag, ctx?: Context): QuickFix[] {
  if (a.language === 'xml') return xmlFixes(text, d);
  if (!a.root || !a.kind) return [];
  const listPath: Path = a.kind === 'array' ? [] : ['server', d.path.startsWith('server.block_device_mapping[') ? 'block_device_mapping' : 'block_device_mapping_v2'];
  const entryPath = (i: number): Path => [...listPath, i];
  const set = (path: Path, value: unknown) => modifyNear(text, path, value);
  const remove = (path: Path) => modifyNear(text, path, undefined);
  const field = () => d.path.split('.').pop()!.replace(/\[\d+\]$/, '');
  const e = d.entry;
  const fixes: QuickFix[] = [];
  switch (d.code) {
    case 'BDM-COMPUTE-BOOT-SEQUENCE': {
      const edits = renumber(a, text, listPath);
      if (edits.length) fixes.push({ title: 'Renumber boot indexes into 0..n-1', code: d.code, edits, preferred: true });
      break;
    }
    case 'BDM-COMPUTE-IMAGE-VOLUME-SIZE':
    case 'BDM-COMPUTE-BLANK-VOLUME-SIZE':
      if (e !== null) fixes.push(lazyFix({ title: 'Add "volume_size": 10 (GiB)', code: d.code, preferred: true }, () => set([...entryPath(e), 'volume_size'], 10)));
      break;
    case 'BDM-DICT-IMAGE-LOCAL-BOOT':
      if (e !== null) {
        const entry = entryValue(a.root, entryPath(e));
        fixes.push(lazyFix({ title: 'Make it image→volume with a 10 GiB volume', code: d.code, preferred: true }, () => {
          const edits = set([...entryPath(e), 'destination_type'], 'volume');
          return entry.volume_size === undefined ? applyThen(text, edits, [...entryPath(e), 'volume_size'], 10) : edits;
        }));
      }
      break;
    case 'BDM-DICT-BLANK-WITH-UUID':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove uuid from the blank entry', code: d.code, preferred: true }, () => remove([...entryPath(e), 'uuid'])));
      break;
    case 'BDM-COMPUTE-ROOT-DEVNAME-CONFLICT':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove device_name (libvirt names volumes itself)', code: d.code, preferred: true }, () => remove([...entryPath(e), 'device_name'])));
      break;
    case 'BDM-DICT-VOLTYPE-LOCAL':
    case 'BDM-DICT-VOLTYPE-EXISTING-VOLUME':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove volume_type', code: d.code, preferred: true }, () => remove([...entryPath(e), 'volume_type'])));
      break;
    case 'BDM-DICT-INVALID-FIELDS':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove virtual_name (not a v2 field)', code: d.code, preferred: true }, () => remove([...entryPath(e), 'virtual_name'])));
      break;
    case 'BDM-SCHEMA-VOLUME-TYPE-MICROVERSION':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove volume_type', code: d.code }, () => remove([...entryPath(e), 'volume_type'])));
      fixes.push(raiseFor(a, text, d.code, ctx, '2.67'));
      break;
    case 'BDM-SCHEMA-TAG-MICROVERSION':
      if (e !== null) fixes.push(lazyFix({ title: 'Remove tag', code: d.code }, () => remove([...entryPath(e), 'tag'])));
      fixes.push(raiseFor(a, text, d.code, ctx, '2.42'));
      break;
    case 'BDM-SCHEMA-ADDITIONAL-PROPERTIES':
      if (e !== null) fixes.push(lazyFix({ title: `Remove "${field()}"`, code: d.code, preferred: true }, () => remove([...entryPath(e), field()])));
      break;
    case 'BDM-ATTACH-SCHEMA-TAG-MICROVERSION':
      fixes.push(lazyFix({ title: 'Remove tag', code: d.code }, () => remove(['volumeAttachment', 'tag'])), raiseFor(a, text, d.code, ctx, '2.49'));
      break;
    case 'BDM-ATTACH-SCHEMA-DOT-MICROVERSION':
      fixes.push(lazyFix({ title: 'Remove delete_on_termination', code: d.code }, () => remove(['volumeAttachment', 'delete_on_termination'])), raiseFor(a, text, d.code, ctx, '2.79'));
      break;
    case 'BDM-ATTACH-DOT-STRING-TRUE':
      fixes.push(lazyFix({ title: 'Use JSON false (a string is stored as true)', code: d.code, preferred: true }, () => set(['volumeAttachment', 'delete_on_termination'], false)));
      break;
    case 'BDM-COMPUTE-DISK-BUS':
      if (e !== null) {
        const v = String(entryValue(a.root, entryPath(e)).disk_bus ?? '');
        const to = DISK_BUSES.includes(v.toLowerCase()) ? v.toLowerCase() : 'virtio';
        fixes.push(lazyFix({ title: `Use disk_bus "${to}"`, code: d.code, preferred: true }, () => set([...entryPath(e), 'disk_bus'], to)));
      }
      break;
    case 'BDM-COMPUTE-DEVICE-TYPE':
      if (e !== null) {
        const v = String(entryValue(a.root, entryPath(e)).device_type ?? '');
        const to = DEVICE_TYPES.includes(v.toLowerCase()) ? v.toLowerCase() : 'disk';
        fixes.push(lazyFix({ title: `Use device_type "${to}"`, code: d.code, preferred: true }, () => set([...entryPath(e), 'device_type'], to)));
      }
      break;
    case 'BDM-LIBVIRT-LUN-NEEDS-BUS':
      if (e !== null) fixes.push(lazyFix({ title: 'Add "disk_bus": "scsi"', code: d.code, preferred: true }, () => set([...entryPath(e), 'disk_bus'], 'scsi')));
      break;
    case 'BDM-SCHEMA-REQUEST': {
      // From 2.37 a server body must say "networks": what the next microversion asks for.
      const server = a.kind === 'server' ? entryValue(a.root, ['server']) : {};
      if (ctx && mvMinor(ctx.microversion) >= 37 && server && !('networks' in server)) {
        fixes.push(lazyFix({ title: 'Add "networks": "none" (no network; required from 2.37)', code: d.code, preferred: true }, () => set(['server', 'networks'], 'none')));
        fixes.push(lazyFix({ title: 'Add "networks": "auto" (a network Nova picks or allocates)', code: d.code }, () => set(['server', 'networks'], 'auto')));
      }
      break;
    }
    case 'BDM-API-MIXED-SYNTAX':
    case 'BDM-LEGACY-CONVERSION': {
      const conv = convertLegacyFix(a, text);
      if (conv) fixes.push(conv);
      break;
    }
  }
  return fixes;
}

/** Source-level refactorings offered anywhere in a document (not tied to a diagnostic). */
export function refactorings(a: DocumentAnalysis, text: string): QuickFix[] {
  const conv = a.language === 'json' && a.kind === 'server' ? convertLegacyFix(a, text) : null;
  return conv ? [conv] : [];
}

/**
 * jsonc-parser's modify() with FMT, the same edit, in time linear in the text. Its own
 * formatting step applies each formatting edit to a new copy of the text: on a one-line body
 * (whose one line is reformatted) that is one copy per token, quadratic (removing a device_name
 * from a 140 KB one-line body took 12 s, 170 s at 560 KB). Here the raw edit is made without
 * formatting, the lines around it formatted by jsonc-parser's format() as modify() does, and the
 * formatting edits applied in one pass, with the begin and end modify() works out.
 */
export function modifyFormatted(text: string, path: Path, value: unknown, options: typeof FMT = FMT): Array<{ offset: number; length: number; content: string }> {
  return rawModify(text, path, value, {}).map((edit) => {
    const newText = text.slice(0, edit.offset) + edit.content + text.slice(edit.offset + edit.length);
    let begin = edit.offset;
    let end = edit.offset + edit.content.length;
    if (edit.length === 0 || edit.content.length === 0) {
      while (begin > 0 && !isEol(newText, begin - 1)) begin--;
      while (end < newText.length && !isEol(newText, end)) end++;
    }
    const edits = format(newText, { offset: begin, length: end - begin }, { ...options.formattingOptions, keepLines: false });
    // modify() applies them from the last: each moves `end` past itself, then by its own growth
    for (let i = edits.length - 1; i >= 0; i--) {
      const e = edits[i];
      begin = Math.min(begin, e.offset);
      end = Math.max(end, e.offset + e.length) + e.content.length - e.length;
    }
    const formatted = applyEdits(newText, edits.map(toEdit));
    return { offset: begin, length: text.length - (formatted.length - end) - begin, content: formatted.substring(begin, end) };
  });
}
const isEol = (t: string, i: number) => t[i] === '\n' || t[i] === '\r';

function toEdit(e: { offset: number; length: number; content: string }): SpanEdit {
  return { span: { offset: e.offset, length: e.length }, newText: e.content };
}

function raise(code: string, mv: string, why = ''): QuickFix {
  return { title: `Raise the microversion setting to ${mv}${why}`, code, edits: [], command: { title: `Set microversion ${mv}`, command: 'bdmLab.setMicroversion', arguments: [mv] } };
}

/** The microversions where a server-create or volumeAttachment request changes (ascending). */
const REQUEST_MICROVERSIONS = [19, 32, 33, 37, 42, 49, 52, 57, 60, 63, 67, 74, 79, 90, 94, 100, 101];
/** Above this size the fix names the rule's own microversion instead of judging the body again at each one. */
const MAX_RETRY_CHARS = 200_000;

/**
 * "Raise the microversion": to the smallest one above the context's where this problem is gone
 * and the whole body is valid; failing that, the smallest where this problem is gone, saying
 * what Nova then asks for (e.g. 2.42 makes a BDM tag valid but then wants "networks", while 2.32
 * takes the body as it is).
 */
function raiseFor(a: DocumentAnalysis, text: string, code: string, ctx: Context | undefined, fallback: string): QuickFix {
  if (!ctx || a.language !== 'json' || text.length > MAX_RETRY_CHARS) return raise(code, fallback);
  const from = mvMinor(ctx.microversion);
  let gone: { mv: string; first: string } | null = null;
  for (const minor of REQUEST_MICROVERSIONS) {
    if (minor <= from) continue;
    const mv = `2.${minor}`;
    const b = judgedAt(text, ctx, mv);
    if (b.codes.has(code)) continue;
    if (b.valid) return raise(code, mv, ' (the body is then valid)');
    if (!gone) gone = { mv, first: b.firstError };
  }
  return gone ? raise(code, gone.mv, gone.first ? ` (then Nova asks: ${gone.first})` : '') : raise(code, fallback);
}

/**
 * The body judged at another microversion, as raiseFor reads it: kept for the last text and
 * context, so that the fixes of many diagnostics asked together (every tag of a big body) judge
 * the body once per microversion, not once per diagnostic.
 */
interface Judged { codes: Set<string>; valid: boolean; firstError: string }
let judged: { text: string; ctx: Context; byMv: Map<string, Judged> } | null = null;
function judgedAt(text: string, ctx: Context, mv: string): Judged {
  if (judged?.text !== text || judged.ctx !== ctx) judged = { text, ctx, byMv: new Map() };
  let j = judged.byMv.get(mv);
  if (!j) {
    const b = analyzeJson(text, { ...ctx, microversion: mv }, { forced: true, allowComments: true });
    const first = b.diagnostics.find((x) => x.severity === 'error');
    j = { codes: new Set(b.diagnostics.map((x) => x.code)), valid: b.valid, firstError: first ? `${first.code}` : '' };
    judged.byMv.set(mv, j);
  }
  return j;
}

function entryValue(root: Node, path: Path): Record<string, unknown> {
  const n = findAt(root, path);
  const v = n ? toValue(n) : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/**
 * jsonc-parser's modify() of a key of an object (an entry), worked out on the lines that object
 * spans instead of on the whole text: the same edit, without parsing and copying the whole text
 * for each of many fixes (a client asking the fixes of every diagnostic of a 1 000-entry body
 * waited 3.5 s, quadratic in the entries). The same because modify() edits inside the object and
 * formats the whole lines around its edit only; it is used when the text is plain JSON (no error,
 * no comment, only "\n" line ends) and the object starts its line. Anything else: the whole text.
 */
function modifyNear(text: string, path: Path, value: unknown): SpanEdit[] {
  try {
    return modifyLines(text, path, value);
  } catch {
    // jsonc-parser's formatter throws on some hostile layouts (a one-line body nested 100 deep):
    // no edit then, rather than a failed request that loses every other action with it
    return [];
  }
}

function modifyLines(text: string, path: Path, value: unknown): SpanEdit[] {
  const whole = () => modifyFormatted(text, path, value, FMT).map(toEdit);
  const key = path[path.length - 1];
  const tree = plainTree(text);
  const parent = tree && typeof key === 'string' ? findNodeAtLocation(tree, path.slice(0, -1)) : undefined;
  if (!parent || parent.type !== 'object') return whole();
  let start = parent.offset;
  while (start > 0 && text[start - 1] !== '\n') start--;
  if (!/^[ \t]*$/.test(text.slice(start, parent.offset))) return whole();
  let end = parent.offset + parent.length;
  while (end < text.length && text[end] !== '\n') end++;
  const lines = text.slice(start, end);
  const own = parseTree(lines);
  if (!own || own.type !== 'object' || own.offset !== parent.offset - start || own.length !== parent.length) return whole();
  return modifyFormatted(lines, [key as string], value, FMT).map((e) => toEdit({ ...e, offset: e.offset + start }));
}

/** The text's jsonc tree when it is plain JSON with "\n" line ends (else null); the last text's kept. */
let plain: { text: string; tree: Node | null } | null = null;
function plainTree(text: string): Node | null {
  if (plain?.text !== text) {
    const errors: ParseError[] = [];
    // (jsonc-parser recurses once per level: a text nested too deep has no tree here)
    const tree = text.includes('\r') || tooDeepToParse(text, MAX_DEPTH) !== null ? undefined : parseTree(text, errors);
    plain = { text, tree: tree && !errors.length ? tree : null };
  }
  return plain.tree;
}

/** Apply a first set of edits, then compute a second modification on the result, as one edit. */
function applyThen(text: string, first: SpanEdit[], path: Path, value: unknown): SpanEdit[] {
  const mid = applyEdits(text, first);
  const second = modifyFormatted(mid, path, value, FMT).map(toEdit);
  const out = applyEdits(mid, second);
  return [{ span: { offset: 0, length: text.length }, newText: out }];
}

/** Apply non-overlapping edits in one pass (pieces joined once: linear in the text). */
export function applyEdits(text: string, edits: SpanEdit[]): string {
  const sorted = [...edits].sort((x, y) => x.span.offset - y.span.offset);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    out.push(text.slice(at, e.span.offset), e.newText);
    at = e.span.offset + e.span.length;
  }
  out.push(text.slice(at));
  return out.join('');
}

function renumber(a: DocumentAnalysis, text: string, listPath: Path): SpanEdit[] {
  const list = findAt(a.root!, listPath);
  if (!list || list.type !== 'array') return [];
  const children = list.children ?? [];
  const items = children.map((n, i) => ({ i, v: n.type === 'object' ? pyIntOrNull(toValue(n) as Record<string, unknown>) : null }));
  let bootable = items.filter((x) => x.v !== null && x.v >= 0).sort((x, y) => (x.v! - y.v!) || (x.i - y.i));
  if (!bootable.length && items.length) bootable = [items[0]];
  // Each boot_index value is replaced where it stands (one edit each, one pass over the text);
  // only an entry without a usable value gets the JSON editor's insertion.
  const edits: SpanEdit[] = [];
  bootable.forEach((x, n) => {
    if (x.v === n) return;
    const node = x.v !== null ? propValue(children[x.i], 'boot_index') : undefined;
    if (node) edits.push({ span: { offset: node.offset, length: node.length }, newText: String(n) });
    else edits.push(...modifyFormatted(text, [...listPath, x.i, 'boot_index'], n, FMT).map(toEdit));
  });
  const out = applyEdits(text, edits);
  return out === text ? [] : [{ span: { offset: 0, length: text.length }, newText: out }];
}
function pyIntOrNull(e: Record<string, unknown>): number | null {
  return e.boot_index === null || e.boot_index === undefined ? null : pyInt(e.boot_index);
}

/** block_device_mapping (v1) -> block_device_mapping_v2, as Nova's from_legacy reads each item. */
function convertLegacyFix(a: DocumentAnalysis, text: string): QuickFix | null {
  const server = propValue(a.root, 'server');
  const legacyNode = propValue(server, 'block_device_mapping');
  if (!legacyNode || legacyNode.type !== 'array' || !legacyNode.children?.length) return null;
  const items = toValue(legacyNode) as Array<Record<string, unknown>>;
  const imageRef = toValue(propValue(server, 'imageRef'));
  const out: Array<Record<string, unknown>> = [];
  let hasRoot = false;
  for (const it of items) {
    if (!it || typeof it !== 'object') continue;
    const v2: Record<string, unknown> = {};
    const vn = it.virtual_name;
    const dev = typeof it.device_name === 'string' ? it.device_name.replace(/^\/dev\//, '') : null;
    if (vn === 'swap' || (typeof vn === 'string' && /^ephemeral\d+$/.test(vn))) {
      Object.assign(v2, { source_type: 'blank', destination_type: 'local', boot_index: -1 });
      if (vn === 'swap') v2.guest_format = 'swap';
    } else if (it.snapshot_id) Object.assign(v2, { source_type: 'snapshot', destination_type: 'volume', uuid: it.snapshot_id });
    else if (it.volume_id) Object.assign(v2, { source_type: 'volume', destination_type: 'volume', uuid: it.volume_id });
    else if (it.no_device) Object.assign(v2, { no_device: true });
    else continue;
    if (v2.source_type === 'snapshot' || v2.source_type === 'volume') {
      const root: boolean = dev === "vda" && !hasRoot;
      v2.boot_index = root ? 0 : -1;
      hasRoot ||= root;
    }
    for (const k of ['volume_size', 'delete_on_termination', 'device_name']) if (it[k] !== undefined) v2[k] = it[k];
    out.push(v2);
  }
  if (!hasRoot && typeof imageRef === 'string' && imageRef) {
    // v2 adds no implicit image root: write the one the legacy API would have added.
    out.unshift({ source_type: 'image', destination_type: 'local', uuid: imageRef, boot_index: 0, delete_on_termination: true });
  }
  return lazyFix({ title: 'Convert block_device_mapping (legacy) to block_device_mapping_v2', code: 'BDM-LEGACY-CONVERSION' }, () => {
    let t = applyEdits(text, modifyFormatted(text, ['server', 'block_device_mapping'], undefined, FMT).map(toEdit));
    t = applyEdits(t, modifyFormatted(t, ['server', 'block_device_mapping_v2'], out, FMT).map(toEdit));
    return [{ span: { offset: 0, length: text.length }, newText: t }];
  });
}

const PREFIX: Record<string, string> = { virtio: 'vd', scsi: 'sd', sata: 'sd', usb: 'sd', ide: 'hd', fdc: 'fd', xen: 'xvd' };

/** libvirt XML rules about an attribute value outside libvirt's list: the fix offers the list. */
const XML_ENUM_CODES = new Set(['LIBVIRT-DISK-DRIVER-VALUE', 'LIBVIRT-DISK-BUS-VALUE', 'LIBVIRT-DISK-PROTOCOL-VALUE', 'LIBVIRT-XML-ATTR-VALUE']);
/** At most this many "Use …" fixes (the closest values first). */
const MAX_VALUE_FIXES = 6;

/**
 * "Use "writeback"" and the other values libvirt accepts for the attribute at the diagnostic
 * (its element and name read from the tag around the value, its values from the catalogue),
 * closest to what was written first; the preferred one when a value differs only in case or
 * by one or two letters.
 */
function xmlValueFixes(text: string, d: Diag): QuickFix[] {
  // the same reading of the tag as hover and completion: which element, which attribute
  const at = attributeValueAt(text, d.span.offset);
  if (!at) return [];
  const attrName = at.attribute;
  const values = elementInfo(at.element)?.attributes[attrName]?.values;
  if (!values?.length) return [];
  const written = text.substr(d.span.offset, d.span.length);
  const ranked = [...values].map((v) => ({ v, dist: editDistance(written.toLowerCase(), v.toLowerCase()) })).sort((x, y) => x.dist - y.dist);
  return ranked.slice(0, MAX_VALUE_FIXES).map(({ v, dist }, i) => ({
    title: `Use ${attrName}="${v}"`,
    code: d.code,
    edits: [{ span: d.span, newText: v }],
    ...(i === 0 && dist <= 2 ? { preferred: true } : {}),
  }));
}

/** Levenshtein distance of two short strings (attribute values). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

function xmlFixes(text: string, d: Diag): QuickFix[] {
  if (XML_ENUM_CODES.has(d.code)) return xmlValueFixes(text, d);
  if (d.code === 'LIBVIRT-DISK-AUTH-TWICE' || d.code === 'LIBVIRT-DOMAIN-DRIVE-ADDRESS-DUP') return xmlDomainFixes(text, d.code, d.span).map((f) => ({ ...f, code: d.code }));
  if (d.code !== 'LIBVIRT-DISK-TARGET-PREFIX-BUS') return [];
  const dev = text.substr(d.span.offset, d.span.length);
  const tagStart = text.lastIndexOf('<target', d.span.offset);
  const tagEnd = text.indexOf('>', d.span.offset);
  if (tagStart < 0 || tagEnd < 0) return [];
  const bus = /\bbus\s*=\s*["']([^"']*)["']/.exec(text.slice(tagStart, tagEnd))?.[1];
  const m = /^(xvd|vd|sd|hd|fd)([a-z]+)$/.exec(dev);
  if (!bus || !PREFIX[bus] || !m) return [];
  const to = PREFIX[bus] + m[2];
  return [{ title: `Rename target to ${to} (the ${bus} prefix)`, code: d.code, edits: [{ span: d.span, newText: to }], preferred: true }];
}
