/**
 * A shell word splitter that keeps offsets: the text is read as a POSIX shell reads words
 * (quotes, backslashes, line continuations, comments, command separators), and every character
 * of a word's value remembers where it is written. Nothing is ever run or expanded: `$VAR` and
 * `$(...)` stay as they are written.
 */

export interface Word {
  /** the word after quote removal */
  value: string;
  /** the text offset of each character of `value` */
  offs: number[];
  /** where the word is written: its first and one past its last character */
  start: number;
  end: number;
}

export interface Command {
  words: Word[];
  start: number;
  end: number;
}

const SEPARATORS = new Set([';', '&', '|', '(', ')']);

/** The simple commands of a text (or of a part of it, [from, to)), in order. */
export function splitCommands(text: string, from = 0, to = text.length): Command[] {
  const out: Command[] = [];
  let words: Word[] = [];
  let cur: Word | null = null;
  let skipNext = false; // the word after a redirection is a file name, not an argument
  const endWord = () => {
    if (cur) {
      if (/[\uDC80-\uDCFF]/.test(cur.value)) cur = joinBytes(cur);
      if (skipNext) skipNext = false;
      else words.push(cur);
      cur = null;
    }
  };
  const endCommand = () => {
    endWord();
    if (words.length) out.push({ words, start: words[0].start, end: words[words.length - 1].end });
    words = [];
    skipNext = false;
  };
  const add = (ch: string, at: number, end: number) => {
    if (!cur) cur = { value: '', offs: [], start: at, end };
    cur.value += ch;
    cur.offs.push(at);
    cur.end = end;
  };
  const open = (at: number) => {
    if (!cur) cur = { value: '', offs: [], start: at, end: at };
  };
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\\') {
      if (text[i + 1] === '\n') { i += 2; continue; }
      if (text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
      if (i + 1 < to) { add(text[i + 1], i + 1, i + 2); if (cur) (cur as Word).start = Math.min((cur as Word).start, i); }
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === "'" && i + 1 < to) {
      // $'…': bash's C-like escapes
      open(i);
      i = ansiC(text, i + 2, to, add);
      (cur as unknown as Word).end = i;
      continue;
    }
    // $"…" is a double-quoted string (translated by the locale: the same text without a catalogue)
    if (c === '$' && text[i + 1] === '"' && i + 1 < to) { open(i); i++; continue; }
    if (c === "'") {
      open(i);
      let j = i + 1;
      while (j < to && text[j] !== "'") { add(text[j], j, j + 1); j++; }
      (cur as unknown as Word).end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      open(i);
      let j = i + 1;
      while (j < to && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < to && '$`"\\\n'.includes(text[j + 1])) {
          if (text[j + 1] !== '\n') add(text[j + 1], j + 1, j + 2);
          j += 2;
          continue;
        }
        add(text[j], j, j + 1);
        j++;
      }
      (cur as unknown as Word).end = Math.min(j + 1, to);
      i = j + 1;
      continue;
    }
    if (c === '\n') { endCommand(); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); i++; continue; }
    if (c === '#' && !cur) {
      while (i < to && text[i] !== '\n') i++;
      continue;
    }
    if (SEPARATORS.has(c)) { endCommand(); i++; continue; }
    if (c === '<' || c === '>') {
      // a redirection: `2>&1`, `> file`; its target is not an argument
      if (cur && /^\d+$/.test((cur as Word).value)) cur = null;
      endWord();
      let j = i + 1;
      while (j < to && (text[j] === '>' || text[j] === '<' || text[j] === '&')) j++;
      if (text[j - 1] === '&' && /\d|-/.test(text[j] ?? '')) { while (j < to && /[\d-]/.test(text[j])) j++; }
      else skipNext = true;
      i = j;
      continue;
    }
    add(c, i, i + 1);
    i++;
  }
  endCommand();
  return out;
}

/** A word made of a part of another: characters [a, b) of its value. */
export function subWord(w: Word, a: number, b: number): Word {
  const offs = w.offs.slice(a, b);
  const start = offs.length ? offs[0] : (w.offs[a - 1] ?? w.start) + (a > 0 ? 1 : 0);
  const end = offs.length ? offs[offs.length - 1] + 1 : start;
  return { value: w.value.slice(a, b), offs, start, end };
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/**
 * The inside of bash's $'…' from `from` (just after the opening quote): each character or escape
 * is given to `add` with where it is written; returns the offset after the closing quote. A byte
 * escape (\xHH, \nnn) of 0x80 or more is kept as Python's surrogateescape keeps a byte of argv that
 * is not UTF-8 (U+DC80 + the byte: joinBytes decodes runs of them); \uHHHH and \UHHHHHHHH give
 * their UTF-8 bytes the same way; a NUL (\0, \x0, \c@) ends the string (bash's strings are C's):
 * the rest up to the quote is dropped.
 */
function ansiC(text: string, from: number, to: number, add: (ch: string, at: number, end: number) => void): number {
  let j = from;
  let dropped = false;
  const put = (code: number, at: number, end: number) => {
    if (code === 0) dropped = true;
    if (dropped) return;
    if (code < 0x80) add(String.fromCharCode(code), at, end);
    else add(String.fromCharCode(0xdc00 + (code & 0xff)), at, end);
  };
  const hex = (k: number, max: number) => {
    let n = 0;
    while (n < max && k + n < to && /[0-9A-Fa-f]/.test(text[k + n])) n++;
    return n;
  };
  while (j < to && text[j] !== "'") {
    if (text[j] !== '\\' || j + 1 >= to) {
      if (!dropped) { const cp = text.codePointAt(j)!; const ch = String.fromCodePoint(cp); for (let u = 0; u < ch.length; u++) add(ch[u], j + u, j + u + 1); j += ch.length; } else j++;
      continue;
    }
    const e = text[j + 1];
    const at = j;
    if (e in SIMPLE_ESCAPES) { if (!dropped) add(SIMPLE_ESCAPES[e], at, j + 2); j += 2; continue; }
    if (/[0-7]/.test(e)) {
      let n = 0;
      let v = 0;
      while (n < 3 && j + 1 + n < to && /[0-7]/.test(text[j + 1 + n])) { v = v * 8 + Number(text[j + 1 + n]); n++; }
      j += 1 + n;
      put(v & 0xff, at, j);
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const n = hex(j + 2, e === 'x' ? 2 : e === 'u' ? 4 : 8);
      if (n === 0) { if (!dropped) { add('\\', at, at + 1); add(e, at + 1, at + 2); } j += 2; continue; }
      const v = parseInt(text.slice(j + 2, j + 2 + n), 16);
      j += 2 + n;
      if (e === 'x' || v < 0x80) put(v, at, j);
      else for (const b of utf8Bytes(v)) put(b, at, j);
      continue;
    }
    if (e === 'c' && j + 2 < to && text[j + 2] !== "'") {
      let k = j + 2;
      if (text[k] === '\\' && text[k + 1] === '\\') k++;
      const x = text[k];
      put(x === '?' ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f, at, k + 1);
      j = k + 1;
      continue;
    }
    // any other escape stays as written, backslash and all
    if (!dropped) { add('\\', at, at + 1); add(e, at + 1, at + 2); }
    j += 2;
  }
  return Math.min(j + 1, to);
}

/** the bytes bash writes for a code point (UTF-8's scheme, also for surrogates and past U+10FFFF) */
function utf8Bytes(v: number): number[] {
  if (v < 0x800) return [0xc0 | (v >> 6), 0x80 | (v & 0x3f)];
  if (v < 0x10000) return [0xe0 | (v >> 12), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  if (v < 0x200000) return [0xf0 | (v >> 18), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  if (v < 0x4000000) return [0xf8 | (v >> 24), 0x80 | ((v >> 18) & 0x3f), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
  return [0xfc | ((v / 0x40000000) & 1), 0x80 | ((v >> 24) & 0x3f), 0x80 | ((v >> 18) & 0x3f), 0x80 | ((v >> 12) & 0x3f), 0x80 | ((v >> 6) & 0x3f), 0x80 | (v & 0x3f)];
}

/** A word's runs of raw bytes (U+DC80..U+DCFF) read as Python reads argv: each well-formed UTF-8
 * sequence becomes its character (at the offset of its first byte), any other byte stays escaped. */
function joinBytes(w: Word): Word {
  const v = w.value;
  let value = '';
  const offs: number[] = [];
  const byteAt = (k: number) => { const c = v.charCodeAt(k); return c >= 0xdc80 && c <= 0xdcff ? c - 0xdc00 : -1; };
  for (let k = 0; k < v.length;) {
    const b0 = byteAt(k);
    const len = b0 >= 0xc2 && b0 <= 0xdf ? 2 : b0 >= 0xe0 && b0 <= 0xef ? 3 : b0 >= 0xf0 && b0 <= 0xf4 ? 4 : 0;
    let cp = -1;
    if (len) {
      const bs = Array.from({ length: len - 1 }, (_, n) => byteAt(k + 1 + n));
      if (bs.every((b) => b >= 0x80 && b <= 0xbf)) {
        cp = len === 2 ? ((b0 & 0x1f) << 6) | (bs[0] & 0x3f) : len === 3 ? ((b0 & 0x0f) << 12) | ((bs[0] & 0x3f) << 6) | (bs[1] & 0x3f) : ((b0 & 0x07) << 18) | ((bs[0] & 0x3f) << 12) | ((bs[1] & 0x3f) << 6) | (bs[2] & 0x3f);
        const min = len === 2 ? 0x80 : len === 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = -1;
      }
    }
    if (cp >= 0) {
      const ch = String.fromCodePoint(cp);
      value += ch;
      for (let u = 0; u < ch.length; u++) offs.push(w.offs[k]);
      k += len;
    } else {
      value += v[k];
      offs.push(w.offs[k]);
      k++;
    }
  }
  return { ...w, value, offs };
}
