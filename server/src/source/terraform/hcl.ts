/**
 * HCL native syntax (Terraform's `.tf` files) read with offsets: bodies of attributes and blocks,
 * and expressions (literals, quoted templates with `${…}` and `%{…}`, heredocs, tuples, objects,
 * traversals with index and splat steps, function calls, operators, conditionals, `for`
 * expressions). A hand-written recursive-descent parser: the npm packages for HCL either compile
 * HashiCorp's Go parser to JavaScript or WebAssembly and hand back JSON without positions, or need
 * an asynchronous WebAssembly start that the pure core cannot do. Nothing is evaluated here
 * (eval.ts does what is safe). The first syntax error ends the parse, as Terraform refuses a
 * configuration that does not parse. Work is linear in the text; nesting is bounded.
 */
import type { Span } from '../../text/span';
import { MAX_READ_DEPTH, tooDeep } from '../readLimit';
import { graphemeClusters, graphemeCount } from './graphemes';
import { nameSuggestion } from './didyoumean';

export type Expr =
  /** `text`: a number's spelling (its sign too), which go-cty reads at 512 bits */
  | { kind: 'literal'; value: string | number | boolean | null; span: Span; text?: string }
  /** `inner`: an if or for directive's content, a string even when it is one interpolation */
  | { kind: 'template'; parts: TemplatePart[]; span: Span; directives: boolean; inner?: true }
  | { kind: 'tuple'; items: Expr[]; span: Span }
  | { kind: 'object'; items: Array<{ key: Expr; value: Expr }>; span: Span }
  | { kind: 'traversal'; root: string; steps: Step[]; span: Span }
  /** `expandFinal`: the last argument ends with `...` (its elements are the arguments); `close`: the `)` */
  | { kind: 'call'; name: string; args: Expr[]; span: Span; expandFinal?: true; close?: Span; open?: number }
  | { kind: 'paren'; inner: Expr; span: Span }
  /** an operator or a conditional keeps its operands (`op`: `?:`, `==`, `+`, `!`, …), a `for` expression its parts; other forms only say what they are */
  /** `join`: a template's for directive, its results joined into one string (TemplateJoinExpr) */
  | { kind: 'other'; what: string; span: Span; op?: string; args?: Expr[]; for?: ForParts; join?: true; base?: Expr; steps?: Step[] };

/** `[for k, v in coll : value if cond]` or `{for k, v in coll : key => value... if cond}` */
export interface ForParts {
  keyVar?: string;
  valVar: string;
  coll: Expr;
  key?: Expr;
  value: Expr;
  cond?: Expr;
  /** `...` after an object's value: values of one key are grouped in a tuple */
  group: boolean;
  object: boolean;
}

export type TemplatePart = { lit: string; span: Span } | { expr: Expr };
/**
 * `legacy`: written with a dot (`.0`, `.*`): hcl's attribute-only splat `.*` takes only the `.name`
 * and `.0` steps right after it, `[*]` every step after it
 */
export type Step = { attr: string; span: Span } | { index: Expr; span: Span; legacy?: true } | { splat: true; span: Span; legacy?: true };

export interface Attribute {
  type: 'attribute';
  name: string;
  nameSpan: Span;
  expr: Expr;
  /** from the name to the end of the expression */
  span: Span;
}

export interface Block {
  type: 'block';
  blockType: string;
  typeSpan: Span;
  labels: Array<{ value: string; span: Span }>;
  body: Body;
  /** from the type to the closing brace */
  span: Span;
  /** the offsets of `{` and `}` */
  open: number;
  close: number;
}

export interface Body {
  items: Array<Attribute | Block>;
}

export interface ParseResult {
  body: Body;
  error: { message: string; span: Span; limit?: true } | null;
}


class SyntaxError_ extends Error {
  constructor(message: string, readonly span: Span, readonly limit = false) {
    super(message);
  }
}

const ID_START = /[\p{L}_]/u;
const ID_CONT = /[\p{L}\p{N}_-]/u;

const MULTI_LINE = 'Invalid multi-line string: Quoted strings may not be split over multiple lines. To produce a multi-line string, either use the \\n escape to represent a newline character or use the "heredoc" multi-line template syntax.';
const NO_CLOSING_MARKER = 'Unterminated template string: No closing marker was found for the string.';

/**
 * hclsyntax token.go checkInvalidTokens: a character the scanner makes into a token no syntax takes,
 * whose diagnostic Terraform gives before the parser's (its length in UTF-16 units), or null
 */
function invalidToken(s: string, at: number): { message: string; length: number } | null {
  const c = s[at];
  const bitwise = (hint: string) => ({ message: `Unsupported operator: Bitwise operators are not supported.${hint}`, length: 1 });
  const character = (why: string) => ({ message: `Invalid character: ${why}`, length: c.length });
  switch (c) {
    case undefined: return null;
    case '&': return s[at + 1] === '&' ? null : bitwise(' Did you mean boolean AND ("&&")?');
    case '|': return s[at + 1] === '|' ? null : bitwise(' Did you mean boolean OR ("||")?');
    case '^': return bitwise('');
    // `~}` ends an interpolation or a directive (a strip marker)
    case '~': return s[at + 1] === '}' ? null : bitwise(' Did you mean boolean NOT ("!")?');
    case "'": return character('Single quotes are not valid. Use double quotes (") to enclose strings.');
    case ';': return character('The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.');
    case '`': return character('The "`" character is not valid. To create a multi-line string, use the "heredoc" syntax, like "<<EOT".');
    case '\u201c': case '\u201d': return character('"Curly quotes" are not valid here. These can sometimes be inadvertently introduced when sharing code via documents or discussion forums. It might help to replace the character with a "straight quote".');
    case '@': case '$': case '\\': return character('This character is not used within the language.');
    default: {
      const ch = String.fromCodePoint(s.codePointAt(at)!);
      return ch.codePointAt(0)! > 0x7f && !ID_START.test(ch) && !/\s/u.test(ch) ? { message: 'Invalid character: This character is not used within the language.', length: ch.length } : null;
    }
  }
}

/**
 * A quote where the parser expected something else opens a quoted string to the scanner: when that
 * string (and any opened after it on the line) is still open at the line's end, the scanner's
 * quoted newline (hclsyntax TokenQuotedNewline) is Terraform's first diagnostic. Its offset, or -1.
 * The walk stops at the line's end.
 */
function quotedNewlineAfter(s: string, at: number): number {
  let inside = false;
  for (let i = at; i < s.length; i++) {
    const c = s[i];
    if (c === '\n' || c === '\r') return inside ? i : -1;
    if (inside && c === '\\') { i++; continue; }
    if (c === '"') inside = !inside;
  }
  return -1;
}

/**
 * The file name Terraform writes in a diagnostic that points at another place (hcl Range.String):
 * bdm-lab is given a text, not a path; a root module's file is named by itself ("main.tf").
 */
export const DEFAULT_FILE = 'main.tf';

/**
 * hcl's Range.String of a span (pos.go): `file:line,column-column`, or `file:line,column-line,column`
 * across lines. Lines end at "\n" (or "\r\n"); columns count grapheme clusters from 1, as the
 * hclsyntax scanner counts them (token.go emitToken, go-textseg).
 */
export function rangeText(text: string, span: Span, file = DEFAULT_FILE): string {
  const pos = (at: number) => {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) line++;
    return { line, column: 1 + graphemeCount(text.slice(lineStart, at)) };
  };
  const a = pos(span.offset);
  const b = pos(span.offset + span.length);
  return a.line === b.line ? `${file}:${a.line},${a.column}-${b.column}` : `${file}:${a.line},${a.column}-${b.line},${b.column}`;
}

/** Parse a `.tf` text. Never throws; the first syntax error is returned with its place (`file`: the name Terraform would give it). */
export function parseHcl(text: string, file = DEFAULT_FILE): ParseResult {
  const p = new Parser(text, file);
  try {
    const body = p.body(false);
    return { body, error: p.redefined };
  } catch (e) {
    // an attribute redefined before the syntax error is Terraform's first diagnostic
    if (e instanceof SyntaxError_) return { body: p.partial, error: p.redefined ?? { message: e.message, span: e.span, ...(e.limit ? { limit: true as const } : {}) } };
    throw e;
  }
}

class Parser {
  pos = 0;
  /** > 0 inside brackets, where newlines are white space */
  private nest = 0;
  private depth = 0;
  partial: Body = { items: [] };
  /** hclsyntax parser.go ParseBody: the first attribute set twice in one body (the parse goes on) */
  redefined: { message: string; span: Span } | null = null;

  constructor(private readonly s: string, private readonly file: string) {}

  private fail(message: string, at = this.pos, length = 1): never {
    throw new SyntaxError_(message, { offset: Math.min(at, this.s.length), length: at >= this.s.length ? 0 : length });
  }

  /**
   * the parser meets a token it cannot take at `at`: Terraform's first diagnostic is the scanner's
   * when that token is one no syntax takes (token.go checkInvalidTokens), or a quote that leaves a
   * string open to the line's end; else the parser's `message`
   */
  private unexpected(message: string, at = this.pos, length = 1): never {
    const bad = invalidToken(this.s, at);
    if (bad) this.fail(bad.message, at, bad.length);
    const nl = this.s[at] === '"' ? quotedNewlineAfter(this.s, at) : -1;
    if (nl >= 0) this.fail(MULTI_LINE, nl, this.s.startsWith('\r\n', nl) ? 2 : 1);
    this.fail(message, at, length);
  }

  /**
   * parser.go recover(TokenCBrack) from `from`: the offset of the `]` that closes the bracket left
   * open (pairs inside skipped, quoted strings and comments stepped over), else the end of the file.
   * One pass to the end at most.
   */
  private closingBracket(from: number): number {
    const s = this.s;
    let nest = 0;
    for (let i = from; i < s.length; i++) {
      const c = s[i];
      if (c === '"') {
        for (i++; i < s.length && s[i] !== '"' && s[i] !== '\n'; i++) if (s[i] === '\\') i++;
      } else if (c === '#' || (c === '/' && s[i + 1] === '/')) {
        while (i < s.length && s[i] !== '\n') i++;
      } else if (c === '/' && s[i + 1] === '*') {
        const e = s.indexOf('*/', i + 2);
        if (e < 0) break;
        i = e + 1;
      } else if (c === '[') nest++;
      else if (c === ']') {
        if (nest < 1) return i;
        nest--;
      }
    }
    return s.length;
  }

  /** the length of the token at the reading position, roughly as hclsyntax's scanner cuts it (an ellipsis, a name, a number, else one character) */
  private tokenLength(): number {
    const m = /^(?:\.\.\.|=>|::|[=!<>]=|&&|\|\||[\p{L}_][\p{L}\p{N}_-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/u.exec(this.s.slice(this.pos, this.pos + 256));
    return m ? m[0].length : 1;
  }

  private enter(): void {
    // Terraform's own parser has no such bound: past it, bdm-lab's limit (not Terraform's refusal)
    if (++this.depth > MAX_READ_DEPTH) throw new SyntaxError_(tooDeep('the configuration'), { offset: Math.min(this.pos, this.s.length), length: this.pos >= this.s.length ? 0 : 1 }, true);
  }

  /** skip blanks and comments; newlines too when `nl` (or inside brackets) */
  private skip(nl = this.nest > 0): void {
    const s = this.s;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\uFEFF') this.pos++;
      else if ((c === '\n' || c === '\r') && nl) this.pos++;
      else if (c === '#' || (c === '/' && s[this.pos + 1] === '/')) {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
      } else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unterminated comment: a /* comment has no */', this.pos, 2);
        this.pos = end + 2;
      } else return;
    }
  }

  private ident(): { value: string; span: Span } | null {
    const s = this.s;
    if (this.pos >= s.length || !ID_START.test(s[this.pos])) return null;
    const start = this.pos;
    this.pos++;
    while (this.pos < s.length && ID_CONT.test(s[this.pos])) this.pos++;
    return { value: s.slice(start, this.pos), span: { offset: start, length: this.pos - start } };
  }

  private atNewline(): boolean {
    const c = this.s[this.pos];
    return c === '\n' || c === '\r' || this.pos >= this.s.length;
  }

  /** A body: to the end of the text (top level) or to its closing brace (not consumed). */
  body(inBlock: boolean, open = -1): Body {
    const body: Body = { items: [] };
    const seen = new Map<string, Attribute>();
    if (!inBlock) this.partial = body;
    for (;;) {
      this.skip(true);
      if (this.pos >= this.s.length) {
        if (inBlock) this.fail('Unclosed configuration block: There is no closing brace for this block before the end of the file. This may be caused by incorrect brace nesting elsewhere in this file.', open, 1);
        return body;
      }
      if (this.s[this.pos] === '}') {
        if (inBlock) return body;
        this.fail('Argument or block definition required: An argument or block definition is required here.');
      }
      const name = this.ident();
      if (!name) this.unexpected('Argument or block definition required: An argument or block definition is required here.', this.pos, this.tokenLength());
      this.skip(false);
      // parser.go parseBodyItem: a name then `=` is an argument, then a label or `{` a block; anything else is neither
      const after = this.s[this.pos];
      if (after !== '=' && after !== '"' && after !== '{' && !(after !== undefined && ID_START.test(after))) {
        this.fail('Argument or block definition required: An argument or block definition is required here. To set an argument, use the equals sign "=" to introduce the argument value.', name.span.offset, name.span.length);
      }
      if (this.s[this.pos] === '=' && this.s[this.pos + 1] !== '=') {
        this.pos++;
        const expr = this.expression();
        const attr: Attribute = { type: 'attribute', name: name.value, nameSpan: name.span, expr, span: { offset: name.span.offset, length: expr.span.offset + expr.span.length - name.span.offset } };
        body.items.push(attr);
        const first = seen.get(name.value);
        if (!first) seen.set(name.value, attr);
        else this.redefined ??= { message: `Attribute redefined: The argument "${name.value}" was already set at ${rangeText(this.s, first.nameSpan, this.file)}. Each argument may be set only once.`, span: name.span };
        this.endOfItem(inBlock);
      } else {
        body.items.push(this.block(name));
        this.endOfItem(inBlock);
      }
    }
  }

  private endOfItem(inBlock: boolean): void {
    this.skip(false);
    if (this.atNewline() || (inBlock && this.s[this.pos] === '}')) return;
    if (this.s[this.pos] === ',') this.fail('Unexpected comma after argument: Argument definitions must be separated by newlines, not commas. An argument definition must end with a newline.');
    this.unexpected('Missing newline after argument: An argument definition must end with a newline.', this.pos, this.tokenLength());
  }

  private block(name: { value: string; span: Span }): Block {
    const labels: Array<{ value: string; span: Span }> = [];
    for (;;) {
      this.skip(false);
      const c = this.s[this.pos];
      if (c === '"') {
        const start = this.pos;
        const t = this.quoted();
        if (t.kind !== 'template' || t.parts.some((p) => 'expr' in p) || t.directives) this.fail('Invalid block label: a block label must be a literal string, without interpolation', start, t.span.length);
        labels.push({ value: t.parts.map((p) => ('lit' in p ? p.lit : '')).join(''), span: t.span });
      } else if (c === '{') break;
      else {
        const id = this.ident();
        if (!id) this.fail(`Invalid block definition: either a quoted string block label or an opening brace ("{") is expected here`);
        labels.push(id);
      }
    }
    const open = this.pos;
    this.pos++;
    this.enter();
    const saved = this.nest;
    this.nest = 0;
    const body = this.body(true, open);
    this.nest = saved;
    this.depth--;
    const close = this.pos;
    this.pos++;
    return { type: 'block', blockType: name.value, typeSpan: name.span, labels, body, open, close, span: { offset: name.span.offset, length: close + 1 - name.span.offset } };
  }

  // ---- expressions -------------------------------------------------------------------

  expression(): Expr {
    this.enter();
    const e = this.conditional();
    this.depth--;
    return e;
  }

  private span(start: number): Span {
    return { offset: start, length: this.pos - start };
  }

  private conditional(): Expr {
    const start = this.pos0();
    const cond = this.binary(0);
    const before = this.pos;
    this.skip();
    if (this.s[this.pos] === '?') {
      this.pos++;
      const yes = this.expression();
      this.skip();
      if (this.s[this.pos] !== ':') this.unexpected('Missing false expression in conditional: The conditional operator (...?...:...) requires a false expression, delimited by a colon.', this.pos, this.tokenLength());
      this.pos++;
      const no = this.expression();
      return { kind: 'other', what: 'a conditional expression', span: this.span(start), op: '?:', args: [cond, yes, no] };
    }
    this.pos = before;
    return cond;
  }

  /** the offset where the next token starts */
  private pos0(): number {
    this.skip();
    return this.pos;
  }

  private static readonly LEVELS: string[][] = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    const start = this.pos0();
    let left = this.binary(level + 1);
    for (;;) {
      const before = this.pos;
      this.skip();
      const op = Parser.LEVELS[level].find((o) => this.s.startsWith(o, this.pos) && !(o === '/' && (this.s[this.pos + 1] === '/' || this.s[this.pos + 1] === '*')));
      if (!op) {
        this.pos = before;
        return left;
      }
      this.pos += op.length;
      const right = this.binary(level + 1);
      left = { kind: 'other', what: `the ${op} operator`, span: this.span(start), op, args: [left, right] };
    }
  }

  /**
   * A run of prefix `!` and `-` operators, read in a loop and applied innermost first (a call
   * per operator overflowed the stack on thousands of them): each node spans from its operator
   * to the end of the operand, as when read one operator per call.
   */
  private unary(): Expr {
    const ops: Array<{ c: '!' | '-'; start: number }> = [];
    for (;;) {
      const start = this.pos0();
      const c = this.s[this.pos];
      if (c !== '!' && c !== '-') break;
      this.pos++;
      ops.push({ c, start });
    }
    let operand = this.postfix();
    for (let i = ops.length - 1; i >= 0; i--) {
      const { c, start } = ops[i]!;
      if (c === '-' && operand.kind === 'literal' && typeof operand.value === 'number') operand = { kind: 'literal', value: -operand.value, span: this.span(start), ...(operand.text !== undefined ? { text: operand.text.startsWith('-') ? operand.text.slice(1) : `-${operand.text}` } : {}) };
      else operand = { kind: 'other', what: `the ${c} operator`, span: this.span(start), op: c, args: [operand] };
    }
    return operand;
  }

  private postfix(): Expr {
    const start = this.pos0();
    let e = this.primary();
    // after `.*`, the `.name` and `.0` steps that belong to it (hclsyntax parser.go): a second `.*` there is refused
    let legacySplat: number | undefined;
    for (;;) {
      const before = this.pos;
      this.skip();
      const c = this.s[this.pos];
      // a dot (not an ellipsis's): a step, whatever follows it (`a..b` is refused at its second dot)
      if (c === '.' && !this.s.startsWith('...', this.pos)) {
        const at = this.pos;
        this.pos++;
        // the scanner's tokens: blanks (and inside brackets newlines) may follow the dot
        this.skip();
        let step: Step;
        if (this.s[this.pos] === '*') {
          if (legacySplat !== undefined) this.fail('Nested splat expression not allowed: A splat expression (*) cannot be used inside another attribute-only splat expression.', this.pos, 1);
          legacySplat = this.pos;
          this.pos++;
          step = { splat: true, span: this.span(at), legacy: true };
        } else if (/[0-9]/.test(this.s[this.pos] ?? '')) {
          const n = /^[0-9]+/.exec(this.s.slice(this.pos, this.pos + 20))![0];
          // the scanner reads `0.1` as one number: two legacy indexes in a row are refused
          const two = /^([0-9]+)\.([0-9]+)/.exec(this.s.slice(this.pos, this.pos + 60));
          if (two) {
            this.fail(`Invalid legacy index syntax: When using the legacy index syntax, chaining two indexes together is not permitted. Use the proper index syntax${legacySplat !== undefined ? ' with a full splat expression [*]' : ''} instead, like [${two[1]}][${two[2]}].`,
              legacySplat ?? this.pos, legacySplat !== undefined ? 1 : two[0].length);
          }
          this.pos += n.length;
          step = { index: { kind: 'literal', value: Number(n), span: this.span(at + 1), text: n }, span: this.span(at), legacy: true };
        } else {
          const id = this.ident();
          if (!id) this.unexpected('Invalid attribute name: An attribute name is required after a dot.', this.pos, this.tokenLength());
          step = { attr: id.value, span: this.span(at) };
        }
        e = this.step(e, step, start);
      } else if (c === '[') {
        legacySplat = undefined;
        const at = this.pos;
        this.pos++;
        this.nest++;
        this.skip();
        let step: Step;
        if (this.s[this.pos] === '*') {
          this.pos++;
          this.skip();
          step = { splat: true, span: this.span(at) };
        } else step = { index: this.expression(), span: this.span(at) };
        this.skip();
        if (this.s[this.pos] !== ']') {
          // parser.go: the diagnostic's subject is the token its recovery stops at (the variable is
          // reused after the diagnostic takes its address): the `]` that closes the bracket, else the end of the file
          const msg = 'splat' in step
            ? 'Missing close bracket on splat index: The star for a full splat operator must be immediately followed by a closing bracket ("]").'
            : 'Missing close bracket on index: The index operator must end with a closing bracket ("]").';
          if (invalidToken(this.s, this.pos)) this.unexpected(msg);
          this.fail(msg, this.closingBracket(this.s[this.pos] === '"' ? this.pos : this.pos + this.tokenLength()), 1);
        }
        this.pos++;
        this.nest--;
        step.span = this.span(at);
        e = this.step(e, step, start);
      } else {
        this.pos = before;
        return e;
      }
    }
  }

  private step(e: Expr, step: Step, start: number): Expr {
    if (e.kind === 'traversal') return { ...e, steps: [...e.steps, step], span: this.span(start) };
    // an index or attribute of another expression (hclsyntax IndexExpr, RelativeTraversalExpr):
    // the expression is kept as its base, the steps after it (made here: added to in place)
    if (e.kind === 'other' && e.base && e.steps) {
      e.steps.push(step);
      e.span = this.span(start);
      return e;
    }
    return { kind: 'other', what: 'an index or attribute of an expression', span: this.span(start), base: e, steps: [step] };
  }

  private primary(): Expr {
    const s = this.s;
    const start = this.pos0();
    const c = s[this.pos];
    if (c === undefined) this.fail('Missing expression: Expected the start of an expression, but found the end of the file.');
    if (c === '"') return this.quoted();
    if (c === '<' && s[this.pos + 1] === '<') return this.heredoc();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(s.slice(this.pos, this.pos + 400))!;
      this.pos += m[0].length;
      return { kind: 'literal', value: Number(m[0]), span: this.span(start), text: m[0] };
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (c === '(') {
      this.pos++;
      this.nest++;
      const inner = this.expression();
      this.skip();
      if (s[this.pos] !== ')') this.unexpected('Unbalanced parentheses: Expected a closing parenthesis to terminate the expression.', this.pos, this.tokenLength());
      this.pos++;
      this.nest--;
      return { kind: 'paren', inner, span: this.span(start) };
    }
    const id = this.ident();
    if (!id) this.unexpected('Invalid expression: Expected the start of an expression, but found an invalid expression token.', this.pos, s.startsWith('::', this.pos) ? 2 : String.fromCodePoint(s.codePointAt(this.pos)!).length);
    if (id.value === 'true' || id.value === 'false') return { kind: 'literal', value: id.value === 'true', span: id.span };
    if (id.value === 'null') return { kind: 'literal', value: null, span: id.span };
    const afterId = this.pos;
    this.skip(false);
    if (s[this.pos] === '(' || (s[this.pos] === ':' && s[this.pos + 1] === ':')) return this.call(id, start);
    this.pos = afterId;
    return { kind: 'traversal', root: id.value, steps: [], span: id.span };
  }

  private call(id: { value: string }, start: number): Expr {
    let name = id.value;
    while (this.s.startsWith('::', this.pos)) {
      this.pos += 2;
      const more = this.ident();
      if (!more) this.unexpected('Missing function name: Function scope resolution symbol :: must be followed by a function name in this scope.', this.pos, this.tokenLength());
      name += `::${more.value}`;
    }
    if (this.s[this.pos] !== '(') this.unexpected('Missing open parenthesis: Function selector must be followed by an open parenthesis to begin the function call.', this.pos, this.tokenLength());
    const open = this.pos;
    this.pos++;
    this.nest++;
    const args: Expr[] = [];
    let expandFinal = false;
    for (;;) {
      this.skip();
      if (this.s[this.pos] === ')') break;
      args.push(this.expression());
      this.skip();
      if (this.s.startsWith('...', this.pos)) {
        // parser.go finishParsingFunctionCall: `...` only right before the closing parenthesis
        const at = this.pos;
        this.pos += 3;
        this.skip();
        if (this.s[this.pos] !== ')') this.fail('Missing closing parenthesis: An expanded function argument (with ...) must be immediately followed by closing parentheses.', at, 3);
        expandFinal = true;
        break;
      }
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.s[this.pos] !== ')') this.unexpected('Missing argument separator: A comma is required to separate each function argument from the next.', this.pos, this.tokenLength());
    }
    const close = { offset: this.pos, length: 1 };
    this.pos++;
    this.nest--;
    return { kind: 'call', name, args, span: this.span(start), close, open, ...(expandFinal ? { expandFinal: true as const } : {}) };
  }

  /** `for` expressions inside `[` or `{` (eval.ts evaluates them over a known collection) */
  private forExpr(start: number, close: string): Expr {
    this.skip();
    this.ident(); // for
    this.skip();
    const first = this.ident();
    if (!first) this.unexpected("Invalid 'for' expression: For expression requires variable name after 'for'.", this.pos, this.tokenLength());
    let keyVar: string | undefined;
    let valVar = first.value;
    this.skip();
    if (this.s[this.pos] === ',') {
      this.pos++; this.skip();
      const second = this.ident();
      if (!second) this.unexpected("Invalid 'for' expression: For expression requires value variable name after comma.", this.pos, this.tokenLength());
      keyVar = first.value;
      valVar = second.value;
    }
    this.skip();
    const kw = this.ident();
    if (kw?.value !== 'in') this.unexpected("Invalid 'for' expression: For expression requires the 'in' keyword after its name declarations.", kw?.span.offset ?? this.pos, kw?.span.length ?? this.tokenLength());
    const coll = this.expression();
    this.skip();
    if (this.s[this.pos] !== ':') this.unexpected("Invalid 'for' expression: For expression requires a colon after the collection expression.", this.pos, this.tokenLength());
    this.pos++;
    let value = this.expression();
    let key: Expr | undefined;
    let group = false;
    this.skip();
    if (this.s.startsWith('=>', this.pos)) { this.pos += 2; key = value; value = this.expression(); this.skip(); }
    const ellipsis = this.pos;
    if (this.s.startsWith('...', this.pos)) { this.pos += 3; this.skip(); group = true; }
    const save = this.pos;
    let cond: Expr | undefined;
    if (this.ident()?.value === 'if') cond = this.expression();
    else this.pos = save;
    this.skip();
    if (this.s[this.pos] !== close) this.unexpected("Invalid 'for' expression: Extra characters after the end of the 'for' expression.", this.pos, this.tokenLength());
    this.pos++;
    // hclsyntax parser.go finishParsingForExpr: what a tuple or an object cannot have, once the expression is read
    if (close === ']' && key) this.fail("Invalid 'for' expression: Key expression is not valid when building a tuple.", key.span.offset, key.span.length);
    if (close === ']' && group) this.fail("Invalid 'for' expression: Grouping ellipsis (...) cannot be used when building a tuple.", ellipsis, 3);
    if (close === '}' && !key) this.fail("Invalid 'for' expression: Key expression is required when building an object.", value.span.offset, value.span.length);
    this.nest--;
    return { kind: 'other', what: 'a for expression', span: this.span(start), for: { ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll, ...(key ? { key } : {}), value, ...(cond ? { cond } : {}), group, object: close === '}' } };
  }

  /** parser.go parseTupleCons, parseObjectCons: the keyword `for` first makes a `for` expression, whatever follows it */
  private isFor(): boolean {
    const save = this.pos;
    this.skip();
    const id = this.ident();
    this.pos = save;
    return id?.value === 'for';
  }

  private tuple(): Expr {
    const start = this.pos;
    this.pos++;
    this.nest++;
    if (this.isFor()) return this.forExpr(start, ']');
    const items: Expr[] = [];
    for (;;) {
      this.skip();
      if (this.s[this.pos] === ']') break;
      items.push(this.expression());
      this.skip();
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.s[this.pos] !== ']') this.unexpected('Missing item separator: Expected a comma to mark the beginning of the next item.', this.pos, this.tokenLength());
    }
    this.pos++;
    this.nest--;
    return { kind: 'tuple', items, span: this.span(start) };
  }

  private object(): Expr {
    const start = this.pos;
    this.pos++;
    this.nest++;
    if (this.isFor()) return this.forExpr(start, '}');
    // inside an object's braces newlines separate items again
    const saved = this.nest;
    this.nest = 0;
    const items: Array<{ key: Expr; value: Expr }> = [];
    for (;;) {
      this.skip(true);
      if (this.s[this.pos] === '}') break;
      const key = this.expression();
      this.skip(false);
      // `=>` and `==` are tokens of their own, not the equals sign
      if ((this.s[this.pos] !== '=' && this.s[this.pos] !== ':') || this.s.startsWith('=>', this.pos) || this.s.startsWith('==', this.pos)) {
        // parser.go parseObjectCons: the words depend on the token found instead
        const c = this.s[this.pos];
        if (c === '\n' || c === '\r' || c === ',') this.fail('Missing attribute value: Expected an attribute value, introduced by an equals sign ("=").', this.pos, c === '\r' && this.s[this.pos + 1] === '\n' ? 2 : 1);
        const ident = c !== undefined && ID_START.test(c);
        this.unexpected(`Missing key/value separator: Expected an equals sign ("=") to mark the beginning of the attribute value.${ident ? ' If you intended to given an attribute name containing periods or spaces, write the name in quotes to create a string literal.' : ''}`, this.pos, this.tokenLength());
      }
      this.pos++;
      const value = this.expression();
      items.push({ key, value });
      this.skip(false);
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.atNewline() && this.pos < this.s.length) continue;
      this.skip(true);
      if (this.s[this.pos] !== '}') this.unexpected('Missing attribute separator: Expected a newline or comma to mark the beginning of the next attribute.', this.pos, this.tokenLength());
    }
    this.pos++;
    this.nest = saved - 1;
    return { kind: 'object', items, span: this.span(start) };
  }

  /**
   * a quoted template "…" (hclsyntax scan_tokens.rl stringTemplate, parser_template.go): its tokens
   * (literal runs split at each `$` and `%`, escapes decoded), strip markers applied, then the
   * directives built into conditionals and joined `for`s
   */
  private quoted(): Expr {
    const s = this.s;
    const start = this.pos;
    this.pos++;
    const toks: TTok[] = [];
    let lit = '';
    let litStart = this.pos;
    const flush = () => {
      if (this.pos > litStart) toks.push({ t: 'lit', val: lit, span: { offset: litStart, length: this.pos - litStart } });
      lit = '';
      litStart = this.pos;
    };
    for (;;) {
      const c = s[this.pos];
      // the scanner's quoted newline (token.go), else the parser's end of input
      if (c === '\n' || c === '\r') this.fail(MULTI_LINE, this.pos, s.startsWith('\r\n', this.pos) ? 2 : 1);
      if (c === undefined) this.fail(NO_CLOSING_MARKER, this.pos, 0);
      if (c === '"') { flush(); this.pos++; break; }
      if (c === '\\') {
        const e = s[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e in simple) { lit += simple[e]; this.pos += 2; continue; }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = s.slice(this.pos + 2, this.pos + 2 + n);
          // the scanner's token: the selector and the hexadecimal digits that follow it, at most n
          const digits = /^[0-9a-fA-F]*/.exec(hex)![0].length;
          if (digits !== n) this.fail(`Invalid escape sequence: The \\${e} escape sequence must be followed by ${e === 'u' ? 'four' : 'eight'} hexadecimal digits.`, this.pos, 2 + digits);
          if (Number.parseInt(hex, 16) > 0x10ffff || (Number.parseInt(hex, 16) >= 0xd800 && Number.parseInt(hex, 16) <= 0xdfff)) this.fail(`Invalid escape sequence: Cannot encode character U+${hex.toLowerCase().replace(/^0+(?=[0-9a-f]{4})/, '')} in UTF-8.`, this.pos, 2 + n);
          lit += String.fromCodePoint(Number.parseInt(hex, 16));
          this.pos += 2 + n;
          continue;
        }
        if (e === undefined || e === '\n' || e === '\r') this.fail('Invalid escape sequence: Backslash must be followed by an escape sequence selector character.', this.pos, 1);
        this.fail(`Invalid escape sequence: The symbol ${JSON.stringify(e)} is not a valid escape sequence selector.`, this.pos, 2);
      }
      if (c === '$' || c === '%') {
        flush();
        this.sigil(toks, true);
        litStart = this.pos;
        continue;
      }
      lit += c;
      this.pos++;
    }
    return this.template(toks, start, false, { offset: this.pos - 1, length: 1 });
  }

  /**
   * at a `$` or `%`: an interpolation or directive (its token), an escaped `$${` / `%%{` (a literal
   * token of its own, as the scanner's TemplateNotInterp), or a lone sign (a one-character literal)
   */
  private sigil(toks: TTok[], quoted: boolean): void {
    const s = this.s;
    const c = s[this.pos];
    const at = this.pos;
    if (s[this.pos + 1] === '{') { toks.push(this.interpolation(c === '%', quoted)); return; }
    if (s[this.pos + 1] === c && s[this.pos + 2] === '{') {
      this.pos += s[this.pos + 3] === '~' ? 4 : 3;
      toks.push({ t: 'lit', val: `${c}{${this.pos - at === 4 ? '~' : ''}`, span: { offset: at, length: this.pos - at } });
      return;
    }
    this.pos++;
    toks.push({ t: 'lit', val: c, span: { offset: at, length: 1 } });
  }

  /** `${ expr }` or `%{ directive }`, with their strip markers (`quoted`: in a quoted template, not a heredoc) */
  private interpolation(directive: boolean, quoted: boolean): TTok {
    const s = this.s;
    const open = this.pos;
    this.pos += 2;
    this.nest++;
    const trimLeft = s[this.pos] === '~';
    if (trimLeft) this.pos++;
    this.skip();
    let tok: TTok;
    if (directive) {
      const kw = this.ident();
      const span = (): Span => ({ offset: open, length: this.pos - open });
      if (kw?.value === 'if') tok = { t: 'if', cond: this.expression(), span: span() };
      else if (kw?.value === 'for') {
        this.skip();
        const first = this.ident();
        if (!first) this.fail("Invalid 'for' directive: For directive requires variable name after 'for'.");
        let valVar = first.value;
        let keyVar: string | undefined;
        this.skip();
        if (s[this.pos] === ',') {
          this.pos++;
          this.skip();
          const second = this.ident();
          if (!second) this.fail("Invalid 'for' directive: For directive requires value variable name after comma.");
          keyVar = valVar;
          valVar = second.value;
          this.skip();
        }
        const inKw = this.ident();
        if (inKw?.value !== 'in') this.fail("Invalid 'for' directive: For directive requires 'in' keyword after names.", inKw?.span.offset ?? this.pos, inKw?.span.length ?? 1);
        tok = { t: 'for', ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll: this.expression(), span: span() };
      } else if (kw?.value === 'else' || kw?.value === 'endif' || kw?.value === 'endfor') tok = { t: kw.value, span: span() };
      else if (kw) {
        const near = nameSuggestion(kw.value, ['if', 'for', 'else', 'endif', 'endfor']);
        this.fail(`Invalid template control keyword: ${JSON.stringify(kw.value)} is not a valid template control keyword.${near ? ` Did you mean "${near}"?` : ''}`, kw.span.offset, kw.span.length);
      }
      else this.fail('Invalid template directive: A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.');
    } else tok = { t: 'interp', expr: this.expression(), span: { offset: open, length: 0 } };
    this.skip();
    const trimRight = s[this.pos] === '~' && s[this.pos + 1] === '}';
    if (trimRight) this.pos++;
    if (s[this.pos] !== '}') this.unclosed(tok, open, quoted);
    this.pos++;
    this.nest--;
    tok.span = { offset: open, length: this.pos - open };
    return { ...tok, trimLeft, trimRight };
  }

  /** parser_template.go: an interpolation or a directive that does not end where it should */
  private unclosed(tok: TTok, open: Span['offset'], quoted: boolean): never {
    const s = this.s;
    const at = this.pos;
    const opener = { offset: open, length: s[open + 2] === '~' ? 3 : 2 };
    if (tok.t !== 'interp') this.unexpected(`Extra characters in ${tok.t} marker: Expected a closing brace to end the sequence, but found extra characters.`, at, this.tokenLength());
    const extra = 'Extra characters after interpolation expression: ';
    if (at >= s.length) this.fail('Unclosed template interpolation sequence: There is no closing brace for this interpolation sequence before the end of the file. This might be caused by incorrect nesting inside the given expression.', opener.offset, opener.length);
    if (s[at] === ':') this.unexpected(`${extra}Template interpolation doesn't expect a colon at this location. Did you intend this to be a literal sequence to be processed as part of another language? If so, you can escape it by starting with "$\${" instead of just "\${".`);
    if (s[at] === '"' && quoted) {
      const nl = quotedNewlineAfter(s, at);
      if (nl >= 0) this.fail(MULTI_LINE, nl, s.startsWith('\r\n', nl) ? 2 : 1);
      this.fail('Unclosed template interpolation sequence: There is no closing brace for this interpolation sequence before the end of the quoted template. This might be caused by incorrect nesting inside the given expression.', opener.offset, opener.length);
    }
    this.unexpected(`${extra}Expected a closing brace to end the interpolation expression, but found extra characters.\n\nThis can happen when you include interpolation syntax for another language, such as shell scripting, but forget to escape the interpolation start token. If this is an embedded sequence for another language, escape it by starting with "$\${" instead of just "\${".`, at, this.tokenLength());
  }

  /** `<<EOF` / `<<-EOF` heredocs: a template over whole lines up to the closing marker */
  private heredoc(): Expr {
    const s = this.s;
    const start = this.pos;
    const m = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)\r?\n/u.exec(s.slice(this.pos, this.pos + 300));
    // not a heredoc's opening to the scanner (`<<` then a name and a newline): `<` begins no expression
    if (!m) this.fail('Invalid expression: Expected the start of an expression, but found an invalid expression token.', start, 1);
    const marker = m[2];
    const bodyStart = this.pos + m[0].length;
    const close = new RegExp(`^[ \\t]*${marker}[ \\t]*$`, 'u');
    let lineStart = bodyStart;
    let bodyEnd = -1;
    let after = -1;
    while (lineStart <= s.length) {
      let eol = s.indexOf('\n', lineStart);
      if (eol < 0) eol = s.length;
      const line = s.slice(lineStart, eol).replace(/\r$/, '');
      if (close.test(line)) { bodyEnd = lineStart; after = lineStart + line.length; break; }
      if (eol >= s.length) break;
      lineStart = eol + 1;
    }
    // no line is the marker: the heredoc's lines run to the end of the file (what they hold is read first, its
    // refusals before this one), where the parser finds no closing marker
    if (bodyEnd < 0) {
      this.heredocTokens(bodyStart, s.length);
      this.fail(NO_CLOSING_MARKER, s.length, 0);
    }
    const toks = this.heredocTokens(bodyStart, bodyEnd);
    this.pos = after;
    // the closing marker's token: its line, blanks before the marker too, without the newline
    return this.template(toks, start, m[1] === '-', { offset: bodyEnd, length: after - bodyEnd - (s[after - 1] === '\r' ? 1 : 0) });
  }

  /** a heredoc's tokens (scan_tokens.rl heredocTemplate): literals end at a line's end (with its newline) or at a `$` / `%`; no escapes but `$${` / `%%{` */
  private heredocTokens(from: number, to: number): TTok[] {
    const s = this.s;
    const toks: TTok[] = [];
    this.pos = from;
    let litStart = from;
    const flush = () => { if (this.pos > litStart) toks.push({ t: 'lit', val: s.slice(litStart, this.pos), span: { offset: litStart, length: this.pos - litStart } }); };
    while (this.pos < to) {
      const c = s[this.pos];
      if (c === '$' || c === '%') {
        flush();
        this.sigil(toks, false);
        litStart = this.pos;
        continue;
      }
      this.pos++;
      if (c === '\n') { flush(); litStart = this.pos; }
    }
    this.pos = Math.max(this.pos, to);
    flush();
    return toks;
  }

  /**
   * parser_template.go parseTemplateInner: strip markers trim the literal token just before (`${~`,
   * `%{~`) or just after (`~}`) them; a flush heredoc loses its lines' smallest indentation; then
   * literals meld and the directives nest (an if becomes a conditional of two templates, a for a
   * joined `for` over its content). One interpolation and nothing else is that expression's value.
   */
  private template(toks: TTok[], start: number, flushHeredoc: boolean, closer: Span): Expr {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.t === 'lit') continue;
      const prev = toks[i - 1];
      if (t.trimLeft && prev?.t === 'lit') prev.val = trimRightSpace(prev.val);
      const next = toks[i + 1];
      if (t.trimRight && next?.t === 'lit') next.val = trimLeftSpace(next.val);
    }
    if (flushHeredoc) flushIndent(toks);
    const melded: TTok[] = [];
    for (const t of toks) {
      const last = melded.at(-1);
      if (t.t === 'lit' && last?.t === 'lit') melded[melded.length - 1] = { t: 'lit', val: last.val + t.val, span: { offset: last.span.offset, length: t.span.offset + t.span.length - last.span.offset } };
      else melded.push(t);
    }
    const span = this.span(start);
    // parser_template.go: an empty template's one literal is the empty range at the end of the token
    // after the opening quote (the closing quote of `""`, a heredoc's closing marker)
    let end = span.offset + span.length;
    if (this.s[start] !== '"') { if (this.s[end - 1] === '\n') end--; if (this.s[end - 1] === '\r') end--; }
    if (!melded.length) melded.push({ t: 'lit', val: '', span: { offset: this.s[start] === '"' ? start + 2 : end, length: 0 } });
    const directives = melded.some((t) => t.t !== 'lit' && t.t !== 'interp');
    const cursor = { i: 0 };
    const parts = this.templateParts(melded, cursor, null, 0, closer);
    // an interpolation alone is passed through (TemplateWrapExpr): a template of that one part
    return { kind: 'template', parts, directives, span };
  }

  /** parser_template.go templateParser: the parts up to the directive that ends `open` (none at the top) */
  private templateParts(toks: TTok[], cur: { i: number }, open: Extract<TTok, { t: 'if' | 'for' }> | null, depth: number, closer: Span): TemplatePart[] {
    if (depth > MAX_READ_DEPTH) throw new SyntaxError_(tooDeep('the configuration'), open?.span ?? { offset: 0, length: 0 }, true);
    const parts: TemplatePart[] = [];
    const unbalanced = (t: TTok) => this.fail(`Unexpected ${t.t} directive: The control directives within this template are unbalanced.`, t.span.offset, t.span.length);
    let elseParts: TemplatePart[] | null = null;
    let target = parts;
    for (;;) {
      const t = toks[cur.i++];
      if (!t) {
        if (open) this.fail(`Unexpected end of template: The ${open.t} directive at ${rangeText(this.s, open.span, this.file)} is missing its corresponding end${open.t} directive.`, closer.offset, closer.length);
        return parts;
      }
      if (t.t === 'lit') target.push({ lit: t.val, span: t.span });
      else if (t.t === 'interp') target.push({ expr: t.expr });
      else if (t.t === 'if' || t.t === 'for') {
        target.push(...this.templateParts(toks, cur, t, depth + 1, closer));
      } else if (!open) unbalanced(t);
      else if (t.t === 'else') {
        if (open.t !== 'if' || elseParts) this.fail(open.t === 'if' ? `Unexpected else directive: Already in the else clause for the if started at ${rangeText(this.s, open.span, this.file)}.` : 'Unexpected else directive: An else clause is not expected for a for directive.', t.span.offset, t.span.length);
        elseParts = [];
        target = elseParts;
      } else if (t.t !== `end${open.t}`) this.fail(`Unexpected ${t.t} directive: ${open.t === 'if' ? `Expecting an endif directive for the if started at ${rangeText(this.s, open.span, this.file)}.` : `Expecting an endfor directive corresponding to the for directive at ${rangeText(this.s, open.span, this.file)}.`}`, t.span.offset, t.span.length);
      else return [{ expr: this.directiveExpr(open, parts, elseParts, t.span) }];
    }
  }

  /** an if directive as a conditional of two templates, a for directive as a joined `for` over its content template */
  private directiveExpr(open: Extract<TTok, { t: 'if' | 'for' }>, body: TemplatePart[], elseBody: TemplatePart[] | null, end: Span): Expr {
    const span = { offset: open.span.offset, length: end.offset + end.length - open.span.offset };
    const inner = (ps: TemplatePart[], at: number): Expr => {
      const list = ps.length ? ps : [{ lit: '', span: { offset: at, length: 0 } }];
      const first = list[0], last = list[list.length - 1];
      const a = 'lit' in first ? first.span.offset : first.expr.span.offset;
      const z = 'lit' in last ? last.span.offset + last.span.length : last.expr.span.offset + last.expr.span.length;
      return { kind: 'template', parts: list, directives: false, span: { offset: a, length: z - a }, inner: true };
    };
    if (open.t === 'if') return { kind: 'other', what: 'an if directive', span, op: '?:', args: [open.cond, inner(body, open.span.offset + open.span.length), inner(elseBody ?? [], end.offset)] };
    return { kind: 'other', what: 'a for directive', span, join: true, for: { ...(open.keyVar !== undefined ? { keyVar: open.keyVar } : {}), valVar: open.valVar, coll: open.coll, value: inner(body, open.span.offset + open.span.length), group: false, object: false } };
  }
}

/** template tokens (parser_template.go templateToken): literals, interpolations, directives with their strip markers */
type TTok =
  | { t: 'lit'; val: string; span: Span }
  | ({ span: Span; trimLeft?: boolean; trimRight?: boolean } & (
    | { t: 'interp'; expr: Expr }
    | { t: 'if'; cond: Expr }
    | { t: 'for'; keyVar?: string; valVar: string; coll: Expr }
    | { t: 'else' | 'endif' | 'endfor' }));

/** Go's unicode.IsSpace of one character (all of its white space is in the BMP) */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
export const isGoSpace = (c: string): boolean => GO_SPACE.test(c);
/** strings.TrimLeftFunc(s, unicode.IsSpace) / TrimRightFunc: a scan, no backtracking */
export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s[i])) i++;
  return s.slice(i);
}
export function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isGoSpace(s[i - 1])) i--;
  return s.slice(0, i);
}

/**
 * parser_template.go flushHeredocTemplateParts: the token that begins each line (after a literal
 * ending in a newline) counts its leading white space in grapheme clusters, a line of white space
 * alone not counted (nor trimmed), a line that begins with an interpolation or directive counting
 * 0; then that many clusters come off each counted literal.
 */
function flushIndent(toks: TTok[]): void {
  let min = Infinity;
  let newline = true;
  const adjust: Array<Extract<TTok, { t: 'lit' }>> = [];
  for (const t of toks) {
    if (newline) {
      newline = false;
      if (t.t === 'lit') {
        const lead = t.val.slice(0, t.val.length - trimLeftSpace(t.val).length);
        if (!(lead.length === t.val.length && t.val.endsWith('\n'))) {
          min = Math.min(min, graphemeCount(lead));
          adjust.push(t);
        }
      } else min = 0;
    }
    if (t.t === 'lit' && t.val.endsWith('\n')) newline = true;
  }
  if (!Number.isFinite(min) || min === 0) return;
  for (const t of adjust) {
    const clusters = graphemeClusters(t.val);
    const cut = clusters.slice(0, min).join('').length;
    t.val = t.val.slice(cut);
    t.span = { offset: t.span.offset + cut, length: t.span.length - cut };
  }
}

/** The attributes of a body by name (the last one wins; the parser refuses duplicates: Parser.redefined). */
export function attrs(body: Body): Map<string, Attribute> {
  const m = new Map<string, Attribute>();
  for (const it of body.items) if (it.type === 'attribute') m.set(it.name, it);
  return m;
}

export function blocks(body: Body, type?: string): Block[] {
  return body.items.filter((it): it is Block => it.type === 'block' && (type === undefined || it.blockType === type));
}
