import type { Span } from './types';

/**
 * Constructs that could make an XML processor (libxml2's xmllint for the schema
 * check) read a file or open a connection: a DOCTYPE (external DTD, parameter
 * entities), any markup declaration, XInclude, a stylesheet PI, and tricks that
 * hide them from a text search (an XML declaration naming another encoding such
 * as UTF-7, NUL or other control characters that make libxml2 guess UTF-16 or
 * UCS-4 from the first bytes). Deliberately coarse: a match anywhere counts,
 * inside comments and CDATA too, case-insensitively, so a document is refused
 * rather than analysed for whether the construct would take effect.
 *
 * Pure: no I/O. The schema check refuses to run an external validator on any
 * document for which this returns a finding.
 */

export interface ExternalReference {
  /** Short, user-facing: what the document declares. */
  reason: string;
  span: Span;
}

/** Encodings whose bytes decode as the same characters as the UTF-8 we write. */
const SAFE_ENCODINGS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);

const PATTERNS: ReadonlyArray<{ re: RegExp; reason: string }> = [
  { re: /<!DOCTYPE/i, reason: 'a DOCTYPE' },
  { re: /<!ENTITY/i, reason: 'an entity declaration' },
  { re: /<!(?:ELEMENT|ATTLIST|NOTATION)/i, reason: 'a DTD markup declaration' },
  { re: /<!\[(?!CDATA\[)/i, reason: 'a DTD conditional section' },
  { re: /<\?xml-stylesheet/i, reason: 'an xml-stylesheet processing instruction' },
  { re: /<(?:[A-Za-z_][\w.-]*:)?include[\s/>]/, reason: 'an XInclude element' },
  { re: /xinclude/i, reason: 'the XInclude namespace' },
];

/** The first construct that rules out handing `text` to an external XML tool, or null. */
export function findExternalReference(text: string): ExternalReference | null {
  const direct = scan(text);
  if (direct || !text.includes('&#')) return direct;
  // Character references can spell any of the above inside attribute values (a namespace
  // URI). XML decodes them once, so one decoding pass is checked, never more.
  const decoded = text.replace(/&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi, (_all, hex: string | undefined, dec: string | undefined) => {
    const cp = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
    return cp >= 0x20 && cp <= 0x7e ? String.fromCharCode(cp) : ' ';
  });
  const inner = decoded === text ? null : scan(decoded);
  return inner ? { reason: `${inner.reason} (spelled with character references)`, span: { offset: text.indexOf('&#'), length: 2 } } : null;
}

function scan(text: string): ExternalReference | null {
  // C0 controls other than tab, LF and CR are not XML characters; NULs in particular
  // make libxml2 read the bytes as UTF-16 or UCS-4, where a DOCTYPE can hide.
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(text);
  if (control) return { reason: 'a character XML does not allow (a control character)', span: { offset: control.index, length: 1 } };

  for (const { re, reason } of PATTERNS) {
    const m = re.exec(text);
    if (m) return { reason, span: { offset: m.index, length: m[0].length } };
  }

  // An encoding other than UTF-8 makes libxml2 re-read the bytes (UTF-7 spells '<' as '+ADw-').
  // libxml2 honours only the declaration at the start; leading white space is allowed here too.
  const lead = /^\ufeff?\s*/.exec(text)![0].length;
  if (/^<\?xml[\s?]/i.test(text.slice(lead, lead + 6))) {
    const close = text.indexOf('?>', lead);
    const decl = text.slice(lead, close < 0 ? lead + 1000 : Math.min(close + 2, lead + 1000));
    const enc = /encoding\s*=\s*(["']?)([^"'\s?]*)/i.exec(decl);
    if (enc && !SAFE_ENCODINGS.has(enc[2].toLowerCase())) {
      return { reason: `an encoding other than UTF-8 (${JSON.stringify(enc[2].slice(0, 40))})`, span: { offset: lead, length: decl.length } };
    }
  }
  return null;
}
