/**
 * Flow collections and quoted scalars as PyYAML (Heat's template_format: libyaml's CSafeLoader,
 * then PyYAML's own SafeLoader for the words of a refusal) reads their later lines, where the yaml
 * package reads them by YAML 1.2's indentation rules.
 *
 * Facts (yaml/scanner.py, yaml/parser.py, yaml/error.py; libyaml agrees where stated):
 * - inside a flow collection (flow_level > 0) the scanner never unwinds an indentation, and a plain
 *   scalar may go on at any column: a later line may be indented less than, or as much as, the key
 *   that holds the collection, down to column 0;
 * - a quoted scalar checks no indentation at all, in block context too: only a document separator
 *   (`---` or `...` then a blank or the end) at column 0 of a later line ends it, with "while
 *   scanning a quoted scalar ... found unexpected document separator";
 * - the same separator at column 0 inside a flow collection is a document start (end) token, which
 *   the parser refuses where it wants a node ("while parsing a flow node / expected the node
 *   content, but found '<document start>'") or a `,` ("while parsing a flow sequence|mapping",
 *   the opening bracket's mark, "expected ',' or ']'|'}', but got ..."); `-` followed by a blank
 *   is a block entry there, refused the same way;
 * - a simple key is one line (and at most 1024 characters): a `:` in flow context after a key that
 *   began on an earlier line has no key, and the parser, wanting a `,`, refuses the `:`;
 * - libyaml (what Heat reads with first) also takes a tab before a token in flow context, which
 *   PyYAML's own scanner refuses: Heat takes what libyaml takes;
 * - a `-` followed by anything but a blank (or the end) starts a plain scalar, in flow context too:
 *   a lone `-` before `,`, `]` or `}` is the string "-" (both readers); before a blank it is a block
 *   entry, which the parser refuses there;
 * - a comment may begin wherever a token may, with no blank before it (`[a,#c`), and a `:` token in
 *   flow context needs no blank after it (`{?:a}`, `{"a":b}`);
 * - libyaml's parser drops the token (`,`, `:` or `]`) that follows a key-less `?` in a flow
 *   sequence (`[?,,]` is one pair), and its scanner refuses a `:` before a flow indicator or `?`
 *   inside a plain scalar (`[a:]`); where libyaml refuses, Heat reads with PyYAML alone (its value,
 *   or its refusal: a tab before a token, a `?` ending a plain scalar in flow context).
 * A refusal's words are PyYAML's MarkedYAMLError: the context, its mark unless it is the problem's,
 * the problem and its mark; a mark is `  in "<unicode string>", line L, column C:` and a snippet of
 * its line (4 spaces, at most about 75 characters with ` ... ` cut marks, then a caret).
 *
 * The reader here finds those later lines, and the yaml package is then given the text with
 * such lines indented further (spaces a flow scalar's folding drops, so no value changes), each
 * offset mapped back to the text as written.
 */

export interface FlowRead {
  /** the text with the later lines of flow collections and quoted scalars indented further */
  text: string;
  /** an offset in `text` as an offset in the text as written */
  toOriginal: (offset: number) => number;
  /**
   * PyYAML's refusal, in its words, and where (offset in the text as written); `since`: where the
   * scanner began holding its tokens back from the parser (a required simple key), so that nothing
   * the parser or composer would refuse after it comes first
   */
  refusal: { message: string; offset: number; opener?: number; since?: number; tabBefore?: number } | null;
  // (`opener`: where the outermost flow collection, or the quoted scalar, that holds the refusal begins)
  /** where each outermost flow collection opens (offsets in the text as written) */
  openers: number[];
  /** the first tab PyYAML's own scanner refuses (outside quoted scalars, comments, block scalars), or -1 */
  firstTab: number;
  /**
   * `text` gives a flow `?` or `:` written with no blank after it, or a comment right after a node,
   * the blank the yaml package needs to read them as PyYAML does (a lone `-` before `,`, `]` or `}`
   * its quotes, an empty node before a `,` on a later line its text, a token libyaml drops a blank)
   */
  spaced: boolean;
}

interface Level {
  kind: '[' | '{';
  at: number;
  expect: 'node' | 'sep';
  /** where the last node (its anchor or tag first) began, and on which line */
  nodeAt: number;
  nodeLine: number;
  /** a simple key could begin where the node began */
  nodeSimple: boolean;
  /** an anchor or a tag began the node still wanted */
  props: boolean;
  explicit: boolean;
  /** a `:` came last: the node wanted is a value */
  afterValue: boolean;
}

const BREAKS = '\r\n\u0085\u2028\u2029';
const isBlankOrEnd = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** PyYAML's mark of an offset: its line and column (code points) and the snippet of its line */
export function pyYamlMark(text: string, offset: number): string {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029' || (c === '\r' && text[i + 1] !== '\n')) { line++; lineStart = i + 1; }
  }
  const before = [...text.slice(lineStart, offset)];
  let end = offset;
  while (end < text.length && !BREAKS.includes(text[end]) && text[end] !== '\0') end++;
  const after = [...text.slice(offset, end)];
  // at most 36 code points either side of the mark, else cut with ` ... `
  let head = '';
  let left = before;
  if (before.length > 36) { head = ' ... '; left = before.slice(before.length - 37 + 5); }
  let tail = '';
  let right = after;
  if (after.length > 36) { tail = ' ... '; right = after.slice(0, 37 - 5); }
  const snippet = `    ${head}${left.join('')}${right.join('')}${tail}\n${' '.repeat(4 + left.length + head.length)}^`;
  // (a BOM takes no column; the snippet's caret counts it)
  const column = before.filter((c) => c !== '\uFEFF').length;
  return `  in "<unicode string>", line ${line + 1}, column ${column + 1}:\n${snippet}`;
}

/** Heat's words for a template PyYAML refuses */
function refusal(text: string, context: string, contextAt: number | null, problem: string, problemAt: number, opener?: number): FlowRead['refusal'] {
  const lines = [context];
  if (contextAt !== null && contextAt !== problemAt) lines.push(pyYamlMark(text, contextAt));
  lines.push(problem, pyYamlMark(text, problemAt));
  return { message: `Error parsing template [root stack] ${lines.join('\n')}`, offset: problemAt, ...(opener === undefined ? {} : { opener }) };
}

/** PyYAML's refusal of a tab where it looks for a token */
export function tabRefusal(text: string, at: number): { message: string; offset: number } {
  return refusal(text, 'while scanning for the next token', null, "found character '\\t' that cannot start any token", at)!;
}

/**
 * PyYAML's composer on an alias to an anchor not yet defined, or an anchor defined again: Heat's
 * words, or null. `marks`: the anchors and aliases in the order written (offsets in `text`).
 */
export function anchorRefusal(text: string, marks: Array<{ anchor?: string; alias?: string; at: number }>): { message: string; offset: number } | null {
  const seen = new Map<string, number>();
  for (const m of marks) {
    if (m.alias !== undefined && !seen.has(m.alias)) return { message: `Error parsing template [root stack] found undefined alias ${pyStrRepr(m.alias)}\n${pyYamlMark(text, m.at)}`, offset: m.at };
    if (m.anchor !== undefined) {
      const first = seen.get(m.anchor);
      if (first !== undefined) return refusal(text, `found duplicate anchor ${pyStrRepr(m.anchor)}; first occurrence`, first, 'second occurrence', m.at);
      seen.set(m.anchor, m.at);
    }
  }
  return null;
}

/** Python's repr() of an anchor's name (letters, digits, `-`, `_`: no escapes) */
const pyStrRepr = (s: string): string => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`);

/** Read `text`'s flow collections and quoted scalars as PyYAML does. */
export function readFlowAsPyYaml(text: string): FlowRead {
  const first = readFlow(text);
  // libyaml refuses the text (where it drops a token, what it refuses after): Heat reads it with
  // PyYAML's own scanner (a second pass, as PyYAML)
  const refusedAt = first.libyamlRefuses ?? (first.refusal || first.unclosed ? first.droppedIn : undefined);
  return refusedAt === undefined ? first : readFlow(text, refusedAt);
}

/**
 * One pass. `refusedAt` (given): libyaml refuses the text there (where the outermost flow
 * collection holding what it refuses opens), so Heat's reading is PyYAML's alone: a tab before a
 * token is refused, and `?` ends a plain scalar in flow context. `libyamlRefuses`: that place,
 * when the pass finds it
 */
function readFlow(text: string, refusedAt?: number): FlowRead & { libyamlRefuses?: number; droppedIn?: number; unclosed?: boolean } {
  const pyOnly = refusedAt !== undefined;
  const n = text.length;
  /** insertions: where, how many characters, and which (spaces unless given) */
  const pads: Array<[number, number, string?]> = [];
  /** tokens libyaml's parser drops (a `,`, `:` or `]` right after a flow sequence's key-less `?`): blanks to the yaml package */
  const dropped: number[] = [];
  /** where the outermost flow collection holding the first dropped token opens */
  let droppedIn = 0;
  let skipAt = -1;
  /** a tag is among the properties of the node being read */
  let tagged = false;
  let unclosed = false;
  let libyamlRefuses: number | undefined;
  const openers: number[] = [];
  const stack: Level[] = [];
  let found: FlowRead['refusal'] = null;
  // block context: the indents of earlier lines with content (a stack, for a scalar's parent)
  const indents: number[] = [];
  let i = 0;
  let lineStart = 0;
  let lineNo = 0;
  /** the column where the current line's block node (its key, `-` or `?`) begins: -1 when the line starts with the node */
  let parentCol = -1;
  let nodeCol = -1;

  const col = (at: number) => at - text.lastIndexOf('\n', at - 1) - 1;
  /** where the next token begins from `at` in flow context: past blanks, line breaks and comments */
  const nextToken = (at: number) => {
    let k = at;
    while (k < n && (text[k] === ' ' || text[k] === '\t' || isBreak(text[k]) || text[k] === '#')) { if (text[k] === '#') while (k < n && !isBreak(text[k])) k++; else k++; }
    return k;
  };
  const blankLine = (at: number) => { let j = at; while (text[j] === ' ' || text[j] === '\t') j++; return isBreak(text[j]) || j >= n; };
  /** a line of blanks (at `at`) with a tab in its first `from + 1` columns */
  const blankLineTabAt = (at: number, from: number) => { for (let j = at; j <= at + from && (text[j] === ' ' || text[j] === '\t'); j++) if (text[j] === '\t') return true; return false; };
  const docMarker = (at: number) => (text.startsWith('---', at) || text.startsWith('...', at)) && isBlankOrEnd(text[at + 3]);
  /** a later line of a flow construct opened at column `from`: indented past it, for the yaml package */
  const pad = (at: number, from: number) => {
    // (a line of blanks is an empty line to both readers, whatever its indentation; but one that
    // holds a tab at or before the construct's column ends the construct to the yaml package, so
    // it is indented too: the blanks added change no value)
    if (blankLine(at) && !blankLineTabAt(at, from)) return;
    let k = 0;
    while (text[at + k] === ' ') k++;
    if (k <= from) pads.push([at, from + 1 - k]);
  };
  const newLine = (at: number) => { lineStart = at; lineNo++; };
  /** the first tab outside a quoted scalar, a comment or a block scalar: PyYAML's own scanner refuses it */
  let firstTab = -1;
  /** a `?` in flow context with no blank after it (a key indicator there), or a `#` right after a flow collection or quoted scalar, given a blank */
  let spaced = false;
  /** libyaml refuses a tab (so Heat's words are PyYAML's, at its first tab) */
  let libyamlTab = false;
  const tab = (at: number) => { if (firstTab < 0) firstTab = at; };

  /** the parser's refusal of a token where a flow level wants a node or a `,` */
  const unexpected = (lv: Level, token: string, at: number) => {
    // a refusal already held back is the one that counts (a mark costs a pass over the text)
    if (holding && held) return held;
    if (lv.expect === 'node') return refusal(text, 'while parsing a flow node', null, `expected the node content, but found '${token}'`, at, openers[openers.length - 1]);
    const close = lv.kind === '[' ? ']' : '}';
    return refusal(text, `while parsing a flow ${lv.kind === '[' ? 'sequence' : 'mapping'}`, lv.at, `expected ',' or '${close}', but got '${token}'`, at, openers[openers.length - 1]);
  };
  /**
   * PyYAML's allow_simple_key in flow context: after `[`, `{`, `,`, and after a plain scalar whose
   * blanks took a line break; not after any other token
   */
  let simpleOk = true;
  /**
   * a node begins at `at`: where the level wants a `,`, the parser refuses the token there (a key
   * token `?` where a simple key may begin and a `:` follows on its line, else the node's own)
   */
  /**
   * the parser's refusal: final, unless a simple key the block mapping requires is pending (no
   * token reaches the parser before it is found), when the scanner's refusal of the key comes
   * first if the collection goes on to a later line; true when final
   */
  let held: FlowRead['refusal'] = null;
  let holding = false;
  const reject = (r: FlowRead['refusal']): boolean => {
    if (holding) { held ??= r; return false; }
    found = r;
    return true;
  };
  const startNode = (at: number, token: string, keyEnd: number): boolean => {
    const lv = stack[stack.length - 1];
    if (!lv) return false;
    if (lv.expect === 'sep') {
      let k = keyEnd;
      while (text[k] === ' ' || text[k] === '\t') k++;
      const key = simpleOk && keyEnd > at && text[k] === ':';
      const r = unexpected(lv, key ? '?' : token, at)!;
      // a node that may be a simple key: the scanner holds it back until the key goes stale, past a tab there
      if (simpleOk && !key && keyEnd > at) {
        let p = k;
        while (p < n && (text[p] === ' ' || isBreak(text[p]) || text[p] === '#')) { if (text[p] === '#') while (p < n && !isBreak(text[p])) p++; else p++; }
        r.tabBefore = p;
      }
      if (reject(r)) return true;
    }
    if (!lv.props) { lv.nodeAt = at; lv.nodeLine = lineNo; lv.nodeSimple = simpleOk; }
    // an anchor or a tag comes before its node, which is still wanted (or an empty one)
    lv.props = token === '<anchor>' || token === '<tag>';
    lv.expect = lv.props ? 'node' : 'sep';
    if (!lv.props) lv.afterValue = false;
    simpleOk = false;
    return false;
  };

  /** a quoted scalar from its opening quote; its later lines padded past `from`; the offset after it */
  const quoted = (at: number, from: number): number => {
    const q = text[at];
    let j = at + 1;
    while (j < n) {
      const c = text[j];
      if (q === "'" && c === "'") { if (text[j + 1] === "'") { j += 2; continue; } return j + 1; }
      if (q === '"' && c === '\\') { j += isBreak(text[j + 1]) ? 1 : 2; continue; }
      if (q === '"' && c === '"') return j + 1;
      if (c === '\n') {
        newLine(j + 1);
        if (docMarker(j + 1)) { found = refusal(text, 'while scanning a quoted scalar', at, 'found unexpected document separator', j + 1, stack.length ? openers[openers.length - 1] : at); return n; }
        pad(j + 1, from);
      }
      j++;
    }
    return n;
  };

  /**
   * flow context from an opening bracket: the offset after the outermost collection closes.
   * `required`: the collection is a simple key the block mapping requires (it starts a line at
   * the mapping's indentation), refused at its first token on a later line; `block`: the
   * indentation of the block collection that holds it (libyaml refuses a tab before column
   * block + 1 in the blanks that follow a plain scalar's line)
   */
  const flow = (at: number, required: boolean, block: number): number => {
    const from = col(at);
    const startLine = lineNo;
    // the collection may be a simple key (as it may wherever a block node begins): the scanner holds
    // every token back from the parser until the key goes stale on a later line, and there refuses
    // it if the mapping requires it; else a refusal of the parser's on the first line comes then,
    // after anything the scanner refuses on the way (a tab)
    const later = (p: number): boolean => {
      if (!holding || lineNo === startLine) return false;
      if (required) found = { ...refusal(text, 'while scanning a simple key', at, "could not find expected ':'", p, at)!, since: at };
      else if (held) found = { ...held, tabBefore: p };
      holding = false;
      return !!found;
    };
    holding = true;
    held = null;
    simpleOk = true;
    openers.push(at);
    stack.push({ kind: text[at] as '[' | '{', at, expect: 'node', nodeAt: at, nodeLine: lineNo, nodeSimple: true, props: false, explicit: false, afterValue: false });
    let j = at + 1;
    while (j < n && stack.length && !found) {
      const lv = stack[stack.length - 1];
      const c = text[j];
      const prev = text[j - 1];
      if (c === '\n') {
        newLine(j + 1);
        if (docMarker(j + 1)) { if (!later(j + 1)) found = held ?? unexpected(lv, text[j + 1] === '-' ? '<document start>' : '<document end>', j + 1); break; }
        pad(j + 1, from);
        j++;
        continue;
      }
      // the first blank of a later line PyYAML does not skip (a tab) is where it looks for the simple key
      if (c === '\t') { tab(j); if (later(j)) break; }
      if (c === ' ' || c === '\t' || c === '\r') { j++; continue; }
      // a comment begins wherever a token may (no blank needed before it): the yaml package wants one
      if (c === '#') { if (!isBlankOrEnd(prev) && j !== lineStart) { pads.push([j, 1]); spaced = true; } while (j < n && !isBreak(text[j])) j++; continue; }
      if (later(j)) break;
      // (a token libyaml's parser drops)
      if (j === skipAt) { j++; continue; }
      if (c === '[' || c === '{') {
        if (startNode(j, c, j)) break;
        stack.push({ kind: c, at: j, expect: 'node', nodeAt: j, nodeLine: lineNo, nodeSimple: true, props: false, explicit: false, afterValue: false });
        simpleOk = true;
        j++;
        continue;
      }
      if (c === ']' || c === '}') {
        // a bracket that closes the other kind of collection: the parser wants a node or a `,` there
        if ((c === ']') !== (lv.kind === '[') && reject(unexpected(lv, c, j))) break;
        stack.pop();
        simpleOk = false;
        j++;
        continue;
      }
      // a `,` where a node is wanted (not after `:` or `?`, which an empty node may follow)
      if (c === ',' && lv.expect === 'node' && !lv.props && !lv.afterValue && !lv.explicit && reject(unexpected(lv, ',', j))) break;
      if (c === ',') { lv.expect = 'node'; lv.explicit = false; lv.afterValue = false; lv.props = false; simpleOk = true; j++; continue; }
      // `?` starts a key in flow context, a blank after it or not (libyaml); where a value or a `,` is wanted, the parser refuses it
      if (c === '?') {
        if ((lv.expect === 'sep' || lv.afterValue) && reject(unexpected(lv, '?', j))) break;
        // `?x`: the key x (the yaml package reads a plain `?x`): a blank after the `?` for it
        if (!isBlankOrEnd(text[j + 1])) { pads.push([j + 1, 1]); spaced = true; }
        lv.explicit = true;
        simpleOk = false;
        const q = j++;
        // libyaml's parser, after a flow sequence's `?` with no key, drops the token that follows (a
        // `,`, `:` or `]`): it reads on where that token's absence leaves a pair (a `,`, `]` or `:`
        // next), else refuses the text
        if (lv.kind === '[' && !pyOnly) {
          const x = nextToken(j);
          if (text[x] === ',' || text[x] === ':' || text[x] === ']') {
            const y = nextToken(x + 1);
            if (text[y] === ',' || text[y] === ']' || text[y] === ':') { if (!dropped.length) droppedIn = openers[openers.length - 1]; dropped.push(x); spaced = true; skipAt = x; }
            else libyamlRefuses ??= openers[openers.length - 1];
          }
        }
        // a key-less `?` with a `,`, `]` or `}` on a later line: its null key written out for the yaml package, which refuses that bracket or `,`
        const x = nextToken(skipAt > j ? skipAt + 1 : j);
        if ((text[x] === ',' || text[x] === ']' || text[x] === '}') && text.slice(q, x).includes('\n')) { pads.push([q + 1, 2, ' ~']); spaced = true; }
        continue;
      }
      if (c === '-' && isBlankOrEnd(text[j + 1])) { if (reject(unexpected(lv, '-', j))) break; j++; continue; }
      if (c === ':') {
        // a value where a node is wanted (but after `?`); after a node no simple key could begin
        // at, or that began on an earlier line or more than 1024 characters before
        if ((lv.expect === 'node' && !lv.props ? !lv.explicit : !lv.explicit && (!lv.nodeSimple || lv.nodeLine !== lineNo || (j - lv.nodeAt > 1024 && [...text.slice(lv.nodeAt, j)].length > 1024))) && reject(unexpected(lv, ':', j))) break;
        lv.expect = 'node';
        lv.explicit = false;
        lv.afterValue = true;
        simpleOk = false;
        j++;
        // a value indicator in flow context, a blank after it or not: the yaml package wants one
        if (!isBlankOrEnd(text[j]) && !',[]{}'.includes(text[j])) { pads.push([j, 1]); spaced = true; }
        continue;
      }
      if (c === '"' || c === "'") {
        const line0 = lineNo;
        const end = quoted(j, from);
        if (found) break;
        // the scanner, past a quoted scalar of several lines, finds the required key stale there
        if (later(end)) break;
        const lineEnd = lineNo;
        lineNo = line0;
        if (startNode(j, '<scalar>', lineEnd === line0 ? end : j)) break;
        lineNo = lineEnd;
        j = end;
        continue;
      }
      if (c === '&' || c === '!' || c === '*') {
        let k = j;
        while (k < n && !isBlankOrEnd(text[k]) && !',[]{}'.includes(text[k])) k++;
        // (a tag among the node's properties so far)
        tagged = (lv.props && tagged) || c === '!';
        if (startNode(j, c === '*' ? '<alias>' : c === '&' ? '<anchor>' : '<tag>', c === '*' ? k : j)) break;
        // properties with no node, a `,` on a later line after them: the empty node (a tag's of no
        // text, an anchor's null), written out for the yaml package, which refuses that `,`
        if (c !== '*') {
          const x = nextToken(k);
          if (text[x] === ',' && text.slice(k, x).includes('\n')) { pads.push(tagged ? [k, 3, " ''"] : [k, 2, ' ~']); spaced = true; }
        }
        j = k;
        continue;
      }
      // a plain scalar (libyaml's extent): to a flow indicator, `:` before a blank or flow indicator,
      // or ` #`; on across lines
      const begin = j;
      const line0 = lineNo;
      let broke = false;
      // a lone `-` before `,`, `]` or `}`: PyYAML's and libyaml's plain scalar "-" (a `-` starts one
      // where no blank follows it), a block entry to the yaml package: quoted for it
      if (c === '-' && (text[j + 1] === ',' || text[j + 1] === ']' || text[j + 1] === '}')) { pads.push([j, 1, '"'], [j + 1, 1, '"']); spaced = true; }
      while (j < n && !found) {
        const d = text[j];
        if (d === '\n') {
          // the blanks after the line: libyaml refuses a tab there before column block + 1
          let k = j;
          while (isBreak(text[k]) || text[k] === ' ' || text[k] === '\t') {
            if (text[k] === '\t') { tab(k); if (col(k) < block + 1) { libyamlTab = true; libyamlRefuses ??= openers[openers.length - 1]; found = refusal(text, '', null, '', k, openers[openers.length - 1]); break; } }
            k++;
          }
          if (found) break;
          // (libyaml's scalar goes on to a later line's `:` before a flow indicator or `?`, and refuses it)
          if (text[k] === ':' && ',?[]{}'.includes(text[k + 1] ?? '')) libyamlRefuses ??= openers[openers.length - 1];
          const ls = text.lastIndexOf('\n', k - 1) + 1;
          if (docMarker(ls) || text[k] === '#' || k >= n || ',[]{}'.includes(text[k]) || (text[k] === ':' && (isBlankOrEnd(text[k + 1]) || ',[]{}'.includes(text[k + 1])))) {
            broke = true;
            // PyYAML's scanner, past the line's blanks, finds the required key stale there
            let p = j;
            while (text[p] === ' ' || isBreak(text[p])) p++;
            if (p < n && holding) { const was = lineNo; lineNo = startLine + 1; later(p); lineNo = was; }
            break;
          }
          for (let x = j; x < ls; x++) if (text[x] === '\n') newLine(x + 1);
          pad(ls, from);
          j = k;
          continue;
        }
        if (d === ' ' || d === '\t' || d === '\r') {
          let k = j;
          while (text[k] === ' ' || text[k] === '\t' || text[k] === '\r') { if (text[k] === '\t') tab(k); k++; }
          j = k;
          if (text[k] === '#' || k >= n) break;
          continue;
        }
        // libyaml refuses a `:` before a flow indicator or `?` inside a plain scalar (PyYAML ends the scalar there)
        if (d === ':' && j > begin && ',?[]{}'.includes(text[j + 1] ?? '')) libyamlRefuses ??= openers[openers.length - 1];
        if (',[]{}'.includes(d) || (pyOnly && d === '?') || (d === ':' && (isBlankOrEnd(text[j + 1]) || ',[]{}'.includes(text[j + 1])))) break;
        j++;
      }
      if (found) break;
      // the node began where it began (its line for a key); PyYAML's scanner takes a line break after it
      const lineEnd = lineNo;
      lineNo = line0;
      if (startNode(begin, '<scalar>', lineEnd === line0 ? j : begin)) break;
      lineNo = lineEnd;
      simpleOk = broke;
    }
    // (a collection the text ends in: the yaml package words that refusal)
    if (stack.length && !found && j >= n) unclosed = true;
    stack.length = 0;
    if (held && !found) {
      // the parser's refusal on the collection's one line: the scanner goes on to the next token
      let p = j;
      while (p < n && (text[p] === ' ' || isBreak(text[p]) || text[p] === '#')) { if (text[p] === '#') while (p < n && !isBreak(text[p])) p++; else p++; }
      found = { ...(held as NonNullable<FlowRead['refusal']>), tabBefore: p };
    }
    holding = false;
    return j;
  };

  /** the column a block scalar's (or plain scalar's) later lines must pass to go on */
  const parentIndent = (indent: number): number => {
    if (parentCol >= 0) return parentCol;
    for (let k = indents.length - 1; k >= 0; k--) if (indents[k] < indent) return indents[k];
    return -1;
  };

  /** a block-context refusal bdm-lab does not word: read no further */
  let lost = false;
  while (i < n && !found && !lost) {
    // a line in block context
    let j = i;
    while (text[j] === ' ') j++;
    const indent = j - i;
    parentCol = -1;
    nodeCol = -1;
    const content = !blankLine(i) && text[j] !== '#';
    // a line at the indentation of an earlier one: a node starting it is a key of their collection
    const sibling = content && indents.includes(indent);
    if (content) while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
    let lineEnd = false;
    while (j < n && !found && !lineEnd && !lost) {
      const c = text[j];
      if (c === '\n') { j++; newLine(j); lineEnd = true; break; }
      if (c === '\t') tab(j);
      if (c === ' ' || c === '\t' || c === '\r') { j++; continue; }
      if (c === '#' && (j === lineStart || isBlankOrEnd(text[j - 1]))) { while (j < n && !isBreak(text[j])) j++; continue; }
      if (j === lineStart && c === '%') { while (j < n && !isBreak(text[j])) j++; continue; }
      if (j === lineStart && docMarker(j)) { j += 3; continue; }
      if ((c === '-' || c === '?' || c === ':') && isBlankOrEnd(text[j + 1])) {
        parentCol = c === ':' ? (nodeCol >= 0 ? nodeCol : col(j)) : col(j);
        j++;
        continue;
      }
      if (nodeCol < 0) nodeCol = col(j);
      if (c === '[' || c === '{' || c === '"' || c === "'") {
        j = c === '[' || c === '{' ? flow(j, sibling && parentCol < 0 && nodeCol === indent && j === lineStart + indent, parentIndent(indent)) : quoted(j, col(j));
        // after the node, on its line, only a `:`, a comment or nothing: anything else is a refusal
        // of the block parser's, which bdm-lab does not word (it reads no further)
        let k = j;
        while (text[k] === ' ' || text[k] === '\t' || text[k] === '\r') k++;
        // a comment right after the node (PyYAML and libyaml take it; the yaml package wants a blank first)
        if (!found && k === j && text[k] === '#') { pads.push([k, 1]); spaced = true; }
        if (!found && !(k >= n || text[k] === '\n' || text[k] === '#' || (text[k] === ':' && isBlankOrEnd(text[k + 1])))) { lost = true; break; }
        continue;
      }
      if (c === '&' || c === '!' || c === '*') { while (j < n && !isBlankOrEnd(text[j])) j++; if (c !== '*') nodeCol = -1; continue; }
      if (c === '|' || c === '>') {
        // a block scalar: its lines are blank or indented past its parent
        const p = parentIndent(indent);
        while (j < n && !isBreak(text[j])) j++;
        while (j < n) {
          const ls = j + 1;
          let k = ls;
          while (text[k] === ' ') k++;
          if (!(isBreak(text[k]) || k >= n || (text[k] === '\t' && blankLine(ls)) || k - ls > p)) break;
          j = k;
          while (j < n && !isBreak(text[j])) j++;
          newLine(ls);
        }
        continue;
      }
      // a plain scalar: to `:` before a blank, ` #` or the line's end; on to later lines indented past its parent
      while (j < n && !isBreak(text[j])) {
        if (text[j] === ':' && isBlankOrEnd(text[j + 1])) break;
        if (text[j] === '#' && isBlankOrEnd(text[j - 1])) break;
        if (text[j] === '\t') tab(j);
        j++;
      }
      if (isBreak(text[j])) {
        const p = parentIndent(indent);
        // later lines of the scalar: not blank, not a comment, not a document marker, indented past p
        for (;;) {
          let e = j;
          while (text[e] === '\r') e++;
          if (text[e] !== '\n') break;
          let ls = e + 1;
          while (ls < n && blankLine(ls)) { const nl = text.indexOf('\n', ls); if (nl < 0) { ls = n; break; } ls = nl + 1; }
          if (ls >= n) break;
          let k = ls;
          while (text[k] === ' ') k++;
          if (k - ls <= p || text[k] === '#' || docMarker(ls)) break;
          for (let x = j; x < ls; x++) if (text[x] === '\n') newLine(x + 1);
          j = k;
          while (j < n && !isBreak(text[j])) {
            if (text[j] === ':' && isBlankOrEnd(text[j + 1])) break;
            if (text[j] === '#' && isBlankOrEnd(text[j - 1])) break;
            if (text[j] === '\t') tab(j);
            j++;
          }
          if (!isBreak(text[j])) break;
        }
      }
    }
    if (content) indents.push(indent);
    if (!lineEnd && j >= n) break;
    i = j;
  }

  // PyYAML's own scanner stops at its first tab, before anything later it would refuse
  let f = found as FlowRead['refusal'];
  // (read by PyYAML alone, a tab it refuses is a refusal where nothing else is)
  if (!f && pyOnly && firstTab >= 0) f = found = { ...tabRefusal(text, firstTab), opener: Math.min(refusedAt, firstTab) };
  // (the scanner's look past a held refusal stops at a tab, which the reading here did not reach)
  if (f && firstTab < 0 && f.tabBefore !== undefined && text[f.tabBefore] === '\t') firstTab = f.tabBefore;
  if (f && firstTab >= 0 && (firstTab < f.offset || firstTab <= (f.tabBefore ?? -1) || libyamlTab)) found = { ...tabRefusal(text, firstTab), ...(f.opener === undefined ? {} : { opener: f.opener }) };

  // the text the yaml package reads, and its offsets mapped back
  let out = '';
  let last = 0;
  const starts: number[] = [];
  const adds: number[] = [];
  let added = 0;
  // the dropped tokens are blanks (no offset moves)
  let src = text;
  if (dropped.length) { const chars = text.split(''); for (const x of dropped) chars[x] = ' '; src = chars.join(''); }
  for (const [at, k, what] of pads) {
    out += src.slice(last, at) + (what ?? ' '.repeat(k));
    last = at;
    starts.push(at + added);
    added += k;
    adds.push(added);
  }
  out += src.slice(last);
  const toOriginal = (x: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    let k = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (starts[mid] <= x) { k = mid; lo = mid + 1; } else hi = mid - 1; }
    if (k < 0) return x;
    const padEnd = starts[k] + (adds[k] - (k ? adds[k - 1] : 0));
    return x < padEnd ? x - (k ? adds[k - 1] : 0) - (x - starts[k]) : x - adds[k];
  };
  return { text: out, toOriginal, refusal: found, openers, firstTab, spaced, ...(libyamlRefuses === undefined ? {} : { libyamlRefuses }), ...(dropped.length ? { droppedIn, unclosed } : {}) };
}
