/**
 * PyYAML's refusal of a text (Heat's template_format: libyaml's CSafeLoader first, then PyYAML's
 * own SafeLoader for the words of a refusal), worked out as PyYAML works it out: its reader's
 * check of the characters, its scanner's tokens (simple keys held back until their `:` comes or
 * they go stale, block indentation unwound), its parser's states, and what its composer refuses
 * (an alias before its anchor, an anchor defined twice, a second document), then what
 * SafeConstructor refuses (a tag it has no constructor for, a tag on the wrong kind of node, a list
 * or dict as a key, a merge of no mapping). Heat refuses a text only where libyaml refuses it too
 * (or the constructor does): libyaml is followed here by the same reader with its few differences
 * (a tab skipped between tokens in flow context and after a `:` or a node on the line, tabs inside
 * a plain scalar, `?` inside a flow plain scalar). Only a refusal is said: no value is built here
 * (template.ts reads the values); a text beyond what this reader follows (nesting Python's
 * recursion limit would end, a value Python's own functions fail on) gets no verdict.
 *
 * Facts (yaml/reader.py, yaml/scanner.py, yaml/parser.py, yaml/composer.py, yaml/error.py of
 * PyYAML 6.0, Debian bookworm's, which Heat 19 runs; no code of theirs):
 * - the reader refuses any character outside tab, line feed, carriage return, printable ASCII,
 *   NEL and the printable Unicode ranges, anywhere in the text, before anything else, naming its
 *   code and its position (in code points);
 * - the scanner skips spaces (never a tab), comments and line breaks between tokens; a tab, `@`,
 *   `` ` `` or a `%` not at column 0 can start no token;
 * - a block collection's indentation opens at the column of its first `-`, `?` or key and closes
 *   (a block end) when a line starts left of it; a simple key is one line of at most 1024
 *   characters, and a key at the collection's indentation is required: a line break before its
 *   `:` is "could not find expected ':'", marked where the scanner looks next;
 * - `-`, `?` and a `:` that takes no simple key are refused in block context where no simple key
 *   may begin (after a scalar or another node on the line);
 * - the parser wants, inside a block mapping, `?` (a key) or a block end, inside a block sequence
 *   `-` or a block end ("expected <block end>, but found ..." marked at the collection's start and
 *   at the token), and a node where a node must be;
 * - a MarkedYAMLError prints its context, the context's mark unless it is the problem's, the
 *   problem and its mark (pyYamlFlow.ts's pyYamlMark).
 */
import { pyRepr } from './py';
import { pyYamlMark } from './pyYamlFlow';

/** the text is beyond what this reader follows (a nesting too deep, a value Python itself fails on): no verdict */
class Unknown extends Error {}

/** a refusal, its marks as code-point indexes */
class Refusal {
  constructor(
    readonly context: string | null,
    readonly contextMark: number | null,
    readonly problem: string,
    readonly problemMark: number,
  ) {}
}

interface Token {
  id: string;
  start: number;
  plain?: boolean;
  /** an anchor's or alias's name, a directive's name */
  value?: string;
  /** a tag's handle (null: a verbatim or `!` tag) and its suffix, %-escapes decoded */
  handle?: string | null;
  suffix?: string;
  /** a plain scalar's text, when it is one or two characters (`=`, `<<`) */
  short?: string;
  /** a YAML directive's major version, a TAG directive's handle */
  major?: number;
  tagHandle?: string;
  tagPrefix?: string;
}

interface SimpleKey {
  tokenNumber: number;
  required: boolean;
  index: number;
  line: number;
  column: number;
  mark: number;
}

const BLANK_OR_END = '\0 \t\r\n\x85\u2028\u2029';
const BREAK_OR_END = '\0\r\n\x85\u2028\u2029';
const BREAKS = '\r\n\x85\u2028\u2029';
const MAX_LEVELS = 1000;
const MAX_COMPOSE_DEPTH = 250;

const isAlnum = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '-' || c === '_';
const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
const URI_CHARS = "-;/?:@&=+$,_.!~*'()[]%";

class Scanner {
  readonly cp: string[];
  p = 0;
  line = 0;
  column = 0;
  done = false;
  flowLevel = 0;
  /** the queue of tokens not yet taken: tokens[head..] */
  tokens: Token[] = [];
  head = 0;
  tokensTaken = 0;
  indent = -1;
  indents: number[] = [];
  allowSimpleKey = true;
  keys = new Map<number, SimpleKey>();

  /**
   * `lib`: read as libyaml reads (what Heat tries first): a tab is skipped between tokens in flow
   * context and where no simple key may begin, a plain scalar takes tabs between its words and, in
   * flow context, a `?`
   */
  constructor(text: string, readonly lib = false) {
    this.cp = Array.from(text);
    this.tokens.push({ id: '<stream start>', start: 0 });
  }

  peek(k = 0): string { return this.cp[this.p + k] ?? '\0'; }
  prefix(k: number): string { return this.cp.slice(this.p, this.p + k).join(''); }
  forward(k = 1): void {
    for (let i = 0; i < k && this.p < this.cp.length; i++) {
      const ch = this.cp[this.p++];
      if (ch === '\n' || ch === '\x85' || ch === '\u2028' || ch === '\u2029' || (ch === '\r' && this.peek() !== '\n')) { this.line++; this.column = 0; }
      else if (ch !== '\uFEFF') this.column++;
    }
  }
  private get queued(): number { return this.tokens.length - this.head; }
  private push(t: Token): void { this.tokens.push(t); }
  /** insert a token `at` places after the head of the queue */
  private insert(at: number, t: Token): void { this.tokens.splice(this.head + at, 0, t); }

  check(...ids: string[]): boolean {
    while (this.needMore()) this.fetchMore();
    if (!this.queued) return false;
    return !ids.length || ids.includes(this.tokens[this.head].id);
  }
  peekToken(): Token {
    while (this.needMore()) this.fetchMore();
    return this.tokens[this.head];
  }
  getToken(): Token {
    while (this.needMore()) this.fetchMore();
    const t = this.tokens[this.head++];
    this.tokensTaken++;
    if (this.head > 1024 && this.head * 2 > this.tokens.length) { this.tokens = this.tokens.slice(this.head); this.head = 0; }
    return t;
  }

  private needMore(): boolean {
    if (this.done) return false;
    if (!this.queued) return true;
    this.staleKeys();
    return this.nextKey() === this.tokensTaken;
  }
  // The possible simple keys are kept in the order they were saved (a key saved again moves to the
  // end), which is the order of their offsets and of their token numbers, all on one line (older
  // ones go stale before a key is saved on a later line): the first is the one the scanner waits
  // for, and the stale ones come first
  private nextKey(): number | null {
    const first = this.keys.values().next();
    return first.done ? null : first.value.tokenNumber;
  }
  private staleKeys(): void {
    for (const [level, key] of this.keys) {
      if (key.line === this.line && this.p - key.index <= 1024) return;
      if (key.required) throw new Refusal('while scanning a simple key', key.mark, "could not find expected ':'", this.p);
      this.keys.delete(level);
    }
  }
  private saveKey(): void {
    const required = !this.flowLevel && this.indent === this.column;
    if (this.allowSimpleKey) {
      this.removeKey();
      this.keys.set(this.flowLevel, { tokenNumber: this.tokensTaken + this.queued, required, index: this.p, line: this.line, column: this.column, mark: this.p });
    }
  }
  private removeKey(): void {
    const key = this.keys.get(this.flowLevel);
    if (!key) return;
    if (key.required) throw new Refusal('while scanning a simple key', key.mark, "could not find expected ':'", this.p);
    this.keys.delete(this.flowLevel);
  }
  private unwind(column: number): void {
    if (this.flowLevel) return;
    while (this.indent > column) {
      this.indent = this.indents.pop()!;
      this.push({ id: '<block end>', start: this.p });
    }
  }
  private addIndent(column: number): boolean {
    if (this.indent >= column) return false;
    if (this.indents.length > MAX_LEVELS) throw new Unknown();
    this.indents.push(this.indent);
    this.indent = column;
    return true;
  }
  /** a token of one or more characters with nothing more to scan */
  private simple(id: string, length = 1): void {
    const start = this.p;
    this.forward(length);
    this.push({ id, start });
  }

  private fetchMore(): void {
    this.toNextToken();
    this.staleKeys();
    this.unwind(this.column);
    const ch = this.peek();
    const c1 = this.peek(1);
    if (ch === '\0') {
      this.unwind(-1);
      this.removeKey();
      this.allowSimpleKey = false;
      this.keys.clear();
      this.push({ id: '<stream end>', start: this.p });
      this.done = true;
      return;
    }
    if (ch === '%' && this.column === 0) {
      this.unwind(-1);
      this.removeKey();
      this.allowSimpleKey = false;
      this.push(this.directive());
      return;
    }
    if ((ch === '-' || ch === '.') && this.column === 0 && this.prefix(3) === ch.repeat(3) && BLANK_OR_END.includes(this.peek(3))) {
      this.unwind(-1);
      this.removeKey();
      this.allowSimpleKey = false;
      this.simple(ch === '-' ? '<document start>' : '<document end>', 3);
      return;
    }
    if (ch === '[' || ch === '{') {
      this.saveKey();
      if (++this.flowLevel > MAX_LEVELS) throw new Unknown();
      this.allowSimpleKey = true;
      this.simple(ch);
      return;
    }
    if (ch === ']' || ch === '}') {
      this.removeKey();
      // (libyaml's level stops at 0, where a `]` its parser dropped leaves one closing bracket too many)
      if (!this.lib || this.flowLevel > 0) this.flowLevel--;
      this.allowSimpleKey = false;
      this.simple(ch);
      return;
    }
    if (ch === ',') {
      this.allowSimpleKey = true;
      this.removeKey();
      this.simple(',');
      return;
    }
    if (ch === '-' && BLANK_OR_END.includes(c1)) {
      if (!this.flowLevel) {
        if (!this.allowSimpleKey) throw new Refusal(null, null, 'sequence entries are not allowed here', this.p);
        if (this.addIndent(this.column)) this.push({ id: '<block sequence start>', start: this.p });
      }
      this.allowSimpleKey = true;
      this.removeKey();
      this.simple('-');
      return;
    }
    if (ch === '?' && (this.flowLevel || BLANK_OR_END.includes(c1))) {
      if (!this.flowLevel) {
        if (!this.allowSimpleKey) throw new Refusal(null, null, 'mapping keys are not allowed here', this.p);
        if (this.addIndent(this.column)) this.push({ id: '<block mapping start>', start: this.p });
      }
      this.allowSimpleKey = !this.flowLevel;
      this.removeKey();
      this.simple('?');
      return;
    }
    if (ch === ':' && (this.flowLevel || BLANK_OR_END.includes(c1))) {
      const key = this.keys.get(this.flowLevel);
      if (key) {
        this.keys.delete(this.flowLevel);
        this.insert(key.tokenNumber - this.tokensTaken, { id: '?', start: key.mark });
        if (!this.flowLevel && this.addIndent(key.column)) this.insert(key.tokenNumber - this.tokensTaken, { id: '<block mapping start>', start: key.mark });
        this.allowSimpleKey = false;
      } else {
        if (!this.flowLevel) {
          if (!this.allowSimpleKey) throw new Refusal(null, null, 'mapping values are not allowed here', this.p);
          if (this.addIndent(this.column)) this.push({ id: '<block mapping start>', start: this.p });
        }
        this.allowSimpleKey = !this.flowLevel;
        this.removeKey();
      }
      this.simple(':');
      return;
    }
    if (ch === '*' || ch === '&') {
      this.saveKey();
      this.allowSimpleKey = false;
      this.push(this.anchor());
      return;
    }
    if (ch === '!') {
      this.saveKey();
      this.allowSimpleKey = false;
      this.push(this.tag());
      return;
    }
    if ((ch === '|' || ch === '>') && !this.flowLevel) {
      this.allowSimpleKey = true;
      this.removeKey();
      this.push(this.blockScalar());
      return;
    }
    if (ch === "'" || ch === '"') {
      this.saveKey();
      this.allowSimpleKey = false;
      this.push(this.flowScalar(ch === '"'));
      return;
    }
    if (!`${BLANK_OR_END}-?:,[]{}#&*!|>'"%@\``.includes(ch) || (!BLANK_OR_END.includes(c1) && (ch === '-' || (!this.flowLevel && (ch === '?' || ch === ':'))))) {
      this.saveKey();
      this.allowSimpleKey = false;
      this.push(this.plain());
      return;
    }
    throw new Refusal('while scanning for the next token', null, `found character ${pyRepr(ch)} that cannot start any token`, this.p);
  }

  private lineBreak(): boolean {
    const ch = this.peek();
    if (ch === '\r' || ch === '\n' || ch === '\x85') { this.forward(ch === '\r' && this.peek(1) === '\n' ? 2 : 1); return true; }
    if (ch === '\u2028' || ch === '\u2029') { this.forward(); return true; }
    return false;
  }

  private toNextToken(): void {
    if (this.p === 0 && this.peek() === '\uFEFF') this.forward();
    for (;;) {
      while (this.peek() === ' ' || (this.lib && this.peek() === '\t' && (this.flowLevel || !this.allowSimpleKey))) this.forward();
      if (this.peek() === '#') while (!BREAK_OR_END.includes(this.peek())) this.forward();
      if (!this.lineBreak()) return;
      if (!this.flowLevel) this.allowSimpleKey = true;
    }
  }

  private directive(): Token {
    const start = this.p;
    this.forward();
    let length = 0;
    while (isAlnum(this.peek(length))) length++;
    const fail = (problem: string): never => { throw new Refusal('while scanning a directive', start, problem, this.p); };
    if (!length) fail(`expected alphabetic or numeric character, but found ${pyRepr(this.peek(length))}`);
    const name = this.prefix(length);
    this.forward(length);
    if (!'\0 \r\n\x85\u2028\u2029'.includes(this.peek())) fail(`expected alphabetic or numeric character, but found ${pyRepr(this.peek())}`);
    const token: Token = { id: '<directive>', start, value: name };
    if (name === 'YAML') {
      while (this.peek() === ' ') this.forward();
      const number = (): number => {
        if (!(this.peek() >= '0' && this.peek() <= '9')) fail(`expected a digit, but found ${pyRepr(this.peek())}`);
        let k = 0;
        while (this.peek(k) >= '0' && this.peek(k) <= '9') k++;
        const v = Number(this.prefix(k));
        this.forward(k);
        return v;
      };
      token.major = number();
      if (this.peek() !== '.') fail(`expected a digit or '.', but found ${pyRepr(this.peek())}`);
      this.forward();
      number();
      if (!'\0 \r\n\x85\u2028\u2029'.includes(this.peek())) fail(`expected a digit or ' ', but found ${pyRepr(this.peek())}`);
    } else if (name === 'TAG') {
      while (this.peek() === ' ') this.forward();
      token.tagHandle = this.tagHandle('directive', start);
      if (this.peek() !== ' ') fail(`expected ' ', but found ${pyRepr(this.peek())}`);
      while (this.peek() === ' ') this.forward();
      token.tagPrefix = this.tagUri('directive', start);
      if (!'\0 \r\n\x85\u2028\u2029'.includes(this.peek())) fail(`expected ' ', but found ${pyRepr(this.peek())}`);
    } else {
      while (!BREAK_OR_END.includes(this.peek())) this.forward();
    }
    while (this.peek() === ' ') this.forward();
    if (this.peek() === '#') while (!BREAK_OR_END.includes(this.peek())) this.forward();
    if (!BREAK_OR_END.includes(this.peek())) fail(`expected a comment or a line break, but found ${pyRepr(this.peek())}`);
    this.lineBreak();
    return token;
  }

  private anchor(): Token {
    const start = this.p;
    const name = this.peek() === '*' ? 'alias' : 'anchor';
    this.forward();
    let length = 0;
    while (isAlnum(this.peek(length))) length++;
    if (!length) throw new Refusal(`while scanning an ${name}`, start, `expected alphabetic or numeric character, but found ${pyRepr(this.peek(length))}`, this.p);
    const value = this.prefix(length);
    this.forward(length);
    if (!`${BLANK_OR_END}?:,]}%@\``.includes(this.peek())) throw new Refusal(`while scanning an ${name}`, start, `expected alphabetic or numeric character, but found ${pyRepr(this.peek())}`, this.p);
    return { id: name === 'alias' ? '<alias>' : '<anchor>', start, value };
  }

  private tag(): Token {
    const start = this.p;
    let ch = this.peek(1);
    let handle: string | null;
    let suffix = '!';
    if (ch === '<') {
      handle = null;
      this.forward(2);
      suffix = this.tagUri('tag', start);
      if (this.peek() !== '>') throw new Refusal('while parsing a tag', start, `expected '>', but found ${pyRepr(this.peek())}`, this.p);
      this.forward();
    } else if (BLANK_OR_END.includes(ch)) {
      handle = null;
      this.forward();
    } else {
      let length = 1;
      let useHandle = false;
      while (!'\0 \r\n\x85\u2028\u2029'.includes(ch)) {
        if (ch === '!') { useHandle = true; break; }
        length++;
        ch = this.peek(length);
      }
      if (useHandle) handle = this.tagHandle('tag', start);
      else { handle = '!'; this.forward(); }
      suffix = this.tagUri('tag', start);
    }
    if (!'\0 \r\n\x85\u2028\u2029'.includes(this.peek())) throw new Refusal('while scanning a tag', start, `expected ' ', but found ${pyRepr(this.peek())}`, this.p);
    return { id: '<tag>', start, handle, suffix };
  }

  private tagHandle(name: string, start: number): string {
    let ch = this.peek();
    if (ch !== '!') throw new Refusal(`while scanning a ${name}`, start, `expected '!', but found ${pyRepr(ch)}`, this.p);
    let length = 1;
    ch = this.peek(length);
    if (ch !== ' ') {
      while (isAlnum(ch)) { length++; ch = this.peek(length); }
      if (ch !== '!') {
        this.forward(length);
        throw new Refusal(`while scanning a ${name}`, start, `expected '!', but found ${pyRepr(ch)}`, this.p);
      }
      length++;
    }
    const value = this.prefix(length);
    this.forward(length);
    return value;
  }

  private tagUri(name: string, start: number): string {
    let length = 0;
    let out = '';
    let any = false;
    let ch = this.peek(length);
    while (isAlnum(ch) || URI_CHARS.includes(ch)) {
      if (ch === '%') {
        out += this.prefix(length);
        this.forward(length);
        if (length) any = true;
        length = 0;
        out += this.uriEscapes(name, start);
        any = true;
      } else length++;
      ch = this.peek(length);
    }
    if (length) { out += this.prefix(length); this.forward(length); any = true; }
    if (!any) throw new Refusal(`while parsing a ${name}`, start, `expected URI, but found ${pyRepr(ch)}`, this.p);
    return out;
  }

  private uriEscapes(name: string, start: number): string {
    const bytes: number[] = [];
    while (this.peek() === '%') {
      this.forward();
      for (let k = 0; k < 2; k++) {
        if (!isHex(this.peek(k))) throw new Refusal(`while scanning a ${name}`, start, `expected URI escape sequence of 2 hexadecimal numbers, but found ${pyRepr(this.peek(k))}`, this.p);
      }
      bytes.push(parseInt(this.prefix(2), 16));
      this.forward(2);
    }
    // bytes that are no UTF-8: Python's own decoder words that refusal, which bdm-lab does not
    try { return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)); } catch { throw new Unknown(); }
  }

  private blockScalar(): Token {
    const start = this.p;
    this.forward();
    let increment: number | null = null;
    const fail = (problem: string): never => { throw new Refusal('while scanning a block scalar', start, problem, this.p); };
    let ch = this.peek();
    if (ch === '+' || ch === '-') {
      this.forward();
      ch = this.peek();
      if (ch >= '0' && ch <= '9' && ch.length === 1) {
        increment = Number(ch);
        if (!increment) fail('expected indentation indicator in the range 1-9, but found 0');
        this.forward();
      }
    } else if (ch >= '0' && ch <= '9' && ch.length === 1) {
      increment = Number(ch);
      if (!increment) fail('expected indentation indicator in the range 1-9, but found 0');
      this.forward();
      ch = this.peek();
      if (ch === '+' || ch === '-') this.forward();
    }
    if (!'\0 \r\n\x85\u2028\u2029'.includes(this.peek())) fail(`expected chomping or indentation indicators, but found ${pyRepr(this.peek())}`);
    while (this.peek() === ' ') this.forward();
    if (this.peek() === '#') while (!BREAK_OR_END.includes(this.peek())) this.forward();
    if (!BREAK_OR_END.includes(this.peek())) fail(`expected a comment or a line break, but found ${pyRepr(this.peek())}`);
    this.lineBreak();
    const minIndent = Math.max(this.indent + 1, 1);
    let indent: number;
    if (increment === null) {
      let maxIndent = 0;
      while (' \r\n\x85\u2028\u2029'.includes(this.peek())) {
        if (this.peek() !== ' ') this.lineBreak();
        else { this.forward(); if (this.column > maxIndent) maxIndent = this.column; }
      }
      indent = Math.max(minIndent, maxIndent);
    } else {
      indent = minIndent + increment - 1;
      this.blockBreaks(indent);
    }
    while (this.column === indent && this.peek() !== '\0') {
      while (!BREAK_OR_END.includes(this.peek())) this.forward();
      this.lineBreak();
      this.blockBreaks(indent);
    }
    return { id: '<scalar>', start, plain: false };
  }
  private blockBreaks(indent: number): void {
    while (this.column < indent && this.peek() === ' ') this.forward();
    while (BREAKS.includes(this.peek())) {
      this.lineBreak();
      while (this.column < indent && this.peek() === ' ') this.forward();
    }
  }

  private flowScalar(double: boolean): Token {
    const start = this.p;
    const quote = this.peek();
    this.forward();
    const ctx = 'while scanning a double-quoted scalar';
    const breaks = (): void => {
      for (;;) {
        const pre = this.prefix(3);
        if ((pre === '---' || pre === '...') && BLANK_OR_END.includes(this.peek(3))) throw new Refusal('while scanning a quoted scalar', start, 'found unexpected document separator', this.p);
        while (this.peek() === ' ' || this.peek() === '\t') this.forward();
        if (!this.lineBreak()) return;
      }
    };
    const nonSpaces = (): void => {
      for (;;) {
        while (!'\'"\\\0 \t\r\n\x85\u2028\u2029'.includes(this.peek())) this.forward();
        const ch = this.peek();
        if (!double && ch === "'" && this.peek(1) === "'") this.forward(2);
        else if ((double && ch === "'") || (!double && (ch === '"' || ch === '\\'))) this.forward();
        else if (double && ch === '\\') {
          this.forward();
          const e = this.peek();
          if ('0abt\tnvfre "\\/N_LP'.includes(e) && e !== '\0') this.forward();
          else if (e === 'x' || e === 'u' || e === 'U') {
            const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            this.forward();
            for (let k = 0; k < length; k++) {
              if (!isHex(this.peek(k))) throw new Refusal(ctx, start, `expected escape sequence of ${length} hexadecimal numbers, but found ${pyRepr(this.peek(k))}`, this.p);
            }
            // a code Python's chr() refuses: a ValueError, not a YAML refusal
            if (parseInt(this.prefix(length), 16) > 0x10ffff) throw new Unknown();
            this.forward(length);
          } else if (BREAKS.includes(e)) {
            this.lineBreak();
            breaks();
          } else throw new Refusal(ctx, start, `found unknown escape character ${pyRepr(e)}`, this.p);
        } else return;
      }
    };
    nonSpaces();
    while (this.peek() !== quote) {
      while (this.peek() === ' ' || this.peek() === '\t') this.forward();
      const ch = this.peek();
      if (ch === '\0') throw new Refusal('while scanning a quoted scalar', start, 'found unexpected end of stream', this.p);
      if (BREAKS.includes(ch)) { this.lineBreak(); breaks(); }
      nonSpaces();
    }
    this.forward();
    return { id: '<scalar>', start, plain: false };
  }

  private plain(): Token {
    const start = this.p;
    const indent = this.indent + 1;
    // (libyaml's plain scalar in flow context also ends at a `:` before a `?`)
    const flowStops = this.flowLevel ? (this.lib ? ',?[]{}' : ',[]{}') : '';
    const inFlow = this.lib ? ',[]{}' : ',?[]{}';
    let end = start;
    for (;;) {
      if (this.peek() === '#') break;
      let length = 0;
      for (;;) {
        const ch = this.peek(length);
        if (BLANK_OR_END.includes(ch) || (ch === ':' && (BLANK_OR_END + flowStops).includes(this.peek(length + 1))) || (this.flowLevel && inFlow.includes(ch))) break;
        length++;
      }
      if (!length) break;
      this.allowSimpleKey = false;
      this.forward(length);
      end = this.p;
      const more = this.plainSpaces(indent);
      if (!more || this.peek() === '#' || (!this.flowLevel && this.column < indent)) break;
    }
    return { id: '<scalar>', start, plain: true, ...(end - start <= 2 ? { short: this.cp.slice(start, end).join('') } : {}) };
  }
  /** the blanks after a plain scalar's run: false where nothing may follow (none, or a document separator) */
  private plainSpaces(indent: number): boolean {
    let length = 0;
    while (this.peek(length) === ' ' || (this.lib && this.peek(length) === '\t')) length++;
    this.forward(length);
    if (!BREAKS.includes(this.peek())) return length > 0;
    this.lineBreak();
    this.allowSimpleKey = true;
    const separator = (): boolean => { const pre = this.prefix(3); return (pre === '---' || pre === '...') && BLANK_OR_END.includes(this.peek(3)); };
    if (separator()) return false;
    while (' \r\n\x85\u2028\u2029'.includes(this.peek()) || (this.lib && this.peek() === '\t')) {
      // libyaml refuses a tab in the indentation of a plain scalar's later line
      if (this.peek() === '\t' && !this.flowLevel && this.column < indent) throw new Refusal(null, null, 'tab', this.p);
      if (this.peek() === ' ' || this.peek() === '\t') this.forward();
      else { this.lineBreak(); if (separator()) return false; }
    }
    return true;
  }
}

/** an empty scalar (a missing key, value or item) at a mark */
const empty = (at: number): Event => ({ kind: 'scalar', start: at });

interface Event {
  kind: 'stream-start' | 'stream-end' | 'doc-start' | 'doc-end' | 'alias' | 'scalar' | 'seq-start' | 'seq-end' | 'map-start' | 'map-end';
  start: number;
  anchor?: string;
  /** the node's tag as written, its handle resolved (`!` or none: the resolver's) */
  tag?: string;
  /** a plain scalar's short text (`=`, `<<`) */
  short?: string;
}

type State =
  | 'stream-start' | 'implicit-doc-start' | 'doc-start' | 'doc-end' | 'doc-content'
  | 'block-node' | 'block-node-or-indentless' | 'flow-node'
  | 'block-seq-first' | 'block-seq-entry' | 'indentless-seq-entry'
  | 'block-map-first-key' | 'block-map-key' | 'block-map-value'
  | 'flow-seq-first' | 'flow-seq-entry' | 'flow-seq-pair-key' | 'flow-seq-pair-value' | 'flow-seq-pair-end'
  | 'flow-map-first-key' | 'flow-map-key' | 'flow-map-value' | 'flow-map-empty-value';

const DEFAULT_HANDLES: Array<[string, string]> = [['!', '!'], ['!!', 'tag:yaml.org,2002:']];

class Parser {
  state: State | null = 'stream-start';
  states: State[] = [];
  marks: number[] = [];
  handles = new Map<string, string>(DEFAULT_HANDLES);
  constructor(readonly s: Scanner) {}

  next(): Event {
    const s = this.s;
    switch (this.state) {
      case 'stream-start':
        s.getToken();
        this.state = 'implicit-doc-start';
        return { kind: 'stream-start', start: 0 };
      case 'implicit-doc-start':
        if (!s.check('<directive>', '<document start>', '<stream end>')) {
          this.handles = new Map(DEFAULT_HANDLES);
          const at = s.peekToken().start;
          this.states.push('doc-end');
          this.state = 'block-node';
          return { kind: 'doc-start', start: at };
        }
        return this.docStart();
      case 'doc-start':
        return this.docStart();
      case 'doc-end': {
        const at = s.peekToken().start;
        if (s.check('<document end>')) s.getToken();
        this.state = 'doc-start';
        return { kind: 'doc-end', start: at };
      }
      case 'doc-content':
        if (s.check('<directive>', '<document start>', '<document end>', '<stream end>')) {
          this.state = this.states.pop()!;
          return empty(s.peekToken().start);
        }
        return this.node(true, false);
      case 'block-node': return this.node(true, false);
      case 'block-node-or-indentless': return this.node(true, true);
      case 'flow-node': return this.node(false, false);
      case 'block-seq-first':
        this.marks.push(s.getToken().start);
        return this.blockSeqEntry();
      case 'block-seq-entry': return this.blockSeqEntry();
      case 'indentless-seq-entry': {
        if (s.check('-')) {
          const t = s.getToken();
          if (!s.check('-', '?', ':', '<block end>')) {
            this.states.push('indentless-seq-entry');
            return this.node(true, false);
          }
          this.state = 'indentless-seq-entry';
          return empty(t.start + 1);
        }
        const at = s.peekToken().start;
        this.state = this.states.pop()!;
        return { kind: 'seq-end', start: at };
      }
      case 'block-map-first-key':
        this.marks.push(s.getToken().start);
        return this.blockMapKey();
      case 'block-map-key': return this.blockMapKey();
      case 'block-map-value':
        if (s.check(':')) {
          const t = s.getToken();
          if (!s.check('?', ':', '<block end>')) {
            this.states.push('block-map-key');
            return this.node(true, true);
          }
          this.state = 'block-map-key';
          return empty(t.start + 1);
        }
        this.state = 'block-map-key';
        return empty(s.peekToken().start);
      case 'flow-seq-first':
        this.marks.push(s.getToken().start);
        return this.flowSeqEntry(true);
      case 'flow-seq-entry': return this.flowSeqEntry(false);
      case 'flow-seq-pair-key': {
        const t = s.getToken();
        if (!s.check(':', ',', ']')) {
          this.states.push('flow-seq-pair-value');
          return this.node(false, false);
        }
        // libyaml's parser drops the token that follows a key-less `?` here (the `,`, `:` or `]`)
        if (s.lib) s.getToken();
        this.state = 'flow-seq-pair-value';
        return empty(t.start + 1);
      }
      case 'flow-seq-pair-value':
        if (s.check(':')) {
          const t = s.getToken();
          if (!s.check(',', ']')) {
            this.states.push('flow-seq-pair-end');
            return this.node(false, false);
          }
          this.state = 'flow-seq-pair-end';
          return empty(t.start + 1);
        }
        this.state = 'flow-seq-pair-end';
        return empty(s.peekToken().start);
      case 'flow-seq-pair-end':
        this.state = 'flow-seq-entry';
        return { kind: 'map-end', start: s.peekToken().start };
      case 'flow-map-first-key':
        this.marks.push(s.getToken().start);
        return this.flowMapKey(true);
      case 'flow-map-key': return this.flowMapKey(false);
      case 'flow-map-value':
        if (s.check(':')) {
          const t = s.getToken();
          if (!s.check(',', '}')) {
            this.states.push('flow-map-key');
            return this.node(false, false);
          }
          this.state = 'flow-map-key';
          return empty(t.start + 1);
        }
        this.state = 'flow-map-key';
        return empty(s.peekToken().start);
      case 'flow-map-empty-value':
        this.state = 'flow-map-key';
        return empty(s.peekToken().start);
      default:
        throw new Unknown();
    }
  }

  private docStart(): Event {
    const s = this.s;
    while (s.check('<document end>')) s.getToken();
    if (s.check('<stream end>')) {
      const t = s.getToken();
      this.state = null;
      return { kind: 'stream-end', start: t.start };
    }
    // the directives of an explicit document (the document starts at the first of them)
    const docAt = s.peekToken().start;
    let version = false;
    const handles = new Map<string, string>();
    while (s.check('<directive>')) {
      const t = s.getToken();
      if (t.value === 'YAML') {
        if (version) throw new Refusal(null, null, 'found duplicate YAML directive', t.start);
        if (t.major !== 1) throw new Refusal(null, null, 'found incompatible YAML document (version 1.* is required)', t.start);
        version = true;
      } else if (t.value === 'TAG') {
        if (handles.has(t.tagHandle!)) throw new Refusal(null, null, `duplicate tag handle ${pyRepr(t.tagHandle)}`, t.start);
        handles.set(t.tagHandle!, t.tagPrefix!);
      }
    }
    for (const [h, prefix] of DEFAULT_HANDLES) if (!handles.has(h)) handles.set(h, prefix);
    this.handles = handles;
    if (!s.check('<document start>')) {
      const t = s.peekToken();
      throw new Refusal(null, null, `expected '<document start>', but found ${pyRepr(t.id)}`, t.start);
    }
    s.getToken();
    this.states.push('doc-end');
    this.state = 'doc-content';
    return { kind: 'doc-start', start: docAt };
  }

  private node(block: boolean, indentless: boolean): Event {
    const s = this.s;
    if (s.check('<alias>')) {
      const t = s.getToken();
      this.state = this.states.pop()!;
      return { kind: 'alias', start: t.start, anchor: t.value };
    }
    let anchor: string | undefined;
    let tag: Token | undefined;
    let start: number | null = null;
    if (s.check('<anchor>')) {
      const t = s.getToken();
      start = t.start;
      anchor = t.value;
      if (s.check('<tag>')) tag = s.getToken();
    } else if (s.check('<tag>')) {
      tag = s.getToken();
      start = tag.start;
      if (s.check('<anchor>')) anchor = s.getToken().value;
    }
    let tagName: string | undefined;
    if (tag) {
      if (tag.handle !== null && tag.handle !== undefined) {
        const prefix = this.handles.get(tag.handle);
        if (prefix === undefined) throw new Refusal('while parsing a node', start, `found undefined tag handle ${pyRepr(tag.handle)}`, tag.start);
        tagName = prefix + tag.suffix!;
      } else tagName = tag.suffix!;
    }
    if (start === null) start = s.peekToken().start;
    if (this.states.length > MAX_LEVELS * 4) throw new Unknown();
    if (indentless && s.check('-')) {
      this.state = 'indentless-seq-entry';
      return { kind: 'seq-start', start, anchor, tag: tagName };
    }
    if (s.check('<scalar>')) {
      const t = s.getToken();
      this.state = this.states.pop()!;
      return { kind: 'scalar', start, anchor, tag: tagName, ...(t.plain && tagName === undefined && t.short !== undefined ? { short: t.short } : {}) };
    }
    const open: Array<[string, State, Event['kind']]> = [['[', 'flow-seq-first', 'seq-start'], ['{', 'flow-map-first-key', 'map-start']];
    if (block) open.push(['<block sequence start>', 'block-seq-first', 'seq-start'], ['<block mapping start>', 'block-map-first-key', 'map-start']);
    for (const [id, state, kind] of open) {
      if (s.check(id)) {
        this.state = state;
        return { kind, start, anchor, tag: tagName };
      }
    }
    if (anchor !== undefined || tag) {
      this.state = this.states.pop()!;
      return { kind: 'scalar', start, anchor, tag: tagName };
    }
    const t = s.peekToken();
    throw new Refusal(`while parsing a ${block ? 'block' : 'flow'} node`, start, `expected the node content, but found ${pyRepr(t.id)}`, t.start);
  }

  private blockSeqEntry(): Event {
    const s = this.s;
    if (s.check('-')) {
      const t = s.getToken();
      if (!s.check('-', '<block end>')) {
        this.states.push('block-seq-entry');
        return this.node(true, false);
      }
      this.state = 'block-seq-entry';
      return { kind: 'scalar', start: t.start + 1 };
    }
    if (!s.check('<block end>')) {
      const t = s.peekToken();
      throw new Refusal('while parsing a block collection', this.marks[this.marks.length - 1], `expected <block end>, but found ${pyRepr(t.id)}`, t.start);
    }
    const t = s.getToken();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { kind: 'seq-end', start: t.start };
  }

  private blockMapKey(): Event {
    const s = this.s;
    if (s.check('?')) {
      const t = s.getToken();
      if (!s.check('?', ':', '<block end>')) {
        this.states.push('block-map-value');
        return this.node(true, true);
      }
      this.state = 'block-map-value';
      return { kind: 'scalar', start: t.start + 1 };
    }
    if (!s.check('<block end>')) {
      const t = s.peekToken();
      throw new Refusal('while parsing a block mapping', this.marks[this.marks.length - 1], `expected <block end>, but found ${pyRepr(t.id)}`, t.start);
    }
    const t = s.getToken();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { kind: 'map-end', start: t.start };
  }

  private flowSeqEntry(first: boolean): Event {
    const s = this.s;
    if (!s.check(']')) {
      if (!first) {
        if (s.check(',')) s.getToken();
        else {
          const t = s.peekToken();
          throw new Refusal('while parsing a flow sequence', this.marks[this.marks.length - 1], `expected ',' or ']', but got ${pyRepr(t.id)}`, t.start);
        }
      }
      if (s.check('?')) {
        const t = s.peekToken();
        this.state = 'flow-seq-pair-key';
        return { kind: 'map-start', start: t.start };
      }
      if (!s.check(']')) {
        this.states.push('flow-seq-entry');
        return this.node(false, false);
      }
    }
    const t = s.getToken();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { kind: 'seq-end', start: t.start };
  }

  private flowMapKey(first: boolean): Event {
    const s = this.s;
    if (!s.check('}')) {
      if (!first) {
        if (s.check(',')) s.getToken();
        else {
          const t = s.peekToken();
          throw new Refusal('while parsing a flow mapping', this.marks[this.marks.length - 1], `expected ',' or '}', but got ${pyRepr(t.id)}`, t.start);
        }
      }
      if (s.check('?')) {
        const t = s.getToken();
        if (!s.check(':', ',', '}')) {
          this.states.push('flow-map-value');
          return this.node(false, false);
        }
        this.state = 'flow-map-value';
        return { kind: 'scalar', start: t.start + 1 };
      }
      if (!s.check('}')) {
        this.states.push('flow-map-empty-value');
        return this.node(false, false);
      }
    }
    const t = s.getToken();
    this.state = this.states.pop()!;
    this.marks.pop();
    return { kind: 'map-end', start: t.start };
  }
}

// PyYAML's reader: the characters it takes (tab, LF, CR, printable ASCII, NEL, and the printable planes)
const printable = (c: number): boolean =>
  c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** the code-point index of a UTF-16 offset, and back */
function u16Offset(text: string, cpIndex: number): number {
  let i = 0;
  let k = 0;
  while (k < cpIndex && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    k++;
  }
  return i;
}

interface YNode {
  kind: 'scalar' | 'sequence' | 'mapping';
  start: number;
  tag?: string;
  short?: string;
  /** a sequence's items; a mapping's keys and values, in turn */
  items: YNode[];
}

/** the document's node graph as the composer makes it, or its refusal (null: an empty stream) */
function compose(text: string, lib: boolean): { root: YNode | null } | Refusal {
  const parser = new Parser(new Scanner(text, lib));
  try {
    parser.next();
    let ev = parser.next();
    if (ev.kind === 'stream-end') return { root: null };
    const anchors = new Map<string, YNode>();
    let root: YNode | null = null;
    const open: YNode[] = [];
    const add = (n: YNode) => { if (open.length) open[open.length - 1].items.push(n); else root ??= n; };
    for (;;) {
      ev = parser.next();
      if (ev.kind === 'doc-end') break;
      if (ev.kind === 'alias') {
        const n = anchors.get(ev.anchor!);
        if (!n) throw new Refusal(null, null, `found undefined alias ${pyRepr(ev.anchor)}`, ev.start);
        add(n);
      } else if (ev.kind === 'scalar' || ev.kind === 'seq-start' || ev.kind === 'map-start') {
        if (ev.anchor !== undefined) {
          const first = anchors.get(ev.anchor);
          if (first !== undefined) throw new Refusal(`found duplicate anchor ${pyRepr(ev.anchor)}; first occurrence`, first.start, 'second occurrence', ev.start);
        }
        const n: YNode = { kind: ev.kind === 'scalar' ? 'scalar' : ev.kind === 'seq-start' ? 'sequence' : 'mapping', start: ev.start, tag: ev.tag, short: ev.short, items: [] };
        if (ev.anchor !== undefined) anchors.set(ev.anchor, n);
        add(n);
        if (ev.kind !== 'scalar') open.push(n);
        // PyYAML's composer recurses per level: a few hundred levels in, Python's recursion limit
        // ends it (a RecursionError, not a YAML refusal): no verdict
        if (open.length > MAX_COMPOSE_DEPTH) throw new Unknown();
      } else if (ev.kind === 'seq-end' || ev.kind === 'map-end') {
        if (!open.pop()) throw new Unknown();
      }
    }
    ev = parser.next();
    if (ev.kind !== 'stream-end') throw new Refusal('expected a single document in the stream', root ? (root as YNode).start : ev.start, 'but found another document', ev.start);
    return { root };
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
}

const YAML_TAG = 'tag:yaml.org,2002:';
const SCALAR_TAGS = ['null', 'bool', 'int', 'float', 'binary', 'timestamp', 'str'].map((t) => YAML_TAG + t);

/**
 * What SafeConstructor refuses in a composed document: a tag it has no constructor for (a plain
 * `=` or `<<` value resolves to one), a tag on the wrong kind of node, a list or dict as a
 * mapping's key, a merge (`<<`) of anything but mappings. Its order: a node's tag when the node is
 * reached, a collection's items a generation later (each collection's items in turn).
 */
function construct(root: YNode | null): Refusal | null {
  if (!root) return null;
  const done = new Set<YNode>();
  let generation: Array<[YNode, string]> = [];
  /** construct_object: true when the value made is hashable */
  const object = (n: YNode, next: Array<[YNode, string]>): boolean => {
    if (done.has(n)) return n.kind === 'scalar' && !(n.tag && !SCALAR_TAGS.includes(n.tag) && n.tag !== '!');
    done.add(n);
    let tag = n.tag;
    if (tag === undefined || tag === '!') {
      if (n.kind !== 'scalar') tag = YAML_TAG + (n.kind === 'sequence' ? 'seq' : 'map');
      else tag = n.short === '=' ? YAML_TAG + 'value' : n.short === '<<' ? YAML_TAG + 'merge' : YAML_TAG + 'str';
    }
    if (SCALAR_TAGS.includes(tag)) {
      if (n.kind !== 'scalar') throw new Refusal(null, null, `expected a scalar node, but found ${n.kind}`, n.start);
      return true;
    }
    if (['seq', 'map', 'set', 'omap', 'pairs'].some((t) => tag === YAML_TAG + t)) { next.push([n, tag]); return false; }
    throw new Refusal(null, null, `could not determine a constructor for the tag ${pyRepr(tag)}`, n.start);
  };
  let mergedTotal = 0;
  const flatten = (n: YNode, depth = 0): void => {
    // (merges of merges copy their items again: beyond a bound, or Python's recursion limit, no verdict)
    if (depth > 900) throw new Unknown();
    const merged: YNode[] = [];
    let i = 0;
    while (i < n.items.length) {
      const [k, v] = [n.items[i], n.items[i + 1]];
      const merge = k.kind === 'scalar' && (k.tag === YAML_TAG + 'merge' || (k.tag === undefined && k.short === '<<'));
      if (merge) {
        n.items.splice(i, 2);
        // (the items copied in all are bounded before they are copied: merges of merges double them)
        const take = (items: YNode[]): void => {
          mergedTotal += items.length;
          if (mergedTotal > 400000) throw new Unknown();
          for (const x of items) merged.push(x);
        };
        if (v.kind === 'mapping') { flatten(v, depth + 1); take(v.items); }
        else if (v.kind === 'sequence') {
          const parts: YNode[][] = [];
          for (const sub of v.items) {
            if (sub.kind !== 'mapping') throw new Refusal('while constructing a mapping', n.start, `expected a mapping for merging, but found ${sub.kind}`, sub.start);
            flatten(sub, depth + 1);
            parts.push(sub.items);
          }
          for (const part of parts.reverse()) take(part);
        } else throw new Refusal('while constructing a mapping', n.start, `expected a mapping or list of mappings for merging, but found ${v.kind}`, v.start);
      } else {
        // a `=` key is a string
        if (k.kind === 'scalar' && k.tag === undefined && k.short === '=') k.tag = YAML_TAG + 'str';
        i += 2;
      }
    }
    if (merged.length) n.items = merged.concat(n.items);
  };
  try {
    object(root, generation);
    let budget = 0;
    while (generation.length) {
      const next: Array<[YNode, string]> = [];
      for (const [n, tag] of generation) {
        if (++budget > 200000) throw new Unknown();
        const name = tag.slice(YAML_TAG.length);
        if (name === 'omap' || name === 'pairs') {
          const what = `while constructing ${name === 'omap' ? 'an ordered map' : 'pairs'}`;
          if (n.kind !== 'sequence') throw new Refusal(what, n.start, `expected a sequence, but found ${n.kind}`, n.start);
          // each item a mapping of one pair, whose key and value are constructed as they are (no merge, no `=` key)
          for (const sub of n.items) {
            if (sub.kind !== 'mapping') throw new Refusal(what, n.start, `expected a mapping of length 1, but found ${sub.kind}`, sub.start);
            if (sub.items.length !== 2) throw new Refusal(what, n.start, `expected a single mapping item, but found ${sub.items.length / 2} items`, sub.start);
            object(sub.items[0], next);
            object(sub.items[1], next);
          }
          continue;
        }
        if (name === 'seq') {
          if (n.kind !== 'sequence') throw new Refusal(null, null, `expected a sequence node, but found ${n.kind}`, n.start);
          for (const x of n.items) object(x, next);
          continue;
        }
        if (n.kind !== 'mapping') throw new Refusal(null, null, `expected a mapping node, but found ${n.kind}`, n.start);
        flatten(n);
        for (let i = 0; i < n.items.length; i += 2) {
          const k = n.items[i];
          if (!object(k, next)) throw new Refusal('while constructing a mapping', n.start, 'found unhashable key', k.start);
          // a set's values are never constructed
          if (name !== 'set') object(n.items[i + 1], next);
        }
      }
      generation = next;
    }
    return null;
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
}

/**
 * PyYAML's refusal of `text`, in Heat's words ("Error parsing template [root stack] ..."), and the
 * offset (UTF-16, in `text`) of the problem's mark, where Heat refuses the text: libyaml refuses
 * it (or the constructor does) and so does PyYAML. Null when Heat reads it, or when the text goes
 * beyond what this reader follows (no verdict).
 */
export function pyYamlRefusal(text: string): { message: string; offset: number } | null {
  const head = 'Error parsing template [root stack] ';
  // the reader: one pass over the whole text before any token (libyaml refuses these characters too)
  let cpi = 0;
  for (let i = 0; i < text.length; i++, cpi++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { c = text.codePointAt(i)!; i++; }
    if (!printable(c)) {
      const at = c > 0xffff ? i - 1 : i;
      return { message: `${head}unacceptable character #x${c.toString(16).padStart(4, '0')}: special characters are not allowed\n  in "<unicode string>", position ${cpi}`, offset: at };
    }
  }
  // Heat reads a JSON text as JSON first
  try { JSON.parse(text); return null; } catch { /* YAML */ }
  let e: Refusal | null;
  try {
    const lib = compose(text, true);
    if (!(lib instanceof Refusal) && !construct(lib.root)) return null;
    const py = compose(text, false);
    e = py instanceof Refusal ? py : construct(py.root);
  } catch (x) {
    if (x instanceof Unknown) return null;
    throw x;
  }
  if (!e) return null;
  const lines: string[] = [];
  const mark = (at: number) => pyYamlMark(text, u16Offset(text, at));
  if (e.context !== null) lines.push(e.context);
  if (e.contextMark !== null && e.contextMark !== e.problemMark) lines.push(mark(e.contextMark));
  lines.push(e.problem, mark(e.problemMark));
  return { message: head + lines.join('\n'), offset: u16Offset(text, e.problemMark) };
}
