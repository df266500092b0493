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
