/**
 * Shapes shared by the libvirt XML modules. Everything is offset-based: a Span
 * counts UTF-16 code units from the start of the text, exactly as JavaScript
 * string indices do, so the LSP layer can turn it into a Range with
 * TextDocument.positionAt and the CLI can compute line:column itself.
 */

import type { Span } from '../text/span';
import type { FindingBase, Severity } from '../model/diagnostic';

export type { Span, Severity };

/**
 * One place a libvirt XML rule fires, with the values its message template needs; `stage` when
 * libvirt makes this finding's check in another stage than the rule's (stages.ts).
 */
export interface Finding extends FindingBase<Record<string, string>> {
  stage?: Stage;
}

/**
 * The stages of `virsh define --validate` (libvirt 9.0), in the order libvirt runs them: the XML
 * itself (libxml2), the RelaxNG schema, the parse into libvirt's domain config, the post-parse
 * (the QEMU driver's domain callback, each device's callback, the common domain checks, then
 * address assignment), and the validation (the QEMU driver's domain checks, each device in turn,
 * then the common domain checks). libvirt stops at its first error, so of several problems it
 * reports the one of the earliest stage; bdm-lab orders its findings the same way (analyze.ts), so
 * its first error is libvirt's answer.
 */
export const STAGES = [
  'xml',
  'schema',
  'parse',
  'postparse-domain',
  'postparse-device',
  'postparse-common',
  'address',
  'validate-domain-driver',
  'validate-device',
  'validate-domain',
] as const;
export type Stage = (typeof STAGES)[number];

export interface Problem {
  id: string;
  severity: Severity;
  message: string;
  span: Span;
}

export interface XmlAttribute {
  name: string;
  /** The value with the predefined entities and character references decoded. */
  value: string;
  nameSpan: Span;
  /** The value between the quotes (quotes excluded). */
  valueSpan: Span;
}

export interface XmlElement {
  name: string;
  /** From '<' of the start tag to the last '>' of the element (end tag or '/>'). */
  span: Span;
  /** The name in the start tag. */
  nameSpan: Span;
  /** The whole start tag, '<' to '>'. */
  startTagSpan: Span;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Concatenated character data directly inside this element (not its children), decoded. */
  text: string;
  parent: XmlElement | null;
}

export type LibvirtRoot = 'domain' | 'disk' | 'devices';

export interface DiskSummary {
  span: Span;
  targetDev?: string;
  bus?: string;
  type?: string;
  device?: string;
}

export interface LibvirtAnalysis {
  root: LibvirtRoot | null;
  problems: Problem[];
  disks: DiskSummary[];
}

export function attr(el: XmlElement, name: string): XmlAttribute | undefined {
  // an indexed loop: every rule asks this of every disk's elements, mostly once per process (the
  // CLI), where V8 still interprets the code and a for-of would build an iterator per call
  const list = el.attributes;
  for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i];
  return undefined;
}

export function attrValue(el: XmlElement, name: string): string | undefined {
  return attr(el, name)?.value;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  const list = el.children;
  for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i];
  return undefined;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Depth-first, document order. */
export function* walk(el: XmlElement): Generator<XmlElement> {
  yield el;
  for (const c of el.children) yield* walk(c);
}
