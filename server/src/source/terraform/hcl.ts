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

export type Expr =
  /** `text`: a number's spelling (its sign too), which go-cty reads at 512 bits */
  | { kind: 'literal'; value: string | number | boolean | null; span: Span; text?: string }
  /** `inner`: an if or for directive's content, a string even when it is one interpolation */
  | { kind: 'template'; parts: TemplatePart[]; span: Span; directives: boolean; inner?: true }
  | { kind: 'tuple'; items: Expr[]; span: Span }
  | { kind: 'object'; items: Array<{ key: Expr; value: Expr }>; span: Span }
  | { kind: 'traversal'; root: string; steps: Step[]; span: Span }
  /** `expandFinal`: the last argument ends with `...` (its elements are the arguments); `close`: the `)` */
  | { kind: 'call'; name: string; args: Expr[]; span: Span; expandFinal?: true; close?: Span }
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

  /** the length of the token at the reading position, roughly as hclsyntax's scanner cuts it (an ellipsis, a name, a number, else one character) */
  private tokenLength(): number {
    const m = /^(?:\.\.\.|=>|[=!<>]=|&&|\|\||[\p{L}_][\p{L}\p{N}_-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/u.exec(this.s.slice(this.pos, this.pos + 256));
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
  body(inBlock: boolean): Body {
    const body: Body = { items: [] };
    const seen = new Map<string, Attribute>();
    if (!inBlock) this.partial = body;
    for (;;) {
      this.skip(true);
      if (this.pos >= this.s.length) {
        if (inBlock) this.fail('Unclosed configuration block: there is no closing brace for this block before the end of the file');
        return body;
      }
      if (this.s[this.pos] === '}') {
        if (inBlock) return body;
        this.fail('Argument or block definition required: an unexpected closing brace');
      }
      const name = this.ident();
      if (!name) this.fail('Argument or block definition required: an argument or block definition is required here');
      this.skip(false);
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
    this.fail('Missing newline after argument: an argument definition must end with a newline');
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
    const body = this.body(true);
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
      if (this.s[this.pos] !== ':') this.fail('Missing false expression in conditional: the conditional operator (...?...:...) requires a false expression, delimited by a colon');
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
      if (c === '.' && this.s[this.pos + 1] !== '.') {
        const at = this.pos;
        this.pos++;
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
          if (!id) this.fail('Invalid attribute name: an attribute name is required after a dot');
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
        if (this.s[this.pos] !== ']') this.fail('Missing close bracket on index: the index operator must end with a closing bracket ("]")');
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
    if (c === undefined) this.fail('Invalid expression: expected the start of an expression, but found the end of the file');
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
      if (s[this.pos] !== ')') this.fail('Unbalanced parentheses: expected a closing parenthesis');
      this.pos++;
      this.nest--;
      return { kind: 'paren', inner, span: this.span(start) };
    }
    const id = this.ident();
    if (!id) this.fail(`Invalid expression: expected the start of an expression, but found ${JSON.stringify(c)}`);
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
      if (!more) this.fail('Invalid function name: a name is required after "::"');
      name += `::${more.value}`;
    }
    if (this.s[this.pos] !== '(') this.fail('Missing open parenthesis: a function call needs an argument list');
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
      if (this.s[this.pos] !== ')') this.fail('Missing item separator: expected a comma to mark the beginning of the next argument');
    }
    const close = { offset: this.pos, length: 1 };
    this.pos++;
    this.nest--;
    return { kind: 'call', name, args, span: this.span(start), close, ...(expandFinal ? { expandFinal: true as const } : {}) };
  }

  /** `for` expressions inside `[` or `{` (eval.ts evaluates them over a known collection) */
  private forExpr(start: number, close: string): Expr {
    this.skip();
    this.ident(); // for
    this.skip();
    const first = this.ident();
    if (!first) this.fail('Invalid "for" expression: a variable name is required after "for"');
    let keyVar: string | undefined;
    let valVar = first.value;
    this.skip();
    if (this.s[this.pos] === ',') {
      this.pos++; this.skip();
      const second = this.ident();
      if (!second) this.fail('Invalid "for" expression: a second variable name is required after the comma');
      keyVar = first.value;
      valVar = second.value;
    }
    this.skip();
    const kw = this.ident();
    if (kw?.value !== 'in') this.fail('Invalid "for" expression: the keyword "in" is required after the variable names');
    const coll = this.expression();
    this.skip();
    if (this.s[this.pos] !== ':') this.fail('Invalid "for" expression: a colon is required after the collection expression');
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
    if (this.s[this.pos] !== close) this.fail("Invalid 'for' expression: Extra characters after the end of the 'for' expression.", this.pos, this.tokenLength());
    this.pos++;
    // hclsyntax parser.go finishParsingForExpr: what a tuple or an object cannot have, once the expression is read
    if (close === ']' && key) this.fail("Invalid 'for' expression: Key expression is not valid when building a tuple.", key.span.offset, key.span.length);
    if (close === ']' && group) this.fail("Invalid 'for' expression: Grouping ellipsis (...) cannot be used when building a tuple.", ellipsis, 3);
    if (close === '}' && !key) this.fail("Invalid 'for' expression: Key expression is required when building an object.", value.span.offset, value.span.length);
    this.nest--;
    return { kind: 'other', what: 'a for expression', span: this.span(start), for: { ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll, ...(key ? { key } : {}), value, ...(cond ? { cond } : {}), group, object: close === '}' } };
  }

  private isFor(): boolean {
    const save = this.pos;
    this.skip();
    const id = this.ident();
    this.skip();
    const next = this.s[this.pos];
    const yes = id?.value === 'for' && next !== undefined && ID_START.test(next);
    this.pos = save;
    return yes;
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
      if (this.s[this.pos] !== ']') this.fail('Missing item separator: expected a comma to mark the beginning of the next item');
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
      if (this.s[this.pos] !== '=' && this.s[this.pos] !== ':') this.fail('Missing key/value separator: expected an equals sign ("=") to mark the beginning of the attribute value');
      this.pos++;
      const value = this.expression();
      items.push({ key, value });
      this.skip(false);
      if (this.s[this.pos] === ',') { this.pos++; continue; }
      if (this.atNewline() && this.pos < this.s.length) continue;
      this.skip(true);
      if (this.s[this.pos] !== '}') this.fail('Missing attribute separator: expected a newline or comma to mark the beginning of the next attribute');
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
      if (c === undefined || c === '\n' || c === '\r') this.fail('Unterminated template string: no closing quote before the end of the line', start, this.pos - start);
      if (c === '"') { flush(); this.pos++; break; }
      if (c === '\\') {
        const e = s[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e in simple) { lit += simple[e]; this.pos += 2; continue; }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = s.slice(this.pos + 2, this.pos + 2 + n);
          if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex) || Number.parseInt(hex, 16) > 0x10ffff) this.fail('Invalid escape sequence: the \\u or \\U escape needs hexadecimal digits of a Unicode character', this.pos, 2);
          lit += String.fromCodePoint(Number.parseInt(hex, 16));
          this.pos += 2 + n;
          continue;
        }
        this.fail(`Invalid escape sequence: the symbol ${JSON.stringify(e ?? '')} is not a valid escape sequence selector`, this.pos, 2);
      }
      if (c === '$' || c === '%') {
        flush();
        this.sigil(toks);
        litStart = this.pos;
        continue;
      }
      lit += c;
      this.pos++;
    }
    return this.template(toks, start, false);
  }

  /**
   * at a `$` or `%`: an interpolation or directive (its token), an escaped `$${` / `%%{` (a literal
   * token of its own, as the scanner's TemplateNotInterp), or a lone sign (a one-character literal)
   */
  private sigil(toks: TTok[]): void {
    const s = this.s;
    const c = s[this.pos];
    const at = this.pos;
    if (s[this.pos + 1] === '{') { toks.push(this.interpolation(c === '%')); return; }
    if (s[this.pos + 1] === c && s[this.pos + 2] === '{') {
      this.pos += s[this.pos + 3] === '~' ? 4 : 3;
      toks.push({ t: 'lit', val: `${c}{${this.pos - at === 4 ? '~' : ''}`, span: { offset: at, length: this.pos - at } });
      return;
    }
    this.pos++;
    toks.push({ t: 'lit', val: c, span: { offset: at, length: 1 } });
  }

  /** `${ expr }` or `%{ directive }`, with their strip markers */
  private interpolation(directive: boolean): TTok {
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
      else if (kw) this.fail(`Invalid template control keyword: ${JSON.stringify(kw.value)} is not a valid template control keyword.`, kw.span.offset, kw.span.length);
      else this.fail('Invalid template directive: A template directive keyword ("if", "for", etc) is expected at the beginning of a %{ sequence.');
    } else tok = { t: 'interp', expr: this.expression(), span: { offset: open, length: 0 } };
    this.skip();
    const trimRight = s[this.pos] === '~' && s[this.pos + 1] === '}';
    if (trimRight) this.pos++;
    if (s[this.pos] !== '}') this.fail('Extra characters after interpolation expression: expected a closing brace to end the interpolation', this.pos);
    this.pos++;
    this.nest--;
    tok.span = { offset: open, length: this.pos - open };
    return { ...tok, trimLeft, trimRight };
  }

  /** `<<EOF` / `<<-EOF` heredocs: a template over whole lines up to the closing marker */
  private heredoc(): Expr {
    const s = this.s;
    const start = this.pos;
    const m = /^<<(-?)([\p{L}_][\p{L}\p{N}_-]*)\r?\n/u.exec(s.slice(this.pos, this.pos + 300));
    if (!m) this.fail('Invalid heredoc: a heredoc starts with << or <<- and an identifier, then a newline', start, 2);
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
    if (bodyEnd < 0) this.fail(`Unterminated template string: no closing marker "${marker}" for this heredoc`, start, m[0].length - 1);
    const toks = this.heredocTokens(bodyStart, bodyEnd);
    this.pos = after;
    return this.template(toks, start, m[1] === '-');
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
        this.sigil(toks);
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
  private template(toks: TTok[], start: number, flushHeredoc: boolean): Expr {
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
    const parts = this.templateParts(melded, cursor, null, 0);
    // an interpolation alone is passed through (TemplateWrapExpr): a template of that one part
    return { kind: 'template', parts, directives, span };
  }

  /** parser_template.go templateParser: the parts up to the directive that ends `open` (none at the top) */
  private templateParts(toks: TTok[], cur: { i: number }, open: Extract<TTok, { t: 'if' | 'for' }> | null, depth: number): TemplatePart[] {
    if (depth > MAX_READ_DEPTH) throw new SyntaxError_(tooDeep('the configuration'), open?.span ?? { offset: 0, length: 0 }, true);
    const parts: TemplatePart[] = [];
    const unbalanced = (t: TTok) => this.fail(`Unexpected ${t.t} directive: The control directives within this template are unbalanced.`, t.span.offset, t.span.length);
    let elseParts: TemplatePart[] | null = null;
    let target = parts;
    for (;;) {
      const t = toks[cur.i++];
      if (!t) {
        if (open) this.fail(`Unexpected end of template: The ${open.t} directive at ${rangeText(this.s, open.span, this.file)} is missing its corresponding end${open.t} directive.`, open.span.offset, open.span.length);
        return parts;
      }
      if (t.t === 'lit') target.push({ lit: t.val, span: t.span });
      else if (t.t === 'interp') target.push({ expr: t.expr });
      else if (t.t === 'if' || t.t === 'for') {
        target.push(...this.templateParts(toks, cur, t, depth + 1));
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
