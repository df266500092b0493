/**
 * The number of grapheme clusters in a string as go-cty v1.18.1 counts them (length() of a
 * string, stdlib.Strlen): go-textseg v15.0.0's ScanGraphemeClusters, a Ragel longest-match scanner
 * over Unicode 15.0 Grapheme_Cluster_Break classes. Its grammar (textseg/grapheme_clusters.rl) is
 * not quite UAX #29: no GB9c (a Devanagari consonant after a virama starts a new cluster), U+FFFD
 * stands alone like a control character, a ZWJ followed by a pictograph joins after Hangul and
 * pictographs only, and an L LV run does not take a following T. The classes are go-textseg's own
 * tables (Unicode 15.0, not this runtime's Unicode). Linear in the text.
 */

/**
 * go-textseg v15.0.0's classes (grapheme_clusters_table.rl, emoji_table.rl), written by
 * scripts/terraform-hunt25-textseg-gen.ts: code point ranges as base-36 "gap,length" pairs, the gap
 * counted from the end of the previous range. Hangul, CR, LF, ZWJ and regional indicators are computed.
 */
const TABLES: Record<string, string> = {
  p: '16o,6 5z,1 1d,1 ao,2 28,1 vf,1 1f8u,1 f,1 6s,2 1h7,1 1,1 6w,1 21,6 jg,1 cb,1',
  X: '0,a 1,2 1,i 2n,x d,1 12m,1 3jl,1 1ks,1 2,2 o,7 1d,g 17yn,1 6o,c ab8,g qxs,4 43z,8 h405,w 2o,3k 6o,2s0',
  E: 'lc,34 7n,7 7b,19 1,1 1,2 1,2 1,1 20,b 1c,l g,1 2t,7 2,6 2,2 1,4 z,1 u,r 2j,b 1m,9 9,1 o,4 1,9 1,3 1,5 17,3 1o,8 16,o 1,w 1j,1 1,1 4,8 4,1 3,7 a,2 t,1 1m,1 1,1 2,4 8,1 9,1 a,2 q,1 2,2 1l,1 4,2 4,2 2,3 3,1 u,2 3,1 b,2 1l,1 4,5 1,2 4,1 k,2 m,6 1,1 1m,1 1,2 1,4 8,1 7,3 a,2 u,1 1n,1 1,1 c,1 9,1 14,1 3,1 1j,1 1,3 5,3 1,4 7,2 b,2 t,1 1m,1 2,1 2,1 3,1 5,2 7,2 b,2 s,2 1l,2 1,1 2,4 8,1 9,1 a,2 t,1 20,1 4,1 2,3 1,1 8,1 29,1 2,7 c,8 2q,1 2,9 b,7 21,2 r,1 1,1 1,1 1j,e 1,5 1,2 5,b 1,10 9,1 2u,4 1,6 1,2 2,2 p,2 4,3 g,4 d,1 2,2 6,1 f,1 jj,3 qa,3 t,2 u,2 u,2 1s,2 1,7 8,1 2,b 9,1 19,3 1,1 39,2 y,1 3a,3 4,2 9,1 6,3 63,2 2,1 1m,1 1,7 1,1 1,1 2,8 6,a 2,1 1c,v 1d,4 1c,7 1,1 5,1 14,9 c,2 w,4 2,2 1,3 1k,1 1,2 3,1 1,3 1m,8 2,2 48,3 1,d 1,7 4,1 6,1 3,2 5i,1s ek,1 5f,x 2da,3 3x,1 2o,w fe,6 2x,2 n9w,4 1,a w,2 28,2 7k,1 3,1 4,1 p,2 5,1 47,2 q,i d,1 12,8 p,b 1a,3 1c,1 2,4 2,2 13,1 1v,6 2,2 2,2 c,1 8,1 1b,1 1f,1 1,3 2,2 5,2 1,1 16,2 8,1 6m,1 2,1 4,1 fn4,1 kh,g g,g a6,2 gt,1 6a,1 45,5 1ae,3 1,2 5,4 14,3 4,1 4l,2 fx,4 ar,2 28,3 1y,b 1d,4 3f,1 1i,f 15,1 2,2 a,3 1d,4 2,2 7,1 1p,3 10,5 1,8 1q,1 c,2 1g,9 a,4 2,1 2n,3 2,1 1,2 6,1 2,1 4d,1 3,8 l,2 1l,2 1,1 1,1 m,1 e,7 3,5 5f,8 2,3 1,1 n,1 29,1 2,6 1,1 2,1 1,2 1,2 6j,1 2,4 6,2 1,2 r,2 2d,8 2,1 1,2 2y,1 1,1 2,6 1,1 2t,3 2,4 1,5 77,9 1,2 6t,1 a,2 1,1 4,1 40,4 2,2 4,1 w,a 14,6 2,4 8,1 9,6 2,3 1a,d 1,2 ba,7 1,6 1,1 2a,m 2,7 1,2 1,2 3e,6 3,1 1,2 1,7 1,1 20,2 3,1 1,1 9n,2 b,2 1g,5 5,1 1,1 459,1 6,f asa,5 1n,7 t4,1 1r,4 29,1 f5k,2 3mp,1a 2,n f2,1 1,3 4,5 8,8 2,7 u,4 44,3 1iz,1j 4,1e 8,1 e,1 m,5 1,f 11s,7 1,h 2,7 1,2 1,5 2s,1 4g,7 af,1 1p,4 e4,4 rk,7 31,7 240,5 gx7k,2o 3k,6o',
  S: '1s3,1 1j,1 2,3 8,4 1,2 1e,2 1n,2 6,2 2,2 1i,1 1m,3 1u,1 1m,3 8,1 1,2 1h,2 1o,1 6,2 2,2 36,1 1,2 3,3 1,3 1g,3 1p,4 1p,2 1m,1 1,2 1,2 2,2 1,2 13,1 e,2 1n,2 5,3 1,3 1h,2 24,2 6,7 j,2 1r,1 3j,1 3u,2 1r,1 4x,1 9,2 p,2 18,1 1ao,1 u,1 3l,1 7,8 1,2 9m,4 2,3 4,2 1,6 68,2 1m,1 1,1 l,6 41,1 1i,1 1,5 1,2 1p,1 u,1 4,2 2,1 1o,1 2,3 1,1 3,2 1c,8 8,2 4r,1 l,1 rhn,2 2,1 2g,2 1e,g 3y,2 1b,1 1c,2 4,2 2,3 32,2 2,2 o,1 4d,1 2,2 5,1 6l,2 1,2 1,2 1,1 jrn,1 1,1 3j,1 19,3 4,2 37,1 o,2 1n,1 1c,3 9,2 d,1 2l,3 3,2 1,1 4q,3 v,2 1n,1 1,4 2,2 2,3 k,2 5t,3 8,2 3,1 2z,2 6,1 1,2 1,1 2,1 6m,2 6,4 2,1 35,3 8,2 1,1 31,1 1,2 6,1 33,1 79,3 9,1 6w,5 1,2 4,1 2,1 1,1 3y,3 8,4 4,1 2c,1 t,2 1q,1 bb,1 e,1 2y,1 7,1 2,1 5x,5 4,2 1,1 9q,2 c,1 1c,2 8,2 1,1 ftb,1j 2w,2 j90,1 6,1',
  P: '4p,1 4,1 68d,1 c,1 60,1 m,1 2i,6 f,2 a7,2 c,1 2n,1 1y,1 p,b 4,3 5j,1 6f,2 a,1 9,1 1m,4 1,6 1,c 1,36 a,3a 2,b 1,1 1,1 6,1 3,1 6,1 a,2 f,1 2,1 4,1 1,1 4,3 1,1 b,5 19,3 9,1 e,1 e,1 ac,2 cv,3 j,2 1f,1 4,1 yi,1 c,1 gp,1 1,1 2fza,74 d,3 v,1 1o,6 c,2 e,1 2,a i,1l r,f a,1 k,1 2,9 1,4 9,c2 5,8u 8,7e 1c,3k 38,c 2d,17 c,4 1k,8 a,6 14,8 u,2a c,1b 1,a 1,c9 74,se',
};

let ranges: Array<{ letter: string; start: number; end: number }> | null = null;

function table(): Array<{ letter: string; start: number; end: number }> {
  if (ranges) return ranges;
  const out: Array<{ letter: string; start: number; end: number }> = [];
  for (const [letter, text] of Object.entries(TABLES)) {
    let at = 0;
    for (const pair of text.split(' ')) {
      const [gap, len] = pair.split(',').map((x) => parseInt(x, 36));
      out.push({ letter, start: at + gap, end: at + gap + len - 1 });
      at += gap + len;
    }
  }
  ranges = out.sort((x, y) => x.start - y.start);
  return ranges;
}

/**
 * One code point's class, one letter: C CR, F LF, X Control, R U+FFFD, p Prepend, E Extend,
 * S SpacingMark, Z ZWJ, I Regional_Indicator, L V T a(LV) b(LVT) Hangul, P Extended_Pictographic, o other.
 */
export function graphemeClass(cp: number): string {
  if (cp === 0x0d) return 'C';
  if (cp === 0x0a) return 'F';
  if (cp === 0x200d) return 'Z';
  if (cp === 0xfffd) return 'R';
  if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0xa960 && cp <= 0xa97c)) return 'L';
  if ((cp >= 0x1160 && cp <= 0x11a7) || (cp >= 0xd7b0 && cp <= 0xd7c6)) return 'V';
  if ((cp >= 0x11a8 && cp <= 0x11ff) || (cp >= 0xd7cb && cp <= 0xd7fb)) return 'T';
  if (cp >= 0xac00 && cp <= 0xd7a3) return (cp - 0xac00) % 28 === 0 ? 'a' : 'b';
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return 'I';
  const r = table();
  let lo = 0, hi = r.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[mid].start) hi = mid - 1;
    else if (cp > r[mid].end) lo = mid + 1;
    else return r[mid].letter;
  }
  return 'o';
}

// textseg/grapheme_clusters.rl over the class letters; each alternative's longest match is taken
const EXT = '(?:E|Z(?:PE*)?|S)*';
const HANGUL = ['L+(?:a?V+|b)T*', 'L+a?', 'aV*T*', 'V+T*', 'bT*', 'T+'].map((h) => h + EXT);
const SEQS = [...HANGUL, `PE*${EXT}`, 'Z[ZES]*', `II?${EXT}`, '[^CFXRLVTabPZIp][EZS]*'];
const CRLF = /CF/y;
const SINGLE = /[XR]/y;
const ALTS = SEQS.map((s) => new RegExp(s, 'y'));
const PREP = /p+/y;

function longest(classes: string, at: number, res: readonly RegExp[]): number {
  let best = 0;
  for (const re of res) {
    re.lastIndex = at;
    if (re.test(classes)) best = Math.max(best, re.lastIndex - at);
  }
  return best;
}

/** go-textseg's ScanGraphemeClusters token count (the text as Terraform holds it: NFC) */
export function graphemeCount(s: string): number {
  return graphemeClusters(s).length;
}

/** the text cut into go-textseg's grapheme clusters (ScanGraphemeClusters tokens, in order) */
export function graphemeClusters(s: string): string[] {
  let classes = '';
  const cps = [...s];
  for (const ch of cps) classes += graphemeClass(ch.codePointAt(0)!);
  const out: string[] = [];
  for (let i = 0; i < classes.length;) {
    let len = longest(classes, i, [CRLF, SINGLE, ...ALTS]);
    PREP.lastIndex = i;
    if (PREP.test(classes)) len = Math.max(len, PREP.lastIndex - i + longest(classes, PREP.lastIndex, ALTS));
    len = Math.max(len, 1);
    out.push(cps.slice(i, i + len).join(''));
    i += len;
  }
  return out;
}
