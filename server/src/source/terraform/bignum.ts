/**
 * go-cty's arithmetic precision: a number literal is math/big ParseFloat at 512 bits (cty.ParseNumberVal,
 * rounding to nearest even), and + - * / % compute on those big.Floats, each result rounded to 512
 * bits; the provider then gets the nearest float64 (or an exact int). So `4.35 * 100` is exactly
 * 435 to Terraform while float64 arithmetic gives 434.99999999999994. Each operand is taken from its
 * shortest decimal form (what a literal says; a result of an earlier operation is taken as its
 * float64, close enough), the operation done on exact rationals (BigInt) with 512-bit rounding, and
 * the result rounded to float64. Work is bounded by the 512-bit precision.
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
