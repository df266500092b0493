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
