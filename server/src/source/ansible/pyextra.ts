/**
 * More of what Python computes in a template (template.ts, filters.ts), as CPython 3.11 under
 * ansible-core 2.14.18 and Jinja2 3.1.2 do it: `**` (Jinja reads it left to right), printf-style
 * formatting of a str with `%`, the str methods operators call (`split`, `rsplit`, `replace`,
 * `startswith`, `endswith`, `strip`, `lstrip`, `rstrip`, `upper`, `lower`, `join`, `format`),
 * json.loads (`from_json`), base64 (`b64encode`, `b64decode`), and the `re` module's `sub`,
 * `search`, `findall` and `escape` for the part of its syntax bdm-lab reads (`regex_replace`,
 * `regex_search`, `regex_findall`, `regex_escape`, the tests `match`, `search`, `regex`; re.compile's
 * checks of a look-behind come from heat/pyRegex.ts). Each either gives Python's value, raises the TypeError Python raises
 * (its words), or leaves the value unresolved with a reason; results that Python would compute only
 * with a huge effort (`2 ** 10 ** 9`, a width of a million, a pattern that backtracks without end)
 * are refused quickly. Labelled by test/fixtures/ansible/jinja_label.py (test/unit/ansible-hunt22.test.ts).
 */
import { KEY_ORDER, PyFloat } from './tasks';
import { stripSet } from './pynumber';
import { isPySpace } from '../../text/pySpace';
import { pyStrRepr } from '../../parse/pyrepr';
import { pyCompile } from '../heat/pyRegex';
import {
  codePoints, int, isDict, PyHugeInt, isNum, isStr, keysOf, NON_STR_KEYS, numOf, PyError, pyIter, pyKey, pyRaise, UNKNOWN_KEYS, pyRepr, pyStr, PyText, PyTuple, PyRange, spend, text, typeName, Undef, Unresolved, type Budget,
} from './pyvalue';

const notRead = (why: string) => new Unresolved('', why);
const typeError = (m: string) => new PyError('type', m);
const isInt = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';
/** the longest text one of these operations makes (a width or a repetition past it is refused) */
const MAX_TEXT = 1_000_000;

/** a float's exact value: m * 2**e with m an odd integer (or 0) */
function exact(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (expBits === 0) e = -1074;
  else { m |= 1n << 52n; e = expBits - 1075; }
  while (m && !(m & 1n)) { m >>= 1n; e++; }
  return [x < 0 ? -m : m, e];
}

const bitLength = (n: bigint): number => (n < 0n ? -n : n).toString(2).length;

/** Python's a ** b */
export function pyPow(a: unknown, b: unknown): unknown {
  if (a instanceof Undef) a.fail();
  if (b instanceof Undef) b.fail();
  if (!isNum(a) || !isNum(b)) throw typeError(`unsupported operand type(s) for ** or pow(): '${typeName(a)}' and '${typeName(b)}'`);
  const beyond = (why: string) => notRead(`which raises to a power ${why}`);
  if (isInt(a) && isInt(b)) {
    const x = Number(a);
    const y = Number(b);
    // a negative exponent: float(a) ** float(b)
    if (y < 0) return floatPow(x, y, beyond);
    if (x === 0) return y === 0 ? 1 : 0;
    if (x === 1) return 1;
    if (x === -1) return y % 2 ? -1 : 1;
    if (y * Math.log2(Math.abs(x)) > 60) {
      // more than 4 300 digits for certain (and few enough for Python to compute at once): an int Python will not write
      const digits = y * Math.log10(Math.abs(x));
      if (digits >= 4300.001 && digits < 1e6) return new PyHugeInt(x < 0 && y % 2 === 1);
      throw beyond('whose integer is larger than bdm-lab computes exactly');
    }
    return int(BigInt(x) ** BigInt(y));
  }
  return floatPow(numOf(a), numOf(b), beyond);
}

/**
 * Ansible's `pow` filter: Python's math.pow (a float always; its refusals: a value that is not a
 * number is the filter's type error, "pow() can only be used on numbers: must be real number, not
 * <type>"; zero to a negative power and a negative number to a fraction are ValueErrors, "math
 * domain error"; too large a float an OverflowError, "math range error"), else as float ** float.
 */
export function mathPow(a: unknown, b: unknown): PyFloat {
  if (a instanceof Undef) a.fail();
  if (b instanceof Undef) b.fail();
  if (a instanceof PyHugeInt || b instanceof PyHugeInt) throw notRead('which raises to a power an int too large for a float');
  if (!isNum(a)) throw typeError(`pow() can only be used on numbers: must be real number, not ${typeName(a)}`);
  if (!isNum(b)) throw typeError(`pow() can only be used on numbers: must be real number, not ${typeName(b)}`);
  const x = numOf(a);
  const y = numOf(b);
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw notRead('which raises to a power of an infinite or NaN float');
  if ((x === 0 && y < 0) || (x < 0 && !Number.isInteger(y))) throw pyRaise('ValueError', 'math domain error');
  try {
    return floatPow(x, y, (why) => notRead(`which raises to a power ${why}`));
  } catch (e) {
    if (e instanceof PyError && e.cls === 'OverflowError') throw pyRaise('OverflowError', 'math range error');
    throw e;
  }
}

/** the bits of the fixed-point values lnFixed computes with */
const LN_BITS = 256;

/** atanh(z) for a fixed-point z (|z| <= 1/3), scaled by 2^LN_BITS, by its series (about 80 terms) */
function atanhFixed(z: bigint): bigint {
  const z2 = (z * z) >> BigInt(LN_BITS);
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> BigInt(LN_BITS);
  }
  return sum;
}

/** ln 2 in LN_BITS fixed point (2 atanh(1/3)) */
const LN2_FIXED = 2n * atanhFixed((1n << BigInt(LN_BITS)) / 3n);

/** ln(x) of a positive finite float in LN_BITS fixed point: x = m * 2^e, ln(m / 2^k) + (e + k) ln 2 with m / 2^k in [1, 2) */
function lnFixed(x: number): bigint {
  const [m, e] = exact(x);
  const k = bitLength(m) - 1;
  const one = 1n << BigInt(LN_BITS);
  const f = (m << BigInt(LN_BITS)) >> BigInt(k);
  return 2n * atanhFixed(((f - one) << BigInt(LN_BITS)) / (f + one)) + BigInt(e + k) * LN2_FIXED;
}

/**
 * x ** y (x > 0 finite, y a finite float, the result a normal float) as exp(y ln x) in LN_BITS
 * fixed point: y ln x = j ln 2 + r with |r| <= ln 2 / 2, exp(r) by its Taylor series; the float
 * nearest it by `nearest` (null within its margin of the middle of two floats).
 */
function fracPow(x: number, y: number): number | null {
  const [my, ey] = exact(y);
  const l = lnFixed(x) * my;
  const t = ey >= 0 ? l << BigInt(ey) : l >> BigInt(-ey);
  const half = LN2_FIXED / 2n;
  let j = t / LN2_FIXED;
  let r = t - j * LN2_FIXED;
  if (r > half) { r -= LN2_FIXED; j++; } else if (r < -half) { r += LN2_FIXED; j--; }
  const one = 1n << BigInt(LN_BITS);
  let term = one;
  let sum = one;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (one * n);
    sum += term;
  }
  return nearest(sum, Number(j) - LN_BITS);
}

/**
 * ln(x) of a positive finite float as the C library's log gives it (glibc's is within 0.52 of a
 * unit in the last place, so where the exact value lies more than 0.025 of a unit from the middle
 * of two floats it is the nearest float), or null where the exact value lies nearer the middle.
 * The exact value: x = m * 2^e, ln(m / 2^k) + (e + k) ln 2 with m / 2^k in [1, 2), each by the
 * atanh series in 256-bit fixed point (its error far below the margin).
 */
function lnNearest(x: number): number | null {
  if (x === 1) return 0;
  const r = lnFixed(x);
  if (r === 0n) return 0;
  const a = r < 0n ? -r : r;
  const drop = bitLength(a) - 53;
  let mant = a >> BigInt(drop);
  const rem = a - (mant << BigInt(drop));
  const half = 1n << BigInt(drop - 1);
  const off = rem > half ? rem - half : half - rem;
  // within 0.025 of a unit of the middle (glibc's bound leaves 0.02): which float the library gives is not certain
  if (off * 40n <= 1n << BigInt(drop)) return null;
  if (rem > half) mant++;
  const v = Number(mant) * 2 ** (drop - LN_BITS);
  return r < 0n ? -v : v;
}

/** a number's float for Python's math functions (their TypeError in their words; an int too large for a float not read) */
function mathArg(v: unknown, what: string, name: string): number {
  if (v instanceof Undef) v.fail();
  if (v instanceof PyHugeInt) throw notRead(`which gives the filter \`${name}\` an int too large for a float`);
  if (!isNum(v)) throw typeError(`${what}must be real number, not ${typeName(v)}`);
  return numOf(v);
}

/**
 * Ansible's `log` filter (mathstuff.py logarithm): math.log10 where the base equals 10, else
 * math.log(x, base) (ln x / ln base, natural by default); a value that is not a number is the
 * filter's type error, "log() can only be used on numbers: must be real number, not <type>"; zero
 * or a negative number Python's ValueError "math domain error", a base of 1 its ZeroDivisionError.
 * log10 is read only where it is exact (a power of ten up to 1e22); ln where the C library's float
 * is certain (lnNearest); ln of math.e is 1.0.
 */
export function mathLog(v: unknown, base: unknown): PyFloat {
  const what = 'log() can only be used on numbers: ';
  const x = mathArg(v, what, 'log');
  const b = base === undefined ? Math.E : mathArg(base, what, 'log');
  if (Number.isNaN(x) || Number.isNaN(b) || !Number.isFinite(x) || !Number.isFinite(b)) throw notRead('which takes the log of an infinite or NaN float');
  if (b === 10) {
    if (x <= 0) throw pyRaise('ValueError', 'math domain error');
    const k = Math.round(Math.log10(x));
    if (k >= 0 && k <= 22 && 10 ** k === x) return new PyFloat(k);
    throw notRead('which takes the log to base 10 of a number other than a power of ten (the C library\'s log10 is not followed to its last bit)');
  }
  if (x <= 0 || b <= 0) throw pyRaise('ValueError', 'math domain error');
  // (ln 1 is 0 whatever the rounding: the division by it fails)
  if (b === 1) throw pyRaise('ZeroDivisionError', 'float division by zero');
  const num = lnNearest(x);
  const den = b === Math.E ? 1 : lnNearest(b);
  if (num === null || den === null) throw notRead('which takes a log whose float lies too near the middle of two floats to say which one the C library gives');
  return new PyFloat(num / den);
}

/**
 * Ansible's `root` filter (mathstuff.py inversepower): math.sqrt where the base equals 2, else
 * math.pow(x, 1.0 / float(base)); its TypeErrors and ValueErrors ("math domain error": the root of
 * a negative number) are the filter's type error, "root() can only be used on numbers: ..."; a base
 * of 0 Python's ZeroDivisionError.
 */
export function mathRoot(v: unknown, base: unknown): PyFloat {
  const what = 'root() can only be used on numbers: ';
  if (base instanceof Undef) base.fail();
  if (base !== undefined && !isNum(base)) throw notRead('which gives the filter `root` a base that is not a number');
  const b = base === undefined ? 2 : numOf(base);
  const x = mathArg(v, what, 'root');
  if (b === 2) {
    if (x < 0) throw typeError(`${what}math domain error`);
    return new PyFloat(Math.sqrt(x));
  }
  if (b === 0) throw pyRaise('ZeroDivisionError', 'float division by zero');
  try {
    return mathPow(x, new PyFloat(1 / b));
  } catch (e) {
    if (e instanceof PyError && e.cls === 'ValueError') throw typeError(`${what}${e.message}`);
    throw e;
  }
}

/** the largest n with n * n <= v (v >= 0), by Newton's steps (as many as the bits halve) */
function isqrt(v: bigint): bigint {
  if (v < 2n) return v;
  let x = 1n << BigInt((bitLength(v) >> 1) + 1);
  for (;;) {
    const y = (x + v / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * The double nearest a positive value known to lie in [q, q + 1) * 2^scale (q of 64 bits or more),
 * as glibc's pow gives it (its worst case is 0.54 of a unit in the last place of the exact value,
 * so a value more than 0.045 of a unit from the middle of two doubles rounds as it is): null when
 * the value lies nearer the middle than that, or is subnormal.
 */
function nearest(q: bigint, scale: number): number | null {
  const drop = bitLength(q) - 53;
  let mant = q >> BigInt(drop);
  const rem = q - (mant << BigInt(drop));
  const unit = 1n << BigInt(drop);
  // [rem, rem + 1) against the middle (unit / 2), with a margin of 0.045 units either side
  const margin = (unit * 45n) / 1000n;
  if (rem + 1n <= unit / 2n - margin) { /* down */ } else if (rem >= unit / 2n + margin) mant += 1n;
  else return null;
  // mant * 2^exp in steps that stay exact (the caller keeps the result within a few thousand binary places)
  let exp = drop + scale;
  let v = Number(mant);
  while (exp > 1000 && Number.isFinite(v)) { v *= 2 ** 1000; exp -= 1000; }
  while (exp < -1000) { v *= 2 ** -1000; exp += 1000; }
  v *= 2 ** exp;
  if (v !== 0 && v < 2.2250738585072014e-308) return null;
  return v;
}

/** float ** float as CPython's float_pow (C pow) gives it, its ZeroDivisionError and OverflowError, or unresolved where it is not certain */
function floatPow(x: number, y: number, beyond: (why: string) => Unresolved): PyFloat {
  const near = () => beyond('whose float lies too near the middle of two doubles for glibc\'s pow to be known (0.54 of a unit in the last place at worst)');
  if (!Number.isFinite(x) || !Number.isFinite(y)) throw beyond('of an infinite or NaN float');
  if (y === 0) return new PyFloat(1);
  if (x === 0) {
    if (y < 0) throw pyRaise('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    // an odd integer power keeps a negative zero's sign
    return new PyFloat(Object.is(x, -0) && Number.isInteger(y) && Math.abs(y) % 2 === 1 ? -0 : 0);
  }
  // a negative number raised to a fraction is a complex number
  const half = Math.abs(y) === 0.5;
  if (x < 0 && !Number.isInteger(y)) throw beyond('that makes a complex number (a negative number to a fraction)');
  if (x === 1) return new PyFloat(1);
  const neg = x < 0 && y % 2 !== 0;
  const lg = y * Math.log2(Math.abs(x));
  if (lg > 1025) throw pyRaise('OverflowError', "(34, 'Numerical result out of range')");
  // far below the least subnormal: C's pow gives a zero, which Python keeps (an underflow is no error)
  if (lg < -1080) return new PyFloat(neg ? -0 : 0);
  if (lg > 1023.5 || lg < -1021) throw beyond('whose float is at the edge of the doubles (an overflow or a subnormal), which bdm-lab does not decide');
  const [m0, e] = exact(Math.abs(x));
  const m = m0 < 0n ? -m0 : m0;
  let v: number | null;
  if (!Number.isInteger(y) && !half) {
    // another fraction: exp(y ln x), far more precise than the margin `nearest` keeps
    v = fracPow(Math.abs(x), y);
  } else if (half) {
    // sqrt(m * 2^e) (or its inverse) = sqrt(m * 2^(e + 2s)) * 2^-s, at 80 bits or more
    const s = Math.max(0, Math.ceil((160 - bitLength(m) - e) / 2));
    const r = isqrt(m << BigInt(e + 2 * s));
    if (y > 0) v = nearest(r, -s);
    else {
      // 1 / sqrt = 2^s / R, R in [r, r + 1): 2^w / R at 64 bits or more lies in [2^w / (r + 1), 2^w / r]
      const w = bitLength(r) + 64;
      const hi = (1n << BigInt(w)) / r;
      const lo = (1n << BigInt(w)) / (r + 1n);
      const a1 = nearest(lo, s - w);
      const a2 = nearest(hi, s - w);
      v = a1 !== null && a1 === a2 ? a1 : null;
    }
  } else {
    const k = Math.abs(y);
    if (k * bitLength(m) > 20_000) throw beyond('whose exact value is longer than bdm-lab computes');
    const mk = m ** BigInt(k);
    if (y > 0) {
      // exact: mk * 2^(e k); widen mk to 64 bits or more
      const w = Math.max(0, 64 - bitLength(mk));
      v = nearest(mk << BigInt(w), e * k - w);
    } else {
      // 2^-(e k) / mk: the quotient at 64 bits or more, its remainder decides [q, q + 1)
      const sh = bitLength(mk) + 64;
      const q = (1n << BigInt(sh)) / mk;
      v = nearest(q, -sh - e * k);
    }
  }
  if (v === null) throw near();
  if (!Number.isFinite(v)) throw pyRaise('OverflowError', "(34, 'Numerical result out of range')");
  return new PyFloat(neg ? -v : v);
}

// ---------------------------------------------------------------- printf-style formatting

/** a float written with `prec` digits after the point, rounded half to even on its exact value */
function fixed(x: number, prec: number): string {
  const neg = x < 0 || Object.is(x, -0);
  const [m0, e] = exact(Math.abs(x));
  let num = m0 * 10n ** BigInt(prec);
  let den = 1n;
  if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n))) q++;
  let digits = q.toString().padStart(prec + 1, '0');
  if (prec) digits = `${digits.slice(0, -prec)}.${digits.slice(-prec)}`;
  return (neg ? '-' : '') + digits;
}

/**
 * |x| rounded to `prec` + 1 significant digits, half to even on its exact value: the digits and
 * the power of ten of the first (x finite, not 0)
 */
function significant(x: number, prec: number): { digits: string; exp: number } {
  const [m0, e] = exact(Math.abs(x));
  let e10 = Math.floor(Math.log10(Math.abs(x)));
  const low = 10n ** BigInt(prec);
  for (let tries = 0; tries < 4; tries++) {
    const k = prec - e10;
    let num = m0;
    let den = 1n;
    if (k >= 0) num *= 10n ** BigInt(k); else den *= 10n ** BigInt(-k);
    if (e >= 0) num <<= BigInt(e); else den <<= BigInt(-e);
    let q = num / den;
    if (q < low) { e10--; continue; }
    if (q >= low * 10n) { e10++; continue; }
    const r2 = (num % den) * 2n;
    if (r2 > den || (r2 === den && (q & 1n))) q++;
    if (q === low * 10n) return { digits: low.toString(), exp: e10 + 1 };
    return { digits: q.toString(), exp: e10 };
  }
  throw notRead('which formats a float bdm-lab does not write');
}

/** %e: d.ddde±XX (at least two digits of exponent), `prec` digits after the point */
function sciText(x: number, prec: number, alt: boolean): string {
  const neg = x < 0 || Object.is(x, -0);
  const { digits, exp } = x === 0 ? { digits: '0'.repeat(prec + 1), exp: 0 } : significant(x, prec);
  const mant = digits.slice(0, 1) + (prec || alt ? '.' : '') + digits.slice(1);
  return `${neg ? '-' : ''}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** %g: `prec` significant digits (0 is 1), fixed where the exponent is in [-4, prec), else %e; trailing zeros dropped unless `#` */
function generalText(x: number, prec: number, alt: boolean): string {
  const p = prec === 0 ? 1 : prec;
  const exp = x === 0 ? 0 : significant(x, p - 1).exp;
  let out: string;
  if (exp >= -4 && exp < p) out = fixed(x, p - 1 - exp);
  else out = sciText(x, p - 1, alt);
  if (alt) return out.includes('.') || out.includes('e') ? out : `${out}.`;
  const [mant, ex] = out.split('e') as [string, string | undefined];
  let end = mant.length;
  if (mant.includes('.')) {
    while (mant[end - 1] === '0') end--;
    if (mant[end - 1] === '.') end--;
  }
  const trimmed = mant.slice(0, end);
  return ex === undefined ? trimmed : `${trimmed}e${ex}`;
}

interface Spec { flags: string; width: number | null; prec: number | null; type: string }

/** the sign, the digits and the padding of a number, as %d/%x/%o/%f write them */
function padNumber(body: string, sp: Spec, prefix = ''): string {
  let sign = '';
  let digits = body;
  if (digits.startsWith('-')) { sign = '-'; digits = digits.slice(1); } else if (sp.flags.includes('+')) sign = '+'; else if (sp.flags.includes(' ')) sign = ' ';
  const w = sp.width ?? 0;
  const head = sign + prefix;
  if (sp.flags.includes('-')) return (head + digits).padEnd(w);
  if (sp.flags.includes('0')) return head + digits.padStart(w - head.length, '0');
  return (head + digits).padStart(w);
}

function intOf(v: unknown, sp: Spec): bigint {
  if (isInt(v)) return BigInt(Number(v));
  if (v instanceof PyFloat && 'diu'.includes(sp.type)) {
    if (!Number.isFinite(v.value)) throw notRead('which formats an infinite or NaN float as an integer (an error Ansible reports as an exception)');
    return BigInt(int(Math.trunc(v.value)));
  }
  if ('diu'.includes(sp.type)) throw typeError(`%${sp.type} format: a real number is required, not ${typeName(v)}`);
  throw typeError(`%${sp.type} format: an integer is required, not ${typeName(v)}`);
}

function formatOne(v: unknown, sp: Spec, b: Budget): string {
  if (v instanceof Undef) v.fail();
  if ((sp.width ?? 0) > MAX_TEXT || (sp.prec ?? 0) > 1000) throw notRead('which formats with a width or precision larger than bdm-lab writes');
  switch (sp.type) {
    case 's': case 'r': case 'a': {
      let s = sp.type === 's' ? pyStr(v, b) : sp.type === 'r' ? pyRepr(v, b) : asciiOf(pyRepr(v, b));
      if (sp.prec !== null) s = codePoints(s).slice(0, sp.prec).join('');
      const pad = Math.max(0, (sp.width ?? 0) - codePoints(s).length);
      return sp.flags.includes('-') ? s + ' '.repeat(pad) : ' '.repeat(pad) + s;
    }
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
      const n = intOf(v, sp);
      const radix = sp.type === 'x' || sp.type === 'X' ? 16 : sp.type === 'o' ? 8 : 10;
      let digits = (n < 0n ? -n : n).toString(radix);
      if (sp.type === 'X') digits = digits.toUpperCase();
      if (sp.prec !== null) digits = digits.padStart(sp.prec, '0');
      const prefix = sp.flags.includes('#') && radix !== 10 ? `0${sp.type}` : '';
      return padNumber((n < 0n ? '-' : '') + digits, sp, prefix);
    }
    case 'f': case 'F': {
      let x: number;
      if (isNum(v)) x = numOf(v);
      else throw typeError(`must be real number, not ${typeName(v)}`);
      if (!Number.isFinite(x)) throw notRead('which formats an infinite or NaN float with %f');
      if (Math.abs(x) >= 1e50) throw notRead('which formats a large float with %f');
      let s = fixed(x, sp.prec ?? 6);
      if (sp.flags.includes('#') && !s.includes('.')) s += '.';
      return padNumber(s, sp);
    }
    case 'e': case 'E': case 'g': case 'G': {
      if (!isNum(v)) throw typeError(`must be real number, not ${typeName(v)}`);
      const x = numOf(v);
      if (!Number.isFinite(x)) throw notRead(`which formats an infinite or NaN float with %${sp.type}`);
      const alt = sp.flags.includes('#');
      const body = sp.type === 'e' || sp.type === 'E' ? sciText(x, sp.prec ?? 6, alt) : generalText(x, sp.prec ?? 6, alt);
      return padNumber(sp.type === 'E' || sp.type === 'G' ? body.toUpperCase() : body, sp);
    }
    case 'c': {
      if (isInt(v)) {
        const n = Number(v);
        if (n < 0 || n > 0x10ffff) throw pyRaise('OverflowError', '%c arg not in range(0x110000)');
        return formatOne(String.fromCodePoint(n), { ...sp, type: 's', prec: null }, b);
      }
      if (isStr(v) && codePoints(text(v)).length === 1) return formatOne(v, { ...sp, type: 's', prec: null }, b);
      throw typeError('%c requires int or char');
    }
  }
  throw notRead(`which formats with %${sp.type} (a format bdm-lab does not write, or Python's ValueError)`);
}

/** the conversions printf-style formatting of a str knows */
const FORMAT_TYPES = 'sradiuoxXeEfFgGc';

/** ascii(): repr() with each character beyond ASCII escaped */
function asciiOf(s: string): string {
  let out = '';
  for (const c of codePoints(s)) {
    const cp = c.codePointAt(0)!;
    out += cp < 0x80 ? c : cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** Python's `fmt % args` of a str */
export function percentFormat(fmt: string, args: unknown, b: Budget): string {
  if (args instanceof Undef) args.fail();
  // (a dict's view is one argument, no mapping; a range is a mapping, as a list is)
  const items = args instanceof PyTuple ? args.items : [args];
  // a mapping (a dict, also a list: it has __getitem__) and not a tuple or a str
  const mapping = (isDict(args) || Array.isArray(args) || args instanceof PyRange) ? args : null;
  let at = 0;
  let out = '';
  const next = (): unknown => {
    if (at >= items.length) throw typeError('not enough arguments for format string');
    return items[at++];
  };
  let i = 0;
  let usedMapping = false;
  while (i < fmt.length) {
    const pc = fmt.indexOf('%', i);
    if (pc < 0) { out += fmt.slice(i); break; }
    out += fmt.slice(i, pc);
    i = pc + 1;
    let key: string | null = null;
    if (fmt[i] === '(') {
      // PyUnicode_Format: a tuple, a str or a number is no mapping (a list is one, and fails on the key)
      if (!mapping && (args instanceof PyTuple || isStr(args) || isNum(args) || args === null)) throw typeError('format requires a mapping');
      if (!mapping || !isDict(mapping)) throw notRead('which formats `%(name)s` with a value that is not a dict');
      const close = fmt.indexOf(')', i);
      if (close < 0 && !fmt.slice(i + 1).includes('(')) throw pyRaise('ValueError', 'incomplete format key');
      if (close < 0 || fmt.slice(i + 1, close).includes('(')) throw notRead('which formats with a `%(` bdm-lab does not read');
      key = fmt.slice(i + 1, close);
      i = close + 1;
      usedMapping = true;
    }
    let flags = '';
    while (i < fmt.length && '-+ #0'.includes(fmt[i]!)) flags += fmt[i++];
    const number = (): number | null => {
      if (fmt[i] === '*') {
        i++;
        if (key !== null) throw notRead('which mixes `*` with `%(name)`');
        const w = next();
        if (!isInt(w)) throw typeError('* wants int');
        return Number(w);
      }
      const s = i;
      while (i < fmt.length && fmt[i]! >= '0' && fmt[i]! <= '9') i++;
      return i > s ? Number(fmt.slice(s, i)) : null;
    };
    let width = number();
    if (width !== null && width < 0) { flags += '-'; width = -width; }
    let prec: number | null = null;
    if (fmt[i] === '.') { i++; prec = number() ?? 0; if (prec < 0) prec = 0; }
    while (i < fmt.length && 'hlL'.includes(fmt[i]!)) i++;
    if (i >= fmt.length) throw pyRaise('ValueError', 'incomplete format');
    const type = String.fromCodePoint(fmt.codePointAt(i)!);
    const typeAt = i;
    i += type.length;
    if (type === '%') { out += '%'; continue; }
    let v: unknown;
    if (key !== null) {
      const m = mapping as Record<string, unknown>;
      const held = keysOf(m).find((k) => k === key);
      if (held === undefined && !NON_STR_KEYS.has(m) && !UNKNOWN_KEYS.has(m)) throw pyRaise('KeyError', pyStrRepr(key));
      if (held === undefined || typeof pyKey(m, held) !== 'string') throw notRead('which formats with a key the dict does not hold (a KeyError)');
      v = m[held];
    } else v = next();
    if (!FORMAT_TYPES.includes(type)) {
      // unicode_format_arg_format, after the argument is taken: the character (printable ASCII, else '?') and its index in code points
      const cp = type.codePointAt(0)!;
      throw pyRaise('ValueError', `unsupported format character '${cp >= 32 && cp <= 126 ? type : '?'}' (0x${cp.toString(16)}) at index ${codePoints(fmt.slice(0, typeAt)).length}`);
    }
    const s = formatOne(v, { flags, width, prec, type }, b);
    spend(b, s.length);
    out += s;
    if (out.length > MAX_TEXT) throw notRead('which formats more text than bdm-lab writes');
  }
  if (!mapping && !usedMapping && at < items.length) throw typeError('not all arguments converted during string formatting');
  return out;
}

// ---------------------------------------------------------------- str methods

/** str.split / rsplit */
function split(s: string, sep: unknown, maxsplit: unknown, right: boolean, b: Budget): string[] {
  if (sep instanceof Undef) sep.fail();
  if (sep !== null && !isStr(sep)) throw typeError(`must be str or None, not ${typeName(sep)}`);
  if (!isInt(maxsplit)) throw typeError(`'${typeName(maxsplit)}' object cannot be interpreted as an integer`);
  let max = Number(maxsplit);
  if (max < 0) max = Infinity;
  spend(b, s.length);
  if (sep === null) {
    const words: string[] = [];
    const cps = codePoints(s);
    const order = right ? [...cps].reverse() : cps;
    let k = 0;
    while (k < order.length) {
      while (k < order.length && isPySpace(order[k]!.charCodeAt(0))) k++;
      if (k >= order.length) break;
      if (words.length >= max) {
        // the rest, without its white space at the near end
        let rest = order.slice(k);
        if (right) rest = rest.reverse();
        words.push(rest.join(''));
        break;
      }
      const st = k;
      while (k < order.length && !isPySpace(order[k]!.charCodeAt(0))) k++;
      const w = order.slice(st, k);
      words.push((right ? w.reverse() : w).join(''));
    }
    if (right) words.reverse();
    return words;
  }
  const d = text(sep);
  if (d === '') throw pyRaise('ValueError', 'empty separator');
  const parts = s.split(d);
  if (parts.length - 1 <= max) return parts;
  if (!right) return [...parts.slice(0, max), parts.slice(max).join(d)];
  return [parts.slice(0, parts.length - max).join(d), ...parts.slice(parts.length - max)];
}

/** the arguments of a str method as Python binds them (positional only here), else its TypeError or a note */
function argc(name: string, args: unknown[], min: number, max: number): void {
  if (args.length < min) throw typeError(min === 1 && max > 1 ? `${name}() takes at least 1 argument (0 given)` : `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
  if (args.length > max) throw notRead(`which calls str.${name}() with more arguments than it takes (a TypeError bdm-lab does not word)`);
}

function affix(s: string, name: 'startswith' | 'endswith', args: unknown[]): boolean {
  if (!args.length) throw typeError(`${name}() takes at least 1 argument (0 given)`);
  if (args.length > 1) throw notRead(`which calls str.${name}() with a start or an end`);
  const a = args[0];
  const fits = (p: unknown): boolean => {
    if (p instanceof Undef) p.fail();
    if (!isStr(p)) throw typeError(`tuple for ${name} must only contain str, not ${typeName(p)}`);
    return name === 'startswith' ? s.startsWith(text(p)) : s.endsWith(text(p));
  };
  if (a instanceof PyTuple) return a.items.some(fits);
  if (a instanceof Undef) a.fail();
  if (!isStr(a)) throw typeError(`${name} first arg must be str or a tuple of str, not ${typeName(a)}`);
  return fits(a);
}

function stripArg(name: string, args: unknown[]): ((c: string) => boolean) {
  argc(name, args, 0, 1);
  const a = args.length ? args[0] : null;
  if (a instanceof Undef) a.fail();
  if (a === null) return (c) => isPySpace(c.charCodeAt(0));
  if (!isStr(a)) throw typeError(`${name} arg must be None or str`);
  const set = new Set(codePoints(text(a)));
  return (c) => set.has(c);
}

function oneSide(s: string, set: (c: string) => boolean, left: boolean): string {
  const cps = codePoints(s);
  let a = 0;
  let z = cps.length;
  if (left) while (a < z && set(cps[a]!)) a++;
  else while (z > a && set(cps[z - 1]!)) z--;
  return cps.slice(a, z).join('');
}

function ascii(s: string, upper: boolean): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw notRead('which changes the case of a text with characters beyond ASCII (Python\'s Unicode tables, not read here)');
  return upper ? s.toUpperCase() : s.toLowerCase();
}

export type Replace = (s: string, old: string, by: string, count: number, b: Budget) => string;

/** the str methods read here; undefined when `name` is another */
export function strMethod(self: string | PyText, name: string, args: unknown[], kwargs: Array<[string, unknown]>, b: Budget, replace: Replace): { v: unknown } | undefined {
  const known = ['split', 'rsplit', 'replace', 'startswith', 'endswith', 'strip', 'lstrip', 'rstrip', 'upper', 'lower', 'title', 'join', 'format'];
  if (!known.includes(name)) return undefined;
  if (kwargs.length && name !== 'format') throw notRead(`which calls str.${name}() with keyword arguments`);
  const s = text(self);
  for (const a of args) if (a instanceof Undef && a.cause) throw a.cause;
  for (const [, a] of kwargs) if (a instanceof Undef && a.cause) throw a.cause;
  switch (name) {
    case 'split': case 'rsplit':
      argc(name, args, 0, 2);
      return { v: split(s, args.length ? args[0] : null, args.length > 1 ? args[1] : -1, name === 'rsplit', b) };
    case 'replace': {
      if (args.length < 2) throw typeError(`replace expected at least 2 arguments, got ${args.length}`);
      argc(name, args, 2, 3);
      const [old, by, count] = args;
      for (const x of [old, by]) { if (x instanceof Undef) x.fail(); if (!isStr(x)) throw typeError(`replace() argument ${x === old ? 1 : 2} must be str, not ${typeName(x)}`); }
      if (count !== undefined && !isInt(count)) throw typeError(`'${typeName(count)}' object cannot be interpreted as an integer`);
      return { v: replace(s, text(old as string), text(by as string), count === undefined ? -1 : Number(count), b) };
    }
    case 'startswith': case 'endswith':
      return { v: affix(s, name, args) };
    case 'strip': return { v: stripSet(s, stripArg(name, args)) };
    case 'lstrip': return { v: oneSide(s, stripArg(name, args), true) };
    case 'rstrip': return { v: oneSide(s, stripArg(name, args), false) };
    case 'upper': case 'lower':
      if (args.length) throw typeError(`str.${name}() takes no arguments (${args.length} given)`);
      return { v: ascii(s, name === 'upper') };
    case 'title':
      if (args.length) throw typeError(`str.title() takes no arguments (${args.length} given)`);
      return { v: title(s) };
    case 'join': {
      argc(name, args, 1, 1);
      const items = pyIter(args[0], b);
      const parts = items.map((x, i) => {
        if (!isStr(x)) throw typeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
        return text(x);
      });
      spend(b, s.length * parts.length);
      return { v: parts.join(s) };
    }
    case 'format':
      return { v: strFormat(s, args, new Map(kwargs), b) };
  }
  return undefined;
}

/** str.title of an ASCII text: a letter after a cased letter lowercased, any other letter uppercased */
function title(s: string): string {
  if (!/^[\x00-\x7f]*$/.test(s)) throw notRead("which changes the case of a text with characters beyond ASCII (Python's Unicode tables, not read here)");
  let out = '';
  let cased = false;
  for (const ch of s) {
    const letter = /[A-Za-z]/.test(ch);
    out += letter ? (cased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    cased = letter;
  }
  return out;
}

/** str.format with `{}`, `{0}`, `{name}` (a keyword argument) and a spec of [[fill]align][sign][0][width][.precision][s|d|f] */
function strFormat(fmt: string, args: unknown[], kwargs: Map<string, unknown>, b: Budget): string {
  let out = '';
  let auto = 0;
  let mode: 'auto' | 'manual' | null = null;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{' && fmt[i + 1] === '{') { out += '{'; i += 2; continue; }
    if (c === '}' && fmt[i + 1] === '}') { out += '}'; i += 2; continue; }
    if (c === '}') throw pyRaise('ValueError', "Single '}' encountered in format string");
    if (c !== '{') { out += c; i++; continue; }
    const close = fmt.indexOf('}', i);
    if (close < 0) {
      if (i + 1 === fmt.length) throw pyRaise('ValueError', "Single '{' encountered in format string");
      if (!/[:!{[.]/.test(fmt.slice(i + 1))) throw pyRaise('ValueError', "expected '}' before end of string");
      throw notRead('which formats with an unclosed `{` (a ValueError)');
    }
    const field = fmt.slice(i + 1, close);
    i = close + 1;
    const m = /^(\d*|[A-Za-z_]\w*)(?:!([sr]))?(?::(.*))?$/s.exec(field);
    if (!m || field.includes('{')) throw notRead('which formats a field bdm-lab does not read (an attribute, an item or a nested field)');
    let v: unknown;
    if (/^[A-Za-z_]/.test(m[1]!)) {
      // a keyword argument (numbering is not changed by it)
      if (!kwargs.has(m[1]!)) throw pyRaise('KeyError', pyStrRepr(m[1]!));
      v = kwargs.get(m[1]!);
    } else {
      let idx: number;
      if (m[1] === '') {
        if (mode === 'manual') throw pyRaise('ValueError', 'cannot switch from manual field specification to automatic field numbering');
        mode = 'auto';
        idx = auto++;
      } else {
        if (mode === 'auto') throw pyRaise('ValueError', 'cannot switch from automatic field numbering to manual field specification');
        mode = 'manual';
        if (m[1]!.length > 15) throw notRead('which formats a field by a number larger than bdm-lab reads');
        idx = Number(m[1]);
      }
      if (idx >= args.length) throw pyRaise('IndexError', `Replacement index ${idx} out of range for positional args tuple`);
      v = args[idx];
    }
    if (v instanceof Undef) v.fail();
    if (m[2]) v = m[2] === 's' ? pyStr(v, b) : pyRepr(v, b);
    out += formatSpec(v, m[3] ?? '', b);
    if (out.length > MAX_TEXT) throw notRead('which formats more text than bdm-lab writes');
  }
  spend(b, out.length);
  return out;
}

function formatSpec(v: unknown, spec: string, b: Budget): string {
  // an empty spec: every built-in type's __format__ (object.__format__ for the others) gives str(v)
  if (spec === '') return pyStr(v, b);
  const m = /^(?:(.)?([<>^=]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([sdf])?$/su.exec(spec);
  if (!m) throw notRead(`which formats with the spec \`${spec}\`, which bdm-lab does not read`);
  const [, fill0, align0, sign, zero, w, p, type] = m;
  const width = w ? Number(w) : 0;
  if (width > MAX_TEXT || (p && Number(p) > 1000)) throw notRead('which formats with a width or precision larger than bdm-lab writes');
  let body: string;
  let numeric = false;
  // object.__format__ (None, a list, a dict, a tuple) takes no spec
  if (v === null || Array.isArray(v) || v instanceof PyTuple || isDict(v)) throw typeError(`unsupported format string passed to ${typeName(v)}.__format__`);
  if (type === 'd' || (!type && isInt(v))) {
    if (!isInt(v)) {
      if (isStr(v) || v instanceof PyFloat) throw pyRaise('ValueError', `Unknown format code 'd' for object of type '${typeName(v)}'`);
      throw notRead('which formats a value with `d` that is not an int (its own __format__)');
    }
    if (p) throw pyRaise('ValueError', 'Precision not allowed in integer format specifier');
    body = String(Number(v));
    numeric = true;
  } else if (!type && v instanceof PyFloat && !p) {
    // float.__format__ without a type or a precision: repr's digits
    body = pyStr(v, b);
    numeric = true;
  } else if (type === 'f') {
    if (!isNum(v)) {
      if (isStr(v)) throw pyRaise('ValueError', `Unknown format code 'f' for object of type '${typeName(v)}'`);
      throw notRead('which formats a value with `f` that is not a number (its own __format__)');
    }
    const x = numOf(v);
    if (!Number.isFinite(x) || Math.abs(x) >= 1e50) throw notRead('which formats an infinite, NaN or large float with `f`');
    body = fixed(x, p ? Number(p) : 6);
    numeric = true;
  } else if (!type || type === 's') {
    if (!isStr(v)) {
      if (type === 's' && isNum(v)) throw pyRaise('ValueError', `Unknown format code 's' for object of type '${typeName(v)}'`);
      if (!type && !sign && !zero && !p && !(v instanceof PyFloat) && typeof v !== 'boolean' && v !== null && !isNum(v)) body = pyStr(v, b);
      else throw notRead('which formats a value that is not a str with a spec (its own __format__)');
    } else body = text(v);
    if (sign) throw pyRaise('ValueError', 'Sign not allowed in string format specifier');
    if (p) body = codePoints(body).slice(0, Number(p)).join('');
  } else throw notRead('which formats with a type bdm-lab does not write');
  if (numeric && sign && !body.startsWith('-')) body = (sign === '-' ? '' : sign) + body;
  const fill = fill0 ?? (zero && !align0 ? '0' : ' ');
  const align = align0 ?? (zero ? '=' : numeric ? '>' : '<');
  if (align === '=' && !numeric) throw pyRaise('ValueError', "'=' alignment not allowed in string format specifier");
  const len = codePoints(body).length;
  const pad = Math.max(0, width - len);
  if (align === '<') return body + fill.repeat(pad);
  if (align === '>') return fill.repeat(pad) + body;
  if (align === '^') return fill.repeat(pad >> 1) + body + fill.repeat(pad - (pad >> 1));
  const signed = /^[+\- ]/.test(body) ? body[0]! : '';
  return signed + fill.repeat(pad) + body.slice(signed.length);
}

// ---------------------------------------------------------------- json.loads

/**
 * json.loads of a text (Python's: NaN and Infinity read, an int kept an int, a repeated key's last
 * value in its first place), and its refusals as CPython 3.11's C scanner words them
 * (Modules/_json.c scan_once, _parse_object, _parse_array, scanstring; json/decoder.py decode and
 * JSONDecodeError): the message, then the line, column and character (counted in code points).
 */
export function jsonLoads(v: unknown, b: Budget): unknown {
  if (v instanceof Undef) v.fail();
  if (!isStr(v)) throw typeError(`the JSON object must be str, bytes or bytearray, not ${typeName(v)}`);
  const s = text(v);
  spend(b, s.length);
  let i = 0;
  const bad = (msg: string, at: number) => {
    const before = s.slice(0, at);
    const pos = codePoints(before).length;
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = nl < 0 ? pos + 1 : pos - codePoints(s.slice(0, nl)).length;
    return pyRaise('json.decoder.JSONDecodeError', `${msg}: line ${line} column ${col} (char ${pos})`);
  };
  /** scan_once's StopIteration, which json.loads reports as an expected value */
  const noValue = (at: number) => bad('Expecting value', at);
  const ws = () => { while (i < s.length && ' \t\n\r'.includes(s[i]!)) i++; };
  if (s.startsWith('\ufeff')) throw bad('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  const value = (depth: number): unknown => {
    if (depth > 400) throw notRead('which nests deeper than bdm-lab reads');
    const c = s[i];
    if (c === undefined) throw noValue(i);
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      const order: string[] = [];
      ws();
      if (s[i] === '}') { i++; return o; }
      for (;;) {
        if (s[i] !== '"') throw bad('Expecting property name enclosed in double quotes', i);
        const k = str();
        ws();
        if (s[i] !== ':') throw bad("Expecting ':' delimiter", i);
        i++;
        ws();
        const x = value(depth + 1);
        if (k === '__proto__') throw notRead('which reads a JSON key bdm-lab does not hold');
        if (!Object.prototype.hasOwnProperty.call(o, k)) order.push(k);
        o[k] = x;
        ws();
        if (s[i] === '}') { i++; break; }
        if (s[i] !== ',') throw bad("Expecting ',' delimiter", i);
        i++;
        ws();
      }
      spend(b, order.length);
      if (order.some((k, j) => Object.keys(o)[j] !== k)) KEY_ORDER.set(o, order);
      return o;
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      ws();
      if (s[i] === ']') { i++; return out; }
      for (;;) {
        out.push(value(depth + 1));
        ws();
        if (s[i] === ']') { i++; break; }
        if (s[i] !== ',') throw bad("Expecting ',' delimiter", i);
        i++;
        ws();
      }
      spend(b, out.length);
      return out;
    }
    if (c === '"') return str();
    for (const [w, x] of [['null', null], ['true', true], ['false', false], ['NaN', new PyFloat(NaN)], ['Infinity', new PyFloat(Infinity)], ['-Infinity', new PyFloat(-Infinity)]] as const) {
      if (s.startsWith(w, i)) { i += w.length; return x; }
    }
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
    m.lastIndex = i;
    const n = m.exec(s);
    if (!n) throw noValue(i);
    i += n[0].length;
    if (n[1] || n[2]) return new PyFloat(Number(n[0]));
    return int(BigInt(n[0]));
  };
  const str = (): string => {
    const begin = i;
    i++;
    let out = '';
    for (;;) {
      const c = s[i];
      if (c === undefined) throw bad('Unterminated string starting at', begin);
      if (c === '"') { i++; return out; }
      if (c < ' ') throw bad('Invalid control character at', i);
      if (c === '\\') {
        const e = s[i + 1];
        if (e === undefined) throw bad('Unterminated string starting at', begin);
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (simple[e] !== undefined) { out += simple[e]; i += 2; continue; }
        if (e !== 'u') throw bad('Invalid \\escape', i);
        // the four digits must be followed by at least one more character (the scanner's bound)
        if (i + 6 >= s.length) throw bad('Invalid \\uXXXX escape', i + 1);
        if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) throw bad('Invalid \\uXXXX escape', i + 1);
        out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      out += c;
      i++;
    }
  };
  ws();
  const r = value(0);
  ws();
  if (i !== s.length) throw bad('Extra data', i);
  if (JSON.stringify(r)?.match(/\\ud[89a-f]/i)) throw notRead('which reads a lone surrogate from JSON');
  return r;
}

// ---------------------------------------------------------------- base64

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8(s: string): Uint8Array {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)) throw notRead('which encodes a lone surrogate');
  return new TextEncoder().encode(s);
}

/** Ansible's b64encode: base64 of the UTF-8 bytes of str(value) */
export function b64encode(v: unknown, encoding: unknown, b: Budget): string {
  if (v instanceof Undef) v.fail();
  if (!isStr(encoding) || !/^utf-?8$/i.test(text(encoding))) throw notRead('which encodes with another encoding than UTF-8');
  const bytes = utf8(isStr(v) ? text(v) : pyStr(v, b));
  spend(b, bytes.length * 2);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? B64[n & 63]! : '=');
  }
  return out;
}

/** Ansible's b64decode: base64.b64decode (characters outside the alphabet skipped) read as UTF-8 */
export function b64decode(v: unknown, encoding: unknown, b: Budget): string {
  if (v instanceof Undef) v.fail();
  if (!isStr(encoding) || !/^utf-?8$/i.test(text(encoding))) throw notRead('which decodes with another encoding than UTF-8');
  const s = isStr(v) ? text(v) : pyStr(v, b);
  spend(b, s.length);
  const bytes: number[] = [];
  let acc = 0;
  let quad = 0;
  let pads = 0;
  let done = false;
  for (const c of s) {
    if (c === '=') {
      if (quad < 2) throw notRead('which decodes base64 with padding where bdm-lab does not follow binascii');
      pads++;
      if (quad + pads >= 4) { done = true; break; }
      continue;
    }
    const d = B64.indexOf(c);
    if (d < 0 || c.length !== 1) continue;
    if (pads) throw notRead('which decodes base64 with padding where bdm-lab does not follow binascii');
    acc = (acc << 6) | d;
    quad++;
    if (quad === 4) { bytes.push((acc >> 16) & 255, (acc >> 8) & 255, acc & 255); acc = 0; quad = 0; }
  }
  if (done) {
    if (quad === 2) bytes.push((acc >> 4) & 255);
    else bytes.push((acc >> 10) & 255, (acc >> 2) & 255);
  } else if (quad === 1) throw pyRaise('binascii.Error', `Invalid base64-encoded string: number of data characters (${(bytes.length / 3) * 4 + 1}) cannot be 1 more than a multiple of 4`);
  else if (quad) throw pyRaise('binascii.Error', 'Incorrect padding');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes));
  } catch {
    throw notRead('which decodes base64 to bytes that are not UTF-8 (Ansible keeps them as surrogates)');
  }
}

// ---------------------------------------------------------------- re

/** a subject text bdm-lab runs a pattern over: at most this long */
const MAX_SUBJECT = 4096;
/** the worst count of steps a translated pattern may take (its length ** (quantifiers + 1)...) */
const MAX_STEPS = 2e7;

interface Translated { re: RegExp; groups: number; names: Map<string, number>; zeroWidth: boolean; steps: number }

const PY_SPACE_CLASS = '\\t\\n\\v\\f\\r \\x1c-\\x1f';
/** the letters sre_parse takes after a backslash (outside a set, inside one); any other is "bad escape" */
const ESCAPES = 'ABDSWZabdfnrstvwxuUN';
const SET_ESCAPES = 'DSWabdfnrstvwxuUN';

/**
 * A Python pattern as a JavaScript RegExp that matches the same over an ASCII subject, for the
 * syntax read here: literals, `.`, `[...]`, `\d \w \s \b \B \A \Z` and their negations, groups
 * (`(...)`, `(?:...)`, `(?P<name>...)`, lookaheads, look-behinds without groups), `|`, and greedy or lazy quantifiers, with
 * no quantified group that holds a quantifier or an alternation (no backtracking without end).
 */
function translate(p: string, ignorecase: boolean, multiline: boolean, subjectLength: number): Translated {
  const no = (what: string) => notRead(`which uses a regular expression with ${what}, which bdm-lab does not read`);
  // re.compile's refusals bdm-lab meets first as it reads the pattern left to right, as sre_parse does (re.error, its words)
  const bad = (what: string, at: number) => pyRaise('re.error', `${what} at position ${at}`);
  if (!/^[\x00-\x7f]*$/.test(p)) throw no('characters beyond ASCII');
  let out = '';
  let i = 0;
  let groups = 0;
  const names = new Map<string, number>();
  let quantifiers = 0;
  let alternatives = 1;
  // the ways through the pattern's alternations: their branch counts multiplied, group by group
  // (`(a|a)(a|a)…x` tries every combination before it fails)
  let paths = 1;
  // per open group: whether it holds a quantifier or an alternation, where it starts in out, its branches
  const stack: Array<{ busy: boolean; start: number; look: boolean; behind: boolean; branches: number; at: number; captures: boolean }> = [];
  const inBehind = () => stack.some((g) => g.behind);
  let lookbehinds = 0;
  let lastAtom: { start: number; group: boolean; busy: boolean; quantifiable: boolean; captures?: boolean } | null = null;
  let zeroWidth = true;
  const atom = (js: string, quantifiable = true, width = true) => {
    lastAtom = { start: out.length, group: false, busy: false, quantifiable };
    out += js;
    if (width) zeroWidth = false;
  };
  while (i < p.length) {
    const c = p[i]!;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined) throw bad('bad escape (end of pattern)', i);
      if (/[A-Za-z]/.test(e) && !ESCAPES.includes(e)) throw bad(`bad escape \\${e}`, i);
      i += 2;
      if ('dwDW'.includes(e)) atom(`\\${e}`);
      else if (e === 's') atom(`[${PY_SPACE_CLASS}]`);
      else if (e === 'S') atom(`[^${PY_SPACE_CLASS}]`);
      else if (e === 'b') atom('\\b', false, false);
      // (sre's \B never matches in an empty text)
      else if (e === 'B') atom('\\B(?:(?<=[\\s\\S])|(?=[\\s\\S]))', false, false);
      else if (e === 'A') atom('(?<![\\s\\S])', false, false);
      else if (e === 'Z') atom('(?![\\s\\S])', false, false);
      else if ('ntrfv'.includes(e)) atom(`\\${e}`);
      else if (/[A-Za-z0-9]/.test(e)) throw no(`the escape \\${e}`);
      else atom(/[\^$\\.*+?()[\]{}|/]/.test(e) ? `\\${e}` : e);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (p[j] === '^') { cls += '^'; j++; }
      if (p[j] === ']') { cls += '\\]'; j++; }
      for (;;) {
        const x = p[j];
        if (x === undefined) throw bad('unterminated character set', i);
        if (x === ']') { j++; break; }
        if (x === '\\') {
          const e = p[j + 1];
          if (e === undefined) throw bad('bad escape (end of pattern)', j);
          if (/[A-Za-z]/.test(e) && !SET_ESCAPES.includes(e)) throw bad(`bad escape \\${e}`, j);
          if ('dwDW'.includes(e) || 'ntrfv'.includes(e)) cls += `\\${e}`;
          else if (e === 's') cls += PY_SPACE_CLASS;
          else if (/[A-Za-z0-9]/.test(e)) throw no(`the escape \\${e} in a set`);
          else cls += `\\${e}`;
          j += 2;
          continue;
        }
        if (x === '[' && (p[j + 1] === ':' || p[j + 1] === '=' || p[j + 1] === '.')) throw no('a POSIX class');
        if ((x === '-' || x === '&' || x === '~' || x === '|') && p[j + 1] === x) throw no('a doubled set operator');
        if (x === '-' && p[j + 1] !== ']' && cls.length > 1 && cls !== '[^') {
          // a range: both ends plain characters (checked by RegExp below)
          cls += '-';
          j++;
          continue;
        }
        cls += x === '[' || x === '-' ? `\\${x}` : x;
        j++;
      }
      i = j;
      atom(`${cls}]`);
      continue;
    }
    if (c === '(') {
      const at = i;
      let js = '(';
      let look = false;
      let behind = false;
      if (p[i + 1] === '?') {
        if (p[i + 2] === ':') { js = '(?:'; i += 3; } else if (p[i + 2] === '=' || p[i + 2] === '!') { js = `(?${p[i + 2]}`; i += 3; look = true; } else if (p[i + 2] === '<' && (p[i + 3] === '=' || p[i + 3] === '!')) {
          // a look-behind: JavaScript's reads the same text when its width is fixed (re.compile checks it below)
          js = `(?<${p[i + 3]}`;
          i += 4;
          look = true;
          behind = true;
          lookbehinds++;
        } else if (p[i + 2] === 'P' && p[i + 3] === '<') {
          const close = p.indexOf('>', i + 4);
          const name = close < 0 ? '' : p.slice(i + 4, close);
          if (close < 0) throw p.length > i + 4 ? bad('missing >, unterminated name', i + 4) : bad('missing group name', i + 4);
          if (!name) throw bad('missing group name', i + 4);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw bad(`bad character in group name ${pyStrRepr(name)}`, i + 4);
          if (names.has(name)) throw bad(`redefinition of group name ${pyStrRepr(name)} as group ${groups + 1}; was group ${names.get(name)!}`, i + 4);
          groups++;
          names.set(name, groups);
          js = `(?<${name}>`;
          i = close + 1;
        } else throw no('a group of this kind (flags, a reference, a condition)');
      } else {
        groups++;
        i++;
      }
      // (a named group's `(?<name>` has set js; a plain group counts here)
      if (js !== '(?:' && !look) for (const g of stack) g.captures = true;
      stack.push({ busy: false, start: out.length, look, behind, branches: 1, at, captures: js !== '(?:' && !look });
      out += js;
      lastAtom = null;
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      if (!g) throw bad('unbalanced parenthesis', i);
      out += ')';
      i++;
      paths = Math.min(paths * g.branches, MAX_STEPS);
      lastAtom = { start: g.start, group: true, busy: g.busy, quantifiable: !g.look, captures: g.captures };
      if (stack.length && g.busy) stack[stack.length - 1]!.busy = true;
      continue;
    }
    if (c === '|') {
      if (stack.length) { stack[stack.length - 1]!.busy = true; stack[stack.length - 1]!.branches++; }
      alternatives++;
      out += '|';
      i++;
      lastAtom = null;
      continue;
    }
    if ('*+?{'.includes(c)) {
      let q = c;
      let j = i + 1;
      let bounded = c === '?';
      if (c === '{') {
        // (the comma and the second count in one optional group: a run of digits is read one way only)
        const r = /^\{(\d*)(?:(,)(\d*))?\}/.exec(p.slice(i));
        const m = r && [r[0], r[1], r[2] ?? '', r[3] ?? ''];
        if (!m || (m[1] === '' && m[2] === '')) { atom('\\{'); i++; continue; }
        if (Number(m[1] || 0) > 1000 || Number(m[3] || 0) > 1000) throw no('a large repetition count');
        if (m[3] !== '' && m[1] !== '' && Number(m[3]) < Number(m[1])) throw bad('min repeat greater than max repeat', i + 1);
        q = `{${m[1] || '0'}${m[2]}${m[3]}}`;
        // (a count above 1 of a group that holds an alternation or a repeat multiplies its ways: `(a|a){20}x`)
        bounded = (m[2] === '' && Number(m[1] || 0) <= 1) || (m[3] !== '' && Number(m[3]) <= 1);
        j = i + m[0].length;
      }
      const la = lastAtom as { start: number; group: boolean; busy: boolean; quantifiable: boolean; captures?: boolean } | null;
      // JavaScript matches a look-behind right to left: a repeated group there keeps its first repeat, Python's its last
      if (la?.captures && inBehind()) throw no('a repeated group inside a look-behind');
      // nothing before it, or an anchor (`^`, `$`, `\\b`...): Python repeats a lookahead, bdm-lab does not
      if (!la || (!la.quantifiable && !la.group)) throw bad('nothing to repeat', i);
      if (!la.quantifiable) throw no('a repeat of a lookahead');
      if (la.group && la.busy && !bounded) throw no('a repeated group that holds a repeat or an alternation');
      if (p[j] === '+') throw no('a possessive repeat');
      if (p[j] === '?') { q += '?'; j++; }
      if (p[j] !== undefined && '*+?{'.includes(p[j]!) && !(p[j] === '{' && !/^\{(?:\d+(?:,\d*)?|,\d*)\}/.test(p.slice(j, j + 24)))) throw bad('multiple repeat', j);
      out += q;
      quantifiers++;
      if (stack.length) stack[stack.length - 1]!.busy = true;
      lastAtom = null;
      i = j;
      continue;
    }
    if (c === '.') { atom('[^\\n]'); i++; continue; }
    if (c === '^') { atom(multiline ? '(?<![^\\n])' : '(?<![\\s\\S])', false, false); i++; continue; }
    if (c === '$') { atom(multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))', false, false); i++; continue; }
    atom(/[\]}/]/.test(c) ? `\\${c}` : c);
    i++;
  }
  if (stack.length) throw bad('missing ), unterminated subpattern', stack[stack.length - 1]!.at);
  if (lookbehinds) {
    // re.compile's checks after parsing (a look-behind of varying width), as heat/pyRegex.ts makes them
    const c = pyCompile(p);
    if ('error' in c) throw c.error.kind === 'error' ? pyRaise('re.error', c.error.message) : notRead(`which compiles a pattern Python refuses with ${c.error.kind}`);
    if ('unsupported' in c) throw no(c.unsupported);
  }
  const steps = (subjectLength + 1) ** (quantifiers + 1) * alternatives * paths * (p.length + 1);
  if (steps > MAX_STEPS) throw no('more repeats than bdm-lab runs over a text this long');
  let re: RegExp;
  try {
    re = new RegExp(out, `gu${ignorecase ? 'i' : ''}`);
  } catch {
    throw no('a form JavaScript reads otherwise');
  }
  return { re, groups, names, zeroWidth: zeroWidth && alternatives === 1, steps };
}

function subject(v: unknown, b: Budget): string {
  if (v instanceof Undef) v.fail();
  const s = isStr(v) ? text(v) : pyStr(v, b);
  if (s.length > MAX_SUBJECT) throw notRead('which runs a regular expression over a text longer than bdm-lab does');
  if (!/^[\x00-\x7f]*$/.test(s)) throw notRead('which runs a regular expression over a text beyond ASCII (Python\'s Unicode classes, not read here)');
  return s;
}

function patternOf(p: unknown): string {
  if (p instanceof Undef) p.fail();
  if (!isStr(p)) throw notRead('which compiles a pattern that is not a str');
  return text(p);
}

/** a replacement template of re.sub: its pieces (text, or a group number) */
function template(r: string, t: Translated): Array<string | number> {
  if (!/^[\x00-\x7f]*$/.test(r) && r.includes('\\')) throw notRead('which replaces with a template beyond ASCII');
  const out: Array<string | number> = [];
  let lit = '';
  const bad = () => notRead('which replaces with a template Python refuses (an re.error, which Ansible reports as an exception)');
  for (let i = 0; i < r.length; i++) {
    const c = r[i]!;
    if (c !== '\\') { lit += c; continue; }
    const e = r[i + 1];
    if (e === undefined) throw bad();
    i++;
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    let group: number | null = null;
    if (simple[e] !== undefined) { lit += simple[e]; continue; }
    if (e === 'g') {
      const m = /^<([^>]*)>/.exec(r.slice(i + 1));
      if (!m) throw bad();
      const name = m[1]!;
      group = /^\d+$/.test(name) ? Number(name) : (t.names.get(name) ?? null);
      if (group === null || group > t.groups) throw bad();
      i += m[0].length;
    } else if (e >= '1' && e <= '9') {
      let d = e;
      if (r[i + 1] !== undefined && r[i + 1]! >= '0' && r[i + 1]! <= '9') throw notRead('which replaces with a two-digit or octal group reference');
      group = Number(d);
      if (group > t.groups) throw bad();
      d = '';
    } else if (e === '0') throw notRead('which replaces with an octal escape');
    else if (/[A-Za-z]/.test(e)) throw bad();
    else { lit += `\\${e}`; continue; }
    if (lit) { out.push(lit); lit = ''; }
    out.push(group);
  }
  if (lit) out.push(lit);
  return out;
}

function flag(v: unknown): boolean {
  if (v instanceof Undef) v.fail();
  if (!(isNum(v) || v === null || isStr(v) || Array.isArray(v) || isDict(v))) throw notRead('which gives a regular expression a flag bdm-lab does not read');
  return isNum(v) ? numOf(v) !== 0 : v === null ? false : isStr(v) ? text(v) !== '' : Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

/**
 * The matches re.sub and re.findall take, left to right: after an empty match sre searches again
 * from the same place, where a match must not be empty (it backtracks from an empty one), further
 * on any match counts; an empty match just after one that is not empty is kept.
 */
function* scan(t: Translated, s: string, what: string): Generator<RegExpExecArray> {
  const re = t.re;
  let pos = 0;
  let mustAdvance = false;
  // the retries' worst cost: a match tried at one place, its check reading back to the text's start
  const perStart = t.steps / (s.length + 1);
  let retried = 0;
  while (pos <= s.length) {
    let m: RegExpExecArray | null = null;
    if (mustAdvance) {
      if (!t.zeroWidth) {
        // the pattern, then a check that the match ends past `pos` (tried at each end sre would reach)
        retried += perStart * (pos + 1);
        if (retried > MAX_STEPS) throw notRead(`which ${what} with a pattern that matches both nothing and something, over a text longer than bdm-lab tries that on`);
        const nonEmpty = new RegExp(`(?:${re.source})(?<!^[\\s\\S]{${pos}})`, re.flags.replace('g', 'y'));
        nonEmpty.lastIndex = pos;
        m = nonEmpty.exec(s);
      }
      if (!m) {
        if (pos >= s.length) return;
        re.lastIndex = pos + 1;
        m = re.exec(s);
      }
    } else {
      re.lastIndex = pos;
      m = re.exec(s);
    }
    if (!m) return;
    yield m;
    mustAdvance = m[0] === '';
    pos = m.index + m[0].length;
  }
}

/** Ansible's regex_replace(value, pattern, replacement, ignorecase, multiline): re.sub over str(value) */
export function regexReplace(v: unknown, pattern: unknown, replacement: unknown, ignorecase: unknown, multiline: unknown, b: Budget): string {
  const s = subject(v, b);
  const p = patternOf(pattern);
  if (replacement instanceof Undef) replacement.fail();
  if (!isStr(replacement)) throw notRead('which replaces with a value that is not a str');
  const t = translate(p, flag(ignorecase), flag(multiline), s.length);
  const tpl = template(text(replacement), t);
  let out = '';
  let last = 0;
  for (const m of scan(t, s, 'replaces')) {
    out += s.slice(last, m.index);
    for (const piece of tpl) out += typeof piece === 'string' ? piece : (m[piece] ?? '');
    if (out.length > MAX_TEXT) throw notRead('which replaces to more text than bdm-lab writes');
    last = m.index + m[0].length;
  }
  out += s.slice(last);
  spend(b, out.length);
  return out;
}

/** Ansible's regex_search(value, regex, *groups, ignorecase=, multiline=) */
export function regexSearch(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, b: Budget): unknown {
  if (!args.length) throw notRead('which calls regex_search without a pattern (a TypeError bdm-lab does not word)');
  const s = subject(v, b);
  const p = patternOf(args[0]);
  const groups: Array<number | string> = [];
  // each argument is read by re.match before the search: one that is not `\\g<name>` or `\\<digits>`
  // gives None, whose .group raises (a name in `\\g<...>` stays a name, digits too)
  const noGroup = (g: string) => {
    if (/[^\x20-\x7e]/.test(g)) return notRead('which names a group regex_search does not read');
    return pyRaise('AttributeError', "'NoneType' object has no attribute 'group'");
  };
  for (const a of args.slice(1)) {
    if (a instanceof Undef) a.fail();
    if (!isStr(a)) throw notRead('which gives regex_search a group that is not a str');
    const g = text(a);
    let m: RegExpExecArray | null;
    if (g.startsWith('\\g')) {
      m = /^\\g<(\S+)>/.exec(g);
      if (!m) throw noGroup(g);
      groups.push(m[1]!);
    } else if (g.startsWith('\\')) {
      m = /^\\(\d+)/.exec(g);
      if (!m) throw noGroup(g);
      groups.push(Number(m[1]));
    } else throw new PyError('ansible', 'Unknown argument', 'ansible.errors.AnsibleFilterError');
  }
  let ic: unknown = false;
  let ml: unknown = false;
  for (const [k, x] of kwargs) { if (k === 'ignorecase') ic = x; else if (k === 'multiline') ml = x; }
  const t = translate(p, flag(ic), flag(ml), s.length);
  t.re.lastIndex = 0;
  const m = t.re.exec(s);
  // no match: the filter returns None, whatever groups it was given
  if (!m) return null;
  if (!groups.length) return m[0];
  return groups.map((g) => {
    const n = typeof g === 'number' ? g : t.names.get(g);
    if (n === undefined || n > t.groups) throw pyRaise('IndexError', 'no such group');
    return m[n] ?? null;
  });
}

/** Ansible's tests match, search and regex (regex(value, pattern, ignorecase, multiline, match_type)) */
export function regexTest(name: 'match' | 'search' | 'regex', v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, b: Budget): boolean {
  const params = ['pattern', 'ignorecase', 'multiline', ...(name === 'regex' ? ['match_type'] : [])];
  const bound: unknown[] = [...args];
  if (bound.length > params.length) throw notRead(`which gives the test \`${name}\` more arguments than it takes`);
  for (const [k, x] of kwargs) {
    const at = params.indexOf(k);
    if (at < 0 || bound[at] !== undefined) throw notRead(`which gives the test \`${name}\` a keyword it does not take`);
    bound[at] = x;
  }
  if (bound[0] === undefined) throw notRead(`which calls the test \`${name}\` without a pattern`);
  let type = name === 'regex' ? (bound[3] === undefined ? 'search' : bound[3]) : name;
  if (type instanceof Undef) type.fail();
  if (!isStr(type) || !['match', 'search'].includes(text(type))) throw notRead('which names a match type bdm-lab does not read');
  type = text(type);
  if (v instanceof Undef) v.fail();
  // to_text(value, nonstring='simplerepr')
  const s = subject(isStr(v) ? v : pyStr(v, b), b);
  const t = translate(patternOf(bound[0]), flag(bound[1] ?? false), flag(bound[2] ?? false), s.length);
  if (type === 'match') {
    const sticky = new RegExp(t.re.source, t.re.flags.replace('g', 'y'));
    sticky.lastIndex = 0;
    return sticky.test(s);
  }
  t.re.lastIndex = 0;
  return t.re.test(s);
}


/**
 * Ansible's regex_findall(value, regex, multiline=False, ignorecase=False): re.findall over
 * str(value): each match's text, or its one group's, or a tuple of its groups ('' for a group that
 * took no part).
 */
export function regexFindall(v: unknown, args: unknown[], kwargs: Array<[string, unknown]>, b: Budget): unknown[] {
  const params = ['regex', 'multiline', 'ignorecase'];
  if (args.length > params.length) throw typeError(`regex_findall() takes from 2 to 4 positional arguments but ${args.length + 1} were given`);
  const bound: unknown[] = [...args];
  for (const [k, x] of kwargs) {
    const at = params.indexOf(k);
    if (at < 0) throw typeError(`regex_findall() got an unexpected keyword argument ${pyStrRepr(k)}`);
    if (bound[at] !== undefined) throw typeError(`regex_findall() got multiple values for argument ${pyStrRepr(k)}`);
    bound[at] = x;
  }
  if (bound[0] === undefined) throw typeError("regex_findall() missing 1 required positional argument: 'regex'");
  const s = subject(v, b);
  const ic = flag(bound[2] ?? false);
  const ml = flag(bound[1] ?? false);
  const t = translate(patternOf(bound[0]), ic, ml, s.length);
  const out: unknown[] = [];
  for (const m of scan(t, s, 'finds all')) {
    if (t.groups === 0) out.push(m[0]);
    else if (t.groups === 1) out.push(m[1] ?? '');
    else out.push(new PyTuple(Array.from({ length: t.groups }, (_, i) => m[i + 1] ?? '')));
    spend(b, 1 + m[0].length);
  }
  return out;
}

/** the characters re.escape puts a backslash before (Python 3.7 and later) */
const RE_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');
/** the characters of a POSIX basic regular expression regex_escape('posix_basic') escapes */
const BRE_SPECIAL = new Set('].[^$*\\');

/** Ansible's regex_escape(string, re_type='python') */
export function regexEscape(v: unknown, reType: unknown, b: Budget): string {
  if (v instanceof Undef) v.fail();
  const s = isStr(v) ? text(v) : pyStr(v, b);
  if (reType instanceof Undef) reType.fail();
  const type = isStr(reType) ? text(reType) : null;
  const set = type === 'python' ? RE_SPECIAL : type === 'posix_basic' ? BRE_SPECIAL : null;
  if (!set) {
    if (type === 'posix_extended') throw new PyError('ansible', 'Regex type (posix_extended) not yet implemented', 'ansible.errors.AnsibleFilterError');
    // 'Invalid regex type (%s)' % re_type: a str, or a value bdm-lab writes as Python does
    throw new PyError('ansible', `Invalid regex type (${type ?? pyStr(reType, b)})`, 'ansible.errors.AnsibleFilterError');
  }
  let out = '';
  for (const c of s) out += set.has(c) ? `\\${c}` : c;
  spend(b, out.length);
  return out;
}
