/**
 * Whether a JSON text JSON.parse accepted writes a number with a fraction or an exponent
 * (`10.0`, `1e1`): Python's json keeps those as floats where JSON.parse makes 10. Asked by the
 * lazy tree the first time a number's spelling matters (parse/lazyTree.ts mayHoldFloats); and the
 * same of one key's values alone, from the key's spellings (keyWritesNoFloat, asked by the JSON
 * entries for a volume_size).
 */

/** True when some number literal of `text` (accepted by JSON.parse) has a fraction or an exponent. */
export function writesFloat(text: string): boolean {
  return mayHaveFloat(text) && hasFloatLiteral(text);
}

/** Whether a number literal of a text JSON.parse accepted has a fraction or an exponent: one pass, strings jumped whole. */
function hasFloatLiteral(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // jump from quote to quote, checking the backslashes just before each
      for (;;) {
        const q = text.indexOf('"', i + 1);
        if (q < 0) return false;
        let b = q - 1;
        while (text.charCodeAt(b) === 92) b--;
        i = q;
        if ((q - 1 - b) % 2 === 0) break;
      }
    } else if (c === 46) return true; // '.' outside a string belongs to a number
    else if ((c === 101 || c === 69) && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 48 && p <= 57) return true; // 1e3
    }
  }
  return false;
}

/**
 * For text that JSON.parse accepted: false when no number literal can have a fraction or an
 * exponent. Every such literal has a digit just before its '.', 'e' or 'E', and before its
 * digits (and sign) only blanks back to ':', ',', '[' or the start of the text; a string that
 * happens to look like that only sends the caller to the exact scan.
 */
function mayHaveFloat(text: string): boolean {
  // every digit followed by '.', 'e' or 'E', found by one native scan (a call per letter e of
  // the keys was most of this in a process's first, unoptimised run)
  const re = DIGIT_THEN_MARK;
  re.lastIndex = 0;
  while (re.test(text)) {
    let j = re.lastIndex - 2;
    while (j > 0 && isDigit(text.charCodeAt(j - 1))) j--;
    if (j > 0 && text.charCodeAt(j - 1) === 45) j--;
    while (j > 0 && isBlank(text.charCodeAt(j - 1))) j--;
    const before = j > 0 ? text.charCodeAt(j - 1) : 58;
    if (before === 58 || before === 44 || before === 91) {
      re.lastIndex = 0;
      return true;
    }
  }
  return false;
}
/** a digit, then what may make its number a float (two such never overlap: the mark is no digit) */
const DIGIT_THEN_MARK = /[0-9][.eE]/g;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isBlank = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * For a text JSON.parse accepted: whether no property spelled `key` has a number value written
 * with a fraction or an exponent, found by the key's spelling (a search for it, then a look at
 * the few characters after each), not by a scan of every character; undefined when the text
 * holds a backslash (then a quote may be escaped, or the key spelled with an escape); `noBackslash`:
 * that answer when the caller knows it already (the text is not read for it again).
 * With no backslash, quotes open and close strings in turn, and `"key"` followed by letters can
 * only start at an opening quote: each match is the string `key`, a key when a ':' follows.
 */
export function keyWritesNoFloat(text: string, key: string, noBackslash = !text.includes('\\')): boolean | undefined {
  if (!noBackslash) return undefined;
  const end = key.length + 2;
  // a small body is searched by the key (indexOfSpelled); a long one by the quoted key, which
  // there was the faster (measured for volume_size, whose first letter starts every "volume")
  const needle = text.length > BY_KEY_MAX_CHARS ? needleOf(key) : undefined;
  const next = (from: number) => (needle === undefined ? indexOfSpelled(text, key, from) : text.indexOf(needle, from));
  for (let at = next(0); at >= 0; at = next(at + end)) {
    let i = skipBlanks(text, at + end);
    if (text.charCodeAt(i) !== 58) continue; // a value, not a key
    i = skipBlanks(text, i + 1);
    if (text.charCodeAt(i) === 45) i++;
    while (isDigit(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) return false;
  }
  return true;
}
/**
 * A key in quotes, as a text with no escape spells it. Up to 64 short ones are kept: every entry
 * asks the same few keys, and one made anew of 13 characters or more (`"volume_size"`) is a rope
 * that each search flattens; kept, the first search flattens it for good. Shared with the lazy
 * tree's key searches (parse/lazyTree.ts).
 */
const NEEDLES = new Map<string, string>();
export function needleOf(key: string): string {
  return NEEDLES.get(key) ?? kept(NEEDLES, key, '"' + key + '"');
}
/** `text`, made of `key`, kept in `texts` when the key is short (at most 64 kept: then they start again) */
function kept(texts: Map<string, string>, key: string, text: string): string {
  if (key.length <= 64) {
    if (texts.size >= 64) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** keyWritesNoFloat searches a text up to this long by the key, a longer one by the quoted key */
const BY_KEY_MAX_CHARS = 4096;

/**
 * Where `text` spells `"key"` from `from` on (-1: nowhere): what `text.indexOf(needleOf(key), from)`
 * answers, found by the key and its closing quote with the opening quote checked after. A search
 * for a needle that starts with a quote stops at every quote of a JSON text, the commonest
 * character there (V8 looks for a needle's first character, then compares the rest): over a small
 * body that cost three to four times the search by the key's own first character.
 */
export function indexOfSpelled(text: string, key: string, from: number): number {
  const tail = tailOf(key);
  for (let p = text.indexOf(tail, from + 1); p >= 0; p = text.indexOf(tail, p + 1)) {
    if (text.charCodeAt(p - 1) === 34) return p - 1;
  }
  return -1;
}
/** `key"`, kept as needleOf keeps `"key"` (a few short keys, asked again and again) */
const TAILS = new Map<string, string>();
function tailOf(key: string): string {
  return TAILS.get(key) ?? kept(TAILS, key, key + '"');
}

function skipBlanks(text: string, i: number): number {
  while (isBlank(text.charCodeAt(i))) i++;
  return i;
}
