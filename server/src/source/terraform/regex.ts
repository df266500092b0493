/**
 * Go's regexp (RE2 syntax as regexp/syntax parses it with the Perl flags regexp.Compile uses, leftmost-first
 * matching), run by a Pike VM (threads in priority order, no backtracking): the work is the text's length
 * times the program's size, bounded by MAX_STEPS (past it the caller leaves the value unknown).
 * Read: literals and escapes (`\x41`, `\x{263a}`, octal `\012`, `\Q…\E`), `.`, bracket classes with ranges,
 * negation, POSIX `[:alpha:]` names and escapes, `\d \w \s` and their negations, Unicode classes `\pL`,
 * `\p{Greek}`, `\P{…}`, `\p{^…}` (Go 1.25's lookup: names compared without case, `_`, `-` or spaces, the
 * category aliases, Any, ASCII, Assigned; Unicode 15.0's scripts, as Go 1.21 to 1.26 carry), the
 * assertions `^ $ \A \z \b \B` (`\b` an ASCII word boundary), groups `( )`, `(?: )`, `(?P<name> )` and
 * `(?<name> )`, the flags `(?i)`, `(?m)`, `(?s)`, `(?U)` (and `-`, and scoped `(?i: )`) to the end of their
 * group, `|`, and the quantifiers `* + ?` and `{n}` `{n,}` `{n,m}` (greedy or lazy; `U` swaps them).
 * Case folding (`(?i)`) is Unicode's simple folding, asked of the engine's own `iu` matching one character at
 * a time (a class's complement taken after folding, as Go's parser does). What Go refuses is goRegexpError's
 * (RE2 has no backreferences or lookaround); compile() says null for what it does not follow (a repeat right
 * after a flag group, a program past 20 000 instructions).
 * ReplaceAllString's `$1` / `${1}` / `$name` / `$$` expansion (regexp.Expand) is followed too.
 */

type Test = (c: number) => boolean;
type Assert = 'bot' | 'eot' | 'bol' | 'eol' | 'wb' | 'nwb';
type Node =
  | { t: 'char'; test: Test }
  | { t: 'assert'; a: Assert }
  | { t: 'cat'; xs: Node[] }
  | { t: 'alt'; xs: Node[] }
  | { t: 'group'; x: Node; cap: number }
  | { t: 'rep'; x: Node; min: number; max: number; lazy: boolean };

type Inst =
  | { op: 'char'; test: Test }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { op: 'save'; n: number }
  | { op: 'assert'; a: Assert }
  | { op: 'match' };

/** `names`: each group's name ('' for an unnamed one; index 0 the whole match) */
export interface Program { insts: Inst[]; caps: number; names: string[] }

/** the most steps (threads × characters) one replace() may take */
export const MAX_STEPS = 2_000_000;
/** RE2's bound on a repeat count */
const MAX_REPEAT = 1000;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWord = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isAlnum = (c: number) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isOct = (c: number | undefined) => c !== undefined && c >= 48 && c <= 55;
const hexVal = (c: number | undefined) => (c === undefined ? -1 : isDigit(c) ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);

/** a set of code points as Go's perl_groups.go and its POSIX names spell them: ranges, and whether it is the complement */
interface Group { ranges: Array<[number, number]>; neg: boolean }
const G = (neg: boolean, ...ranges: Array<[number, number]>): Group => ({ ranges, neg });
const PERL_GROUPS: Record<string, Group> = {
  d: G(false, [48, 57]), D: G(true, [48, 57]),
  s: G(false, [9, 10], [12, 13], [32, 32]), S: G(true, [9, 10], [12, 13], [32, 32]),
  w: G(false, [48, 57], [65, 90], [95, 95], [97, 122]), W: G(true, [48, 57], [65, 90], [95, 95], [97, 122]),
};
const POSIX_RANGES: Record<string, Array<[number, number]>> = {
  alnum: [[48, 57], [65, 90], [97, 122]], alpha: [[65, 90], [97, 122]], ascii: [[0, 127]], blank: [[9, 9], [32, 32]],
  cntrl: [[0, 31], [127, 127]], digit: [[48, 57]], graph: [[33, 126]], lower: [[97, 122]], print: [[32, 126]],
  punct: [[33, 47], [58, 64], [91, 96], [123, 126]], space: [[9, 13], [32, 32]], upper: [[65, 90]],
  word: [[48, 57], [65, 90], [95, 95], [97, 122]], xdigit: [[48, 57], [65, 70], [97, 102]],
};

/** the engine's class syntax for a code point */
const cpSrc = (c: number) => `\\u{${c.toString(16)}}`;
/**
 * A membership test on single code points: `src` the body of a class in the engine's `u` syntax, built
 * only from code points and property names this file writes (never from the pattern's text); with `fold`,
 * every character whose simple case folding is that of a member (the `iu` flags). Answers are kept per
 * code point (at most one per distinct character of the texts matched).
 */
function classTest(src: string, fold: boolean): Test {
  const re = new RegExp(`^[${src}]$`, fold ? 'iu' : 'u');
  const memo = new Map<number, boolean>();
  return (c) => {
    let r = memo.get(c);
    if (r === undefined) { r = re.test(String.fromCodePoint(c)); if (memo.size < 4096) memo.set(c, r); }
    return r;
  };
}
function rangesTest(ranges: Array<[number, number]>, fold: boolean): Test {
  if (!fold) return (c) => ranges.some(([a, b]) => c >= a && c <= b);
  return classTest(ranges.map(([a, b]) => (a === b ? cpSrc(a) : `${cpSrc(a)}-${cpSrc(b)}`)).join(''), true);
}
const groupTest = (g: Group, fold: boolean): Test => {
  const t = rangesTest(g.ranges, fold);
  return g.neg ? (c) => !t(c) : t;
};

/** Go's unicode.Scripts (Unicode 15.0.0, Go 1.21 to 1.26): the names \p{…} accepts for a script */
const SCRIPTS = ('Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo Brahmi '
  + 'Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Chorasmian Common Coptic Cuneiform Cypriot '
  + 'Cypro_Minoan Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic '
  + 'Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited '
  + 'Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kawi Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki '
  + 'Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi '
  + 'Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean '
  + 'Nag_Mundari Nandinagari New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian '
  + 'Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau '
  + 'Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng '
  + 'Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu Thaana Thai Tibetan '
  + 'Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi Zanabazar_Square').split(' ');
/** Go's unicode.Categories (with Go 1.25's Cn and LC) and unicode.CategoryAliases */
const CATEGORIES = 'C Cc Cf Cn Co Cs L LC Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' ');
const CATEGORY_ALIASES: Record<string, string> = {
  Other: 'C', Control: 'Cc', cntrl: 'Cc', Format: 'Cf', Unassigned: 'Cn', Private_Use: 'Co', Surrogate: 'Cs', Letter: 'L', Cased_Letter: 'LC',
  Lowercase_Letter: 'Ll', Modifier_Letter: 'Lm', Other_Letter: 'Lo', Titlecase_Letter: 'Lt', Uppercase_Letter: 'Lu', Mark: 'M', Combining_Mark: 'M',
  Spacing_Mark: 'Mc', Enclosing_Mark: 'Me', Nonspacing_Mark: 'Mn', Number: 'N', Decimal_Number: 'Nd', digit: 'Nd', Letter_Number: 'Nl',
  Other_Number: 'No', Punctuation: 'P', punct: 'P', Connector_Punctuation: 'Pc', Dash_Punctuation: 'Pd', Close_Punctuation: 'Pe',
  Final_Punctuation: 'Pf', Initial_Punctuation: 'Pi', Other_Punctuation: 'Po', Open_Punctuation: 'Ps', Symbol: 'S', Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk', Math_Symbol: 'Sm', Other_Symbol: 'So', Separator: 'Z', Line_Separator: 'Zl', Paragraph_Separator: 'Zp', Space_Separator: 'Zs',
};
/** regexp/syntax canonicalName: a capital first letter, the rest small, without `_`, `-` and spaces */
function canonicalName(name: string): string {
  let out = '';
  let first = true;
  for (const ch of name) {
    if (ch === '_' || ch === '-' || ch === ' ') continue;
    out += first ? (ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch) : (ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch);
    first = false;
  }
  return out;
}
let unicodeNames: Map<string, { src: string; neg: boolean }> | undefined;
/**
 * regexp/syntax unicodeTable: a \p{…} name as the engine's property escape (and whether Go inverts it), or
 * undefined when Go knows no such name. Go 1.25 looks a name up as written (Categories, Scripts) after
 * canonicalName; the names of Go's tables are also found in that form here.
 */
export function unicodeClass(name: string): { src: string; neg: boolean } | undefined {
  if (!unicodeNames) {
    unicodeNames = new Map();
    for (const s of SCRIPTS) { unicodeNames.set(s, { src: `\\p{Script=${s}}`, neg: false }); unicodeNames.set(canonicalName(s), { src: `\\p{Script=${s}}`, neg: false }); }
    for (const [a, c] of Object.entries(CATEGORY_ALIASES)) unicodeNames.set(canonicalName(a), { src: `\\p{${c}}`, neg: false });
    for (const c of CATEGORIES) unicodeNames.set(c, { src: `\\p{${c}}`, neg: false });
    unicodeNames.set('Any', { src: '\\p{Any}', neg: false });
    unicodeNames.set('Assigned', { src: '\\p{Cn}', neg: true });
    unicodeNames.set('Ascii', { src: '\\p{ASCII}', neg: false });
    unicodeNames.set('Lc', { src: '\\p{LC}', neg: false });
  }
  return unicodeNames.get(canonicalName(name)) ?? unicodeNames.get(name);
}

class Unsupported extends Error {}

interface Flags { i: boolean; m: boolean; s: boolean; U: boolean }

/** the pattern parsed (one Go accepts: goRegexpError said null), or null when bdm-lab does not follow it */
export function compile(pattern: string): Program | null {
  if (pattern.length > 10_000) return null;
  try {
    const cps = [...pattern].map((c) => c.codePointAt(0)!);
    let i = 0;
    let caps = 1;
    const names: string[] = [''];
    let flags: Flags = { i: false, m: false, s: false, U: false };
    const peek = () => cps[i];
    const literal = (c: number): Node => ({ t: 'char', test: flags.i ? classTest(cpSrc(c), true) : (x) => x === c });
    /** parseEscape at `\`: the code point it means (a single-character escape) */
    const escapeChar = (): number => {
      const c = cps[++i];
      i++;
      if (c === undefined) throw new Unsupported();
      if (c < 128 && !isAlnum(c)) return c;
      const simple: Record<number, number> = { 97: 7, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 };
      if (simple[c] !== undefined) return simple[c];
      if (isOct(c) && (c === 48 || isOct(peek()))) {
        let v = c - 48;
        for (let n = 1; n < 3 && isOct(peek()); n++) v = v * 8 + cps[i++] - 48;
        return v;
      }
      if (c === 120) { // x
        if (peek() === 123) {
          i++;
          let v = 0, n = 0;
          while (peek() !== 125) { const h = hexVal(cps[i++]); if (h < 0) throw new Unsupported(); v = v * 16 + h; if (v > 0x10ffff) throw new Unsupported(); n++; }
          i++;
          if (!n) throw new Unsupported();
          return v;
        }
        const x = hexVal(cps[i]), y = hexVal(cps[i + 1]);
        if (x < 0 || y < 0) throw new Unsupported();
        i += 2;
        return x * 16 + y;
      }
      throw new Unsupported();
    };
    /** parseUnicodeClass at `\p` / `\P`: a test (folded under `i`) */
    const unicodeEscape = (): Test => {
      let neg = cps[i + 1] === 80;
      i += 2;
      let name: string;
      if (peek() === 123) {
        const end = cps.indexOf(125, i);
        if (end < 0) throw new Unsupported();
        name = String.fromCodePoint(...cps.slice(i + 1, end));
        i = end + 1;
      } else {
        if (peek() === undefined) throw new Unsupported();
        name = String.fromCodePoint(cps[i++]);
      }
      if (name.startsWith('^')) { neg = !neg; name = name.slice(1); }
      const u = unicodeClass(name);
      if (!u) throw new Unsupported();
      if (u.neg) neg = !neg;
      const t = classTest(u.src, flags.i);
      return neg ? (c) => !t(c) : t;
    };
    const klass = (): Node => {
      i++; // [
      let neg = false;
      if (peek() === 94) { neg = true; i++; }
      const items: Test[] = [];
      const ranges: Array<[number, number]> = [];
      let first = true;
      for (;;) {
        const c = peek();
        if (c === undefined) throw new Unsupported();
        if (c === 93 && !first) { i++; break; }
        first = false;
        if (c === 91 && cps[i + 1] === 58) {
          // [:alpha:] / [:^alpha:]
          let e = i + 2;
          while (e < cps.length && !(cps[e] === 58 && cps[e + 1] === 93)) e++;
          if (e < cps.length) {
            let name = String.fromCodePoint(...cps.slice(i + 2, e));
            const gneg = name.startsWith('^');
            if (gneg) name = name.slice(1);
            const r = Object.hasOwn(POSIX_RANGES, name) ? POSIX_RANGES[name] : undefined;
            if (!r) throw new Unsupported();
            items.push(groupTest({ ranges: r, neg: gneg }, flags.i));
            i = e + 2;
            continue;
          }
        }
        if (c === 92 && (cps[i + 1] === 112 || cps[i + 1] === 80)) { items.push(unicodeEscape()); continue; }
        if (c === 92 && cps[i + 1] !== undefined && PERL_GROUPS[String.fromCodePoint(cps[i + 1])]) {
          items.push(groupTest(PERL_GROUPS[String.fromCodePoint(cps[i + 1])], flags.i));
          i += 2;
          continue;
        }
        const lo = c === 92 ? escapeChar() : cps[i++];
        let hi = lo;
        if (peek() === 45 && cps[i + 1] !== undefined && cps[i + 1] !== 93) {
          i++;
          hi = peek() === 92 ? escapeChar() : cps[i++];
          if (hi < lo) throw new Unsupported();
        }
        ranges.push([lo, hi]);
      }
      if (ranges.length) items.unshift(rangesTest(ranges, flags.i));
      return { t: 'char', test: neg ? (x) => !items.some((f) => f(x)) : (x) => items.some((f) => f(x)) };
    };
    /** a group's body, with the flags it started with given back at its `)` */
    const group = (cap: number, inner: Flags): Node => {
      const saved = flags;
      flags = inner;
      const x = alt();
      if (peek() !== 41) throw new Unsupported();
      i++;
      flags = saved;
      return { t: 'group', x, cap };
    };
    /** one atom; 'flags' for a flag group that only sets flags; null at the end of a sequence */
    const atom = (): Node | Node[] | 'flags' | null => {
      const c = peek();
      if (c === undefined || c === 124 || c === 41) return null;
      if (c === 40) {
        if (cps[i + 1] !== 63) { i++; const cap = caps++; names[cap] = ''; return group(cap, flags); }
        const named = cps[i + 2] === 80 && cps[i + 3] === 60 ? i + 4 : cps[i + 2] === 60 ? i + 3 : -1;
        if (named >= 0) {
          // (?P<name> or (?<name>: a capturing group with a name of ASCII letters, digits and `_`
          let e = named;
          while (cps[e] !== undefined && cps[e] !== 62) e++;
          const name = String.fromCodePoint(...cps.slice(named, e));
          if (cps[e] !== 62 || !/^[A-Za-z0-9_]+$/.test(name)) throw new Unsupported();
          i = e + 1;
          const cap = caps++;
          names[cap] = name;
          return group(cap, flags);
        }
        // parsePerlFlags: (?flags) or (?flags:re), `-` clearing what follows it
        const f = { ...flags };
        let on = true;
        for (i += 2; ; i++) {
          const k = cps[i];
          if (k === 105) f.i = on; else if (k === 109) f.m = on; else if (k === 115) f.s = on; else if (k === 85) f.U = on;
          else if (k === 45 && on) on = false;
          else if (k === 41) { i++; flags = f; return 'flags'; }
          else if (k === 58) { i++; return group(0, f); }
          else throw new Unsupported();
        }
      }
      if (c === 91) return klass();
      if (c === 92) {
        const n = cps[i + 1];
        const asserts: Record<number, Assert> = { 65: 'bot', 122: 'eot', 98: 'wb', 66: 'nwb' };
        if (n !== undefined && asserts[n]) { i += 2; return { t: 'assert', a: asserts[n] }; }
        if (n === 81) {
          // \Q…\E: each character a literal (a repeat after it takes the last)
          let e = i + 2;
          while (e < cps.length && !(cps[e] === 92 && cps[e + 1] === 69)) e++;
          const lits = cps.slice(i + 2, e).map(literal);
          i = Math.min(e + 2, cps.length);
          return lits;
        }
        if (n === 112 || n === 80) return { t: 'char', test: unicodeEscape() };
        if (n !== undefined && PERL_GROUPS[String.fromCodePoint(n)]) { i += 2; return { t: 'char', test: groupTest(PERL_GROUPS[String.fromCodePoint(n)], flags.i) }; }
        return literal(escapeChar());
      }
      if (c === 46) { i++; return { t: 'char', test: flags.s ? () => true : (x) => x !== 10 }; }
      if (c === 94) { i++; return { t: 'assert', a: flags.m ? 'bol' : 'bot' }; }
      if (c === 36) { i++; return { t: 'assert', a: flags.m ? 'eol' : 'eot' }; }
      if (c === 42 || c === 43 || c === 63) throw new Unsupported(); // a repeat of nothing (Go refuses it)
      if (c === 123 && repeatAt(i)) throw new Unsupported();
      i++;
      return literal(c);
    };
    /** parseRepeat at `{`: min and max (-1: none) and the index after it, or null when `{` is a literal */
    const repeatAt = (k: number): { min: number; max: number; end: number } | null => {
      let t = k + 1;
      const int = (): number | null => {
        if (!isDigit(cps[t]) || (cps[t] === 48 && isDigit(cps[t + 1]))) return null;
        const from = t;
        while (isDigit(cps[t])) t++;
        return t - from >= 10 ? -1 : Number(String.fromCodePoint(...cps.slice(from, t)));
      };
      const min = int();
      if (min === null) return null;
      let max: number | null = min;
      if (cps[t] === 44) { t++; max = cps[t] === 125 ? -1 : int(); }
      if (max === null || cps[t] !== 125) return null;
      return { min, max, end: t + 1 };
    };
    const repeat = (x: Node): Node => {
      const c = peek();
      let min: number, max: number;
      if (c === 42) { min = 0; max = -1; i++; }
      else if (c === 43) { min = 1; max = -1; i++; }
      else if (c === 63) { min = 0; max = 1; i++; }
      else if (c === 123) {
        const r = repeatAt(i);
        if (!r) return x;
        ({ min, max } = r);
        if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) throw new Unsupported();
        i = r.end;
      } else return x;
      let lazy = flags.U;
      if (peek() === 63) { lazy = !lazy; i++; }
      // RE2 refuses a repeat of a repeat (`a**`, `a*{2}`)
      const n = peek();
      if (n === 42 || n === 43 || n === 63 || (n === 123 && repeatAt(i))) throw new Unsupported();
      return { t: 'rep', x, min, max, lazy };
    };
    const seq = (): Node => {
      const xs: Node[] = [];
      for (let a = atom(); a; a = atom()) {
        if (a === 'flags' || (Array.isArray(a) && !a.length)) {
          // a flag group or an empty \Q\E pushes nothing: a repeat right after it takes what came before
          // (Go's parse stack; none is a refusal goRegexpError has given)
          const n = peek();
          if (n === 42 || n === 43 || n === 63 || (n === 123 && repeatAt(i))) {
            if (!xs.length) throw new Unsupported();
            xs.push(repeat(xs.pop()!));
          }
          continue;
        }
        if (Array.isArray(a)) { xs.push(...a.slice(0, -1)); xs.push(repeat(a[a.length - 1])); continue; }
        xs.push(repeat(a));
      }
      return { t: 'cat', xs };
    };
    const alt = (): Node => {
      const xs = [seq()];
      while (peek() === 124) { i++; xs.push(seq()); }
      return xs.length === 1 ? xs[0] : { t: 'alt', xs };
    };
    const tree = alt();
    if (i < cps.length) throw new Unsupported();
    const insts: Inst[] = [];
    emit(tree, insts);
    if (insts.length > 20_000) return null;
    insts.push({ op: 'match' });
    return { insts, caps, names };
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError || e instanceof SyntaxError) return null;
    throw e;
  }
}

/** what Go's Simplify leaves of a node: a non-capturing group and a one-element concatenation are their content */
function bare(n: Node): Node {
  for (;;) {
    if (n.t === 'group' && !n.cap) n = n.x;
    else if (n.t === 'cat' && n.xs.length === 1) n = n.xs[0];
    else return n;
  }
}
/** OpStar, OpPlus, OpQuest, or another OpRepeat */
const repKind = (n: { min: number; max: number }) => (n.max === -1 ? (n.min === 0 ? 'star' : n.min === 1 ? 'plus' : 'rep') : n.min === 0 && n.max === 1 ? 'quest' : 'rep');
/** whether a node can match the empty text (compile.go frag.nullable) */
function nullable(n: Node): boolean {
  switch (n.t) {
    case 'char': return false;
    case 'assert': return true;
    case 'cat': return n.xs.every(nullable);
    case 'alt': return n.xs.some(nullable);
    case 'group': return nullable(n.x);
    default: return n.max === 0 || n.min === 0 || nullable(n.x);
  }
}

/**
 * The program of a node, as Go's Simplify then compile.go build it, so that threads keep Go's
 * priorities: x{0} is empty, x{1} is x, x{n,} is n-1 copies of x then x+, x{n,m} n copies then the
 * nested (x(x)?)?; a repeat of the empty match is the empty match, and a star, plus or quest of the
 * same operator with the same greediness is that operator once (simplify1); x* of an x that can match
 * empty is (x+)? (golang.org/issue/46123), a plus loops back to its one body.
 */
function emit(n: Node, out: Inst[]): void {
  if (out.length > 20_000) throw new Unsupported();
  switch (n.t) {
    case 'char': out.push({ op: 'char', test: n.test }); return;
    case 'assert': out.push({ op: 'assert', a: n.a }); return;
    case 'cat': for (const x of n.xs) emit(x, out); return;
    case 'group':
      if (n.cap) out.push({ op: 'save', n: 2 * n.cap });
      emit(n.x, out);
      if (n.cap) out.push({ op: 'save', n: 2 * n.cap + 1 });
      return;
    case 'alt': {
      const jumps: Array<{ op: 'jmp'; x: number }> = [];
      n.xs.forEach((x, k) => {
        if (k < n.xs.length - 1) {
          const split = { op: 'split' as const, x: out.length + 1, y: 0 };
          out.push(split);
          emit(x, out);
          const j = { op: 'jmp' as const, x: 0 };
          out.push(j);
          jumps.push(j);
          split.y = out.length;
        } else emit(x, out);
      });
      for (const j of jumps) j.x = out.length;
      return;
    }
    default: emitRepeat(n, out);
  }
}

function emitRepeat(n: Extract<Node, { t: 'rep' }>, out: Inst[]): void {
  const { x, lazy } = n;
  const sub = bare(x);
  // x{0}, and any repeat of the empty match: nothing to match
  if (n.max === 0 || (sub.t === 'cat' && sub.xs.length === 0)) return;
  if (n.min === 1 && n.max === 1) { emit(x, out); return; }
  /** simplify1(op, x): x itself when it is already that operator with the same greediness */
  const same = (k: string) => sub.t === 'rep' && repKind(sub) === k && sub.lazy === lazy;
  /** a split preferring `first`, the other branch patched to what follows */
  const choice = (body: () => void) => {
    const split = { op: 'split' as const, x: 0, y: 0 };
    out.push(split);
    const at = out.length;
    body();
    [split.x, split.y] = lazy ? [out.length, at] : [at, out.length];
  };
  const plus = () => {
    if (same('plus')) { emit(x, out); return; }
    const start = out.length;
    emit(x, out);
    out.push(lazy ? { op: 'split', x: out.length + 1, y: start } : { op: 'split', x: start, y: out.length + 1 });
  };
  const quest = () => { if (same('quest')) emit(x, out); else choice(() => emit(x, out)); };
  const kind = repKind(n);
  if (kind === 'star') {
    if (same('star')) { emit(x, out); return; }
    if (nullable(x)) { choice(plus); return; }
    // L: split(body, out) body jmp L
    const at = out.length;
    const split = { op: 'split' as const, x: 0, y: 0 };
    out.push(split);
    emit(x, out);
    out.push({ op: 'jmp', x: at });
    [split.x, split.y] = lazy ? [out.length, at + 1] : [at + 1, out.length];
    return;
  }
  if (kind === 'plus') { plus(); return; }
  if (kind === 'quest') { quest(); return; }
  if (n.max === -1) {
    for (let k = 0; k < n.min - 1; k++) emit(x, out);
    plus();
    return;
  }
  for (let k = 0; k < n.min; k++) emit(x, out);
  // the nested suffix (x(x(x)?)?)?: its innermost part is simplify1(OpQuest, x)
  const suffix = (left: number): void => {
    if (left === 1) { quest(); return; }
    choice(() => { emit(x, out); suffix(left - 1); });
  };
  if (n.max > n.min) suffix(n.max - n.min);
}

/** an empty-width assertion at a position (regexp/syntax EmptyOpContext: `\b` between an ASCII word character and another) */
function holds(a: Assert, cps: number[], pos: number): boolean {
  switch (a) {
    case 'bot': return pos === 0;
    case 'eot': return pos === cps.length;
    case 'bol': return pos === 0 || cps[pos - 1] === 10;
    case 'eol': return pos === cps.length || cps[pos] === 10;
    default: {
      const b = (pos > 0 && isWord(cps[pos - 1])) !== (pos < cps.length && isWord(cps[pos]));
      return a === 'wb' ? b : !b;
    }
  }
}

/**
 * The leftmost-first match of `prog` in `cps` starting at or after `from` (Go's regexp search),
 * its capture positions, or null; `budget.steps` counts the work and stops it past MAX_STEPS.
 */
function search(prog: Program, cps: number[], from: number, budget: { steps: number }): number[] | null {
  const n = prog.insts.length;
  type Thread = { pc: number; caps: number[] };
  let clist: Thread[] = [];
  let matched: number[] | null = null;
  // the instructions a position has already reached: stamped with the position's generation (no allocation per position)
  const seen = new Int32Array(n).fill(-1);
  let gen = 0;
  const add = (list: Thread[], pc: number, caps: number[], pos: number) => {
    // an explicit stack in priority order (no recursion on the pattern's size)
    const stack: Array<{ pc: number; caps: number[] }> = [{ pc, caps }];
    while (stack.length) {
      const t = stack.pop()!;
      if (seen[t.pc] === gen) continue;
      seen[t.pc] = gen;
      budget.steps++;
      const ins = prog.insts[t.pc];
      switch (ins.op) {
        case 'jmp': stack.push({ pc: ins.x, caps: t.caps }); break;
        case 'split': stack.push({ pc: ins.y, caps: t.caps }, { pc: ins.x, caps: t.caps }); break;
        case 'save': { const c = [...t.caps]; c[ins.n] = pos; stack.push({ pc: t.pc + 1, caps: c }); break; }
        case 'assert': if (holds(ins.a, cps, pos)) stack.push({ pc: t.pc + 1, caps: t.caps }); break;
        default: list.push(t);
      }
    }
  };
  for (let pos = from; pos <= cps.length; pos++) {
    if (budget.steps > MAX_STEPS) throw new RangeError('budget');
    gen = pos;
    // the threads already running keep their priority; a new start has the lowest, and none once a match is found
    const started: Thread[] = [];
    for (const t of clist) add(started, t.pc, t.caps, pos);
    if (!matched) { const caps = new Array(2 * prog.caps).fill(-1); caps[0] = pos; add(started, 0, caps, pos); }
    if (!started.length) { if (matched) break; clist = []; continue; }
    const nlist: Thread[] = [];
    for (const t of started) {
      const ins = prog.insts[t.pc];
      budget.steps++;
      if (ins.op === 'match') { matched = [...t.caps]; matched[1] = pos; break; } // lower-priority threads are cut
      if (ins.op === 'char' && pos < cps.length && ins.test(cps[pos])) nlist.push({ pc: t.pc + 1, caps: t.caps });
    }
    clist = nlist;
    if (!clist.length && matched) break;
  }
  return matched;
}

/**
 * regexp.ReplaceAllString: every non-overlapping leftmost-first match replaced by the template
 * expanded (regexp.Expand: `$1`, `${1}`, `$$`, a name of letters, digits and `_`); an empty
 * match right after the previous match is skipped. null when the work passes MAX_STEPS.
 */
export function replaceAll(prog: Program, text: string, template: string): string | null {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const budget = { steps: 0 };
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  try {
    while (searchPos <= cps.length) {
      const m = search(prog, cps, searchPos, budget);
      if (!m) break;
      out += fromCps(cps, lastEnd, m[0]);
      // no replacement for an empty match right after the previous match
      if (m[1] > lastEnd || m[0] === 0) out += expand(template, cps, m, prog.names);
      lastEnd = m[1];
      // advance past the match, at least one character
      const width = searchPos < cps.length ? 1 : 0;
      if (searchPos + width > m[1]) searchPos += width;
      else if (searchPos + 1 > m[1]) searchPos++;
      else searchPos = m[1];
    }
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return out + fromCps(cps, lastEnd, cps.length);
}

/**
 * regexp's allMatches (FindStringSubmatchIndex for one, FindAllStringSubmatchIndex for all): each
 * leftmost-first match's capture positions in code points (-1 for a group that took no part), at
 * most `n`, an empty match right after the previous match skipped; the text's code points with them.
 * null when the work passes MAX_STEPS.
 */
export function findAll(prog: Program, text: string, n: number): { cps: number[]; matches: number[][] } | null {
  const cps = [...text].map((c) => c.codePointAt(0)!);
  const budget = { steps: 0 };
  const matches: number[][] = [];
  try {
    for (let pos = 0, prevEnd = -1; matches.length < n && pos <= cps.length;) {
      const m = search(prog, cps, pos, budget);
      if (!m) break;
      let accept = true;
      if (m[1] === pos) {
        // an empty match: not right after the previous one; the search moves one character on
        if (m[0] === prevEnd) accept = false;
        pos++;
      } else pos = m[1];
      prevEnd = m[1];
      if (accept) matches.push(m);
    }
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
  return { cps, matches };
}

/** the text of code points [from, to) (exported for findAll's callers) */
export function cpText(cps: number[], from: number, to: number): string { return fromCps(cps, from, to); }

/** the text of code points [from, to) */
function fromCps(cps: number[], from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCodePoint(...cps.slice(i, Math.min(to, i + 4096)));
  return s;
}

/** regexp.Expand of a template for one match */
function expand(t: string, cps: number[], m: number[], names: string[]): string {
  let out = '';
  for (let i = 0; i < t.length;) {
    const d = t.indexOf('$', i);
    if (d < 0) { out += t.slice(i); break; }
    out += t.slice(i, d);
    i = d + 1;
    if (t[i] === '$') { out += '$'; i++; continue; }
    let name: string;
    if (t[i] === '{') {
      // `${name}`: letters, digits and `_` between the braces (a sticky match: each `$` reads only its own name)
      const braced = /\{([\p{L}\p{Nd}_]+)\}/uy;
      braced.lastIndex = i;
      const b = braced.exec(t);
      if (!b) { out += '$'; continue; }
      name = b[1];
      i += b[0].length;
    } else {
      const word = /[\p{L}\p{Nd}_]+/uy;
      word.lastIndex = i;
      const w = word.exec(t);
      if (!w) { out += '$'; continue; }
      name = w[0];
      i += name.length;
    }
    // a number names a group (beyond the groups: nothing); another name the group of that name (none: nothing)
    // (a name: the first group of that name that took part in the match)
    const k = /^\d+$/.test(name) ? (name.replace(/^0+/, '').length < 10 ? Number(name) : -1) : names.findIndex((n, g) => n === name && m[2 * g] >= 0);
    if (k >= 0 && 2 * k + 1 < m.length && m[2 * k] >= 0 && m[2 * k + 1] >= 0) out += fromCps(cps, m[2 * k], m[2 * k + 1]);
  }
  return out;
}

// ---- Go's refusals -------------------------------------------------------------------------------------

/** the POSIX class names Go's parser knows ([[:alpha:]] …) */
const POSIX = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit', '^alnum', '^alpha', '^ascii', '^blank', '^cntrl', '^digit', '^graph', '^lower', '^print', '^punct', '^space', '^upper', '^word', '^xdigit']);
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/**
 * What regexp.Compile says of a pattern (Go's regexp/syntax parse.go, Perl flags), scanning it once as
 * Go's parser does, so the first error found is Go's: the message ("error parsing regexp: CODE:
 * `EXPR`") with the same EXPR (the whole pattern, the class from its `[`, the escape, the repeat
 * operators…); null when Go compiles it; undefined for what bdm-lab does not check (repeat counts
 * nested past 1000, Go's size and nesting limits). Go 1.26's parser (Terraform's): `(?<name>`, and
 * \p{…} names as unicodeClass finds them.
 */
export function goRegexpError(s: string): string | null | undefined {
  const err = (code: string, expr: string) => `error parsing regexp: ${code}: \`${expr}\``;
  if (s.length > 10_000) return undefined;
  // what the parser's stack holds on top: nothing, a `(` or `|` marker, or an operand
  const stack: Array<'lp' | 'bar' | 'op'> = [];
  let depth = 0;
  let i = 0;
  let lastRepeat = -1;
  /**
   * beside each stack entry, the largest product of repeat counts on one path inside it (repeatIsValid:
   * a count of 0 hides what it repeats): a counted repeat of 2 or more is refused past 1000 in all
   */
  const weights: number[] = [];
  const push = (x: 'lp' | 'bar' | 'op', w = 1) => { stack.push(x); weights.push(w); };
  /** the entries down to the `(` popped: the largest weight among them */
  const popToParen = (): number => {
    let w = 1;
    while (stack.length && stack[stack.length - 1] !== 'lp') { stack.pop(); w = Math.max(w, weights.pop()!); }
    return w;
  };
  /** the next code point's width in code units */
  const width = (k: number) => (s.codePointAt(k)! > 0xffff ? 2 : 1);
  /** parseEscape at k: the index after it and the code point it means, or Go's error */
  const escape = (k: number): { end: number; value: number } | string => {
    if (k + 1 >= s.length) return err('trailing backslash at end of expression', '');
    const c = s[k + 1];
    let t = k + 1 + width(k + 1);
    const bad = (end: number) => err('invalid escape sequence', s.slice(k, end));
    // a non-word ASCII character is itself
    if (c.charCodeAt(0) < 128 && !/[0-9A-Za-z]/.test(c)) return { end: t, value: c.charCodeAt(0) };
    // \1-\7 alone is a backreference (refused); \0 and octal runs of up to three digits
    if (c >= '1' && c <= '7' && !isOctal(s[t])) return bad(t);
    if (c >= '0' && c <= '7') {
      let v = c.charCodeAt(0) - 48;
      for (let n = 1; n < 3 && isOctal(s[t]); n++) v = v * 8 + s.charCodeAt(t++) - 48;
      return { end: t, value: v };
    }
    if (c === 'x') {
      if (t >= s.length) return bad(t);
      if (s[t] === '{') {
        let e = t + 1, v = 0, n = 0;
        for (;;) {
          if (e >= s.length) return bad(e);
          const h = s[e];
          e += width(e);
          if (h === '}') break;
          if (!isHex(h)) return bad(e);
          v = v * 16 + parseInt(h, 16);
          if (v > 0x10ffff) return bad(e);
          n++;
        }
        return n === 0 ? bad(e) : { end: e, value: v };
      }
      const x = s[t];
      t += width(t);
      if (t >= s.length) return bad(t);
      const y = s[t];
      t += width(t);
      return isHex(x) && isHex(y) ? { end: t, value: parseInt(x + y, 16) } : bad(t);
    }
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    return simple[c] !== undefined ? { end: t, value: simple[c] } : bad(t);
  };
  const pushOp = () => { push('op'); };
  /** parseUnicodeClass at k (`\p` or `\P`): the index after it, or Go's error naming the whole escape */
  const unicodeEscape = (k: number): number | string => {
    let seq: string, name: string;
    if (s[k + 2] !== '{') {
      // a one-letter name (none at the end of the pattern)
      const end = k + 2 >= s.length ? k + 2 : k + 2 + width(k + 2);
      seq = s.slice(k, end);
      name = seq.slice(2);
    } else {
      // the name runs to the first `}` after the escape, wherever it is
      const end = s.indexOf('}', k);
      if (end < 0) return err('invalid character class range', s.slice(k));
      seq = s.slice(k, end + 1);
      name = s.slice(k + 3, end);
    }
    if (name.startsWith('^')) name = name.slice(1);
    return unicodeClass(name) ? k + seq.length : err('invalid character class range', seq);
  };
  // the next `:]` from a position, remembered (the positions asked for only grow): linear over `[[:[[:…`
  let colon = -2;
  const colonBracket = (from: number) => { if (colon !== -1 && colon < from) colon = s.indexOf(':]', from); return colon; };
  const repeat = (before: number, after: number): string | number => {
    if (s[after] === '?') after++;
    if (lastRepeat >= 0) return err('invalid nested repetition operator', s.slice(lastRepeat, after));
    const top = stack[stack.length - 1];
    if (top === undefined || top === 'lp' || top === 'bar') return err('missing argument to repetition operator', s.slice(before, after));
    return after;
  };
  while (i < s.length) {
    const c = s[i];
    let rep = -1;
    if (c === '(') {
      if (s[i + 1] === '?') {
        // parsePerlFlags
        // (?P<name> and, from Go 1.22 (Terraform's Go), (?<name> (so `(?<=` and `(?<!` are named captures
        // whose names Go refuses; Go before 1.22 called them unsupported Perl syntax)
        const withP = s.length - i > 4 && s[i + 2] === 'P' && s[i + 3] === '<';
        if (withP || (s.length - i > 3 && s[i + 2] === '<')) {
          const end = s.indexOf('>', i);
          if (end < 0) return err('invalid named capture', s.slice(i));
          const name = s.slice(i + (withP ? 4 : 3), end);
          if (!/^[A-Za-z0-9_]+$/.test(name)) return err('invalid named capture', s.slice(i, end + 1));
          push('lp'); depth++; i = end + 1;
        } else {
          let t = i + 2, sign = 1, saw = false, done = false;
          while (t < s.length) {
            const f = s[t]; t += width(t);
            if ('imsU'.includes(f)) { saw = true; continue; }
            if (f === '-') { if (sign < 0) break; sign = -1; saw = false; continue; }
            if (f === ':' || f === ')') {
              if (sign < 0 && !saw) break;
              if (f === ':') { push('lp'); depth++; }
              done = true;
              break;
            }
            break;
          }
          if (!done) return err('invalid or unsupported Perl syntax', s.slice(i, t));
          i = t;
        }
      } else { push('lp'); depth++; i++; }
      // Go's nesting limit (1000) is not followed
      if (depth > 500) return undefined;
    } else if (c === '|') {
      // parseVerticalBar: the alternatives so far become one, a `|` marker on top
      push('bar', popToParen());
      i++;
    } else if (c === ')') {
      if (depth === 0) return err('unexpected )', s);
      const w = popToParen();
      stack.pop();
      weights.pop();
      depth--;
      push('op', w);
      i++;
    } else if (c === '^' || c === '$' || c === '.') { pushOp(); i++; }
    else if (c === '[') {
      // parseClass: `]` or `-` first is literal; [:name:], \d-style escapes, ranges lo-hi
      let t = i + 1;
      if (s[t] === '^') t++;
      let first = true;
      while (t >= s.length || s[t] !== ']' || first) {
        first = false;
        if (t < s.length - 2 && s[t] === '[' && s[t + 1] === ':') {
          const end = colonBracket(t + 2);
          if (end >= 0) {
            const name = s.slice(t + 2, end);
            if (!POSIX.has(name)) return err('invalid character class range', s.slice(t, end + 2));
            t = end + 2;
            continue;
          }
        }
        if (s[t] === '\\' && (s[t + 1] === 'p' || s[t + 1] === 'P')) {
          const u = unicodeEscape(t);
          if (typeof u === 'string') return u;
          t = u;
          continue;
        }
        if (s[t] === '\\' && s[t + 1] !== undefined && 'dDsSwW'.includes(s[t + 1])) { t += 2; continue; }
        const rng = t;
        // parseClassChar: a missing `]`, an escape, or one character; the range's ends compared as code points
        const classChar = (k: number): { end: number; value: number } | string => {
          if (k >= s.length) return err('missing closing ]', s.slice(i));
          return s[k] === '\\' ? escape(k) : { end: k + width(k), value: s.codePointAt(k)! };
        };
        const lo = classChar(t);
        if (typeof lo === 'string') return lo;
        t = lo.end;
        if (t + 1 < s.length && s[t] === '-' && s[t + 1] !== ']') {
          const hi = classChar(t + 1);
          if (typeof hi === 'string') return hi;
          if (hi.value < lo.value) return err('invalid character class range', s.slice(rng, hi.end));
          t = hi.end;
        }
      }
      i = t + 1;
      pushOp();
    } else if (c === '*' || c === '+' || c === '?') {
      const r = repeat(i, i + 1);
      if (typeof r === 'string') return r;
      rep = i;
      i = r;
    } else if (c === '{') {
      // parseRepeat: {n} {n,} {n,m}, else `{` is a literal; parseInt: digits, no leading zero before
      // another digit, -1 ("too big") from the tenth digit on
      let t = i + 1;
      const int = (): number | null => {
        if (!(s[t] >= '0' && s[t] <= '9') || (s[t] === '0' && s[t + 1] >= '0' && s[t + 1] <= '9')) return null;
        const from = t;
        while (s[t] >= '0' && s[t] <= '9') t++;
        return t - from >= 10 ? -1 : Number(s.slice(from, t));
      };
      let min = int(), max: number | null = min;
      if (min !== null && s[t] === ',') {
        t++;
        if (s[t] === '}') max = -1;
        else { max = int(); if (max !== null && max < 0) min = -1; }
      }
      if (min === null || max === null || s[t] !== '}') { pushOp(); i++; }
      else {
        const after = t + 1;
        if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max)) return err('invalid repeat count', s.slice(i, after));
        const r = repeat(i, after);
        if (typeof r === 'string') return r;
        // repeatIsValid: the counts on a path through this repeat multiplied, against 1000
        const m = max < 0 ? min : max;
        const w = m === 0 ? 1 : m * weights[weights.length - 1];
        if ((min >= 2 || max >= 2) && w > 1000) return err('invalid repeat count', s.slice(i, r));
        weights[weights.length - 1] = w;
        rep = i;
        i = r;
      }
    } else if (c === '\\') {
      const n = s[i + 1];
      if (n === 'A' || n === 'b' || n === 'B' || n === 'z') { pushOp(); i += 2; }
      else if (n === 'C') return err('invalid escape sequence', '\\C');
      else if (n === 'Q') {
        const end = s.indexOf('\\E', i + 2);
        if (end > i + 2 || (end < 0 && i + 2 < s.length)) pushOp();
        i = end < 0 ? s.length : end + 2;
      } else if (n === 'p' || n === 'P') {
        const u = unicodeEscape(i);
        if (typeof u === 'string') return u;
        pushOp();
        i = u;
      }
      else if (n !== undefined && 'dDsSwW'.includes(n)) { pushOp(); i += 2; }
      else {
        const e = escape(i);
        if (typeof e === 'string') return e;
        pushOp();
        i = e.end;
      }
    } else { pushOp(); i += width(i); }
    lastRepeat = rep;
  }
  if (depth > 0) return err('missing closing )', s);
  return null;
}
