/**
 * Python's int() and float() of a text, as Jinja's `int`/`float` filters and AnsibleModule's
 * check_type_int call them: the white space they skip at the ends, a Unicode decimal digit read
 * as its ASCII digit (Python 3.11's tables, Unicode 14.0.0: the first code point of each run of
 * ten digits of category Nd, from unicodedata), any other character beyond ASCII refused, then
 * the ASCII grammar (sign, base prefix, single underscores between digits, a fraction, an
 * exponent, inf and nan).
 */
import { isPySpace } from '../../text/pySpace';

/** a string's code points (Python indexes those, JavaScript UTF-16 units) */
export function codePoints(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

/** the narrower set int() and float() skip at a text's ends: str.strip()'s white space but 0x1c-0x1f */
const isNumberSpace = (c: number) => isPySpace(c) && !(c >= 0x1c && c <= 0x1f);

/** where each run of ten Unicode 14 decimal digits (0 to 9) starts */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0,
  0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0,
  0x16a60, 0x16ac0, 0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/** a code point's decimal value (0 to 9), or -1 when it is not a decimal digit */
function decimalOf(cp: number): number {
  let lo = 0;
  let hi = DIGIT_ZEROS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (DIGIT_ZEROS[mid]! <= cp) lo = mid; else hi = mid - 1;
  }
  const d = cp - DIGIT_ZEROS[lo]!;
  return d >= 0 && d <= 9 ? d : -1;
}

export function stripSet(s: string, set: (c: string) => boolean): string {
  const cps = codePoints(s);
  let a = 0;
  let b = cps.length;
  while (a < b && set(cps[a]!)) a++;
  while (b > a && set(cps[b - 1]!)) b--;
  return a === 0 && b === cps.length ? s : cps.slice(a, b).join('');
}

/**
 * The text int() and float() read: without the white space they skip at its ends, each Unicode
 * decimal digit as its ASCII digit, any other character beyond ASCII one they refuse ('?').
 */
export function numberText(s: string): string {
  const t = stripSet(s, (c) => isNumberSpace(c.charCodeAt(0)));
  if (/^[\x00-\x7f]*$/.test(t)) return t;
  return codePoints(t).map((c) => {
    const cp = c.codePointAt(0)!;
    if (cp < 0x80) return c;
    const d = decimalOf(cp);
    return d < 0 ? '?' : String(d);
  }).join('');
}

/** Python's int() of a text (base 10), or null for its ValueError */
export function pyIntText(s: string): bigint | null {
  return pyIntParse(numberText(s), 10);
}

const digitValue = (c: string): number => {
  const x = c.toLowerCase().charCodeAt(0);
  return x >= 48 && x <= 57 ? x - 48 : x >= 97 && x <= 122 ? x - 87 : 99;
};

/** Python's int(text, base) of a stripped ASCII text: the value, or null for its ValueError */
export function pyIntParse(s: string, base: number): bigint | null {
  if (base !== 0 && (base < 2 || base > 36)) return null;
  let i = 0;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') { neg = s[i] === '-'; i++; }
  let b = base;
  const prefix = s[i] === '0' ? (s[i + 1] ?? '').toLowerCase() : '';
  const prefixBase = prefix === 'x' ? 16 : prefix === 'o' ? 8 : prefix === 'b' ? 2 : 0;
  let afterPrefix = false;
  if (prefixBase && (b === 0 || b === prefixBase)) { b = prefixBase; i += 2; afterPrefix = true; }
  const zeroOnly = b === 0;
  if (b === 0) b = 10;
  // digits, single underscores between them (one may follow a prefix)
  let digits = '';
  let lastUnderscore = afterPrefix;
  if (s[i] === '_' && afterPrefix) { i++; lastUnderscore = false; }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') {
      if (lastUnderscore || digits === '') return null;
      lastUnderscore = true;
      continue;
    }
    if (digitValue(c) >= b) return null;
    digits += c;
    lastUnderscore = false;
  }
  if (!digits || lastUnderscore) return null;
  // base 0 reads a decimal with a leading zero only when it is all zeros
  if (zeroOnly && !afterPrefix && digits[0] === '0' && /[^0]/.test(digits)) return null;
  let v = 0n;
  const B = BigInt(b);
  for (const c of digits) v = v * B + BigInt(digitValue(c));
  return neg ? -v : v;
}

/** Python's float(text) of a stripped ASCII text, or null for its ValueError */
export function pyFloatParse(s: string): number | null {
  const low = s.toLowerCase();
  const sign = low[0] === '-' ? -1 : 1;
  const body = low[0] === '-' || low[0] === '+' ? low.slice(1) : low;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  // digits with single underscores between digits; a fraction; an exponent
  let i = 0;
  let mantissaDigits = 0;
  const run = (): number => {
    let n = 0;
    while (i < body.length) {
      const c = body[i]!;
      if (c >= '0' && c <= '9') { n++; i++; } else if (c === '_' && n > 0 && body[i + 1] !== undefined && body[i + 1]! >= '0' && body[i + 1]! <= '9') i++;
      else break;
    }
    return n;
  };
  mantissaDigits += run();
  if (body[i] === '.') { i++; mantissaDigits += run(); }
  if (!mantissaDigits) return null;
  if (body[i] === 'e') {
    i++;
    if (body[i] === '+' || body[i] === '-') i++;
    if (!run()) return null;
  }
  if (i !== body.length) return null;
  return sign * Number(body.replace(/_/g, ''));
}
