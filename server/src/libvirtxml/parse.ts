import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findRootTag } from './recognize';
import type { Problem, Span, XmlAttribute, XmlElement } from './types';
import { LineIndex } from '../text/lineIndex';

/**
 * XML text -> element tree with offsets, plus problems. Never throws.
 *
 * fast-xml-parser does the parsing; its `captureMetaData` option gives each
 * element's start and end offset (mapped back to the original text even when
 * the text has CRLF line ends). Attribute and name offsets are not in that
 * metadata, so a light scan of each start tag (which begins at the recorded
 * offset) finds them. XMLValidator reports well-formedness errors with line
 * and column; those are turned into offsets here and nowhere else.
 *
 * Entities: `processEntities: false`, and any DOCTYPE that declares entities
 * is refused before the parser sees the document. libvirt's own check refuses
 * the classic billion-laughs document too (libxml2: "Detected an entity
 * reference loop"), so refusing is also the faithful verdict.
 */

export const PARSE_IDS = {
  wellFormed: 'LIBVIRT-XML-WELLFORMED',
  entities: 'LIBVIRT-XML-ENTITY-DECL',
  multipleRoots: 'LIBVIRT-XML-MULTIPLE-ROOTS',
} as const;

export interface ParseResult {
  root: XmlElement | null;
  problems: Problem[];
}

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type FxpNode = Record<string, unknown> & { [META]?: { startIndex?: number; endIndex?: number } };

export function parseXml(text: string): ParseResult {
  // The common case, a plain well-formed document, in one pass; anything the fast reader does
  // not know for certain (a DOCTYPE, CDATA, an odd name, any error...) takes the full path.
  const root = readPlainXml(text);
  return root ? { root, problems: [] } : parseXmlFully(text);
}

/**
 * The full path: fast-xml-parser's validator for well-formedness (its messages), then its parser
 * for the tree. Exported so that the tests can hold the fast reader to it.
 */
export function parseXmlFully(text: string): ParseResult {
  const problems: Problem[] = [];
  const entity = findEntityDeclaration(text);
  if (entity) {
    problems.push({
      id: PARSE_IDS.entities,
      severity: 'error',
      message: 'The DOCTYPE declares entities; bdm-lab does not expand entities and refuses the document (libvirt refuses recursive entities too).',
      span: entity,
    });
    return { root: null, problems };
  }

  let verdict: ReturnType<typeof XMLValidator.validate>;
  try {
    verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  } catch (e) {
    verdict = { err: { code: 'InvalidXml', msg: String(e), line: 1, col: 1 } };
  }
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    problems.push({
      id: PARSE_IDS.wellFormed,
      severity: 'error',
      message: `Not well-formed XML: ${msg}`,
      span: tokenAt(text, offsetOfLineCol(text, line, col)),
    });
    return { root: null, problems };
  }

  let tree: FxpNode[];
  try {
    tree = parser.parse(text) as FxpNode[];
  } catch (e) {
    const rootTag = findRootTag(text);
    problems.push({
      id: PARSE_IDS.wellFormed,
      severity: 'error',
      message: `Not well-formed XML: ${e instanceof Error ? e.message : String(e)}`,
      span: { offset: rootTag?.offset ?? 0, length: 1 },
    });
    return { root: null, problems };
  }

  const tops = toElements(text, tree, null);
  // XMLValidator accepts several top-level elements; XML (and libvirt) do not.
  for (const extra of tops.slice(1)) {
    problems.push({
      id: PARSE_IDS.multipleRoots,
      severity: 'error',
      message: `A document has exactly one root element; <${extra.name}> follows <${tops[0].name}>.`,
      span: extra.nameSpan,
    });
  }
  return { root: tops[0] ?? null, problems };
}

function toElements(text: string, nodes: FxpNode[], parent: XmlElement | null): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name.startsWith('#') || name.startsWith('?')) {
      if (parent && name === '#text') parent.text += decodeEntities(String(node[name] ?? ''));
      continue;
    }
    const meta = node[META];
    const start = meta?.startIndex;
    if (start === undefined || text[start] !== '<') continue; // no position: cannot point at it
    const tag = scanStartTag(text, start);
    const end = meta?.endIndex ?? tag.end;
    const el: XmlElement = {
      name,
      span: { offset: start, length: Math.max(end, tag.end) - start },
      nameSpan: { offset: start + 1, length: tag.nameLength },
      startTagSpan: { offset: start, length: tag.end - start },
      attributes: tag.attributes,
      children: [],
      text: '',
      parent,
    };
    const kids = node[name];
    if (Array.isArray(kids)) el.children = toElements(text, kids as FxpNode[], el);
    out.push(el);
  }
  return out;
}

const ATTR_RE = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/y;

/** Reads `<name attr="v" ...>` starting at `start` (which holds '<'). */
export function scanStartTag(text: string, start: number): { nameLength: number; attributes: XmlAttribute[]; end: number } {
  let i = start + 1;
  while (i < text.length && !/[\s/>]/.test(text[i])) i++;
  const nameLength = i - start - 1;
  const attributes: XmlAttribute[] = [];
  for (;;) {
    ATTR_RE.lastIndex = i;
    const m = ATTR_RE.exec(text);
    if (!m) break;
    const nameOffset = m.index + m[0].indexOf(m[1]);
    const raw = m[3] ?? m[4] ?? '';
    const valueOffset = m.index + m[0].length - 1 - raw.length;
    attributes.push({
      name: m[1],
      value: decodeEntities(raw),
      nameSpan: { offset: nameOffset, length: m[1].length },
      valueSpan: { offset: valueOffset, length: raw.length },
    });
    i = ATTR_RE.lastIndex;
  }
  const close = text.indexOf('>', i);
  return { nameLength, attributes, end: close < 0 ? text.length : close + 1 };
}

/** The five predefined entities and character references; nothing else exists without a DTD. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (all, ent: string) => {
    switch (ent) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
    }
    const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** Span of the first `<!ENTITY` inside a DOCTYPE internal subset, if any. */
function findEntityDeclaration(text: string): Span | null {
  const doctype = text.indexOf('<!DOCTYPE');
  if (doctype < 0) return null;
  const entity = text.indexOf('<!ENTITY', doctype);
  return entity < 0 ? null : { offset: entity, length: '<!ENTITY'.length };
}

/** XMLValidator counts lines from 1 and columns from 1, and only LF as a line break. */
export function offsetOfLineCol(text: string, line: number, col: number): number {
  // Some validator errors (an unterminated comment) carry no position: blame the end.
  if (!Number.isFinite(line) || !Number.isFinite(col)) return Math.max(0, text.length - 1);
  return new LineIndex(text, 'lf').offsetAt(Math.max(0, Math.ceil(line) - 1), col - 1);
}

/** A span covering the word at `offset`, so the squiggle is visible. */
function tokenAt(text: string, offset: number): Span {
  let end = offset;
  while (end < text.length && !/[\s<>"'=]/.test(text[end])) end++;
  if (end === offset && offset < text.length) end = offset + 1;
  if (offset >= text.length && text.length > 0) return { offset: text.length - 1, length: 1 };
  return { offset, length: end - offset };
}

/**
 * One pass over a plain document: the tree parseXmlFully builds, or null whenever the document
 * holds anything beyond elements, quoted attributes, character data with the predefined or
 * numeric references, comments and a leading XML declaration, or is not well-formed. Stricter
 * than fast-xml-parser's validator on purpose: whatever it accepts, the validator accepts too
 * and the parser reads the same way (text with CRLF read as LF, attribute values raw), so a
 * null costs a second reading and never a different verdict.
 */
const NAME_RE = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const REF_RE = /&(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;
// control characters XML does not allow, a byte-order mark, a lone CR, a CDATA end
const ODD_RE = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff\ufffe\uffff]|\r(?!\n)|]]>/;
const MAX_PLAIN_DEPTH = 400;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

// Shared by every element without attributes or children: the tree is read-only for its users,
// and a 1 000-disk domain has thousands of leaves (fewer objects: less for the collector to copy).
const NO_ATTRIBUTES = Object.freeze([]) as unknown as XmlAttribute[];
const NO_CHILDREN = Object.freeze([]) as unknown as XmlElement[];

/**
 * Reads the attributes of start tags into one scratch list that is never shortened (what is past
 * `count` is stale), so each element gets one array of the exact size, or the shared empty one.
 */
class AttributeReader {
  private readonly scratch: XmlAttribute[] = [];
  private count = 0;
  /** The attributes of the last tag read. */
  attributes: XmlAttribute[] = NO_ATTRIBUTES;

  /** The tag from `j` (just after its name) to its '>' or '/>': the offset after it (a self-closing tag ends with "/>"), or -1 to decline. */
  read(text: string, j: number): number {
    this.count = 0;
    const end = this.scan(text, j);
    this.attributes = this.count ? this.scratch.slice(0, this.count) : NO_ATTRIBUTES;
    return end;
  }

  private scan(text: string, j: number): number {
    const n = text.length;
    for (;;) {
      const ws = j;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const ch = text.charCodeAt(j);
      if (ch === 62) return j + 1;
      if (ch === 47) return text.charCodeAt(j + 1) === 62 ? j + 2 : -1;
      if (j === ws) return -1; // an attribute needs a space before it
      NAME_RE.lastIndex = j;
      if (!NAME_RE.test(text)) return -1;
      const nameOffset = j;
      const aname = text.slice(j, NAME_RE.lastIndex);
      j = NAME_RE.lastIndex;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== 61) return -1;
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if (q !== 34 && q !== 39) return -1;
      const close = text.indexOf(q === 34 ? '"' : "'", j + 1);
      if (close < 0) return -1;
      const raw = text.slice(j + 1, close);
      if (raw.includes('<') || raw.includes('>') || this.repeated(aname)) return -1;
      this.scratch[this.count++] = { name: aname, value: decodeEntities(raw), nameSpan: { offset: nameOffset, length: aname.length }, valueSpan: { offset: j + 1, length: raw.length } };
      j = close + 1;
    }
  }

  private seen: Set<string> | null = null;

  /** A name the tag has already: a look back for the few attributes of most tags, a set for long tags. */
  private repeated(name: string): boolean {
    if (this.count === 0) this.seen = null;
    if (this.seen) {
      if (this.seen.has(name)) return true;
      this.seen.add(name);
      return false;
    }
    for (let k = 0; k < this.count; k++) if (this.scratch[k].name === name) return true;
    if (this.count >= 8) this.seen = new Set([...this.scratch.slice(0, this.count).map((a) => a.name), name]);
    return false;
  }
}

/** Character data from..to for the open element `top` (outside the root: white space only); false to decline. */
function addText(text: string, from: number, to: number, top: XmlElement | undefined): boolean {
  if (from >= to) return true;
  let t = text.slice(from, to);
  if (!top) return /^[ \t\r\n]*$/.test(t);
  if (t.includes('&')) {
    for (let k = t.indexOf('&'); k >= 0; k = t.indexOf('&', k + 1)) {
      REF_RE.lastIndex = k;
      if (!REF_RE.test(t)) return false;
    }
  }
  if (t.includes('\r')) t = t.replace(/\r\n/g, '\n');
  top.text += decodeEntities(t);
  return true;
}

/** After the XML declaration, if the text starts with one: its end, 0 without one, -1 to decline. */
function afterDeclaration(text: string): number {
  if (!text.startsWith('<?xml', 0)) return 0;
  const end = text.indexOf('?>', 5);
  if (end < 0 || !isSpace(text.charCodeAt(5)) || text.slice(5, end).includes('<')) return -1;
  return end + 2;
}

/** The end of the end tag `</name>` of `top` at `lt`, or -1 to decline. */
function endTagEnd(text: string, lt: number, top: XmlElement | undefined): number {
  if (!top || !text.startsWith(top.name, lt + 2)) return -1;
  let j = lt + 2 + top.name.length;
  while (j < text.length && isSpace(text.charCodeAt(j))) j++;
  return text.charCodeAt(j) === 62 ? j + 1 : -1;
}

export function readPlainXml(text: string): XmlElement | null {
  if (ODD_RE.test(text)) return null;
  const n = text.length;
  let i = afterDeclaration(text);
  if (i < 0) return null;
  let root: XmlElement | null = null;
  // the open elements; the children met so far of all of them, in one list (each element's
  // from kidStart[depth] on), cut into an array of the exact size when the element closes
  const stack: XmlElement[] = [];
  const kidStart: number[] = [];
  const kids: XmlElement[] = [];
  const tags = new AttributeReader();
  let textStart = i;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack.length ? stack[stack.length - 1] : undefined;
    if (!addText(text, textStart, lt < 0 ? n : lt, top)) return null;
    if (lt < 0) break;
    const c = text.charCodeAt(lt + 1);
    if (c === 33) { // <!-- -->
      const end = text.startsWith('<!--', lt) ? text.indexOf('--', lt + 4) : -1;
      if (end < 0 || text.charCodeAt(end + 2) !== 62) return null;
      i = textStart = end + 3;
      continue;
    }
    if (c === 47) { // </name>
      const j = endTagEnd(text, lt, top);
      if (j < 0) return null;
      stack.pop();
      const from = kidStart.pop()!;
      if (kids.length > from) {
        top!.children = kids.slice(from);
        kids.length = from;
      }
      top!.span.length = j - top!.span.offset;
      i = textStart = j;
      continue;
    }
    NAME_RE.lastIndex = lt + 1;
    if (!NAME_RE.test(text)) return null;
    const name = text.slice(lt + 1, NAME_RE.lastIndex);
    const j = tags.read(text, NAME_RE.lastIndex);
    if (j < 0 || (!top && root)) return null; // declined, or a second root
    const selfClosing = text.charCodeAt(j - 2) === 47;
    const tag = { offset: lt, length: j - lt };
    const el: XmlElement = {
      name,
      span: selfClosing ? tag : { offset: lt, length: j - lt },
      nameSpan: { offset: lt + 1, length: name.length },
      startTagSpan: tag,
      attributes: tags.attributes,
      children: NO_CHILDREN,
      text: '',
      parent: top ?? null,
    };
    if (top) kids.push(el);
    else root = el;
    if (!selfClosing) {
      if (stack.length >= MAX_PLAIN_DEPTH) return null;
      stack.push(el);
      kidStart.push(kids.length);
    }
    i = textStart = j;
  }
  return root && stack.length === 0 ? root : null;
}
