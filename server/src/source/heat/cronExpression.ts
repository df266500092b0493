/**
 * Heat 19's `cron_expression` custom constraint: it builds croniter 1.3.5's `croniter(value)` (as
 * Debian bookworm ships it) and refuses the value with "Invalid CRON expression: " and the
 * exception's text. Facts of croniter's `expand`, read from its code and checked by running it:
 *
 * - the whole value, lower-cased, may be one of the `@` aliases (`@daily`, ...); else it is split
 *   on white space into 5 or 6 fields (minute, hour, day of month, month, day of week, second);
 * - a field that is all an `h`/`r` hash expression: `h` needs a hash id Heat never gives;
 * - each field is split on commas and its items are taken from the last one; an item is a range
 *   `a-b` with an optional `/step` (a `*` or a lone `a` before a `/step` widened to the field's
 *   bounds), names (`jan`, `sun`, `l` in the day of month) converted, or one value;
 * - croniter's own errors name the value as written (`[v] is not acceptable`, `v is out of bands`,
 *   ...), a name it cannot convert names the lower-cased fields joined by spaces, and a Python
 *   ValueError inside it (an `l` in a range) ends, on Python 3, in croniter's re-raise failing
 *   with "name 'exc' is not defined".
 *
 * - an `r` hash (`r`, `r(a-b)`, `r/c`, `r(a-b)/c`) is croniter's HashExpander with a random
 *   crc: a divisor 0 is "Bad expression: " and the field, an empty range Python's modulo by
 *   zero; otherwise the value is decided when every number the random crc can give leads to one
 *   answer (each is tried, the whole value judged again with it);
 * - the day of week's `n#k` (k from 1 to 5, else "Invalid day_of_week value") and `l<n>` items are
 *   the day `n`, checked as a lone value; a field mixing them with other days is croniter's
 *   CroniterUnsupportedSyntaxError, whose words print Python's set and dict (not decided here).
 *
 * Not decided here (undefined): a value with other than ASCII characters (Python's lower() and
 * split() on the rest of Unicode), a random hash of more than 4096 outcomes, a day of week that
 * mixes nth forms with other days.
 */
import { isPySpace } from '../../parse/pyrepr';
import { MAX_INT_DIGITS } from './netaddrNetwork';

const RANGES: ReadonlyArray<readonly [number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7], [0, 59]];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** the names each field converts (the day of month's `l` stays `l`) */
const ALPHA: ReadonlyArray<ReadonlyMap<string, number | 'l'>> = [
  new Map(), new Map(), new Map([['l', 'l']]),
  new Map(MONTHS.map((m, i) => [m, i + 1])), new Map(DAYS.map((d, i) => [d, i])), new Map(),
];
/** the values a field maps to another (unless the field count says not to) */
const LOWMAP: ReadonlyArray<ReadonlyMap<number, number>> = [new Map(), new Map(), new Map([[0, 1]]), new Map([[0, 1]]), new Map([[7, 0]]), new Map()];
/** croniter's aliases, without a hash id */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ['@midnight', '0 0 * * *'], ['@hourly', '0 * * * *'], ['@daily', '0 0 * * *'], ['@weekly', '0 0 * * 0'],
  ['@monthly', '0 0 1 * *'], ['@yearly', '0 0 1 1 *'], ['@annually', '0 0 1 1 *'],
]);

const BAD_LENGTH = 'Exactly 5 or 6 columns has to be specified for iterator expression.';
/** what Python 3 raises when croniter re-raises a ValueError of its own parsing */
const RERAISE = "name 'exc' is not defined";

class CronError { constructor(readonly message: string) {} }
class NotDecided {}
/** a random hash in field `field`: croniter's answer for each expanded text it can become */
class Branch { constructor(readonly field: number, readonly texts: string[]) {} }
/** the random outcomes bdm-lab tries, over all of a value's `r` fields */
const MAX_OUTCOMES = 4096;

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);
const HASH = /^[hr](?:\([0-9]+-[0-9]+\))?(?:\/[0-9]+)?$/;
const RANDOM = /^r(?:\(([0-9]+)-([0-9]+)\))?(?:\/([0-9]+))?$/;
/** `{start}-{end}` with an optional `/{step}` (croniter's step_search_re) */
const STEP_SEARCH = /^([^-]+)-([^-/]+)(?:\/([0-9]+))?$/;
/** the day of week's nth forms (croniter's special_weekday_re, as re.match reads it: `n#k` needs no end) */
const NTH_WEEKDAY = /^([A-Za-z0-9_]+)#([0-9]+)/;
const LAST_WEEKDAY = /^l([0-9]+)$/;

/**
 * the numbers HashExpander.do can give, `((crc >> field) % span) + begin` for any 32-bit crc:
 * Python's modulo of a negative span is in (span, 0]; a span 0 is its ZeroDivisionError
 */
function hashValues(field: number, span: number, begin: number): number[] {
  if (span === 0) throw new CronError('integer modulo by zero');
  if (Math.abs(span) > MAX_OUTCOMES) throw new NotDecided();
  const [lo, hi] = span > 0 ? [0, Math.min(span, 2 ** (32 - field)) - 1] : [span + 1, 0];
  return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k + begin);
}

/** the texts an `r` field expands to (croniter's HashExpander.expand, the crc random) */
function randomTexts(expr: string, field: number): string[] {
  const m = RANDOM.exec(expr)!;
  const [, a, b, c] = m;
  if ([a, b, c].some((x) => x !== undefined && x.length > 9)) throw new NotDecided();
  const [min, max] = RANGES[field];
  if (c !== undefined && Number(c) === 0) throw new CronError(`Bad expression: ${expr}`);
  if (a !== undefined && c !== undefined) return hashValues(field, Number(c) - min + 1, min).map((x) => `${x + Number(a)}-${Number(b)}/${Number(c)}`);
  if (a !== undefined) return hashValues(field, Number(b) - Number(a) + 1, Number(a)).map(String);
  if (c !== undefined) return hashValues(field, Number(c) - min + 1, min).map((x) => `${x}-${max}/${Number(c)}`);
  return hashValues(field, max - min + 1, min).map(String);
}

/** Python's str.split() on an ASCII text */
function pySplit(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const space = i === s.length || isPySpace(s.charCodeAt(i));
    if (space && start >= 0) { out.push(s.slice(start, i)); start = -1; } else if (!space && start < 0) start = i;
  }
  return out;
}

/**
 * int() of a digits text: a number (inexact past 2^53, far above every bound here); past Python's
 * 4300 digits int() is a ValueError, which croniter's re-raise turns into its NameError
 */
function intOf(s: string): number {
  if (s.length > MAX_INT_DIGITS) throw new CronError(RERAISE);
  return Number(s);
}

/** int(a) > int(b) for two digits texts, exactly */
function greater(a: string, b: string): boolean {
  const x = a.replace(/^0+(?=[0-9])/, '');
  const y = b.replace(/^0+(?=[0-9])/, '');
  return x.length !== y.length ? x.length > y.length : x > y;
}

/**
 * croniter's `_expand` on one value: throws CronError (its words), NotDecided, or Branch (a random
 * field not yet given a text in `chosen`)
 */
function expand(value: string, chosen: ReadonlyMap<number, string> = new Map()): void {
  let efl = value.toLowerCase();
  efl = ALIASES.get(efl) ?? efl;
  const expressions = pySplit(efl);
  const n = expressions.length;
  if (n !== 5 && n !== 6) throw new CronError(BAD_LENGTH);
  const notAcceptable = () => new CronError(`[${expressions.join(' ')}] is not acceptable`);
  const alphaconv = (i: number, key: string): number | 'l' => {
    const v = ALPHA[i].get(key);
    if (v === undefined) throw notAcceptable();
    return v;
  };
  let mixed: string | null = null;
  expressions.forEach((written, i) => {
    let expr = written;
    if (HASH.test(written)) {
      if (written[0] !== 'r') throw new CronError('Hashed definitions must include hash_id');
      const text = chosen.get(i);
      if (text === undefined) throw new Branch(i, randomTexts(written, i));
      expr = text;
    }
    const [min, max] = RANGES[i];
    const items = expr.split(',');
    // the day of week's values, and those an nth form names
    const days = new Set<string>();
    const nthDays = new Map<string, Set<string>>();
    while (items.length > 0) {
      let e = items.pop()!;
      let nth: string | null = null;
      if (i === 4) {
        const m = NTH_WEEKDAY.exec(e);
        const l = m ? null : LAST_WEEKDAY.exec(e);
        if (m) {
          const k = m[2].replace(/^0+(?=[0-9])/, '');
          if (k.length !== 1 || k < '1' || k > '5') throw new CronError(`[${value}] is not acceptable.  Invalid day_of_week value: '${e}'`);
          e = m[1];
          nth = k;
        } else if (l) {
          e = l[1];
          nth = 'l';
        }
      }
      let t = e.startsWith('*/') && e.length > 2 ? `${min}-${max}${e.slice(1)}` : e;
      let m = STEP_SEARCH.exec(t);
      if (!m) {
        // `{start}/{step}` (the last `/` with something on both sides) becomes `{start}-{max}/{step}`
        const slash = e.length >= 3 ? e.lastIndexOf('/', e.length - 2) : -1;
        t = slash >= 1 ? `${e.slice(0, slash)}-${max}${e.slice(slash)}` : e;
        m = STEP_SEARCH.exec(t);
      }
      if (m) {
        let low: string = m[1];
        let high: string = i === 2 && m[2] === 'l' ? '31' : m[2];
        const step = m[3] ?? '1';
        if (!isDigits(low)) low = String(alphaconv(i, low));
        if (!isDigits(high)) high = String(alphaconv(i, high));
        // int('l') is a ValueError, which croniter's re-raise turns into a NameError
        if (!isDigits(low) || !isDigits(high)) throw new CronError(RERAISE);
        intOf(low);
        intOf(high);
        if (greater(low, high)) {
          if (i === 4 && high === '0') high = '7';
          else throw new CronError(`[${value}] is not acceptable`);
        }
        const lo = intOf(low);
        const hi = intOf(high);
        const st = intOf(step);
        if (Math.max(lo, hi) > max) throw new CronError(`${value} is out of bands`);
        if (st === 0) throw new CronError('invalid range: range() arg 3 must not be zero');
        for (let x = lo; x <= hi; x += st) items.push(String(x));
        continue;
      }
      if (t.startsWith('-')) throw new CronError(`[${value}] is not acceptable,negative numbers not allowed`);
      let v: number | string = isDigits(t) || t === '*' ? t : alphaconv(i, t);
      if (typeof v === 'string' && isDigits(v)) v = intOf(v);
      if (typeof v === 'number') {
        const mapped = LOWMAP[i].get(v);
        const kept = ((i === 2 || i === 3) && n === 5) || ((i === 3 || i === 4) && n === 6);
        if (mapped !== undefined && !kept) v = mapped;
        if (v < min || v > max) throw new CronError(`[${value}] is not acceptable, out of range`);
      }
      if (i === 4) {
        days.add(String(v));
        if (nth !== null) nthDays.set(String(v), (nthDays.get(String(v)) ?? new Set()).add(nth));
      }
    }
    // croniter's check after every field: days beside the nth ones (all seven days read as `*`)
    if (nthDays.size && days.size !== 7) {
      const others = [...days].filter((d) => d !== '*' && !nthDays.has(d));
      if (others.length) mixed = mixedMessage(value, others, nthDays);
    }
  });
  if (mixed !== null) throw new CronError(mixed);
}

/**
 * CroniterUnsupportedSyntaxError's words: Python's repr of the other days (a set of small ints:
 * ascending) and of the nth forms by day (a dict in the order croniter met them, each a set of
 * ints, or of 'l'; a set of both is in the order of Python's string hashing: not decided)
 */
function mixedMessage(value: string, others: string[], nth: Map<string, Set<string>>): string {
  const set = (xs: Iterable<string>) => {
    const v = [...xs];
    if (v.includes('l') && v.length > 1) throw new NotDecided();
    return `{${v.map((x) => (x === 'l' ? "'l'" : x)).sort((a, b) => Number(a) - Number(b)).join(', ')}}`;
  };
  const dict = [...nth].map(([d, ks]) => `${d}: ${set(ks)}`).join(', ');
  return `day-of-week field does not support mixing literal values and nth day of week syntax.  Cron: '${value}'    dow=${set(others)} vs nth={${dict}}`;
}

/** croniter's answer whatever its random hashes give: one message (or null), else NotDecided */
function decide(value: string): string | null {
  let runs = 0;
  const run = (chosen: Map<number, string>): string | null => {
    if (++runs > MAX_OUTCOMES) throw new NotDecided();
    try {
      expand(value, chosen);
      return null;
    } catch (e) {
      if (e instanceof CronError) return e.message;
      if (!(e instanceof Branch)) throw e;
      let answer: string | null | undefined;
      for (const text of e.texts) {
        const a = run(new Map([...chosen, [e.field, text]]));
        if (answer !== undefined && a !== answer) throw new NotDecided();
        answer = a;
      }
      return answer ?? null;
    }
  };
  return run(new Map());
}

/** the `_error_message` Heat's cron_expression sets: null when croniter takes the value, undefined when bdm-lab does not decide */
export function cronExpression(value: string): string | null | undefined {
  if (!value) return null;
  if (/[^\x00-\x7f]/.test(value)) return undefined;
  try {
    const message = decide(value);
    return message === null ? null : `Invalid CRON expression: ${message}`;
  } catch (e) {
    if (e instanceof NotDecided) return undefined;
    throw e;
  }
}
