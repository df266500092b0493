/**
 * go-cty's numbers (zclconf/go-cty cty/value_init.go, value_ops.go; Go's math/big float.go,
 * floatconv.go, ftoa.go, decimal.go): a number literal or a string converted is big.ParseFloat at 512
 * bits (rounding to nearest even), + - * / % and unary minus compute on those big.Floats at the
 * operands' precision, the value is kept from one operation to the next (BigNum: eval.ts keeps it
 * with each result), compared exactly (<, >) or by its text (==), and written with Text('f', -1) or
 * Text('g', -1) (the shortest decimal that reads back at its precision); the provider gets the
 * nearest float64 (or an exact int). So `4.35 * 100` is exactly 435 to Terraform, `1/3*3` is 1 and
 * `0.3 - 0.1` prints 0.2000…0002 (155 digits). Work is bounded by the precision and by EXP_LIMIT on
 * exponents (past it the caller falls back to float64 with ctyArithmetic: each operand from its
 * shortest decimal, exact rationals rounded at 512 bits, the result rounded to float64).
 */

interface Rat { p: bigint; q: bigint }

const PREC = 512;

const bitLength = (n: bigint): number => n.toString(2).length;

/** the exact value of a decimal text as JavaScript writes a number ("1.15", "1e+21", "5e-7") */
function ratOf(n: number): Rat {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))!;
  const frac = m[3] ?? '';
  let p = BigInt(m[2] + frac);
  let q = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp >= 0) p *= 10n ** BigInt(exp);
  else q *= 10n ** BigInt(-exp);
  return { p: m[1] ? -p : p, q };
}

/** a rational rounded to `bits` significant bits, to nearest even: sign, mantissa, power of two */
function round(x: Rat, bits: number): { neg: boolean; m: bigint; e: number } {
  const neg = (x.p < 0n) !== (x.q < 0n);
  const p = x.p < 0n ? -x.p : x.p;
  const q = x.q < 0n ? -x.q : x.q;
  if (p === 0n) return { neg, m: 0n, e: 0 };
  // e such that 2^(bits-1) <= p / q / 2^e < 2^bits
  let e = bitLength(p) - bitLength(q) - bits;
  const scaled = (k: number) => (k >= 0 ? { n: p, d: q << BigInt(k) } : { n: p << BigInt(-k), d: q });
  let s = scaled(e);
  if (s.n / s.d >= 1n << BigInt(bits)) { e++; s = scaled(e); }
  else if (s.n / s.d < 1n << BigInt(bits - 1)) { e--; s = scaled(e); }
  let m = s.n / s.d;
  const rem2 = 2n * (s.n % s.d);
  if (rem2 > s.d || (rem2 === s.d && (m & 1n) === 1n)) m++;
  if (m === 1n << BigInt(bits)) { m >>= 1n; e++; }
  return { neg, m, e };
}

function ratFrom(r: { neg: boolean; m: bigint; e: number }): Rat {
  const p = r.neg ? -r.m : r.m;
  return r.e >= 0 ? { p: p << BigInt(r.e), q: 1n } : { p, q: 1n << BigInt(-r.e) };
}

const big = (x: Rat): Rat => ratFrom(round(x, PREC));

function toFloat64(x: Rat): number {
  const r = round(x, 53);
  if (r.m === 0n) return r.neg ? -0 : 0;
  // an exponent beyond float64's range: the product overflows to an infinity, or underflows
  const half = Math.trunc(r.e / 2);
  const v = Number(r.m) * 2 ** half * 2 ** (r.e - half);
  return r.neg ? -v : v;
}

/** `x op y` as go-cty computes it (finite operands, a divisor that is not zero) */
export function ctyArithmetic(op: '+' | '-' | '*' | '/' | '%', x: number, y: number): number {
  const a = big(ratOf(x)), b = big(ratOf(y));
  const add = (u: Rat, v: Rat): Rat => ({ p: u.p * v.q + v.p * u.q, q: u.q * v.q });
  const mul = (u: Rat, v: Rat): Rat => ({ p: u.p * v.p, q: u.q * v.q });
  const neg = (u: Rat): Rat => ({ p: -u.p, q: u.q });
  switch (op) {
    case '+': return toFloat64(big(add(a, b)));
    case '-': return toFloat64(big(add(a, neg(b))));
    case '*': return toFloat64(big(mul(a, b)));
    case '/': return toFloat64(big({ p: a.p * b.q, q: a.q * b.p }));
    default: {
      // Value.Modulo: the quotient (512 bits) truncated to an integer, the dividend less divisor × it
      const quo = big({ p: a.p * b.q, q: a.q * b.p });
      const t = quo.p / quo.q;
      return toFloat64(big(add(a, neg(big(mul(b, big({ p: t, q: 1n })))))));
    }
  }
}

/**
 * The values of range(start, end, step) as go-cty's RangeFunc makes them: each one the previous plus
 * the step at 512 bits, compared with the end at 512 bits (so `range(0, 1, 0.1)` stops where go-cty
 * does), each given as its nearest float64. null when there would be more than `max` (finite operands).
 */
export function ctyRange(start: number, end: number, step: number, max: number): number[] | null {
  // integers whose every sum stays below 2^53: float64 adds them exactly and compares them with
  // the end exactly, so the values are the 512-bit ones without a big-number operation per value
  // (a `for` over range() inside another's body made thousands of them per element)
  if (Number.isSafeInteger(start) && Number.isSafeInteger(step) && Math.abs(start) + (max + 1) * Math.abs(step) <= Number.MAX_SAFE_INTEGER) {
    const down = step < 0;
    const out: number[] = [];
    for (let num = start; down ? num > end : num < end; num += step) {
      if (out.length >= max) return null;
      out.push(num + 0);
    }
    return out;
  }
  const e = big(ratOf(end)), st = big(ratOf(step));
  let num = big(ratOf(start));
  const down = step < 0;
  // the denominators are positive: the sign of p1·q2 − p2·q1 orders the two
  const cmp = (u: Rat, v: Rat) => { const d = u.p * v.q - v.p * u.q; return d < 0n ? -1 : d > 0n ? 1 : 0; };
  const out: number[] = [];
  while (down ? cmp(num, e) > 0 : cmp(num, e) < 0) {
    if (out.length >= max) return null;
    out.push(toFloat64(num));
    num = big({ p: num.p * st.q + st.p * num.q, q: num.q * st.q });
  }
  return out;
}

/**
 * A go-cty number as math/big holds it: sign, mantissa and power of two (`m` odd, or 0 for a zero
 * that keeps its sign), the precision in bits it carries (`prec`: 512 for a literal or a string
 * converted, more for nothing), or an infinity. go-cty keeps this value from one operation to the
 * next, prints it with Text('f', -1) and compares numbers by that text, so a chain of operations is
 * computed here on these values, not on float64s.
 */
export interface BigNum { neg: boolean; m: bigint; e: number; prec: number; inf?: true }

/**
 * bdm-lab computes a value exactly only while its binary exponent stays within this bound (math/big
 * prints such a value from its exact decimal: ftoa.go's expThreshold, 5000); past it, or for a
 * literal with a larger decimal exponent, the operation falls back to float64 (null): every exact
 * value has at most ~5,500 significant decimal digits, so no operation's work grows without bound.
 */
const EXP_LIMIT = 4096;

const trailingZeros = (m: bigint): number => bitLength(m & -m) - 1;

/**
 * m·2^e (+ a sticky part below it: `sticky`) rounded to `prec` bits, to nearest even (big.Float
 * round); null when its exponent is past EXP_LIMIT
 */
function make(neg: boolean, m: bigint, e: number, prec: number, sticky = false): BigNum | null {
  if (m === 0n) return { neg, m: 0n, e: 0, prec };
  const len = bitLength(m);
  if (len > prec) {
    const s = len - prec;
    let kept = m >> BigInt(s);
    const rem = m & ((1n << BigInt(s)) - 1n);
    const half = 1n << BigInt(s - 1);
    if (rem > half || (rem === half && (sticky || (kept & 1n) === 1n))) kept++;
    m = kept;
    e += s;
  }
  const tz = trailingZeros(m);
  m >>= BigInt(tz);
  e += tz;
  const top = e + bitLength(m);
  if (top > EXP_LIMIT || top < -EXP_LIMIT) return null;
  return { neg, m, e, prec };
}

const INF = (neg: boolean, prec: number): BigNum => ({ neg, m: 0n, e: 0, prec, inf: true });
const isZero = (x: BigNum) => !x.inf && x.m === 0n;

/** 5^n at precision `prec` as math/big's Float.pow5 computes it (exact to 5^27, then a ladder of products rounded at prec and prec+64) */
function pow5(n: number, prec: number): BigNum | null {
  if (n <= 27) return make(false, 5n ** BigInt(n), 0, prec);
  let z: BigNum | null = make(false, 5n ** 27n, 0, prec);
  let f: BigNum | null = make(false, 5n, 0, prec + 64);
  for (let k = n - 27; k > 0 && z && f; k = Math.floor(k / 2)) {
    if (k % 2 === 1) z = make(false, z.m * f.m, z.e + f.e, prec);
    f = make(false, f.m * f.m, f.e + f.e, prec + 64);
  }
  return z && f ? z : null;
}

/**
 * A decimal text as cty.ParseNumberVal reads it (big.ParseFloat base 10, 512 bits, to nearest even:
 * floatconv.go scan): the whole mantissa's digits as one integer, then the power of ten as a power
 * of two and a quotient by or product with pow5 at 576 bits. `Inf`, an `e` (ten) or `p` (two)
 * exponent, a sign. null: not such a text, or an exponent bdm-lab does not compute exactly.
 */
export function parseBig(s: string, prec = PREC): BigNum | null {
  const inf = /^([+-]?)[Ii]nf$/.exec(s);
  if (inf) return INF(inf[1] === '-', prec);
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eEpP])([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] + (m[3] ?? '')).length === 0 || s.length > 2000) return null;
  const neg = m[1] === '-';
  const digits = BigInt(m[2] + (m[3] ?? '') || '0');
  const exp = m[5] === undefined ? 0 : Number(m[5]);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 100_000) return null;
  const frac = (m[3] ?? '').length;
  const exp5 = (m[4] === 'e' || m[4] === 'E' ? exp : 0) - frac;
  const exp2 = exp5 + (m[4] === 'p' || m[4] === 'P' ? exp : 0);
  if (digits === 0n) return { neg, m: 0n, e: 0, prec };
  if (Math.abs(exp2) > 2 * EXP_LIMIT) return null;
  if (exp5 === 0) return make(neg, digits, exp2, prec);
  const p = pow5(Math.abs(exp5), prec + 64);
  if (!p) return null;
  const z: BigNum = { neg, m: digits, e: exp2, prec };
  return exp5 < 0 ? quo(z, p, prec) : make(neg, digits * p.m, exp2 + p.e, prec);
}

/** a float64 as bdm-lab has taken a number that it did not keep exactly: its shortest decimal read at 512 bits */
export function bigOfFloat(n: number): BigNum {
  if (!Number.isFinite(n)) return INF(n < 0, PREC);
  if (n === 0) return { neg: Object.is(n, -0), m: 0n, e: 0, prec: PREC };
  return parseBig(String(n)) ?? { neg: n < 0, m: 0n, e: 0, prec: PREC };
}

/** an integer at go-cty's precision for it (cty.NumberIntVal: big.Float SetInt64, 64 bits) */
export const bigOfInt = (n: number): BigNum => make(n < 0, BigInt(Math.abs(n)), 0, 64)!;

/** x + y (big.Float Add; `prec`: the result's, by default the larger operand's), finite operands */
function add(x: BigNum, y: BigNum, prec = Math.max(x.prec, y.prec)): BigNum | null {
  // both zero: -0 only for -0 + -0
  if (isZero(x) && isZero(y)) return { neg: x.neg && y.neg, m: 0n, e: 0, prec };
  if (isZero(x)) return make(y.neg, y.m, y.e, prec);
  if (isZero(y)) return make(x.neg, x.m, x.e, prec);
  const xFirst = x.e + bitLength(x.m) >= y.e + bitLength(y.m);
  const big = xFirst ? x : y;
  let small = xFirst ? y : x;
  const top = big.e + bitLength(big.m);
  // an addend far below the result's last bit only decides a rounding: a stand-in 1 two places
  // below both the larger operand's last bit and a quarter of the result's unit rounds the same
  const floor = Math.min(big.e, top - prec - 4) - 2;
  if (small.e + bitLength(small.m) < floor) small = { ...small, m: 1n, e: floor };
  const e0 = Math.min(big.e, small.e);
  const sa = (big.neg ? -big.m : big.m) << BigInt(big.e - e0);
  const sb = (small.neg ? -small.m : small.m) << BigInt(small.e - e0);
  const sum = sa + sb;
  // an exact cancellation is +0 (rounding to nearest even)
  return make(sum < 0n, sum < 0n ? -sum : sum, e0, prec);
}

const negate = (x: BigNum): BigNum => ({ ...x, neg: !x.neg });

/** x / y (big.Float Quo), finite, y not zero */
function quo(x: BigNum, y: BigNum, prec = Math.max(x.prec, y.prec)): BigNum | null {
  const neg = x.neg !== y.neg;
  if (isZero(x)) return { neg, m: 0n, e: 0, prec };
  const k = Math.max(0, prec + 3 + bitLength(y.m) - bitLength(x.m));
  const n = x.m << BigInt(k);
  return make(neg, n / y.m, x.e - y.e - k, prec, n % y.m !== 0n);
}

/** x × y rounded to `prec` (big.Float Mul) */
const mulAt = (x: BigNum, y: BigNum, prec: number): BigNum | null => make(x.neg !== y.neg, x.m * y.m, x.e + y.e, prec);

/** the integer part of a finite x, toward zero (big.Float Int) */
const truncInt = (x: BigNum): bigint => {
  const t = x.e >= 0 ? x.m << BigInt(x.e) : x.m >> BigInt(-x.e);
  return x.neg ? -t : t;
};

/** -1, 0 or 1 as x is below, equal to or above y (big.Float Cmp; ±0 equal) */
export function cmpBig(x: BigNum, y: BigNum): number {
  const sign = (v: BigNum) => (v.inf ? (v.neg ? -1 : 1) : v.m === 0n ? 0 : v.neg ? -1 : 1);
  const sx = sign(x), sy = sign(y);
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (x.inf || y.inf) return x.inf && y.inf ? 0 : (x.inf ? 1 : -1) * sx;
  if (sx === 0) return 0;
  const hx = x.e + bitLength(x.m), hy = y.e + bitLength(y.m);
  let mag: number;
  if (hx !== hy) mag = hx < hy ? -1 : 1;
  else {
    const e0 = Math.min(x.e, y.e);
    const a = x.m << BigInt(x.e - e0), b = y.m << BigInt(y.e - e0);
    mag = a < b ? -1 : a > b ? 1 : 0;
  }
  return mag * sx;
}

/**
 * go-cty's arithmetic (value_ops.go Add, Subtract, Multiply, Divide, Modulo; stdlib number.go's
 * refusals of a NaN): Add/Subtract/Divide at the larger operand precision; Multiply at 512 bits
 * kept at the larger of the operands' precision and the product's own; Modulo as the dividend less
 * the divisor times the truncated quotient, each step at the dividend's precision; x/0 an infinity
 * (sign of both), x%0 the dividend, an infinite operand of % the product. A string: go-cty's words
 * for a NaN; null: past what bdm-lab computes exactly (the caller falls back to float64).
 */
export function bigArithmetic(op: '+' | '-' | '*' | '/' | '%', x: BigNum, y: BigNum): BigNum | string | null {
  const prec = Math.max(x.prec, y.prec);
  const inf = x.inf || y.inf;
  switch (op) {
    case '+':
      if (inf) return x.inf && y.inf && x.neg !== y.neg ? "can't compute sum of opposing infinities" : x.inf ? { ...x, prec } : { ...y, prec };
      return add(x, y);
    case '-':
      if (inf) return x.inf && y.inf && x.neg === y.neg ? "can't subtract infinity from itself" : x.inf ? { ...x, prec } : INF(!y.neg, prec);
      return add(x, negate(y));
    case '*': {
      if (inf) return isZero(x) || isZero(y) ? "can't multiply zero by infinity" : INF(x.neg !== y.neg, prec);
      const r = mulAt(x, y, PREC);
      return r && { ...r, prec: Math.max(prec, bitLength(r.m)) };
    }
    case '/':
      if ((isZero(x) && isZero(y)) || (x.inf && y.inf)) return "can't divide zero by zero or infinity by infinity";
      if (x.inf) return INF(x.neg !== y.neg, prec);
      if (y.inf) return { neg: x.neg !== y.neg, m: 0n, e: 0, prec };
      if (isZero(y)) return INF(x.neg !== y.neg, prec);
      return quo(x, y);
    default: {
      if (inf) return isZero(x) || isZero(y) ? "can't use modulo with zero and infinity" : INF(x.neg !== y.neg, prec);
      if (isZero(y)) return x;
      const rat = quo(x, y);
      if (!rat) return null;
      const t = truncInt(rat);
      const work = make(t < 0n, t < 0n ? -t : t, 0, x.prec);
      const times = work && mulAt(y, work, x.prec);
      return times && add(x, negate(times), x.prec);
    }
  }
}

/** -x (big.Float Neg: a zero's sign flips too) */
export const negBig = negate;

/** x's exact integer value (big.Float IsInt, then Int), null when x is not an integer (x finite) */
export function bigInteger(x: BigNum): bigint | null {
  const sign = x.neg ? -1n : 1n;
  if (x.m === 0n) return 0n;
  if (x.e >= 0) return sign * (x.m << BigInt(x.e));
  const drop = BigInt(-x.e);
  return x.m & ((1n << drop) - 1n) ? null : sign * (x.m >> drop);
}

/** the nearest float64 (big.Float Float64: to nearest even, subnormals, ±Inf past the range) */
export function bigToFloat(x: BigNum): number {
  if (x.inf) return x.neg ? -Infinity : Infinity;
  if (x.m === 0n) return x.neg ? -0 : 0;
  const len = bitLength(x.m);
  // keep 53 bits, or fewer below 2^-1022 (the last bit at 2^-1074)
  const s = Math.max(len - 53, -1074 - x.e);
  let kept = x.m, e = x.e;
  if (s > 0) {
    kept = x.m >> BigInt(s);
    const rem = x.m & ((1n << BigInt(s)) - 1n);
    const half = 1n << BigInt(s - 1);
    if (rem > half || (rem === half && (kept & 1n) === 1n)) kept++;
    e += s;
  }
  const v = e > 1023 ? Infinity : Number(kept) * 2 ** e;
  return x.neg ? -v : v;
}

/** digits without their trailing zeros (a loop: a regex would backtrack on a long run of zeros) */
function trimZeros(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return s.slice(0, n);
}

/** the decimal digits (no trailing zeros) and point of m·2^e, as math/big's decimal.init makes them */
function decimal(m: bigint, e: number): { d: string; exp: number } {
  const s = e >= 0 ? (m << BigInt(e)).toString() : (m * 5n ** BigInt(-e)).toString();
  const exp = e >= 0 ? s.length : s.length + e;
  const d = trimZeros(s);
  return { d, exp: d ? exp : 0 };
}

/**
 * x as go-cty writes a number (big.Float Text('f', -1), ftoa.go): the shortest decimal that reads
 * back to x at x's precision (roundShortest: bounds half a unit either side, inclusive for an even
 * mantissa, compared digit by digit at the same index), plain digits with no exponent; ±Inf as
 * "+Inf"/"-Inf", a negative zero "-0"
 */
export function bigText(x: BigNum): string {
  if (x.inf) return x.neg ? '-Inf' : '+Inf';
  const sign = x.neg ? '-' : '';
  if (x.m === 0n) return `${sign}0`;
  const { digits, dexp } = shortest(x);
  const fracLen = Math.max(digits.length - dexp, 0);
  const int = dexp > 0 ? digits.slice(0, dexp).padEnd(dexp, '0') : '0';
  let frac = '';
  for (let i = 0; i < fracLen; i++) { const j = dexp + i; frac += j >= 0 && j < digits.length ? digits[j] : '0'; }
  return sign + int + (fracLen > 0 ? `.${frac}` : '');
}

/** x as big.Float Text('g', -1) writes it (format()'s %v of a number): the shortest digits, an exponent (two digits at least) below 1e-4 or from 1e6 on */
export function bigTextG(x: BigNum): string {
  if (x.inf) return x.neg ? '-Inf' : '+Inf';
  const sign = x.neg ? '-' : '';
  if (x.m === 0n) return `${sign}0`;
  const { digits, dexp } = shortest(x);
  const exp = dexp - 1;
  // ftoa.go Append: in shortest mode the exponent form is chosen against 6
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return bigText(x);
}

/** the shortest decimal digits (and point) that read back to x at its precision (ftoa.go roundShortest) */
function shortest(x: BigNum): { digits: string; dexp: number } {
  const d = decimal(x.m, x.e);
  let digits = d.d, dexp = d.exp;
  const shift = x.prec - bitLength(x.m);
  const mp = x.m << BigInt(shift + 1), ep = x.e - shift - 1;
  const lower = decimal(mp - 1n, ep), upper = decimal(mp + 1n, ep);
  const inclusive = (mp & 2n) === 0n;
  const at = (s: string, i: number) => (i < s.length ? s.charCodeAt(i) : 48);
  const roundUp = (n: number) => {
    while (n > 0 && digits[n - 1] === '9') n--;
    if (n === 0) { digits = '1'; dexp++; return; }
    digits = digits.slice(0, n - 1) + String.fromCharCode(digits.charCodeAt(n - 1) + 1);
  };
  const roundDown = (n: number) => { digits = trimZeros(digits.slice(0, n)); };
  for (let i = 0; i < digits.length; i++) {
    const m = digits.charCodeAt(i), l = at(lower.d, i), u = at(upper.d, i);
    const okdown = l !== m || (inclusive && i + 1 === lower.d.length);
    const okup = m !== u && (inclusive || m + 1 < u || i + 1 < upper.d.length);
    const n = i + 1;
    if (okdown && okup) {
      if (n < digits.length) {
        const c = digits[n];
        // decimal.round: an exact half rounds to even
        const up = c === '5' && n + 1 === digits.length ? (digits.charCodeAt(n - 1) - 48) % 2 === 1 : c >= '5';
        if (up) roundUp(n); else roundDown(n);
      }
      break;
    }
    if (okdown) { if (n < digits.length) roundDown(n); break; }
    if (okup) { if (n < digits.length) roundUp(n); break; }
  }
  return { digits, dexp };
}

/**
 * go-cty's equality of two numbers (primitive_type.go rawNumberEqual): two integers by value, an
 * integer never equals a fraction, two fractions by their Text('f', -1) (so 0.1 + 0.2 == 0.3 holds
 * exactly when both print alike); ±0 equal
 */
export function bigEqual(x: BigNum, y: BigNum): boolean {
  const sign = (v: BigNum) => (v.inf ? (v.neg ? -1 : 1) : v.m === 0n ? 0 : v.neg ? -1 : 1);
  if (sign(x) !== sign(y)) return false;
  if (x.inf || y.inf) return !!x.inf === !!y.inf;
  const isInt = (v: BigNum) => v.m === 0n || v.e >= 0;
  if (isInt(x) !== isInt(y)) return false;
  if (isInt(x)) return cmpBig(x, y) === 0;
  return bigText(x) === bigText(y);
}

/** x as big.Float String() writes it (Text('g', 10): ten significant digits, half to even; go-cty's set hash of a number) */
export function bigTextG10(x: BigNum): string {
  if (x.inf) return x.neg ? '-Inf' : '+Inf';
  const sign = x.neg ? '-' : '';
  if (x.m === 0n) return `${sign}0`;
  const d = decimal(x.m, x.e);
  let digits = d.d, dexp = d.exp;
  if (digits.length > 10) {
    const c = digits[10];
    const up = c === '5' && digits.length === 11 ? (digits.charCodeAt(9) - 48) % 2 === 1 : c >= '5';
    if (up) {
      let n = 10;
      while (n > 0 && digits[n - 1] === '9') n--;
      if (n === 0) { digits = '1'; dexp++; } else digits = digits.slice(0, n - 1) + String.fromCharCode(digits.charCodeAt(n - 1) + 1);
    } else digits = trimZeros(digits.slice(0, 10));
  }
  let prec = 10;
  const eprec = prec > digits.length && digits.length >= dexp ? digits.length : prec;
  const exp = dexp - 1;
  if (exp < -4 || exp >= eprec) {
    prec = Math.min(prec, digits.length);
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${prec > 1 ? `.${digits.slice(1, prec).padEnd(prec - 1, '0')}` : ''}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (prec > dexp) prec = digits.length;
  const fracLen = Math.max(prec - dexp, 0);
  const int = dexp > 0 ? digits.slice(0, dexp).padEnd(dexp, '0') : '0';
  let frac = '';
  for (let i = 0; i < fracLen; i++) { const j = dexp + i; frac += j >= 0 && j < digits.length ? digits[j] : '0'; }
  return sign + int + (fracLen > 0 ? `.${frac}` : '');
}

/** x's exact decimal digits (no trailing zeros; '' for zero) and point (math/big decimal.init), finite x */
export const bigDecimal = (x: BigNum): { d: string; exp: number } => (x.m === 0n ? { d: '', exp: 0 } : decimal(x.m, x.e));
