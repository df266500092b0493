/**
 * JSON text -> a position-carrying tree plus syntax problems. Never throws.
 * Values are judged from the tree (jsonc-parser), and numbers keep their source text,
 * because Nova's Python parser keeps `10.0` and `1e1` as floats where JSON.parse says 10.
 */
import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node, type ParseError } from 'jsonc-parser';
import type { Span } from '../text/span';
import { LazyNode, lazyTree } from './lazyTree';

export interface SyntaxProblem {
  span: Span;
  message: string;
}

export interface ParsedJson {
  text: string;
  root: Node | undefined;
  syntax: SyntaxProblem[];
}

const MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  InvalidCommentToken: 'Invalid comment token',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence in string',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid characters in string (control characters must be escaped)',
};

/** Deeper than this, a body is refused before parsing (the parsers and Python's json recurse). */
export const MAX_DEPTH = 500;

const TOO_DEEP = 'nested deeper than';
/**
 * A syntax problem only Python's json has (nesting too deep for it): every other one a JSON
 * editor reports itself, so the language server leaves those to it.
 */
export function onlyPythonRefuses(message: string): boolean {
  return message.includes(TOO_DEEP);
}

/**
 * Offset where containers first nest deeper than `max` levels as jsonc-parser's parseTree reads
 * the text (it recurses once per level), or null. Read with parseTree's own scanner, so that a
 * broken text is seen as that parser sees it: a string cut by a line break, a comment, a lone
 * quote (a jump from quote to quote reads such a text otherwise: a lab host whose parse recursed
 * 40 000 levels overflowed the stack). A closing bracket counts only when it closes the innermost
 * open container: what the parser does with one that does not, it may not leave, so the count
 * errs on the deep side.
 */
export function tooDeepToParse(text: string, max: number): number | null {
  const scanner = createScanner(text, false);
  // the open containers, '{' or '[' (no more than max + 1 are ever held)
  const open: number[] = [];
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      open.push(t);
      if (open.length > max) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) {
      const want = t === SyntaxKind.CloseBraceToken ? SyntaxKind.OpenBraceToken : SyntaxKind.OpenBracketToken;
      if (open[open.length - 1] === want) open.pop();
    }
  }
  return null;
}

/** True when containers nest deeper than `max` levels in a parsed value (the root container is level 1). */
function deeperThan(v: unknown, max: number, level = 1): boolean {
  if (level > max) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c = v[i];
      if (c !== null && typeof c === 'object' && deeperThan(c, max, level + 1)) return true;
    }
    return false;
  }
  for (const k in v as Record<string, unknown>) {
    const c = (v as Record<string, unknown>)[k];
    if (c !== null && typeof c === 'object' && deeperThan(c, max, level + 1)) return true;
  }
  return false;
}

export function parseJson(text: string, opts: { allowComments?: boolean } = {}): ParsedJson {
  // Fast path: a body JSON.parse accepts, not nested too deep, gets a lazy tree (positions
  // computed only for what is reported). A float literal's spelling matters to Nova (`10.0` is
  // a float to Python's json): when the text may write one, the tree says so and numbers are
  // read from their own text (source/json/doc.ts numberText, parse/pyrepr.ts).
  let value: unknown;
  let plain = false;
  try {
    value = JSON.parse(text);
    plain = true;
  } catch {
    // not plain JSON: the full parser reports where and why
  }
  // (a text no longer than MAX_DEPTH characters cannot open more than MAX_DEPTH containers)
  if (plain && !(text.length > MAX_DEPTH && deeperThan(value, MAX_DEPTH))) {
    // (whether a number literal there writes a float is worked out when first asked: parse/floatLiterals.ts)
    return { text, root: lazyTree(text, value), syntax: [] };
  }
  // (as jsonc-parser reads the text: JSON.parse refused it, so it may be broken anywhere)
  const deep = tooDeepToParse(text, MAX_DEPTH);
  if (deep !== null) {
    return { text, root: undefined, syntax: [{ span: { offset: deep, length: 1 }, message: `Nova cannot parse this body: ${TOO_DEEP} ${MAX_DEPTH} levels (Python's json gives up on such nesting).` }] };
  }
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // Python's json reads NaN, Infinity and -Infinity as floats: the tree is made from a copy of
    // the text where each is a number literal of the same length, then given its value
    const constants = pythonConstants(text);
    root = parseTree(constants ? constants.text : text, errors, { disallowComments: !opts.allowComments, allowTrailingComma: false, allowEmptyContent: false });
    if (constants && root) giveConstants(root, constants.values);
  } catch {
    // jsonc-parser is not known to throw, but a language server must not die on input.
    root = undefined;
    errors.push({ error: 1, offset: 0, length: text.length });
  }
  const syntax = errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return {
      span: { offset: Math.min(e.offset, text.length), length: Math.max(0, Math.min(e.length, text.length - e.offset)) },
      message: `Nova cannot parse this body: ${MESSAGES[code] ?? code}.`,
    };
  });
  return { text, root, syntax };
}

/** A same-length number literal standing in for each constant Python's json reads (a float, as the constant is). */
const STAND_INS: Record<string, { value: number; text: string }> = {
  NaN: { value: NaN, text: '0.0' },
  Infinity: { value: Infinity, text: '0.000000' },
  '-Infinity': { value: -Infinity, text: '-0.000000' },
};

/** Tokens after which a value may start (a constant glued to a number, `1NaN`, is no value). */
const BEFORE_VALUE = new Set<SyntaxKind>([
  SyntaxKind.OpenBraceToken, SyntaxKind.OpenBracketToken, SyntaxKind.CommaToken, SyntaxKind.ColonToken,
  SyntaxKind.Trivia, SyntaxKind.LineBreakTrivia, SyntaxKind.LineCommentTrivia, SyntaxKind.BlockCommentTrivia,
]);

/**
 * The NaN, Infinity and -Infinity tokens of a text JSON.parse refused (Python's json takes them
 * where a value may be; jsonc-parser's scanner reads each as an unknown token, `-Infinity` as two):
 * the text with a number literal of the same length in each place, and the value by offset.
 * Null when the text has none (most texts: one search for each spelling).
 */
function pythonConstants(text: string): { text: string; values: Map<number, number> } | null {
  if (!text.includes('NaN') && !text.includes('Infinity')) return null;
  const scanner = createScanner(text, false);
  const values = new Map<number, number>();
  let out = '';
  let copied = 0;
  let prev: SyntaxKind | null = null;
  let prevPrev: SyntaxKind | null = null;
  let prevOffset = -1;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    const at = scanner.getTokenOffset();
    if (t === SyntaxKind.Unknown) {
      const word = text.substr(at, scanner.getTokenLength());
      let start = -1;
      let spelling = word;
      if (word === 'Infinity' && prev === SyntaxKind.Unknown && prevOffset === at - 1 && text.charCodeAt(at - 1) === 45) {
        if (prevPrev === null || BEFORE_VALUE.has(prevPrev)) { start = at - 1; spelling = '-Infinity'; }
      } else if ((word === 'NaN' || word === 'Infinity') && (prev === null || BEFORE_VALUE.has(prev))) start = at;
      if (start >= 0) {
        const stand = STAND_INS[spelling];
        out += text.slice(copied, start) + stand.text;
        copied = start + stand.text.length;
        values.set(start, stand.value);
      }
    }
    prevPrev = prev;
    prev = t;
    prevOffset = at;
  }
  return values.size ? { text: out + text.slice(copied), values } : null;
}

/** Gives the number nodes standing in for Python's constants their values (an explicit stack: no recursion). */
function giveConstants(root: Node, values: Map<number, number>): void {
  const stack: Node[] = [root];
  let left = values.size;
  while (stack.length && left > 0) {
    const n = stack.pop()!;
    if (n.type === 'number') {
      const v = values.get(n.offset);
      if (v !== undefined) { (n as { value: unknown }).value = v; left--; }
    } else if (n.children) for (const c of n.children) stack.push(c);
  }
}

/** Child of an object node by key: the last occurrence, as Python's json module keeps it. */
const lazyKeys = new WeakMap<LazyNode[], Map<unknown, LazyNode>>();
export function prop(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  // the lazy tree knows each property's key (one per key, as JSON.parse keeps them) without
  // making the key and value nodes of the others
  if (node instanceof LazyNode) {
    const children = node.children as LazyNode[];
    // a big object's keys are looked up in a map made once (a scan per key was quadratic when
    // every key of a 20 000-key object was placed)
    if (children.length <= 16) return children.find((p) => p.seg === key);
    let bySeg = lazyKeys.get(children);
    if (!bySeg) {
      bySeg = new Map();
      for (const p of children) if (!bySeg.has(p.seg)) bySeg.set(p.seg, p);
      lazyKeys.set(children, bySeg);
    }
    return bySeg.get(key);
  }
  let found: Node | undefined;
  for (const p of node.children) {
    const k = p.children?.[0];
    if (k && k.value === key) found = p;
  }
  return found;
}

/**
 * The node at a JSON path, taking the last of duplicated keys (what Python's json and
 * JSON.parse keep; jsonc-parser's findNodeAtLocation takes the first); of the path's first
 * `depth` segments when given (a parent's node, with no shorter path cut).
 */
export function findAt(root: Node | undefined, path: Array<string | number>, depth = path.length): Node | undefined {
  let n = root;
  for (let d = 0; d < depth; d++) {
    const seg = path[d];
    if (!n) return undefined;
    if (typeof seg === 'number') {
      if (n.type !== 'array' || !n.children || seg < 0 || seg >= n.children.length) return undefined;
      n = n.children[seg];
    } else {
      if (n.type !== 'object') return undefined;
      n = propValue(n, seg);
    }
  }
  return n;
}

/** The value node of a property node. */
export function valueOf(propNode: Node | undefined): Node | undefined {
  return propNode?.children?.[1];
}

export function propValue(node: Node | undefined, key: string): Node | undefined {
  return valueOf(prop(node, key));
}

/**
 * Plain JS value of a node. For duplicated keys the last value wins at the first key's
 * place, as in a Python dict (and JSON.parse).
 */
export function toValue(node: Node | undefined): unknown {
  if (!node) return undefined;
  if (node instanceof LazyNode) return node.type === 'property' ? undefined : node.raw;
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const k = p.children?.[0];
        const v = p.children?.[1];
        if (k && typeof k.value === 'string') {
          Object.defineProperty(o, k.value, { value: toValue(v), enumerable: true, writable: true, configurable: true });
        }
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

export function keySpan(propNode: Node): Span {
  const k = propNode.children?.[0] ?? propNode;
  return { offset: k.offset, length: k.length };
}
