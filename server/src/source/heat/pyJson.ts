/**
 * Python's json.loads as Heat's json parameters use it (oslo's jsonutils.loads): the value, or
 * Python's JSONDecodeError in its words (`Expecting value: line 1 column 1 (char 0)`), written
 * from the behaviour of Python 3.11's json decoder (its C scanner). Python reads NaN, Infinity
 * and -Infinity; positions count code points.
 */

import { clearExact, keepKeyOrder, markExact, pyRepr } from './py';

const WS = ' \t\n\r';

class Fail extends Error {
  constructor(readonly msg: string, readonly pos: number) {
    super(msg);
  }
}

class Reader {
  readonly s: string[];
  constructor(text: string) {
    this.s = Array.from(text);
  }

  ws(i: number): number {
    while (i < this.s.length && WS.includes(this.s[i])) i++;
    return i;
  }

  startsWith(i: number, word: string): boolean {
    return this.s.slice(i, i + word.length).join('') === word;
  }

  /** one value at i: [value, end]; null where no value starts (Python's StopIteration) */
  value(i: number, depth: number): [unknown, number] | null {
    if (depth > 500) throw new Fail('bdm-lab reads JSON nested no deeper', i);
    const c = this.s[i];
    if (c === '"') return this.string(i + 1);
    if (c === '{') return this.object(i + 1, depth);
    if (c === '[') return this.array(i + 1, depth);
    for (const [w, v] of [['null', null], ['true', true], ['false', false], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]] as const) {
      if (this.startsWith(i, w)) return [v, i + w.length];
    }
    return this.number(i);
  }

  number(i: number): [unknown, number] | null {
    let j = i;
    const digit = (k: number) => k < this.s.length && this.s[k] >= '0' && this.s[k] <= '9';
    if (this.s[j] === '-') j++;
    if (this.s[j] === '0') j++;
    else if (digit(j) && this.s[j] !== '0') { while (digit(j)) j++; } else return null;
    let k = j;
    if (this.s[k] === '.' && digit(k + 1)) { k += 1; while (digit(k)) k++; j = k; }
    if ((this.s[j] === 'e' || this.s[j] === 'E')) {
      let e = j + 1;
      if (this.s[e] === '+' || this.s[e] === '-') e++;
      if (digit(e)) { while (digit(e)) e++; j = e; }
    }
    const text = this.s.slice(i, j).join('');
    const v = Number(text);
    // a float of integral value (`1.0`) or an int past 2^53: Python's repr() of it, for the container to mark
    if (/[.eE]/.test(text) ? Number.isInteger(v) : !Number.isSafeInteger(v)) this.exact = /[.eE]/.test(text) ? pyRepr(v, true) : BigInt(text).toString();
    return [v, j];
  }

  /** the exact text of the number value() read last, where a JavaScript number does not say it */
  exact: string | undefined;

  /** one item of a container: its value, marked there where it needs to be (py.ts markExact) */
  item(out: object, key: string | number, i: number, depth: number): [unknown, number] | null {
    this.exact = undefined;
    const v = this.value(i, depth);
    if (v && this.exact !== undefined && typeof v[0] === 'number') markExact(out, key, v[0], this.exact);
    this.exact = undefined;
    return v;
  }

  string(i: number): [string, number] {
    const begin = i - 1;
    let out = '';
    for (;;) {
      if (i >= this.s.length) throw new Fail('Unterminated string starting at', begin);
      const c = this.s[i];
      if (c === '"') return [out, i + 1];
      if (c === '\\') {
        const e = this.s[i + 1];
        if (e === undefined) throw new Fail('Unterminated string starting at', begin);
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e in simple) { out += simple[e]; i += 2; continue; }
        if (e !== 'u') throw new Fail('Invalid \\escape', i);
        const hex = this.s.slice(i + 2, i + 6).join('');
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail('Invalid \\uXXXX escape', i + 1);
        let cp = parseInt(hex, 16);
        i += 6;
        // a high surrogate followed by an escaped low one is one character
        if (cp >= 0xd800 && cp <= 0xdbff && this.s[i] === '\\' && this.s[i + 1] === 'u') {
          const hex2 = this.s.slice(i + 2, i + 6).join('');
          if (!/^[0-9a-fA-F]{4}$/.test(hex2)) throw new Fail('Invalid \\uXXXX escape', i + 1);
          const lo = parseInt(hex2, 16);
          if (lo >= 0xdc00 && lo <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i += 6; }
        }
        out += String.fromCodePoint(cp);
        continue;
      }
      if (c.codePointAt(0)! < 0x20) throw new Fail('Invalid control character at', i);
      out += c;
      i++;
    }
  }

  object(i: number, depth: number): [unknown, number] {
    const out: Record<string, unknown> = {};
    // the keys in the order first written (a JavaScript object puts index-like ones first)
    const order: string[] = [];
    i = this.ws(i);
    if (this.s[i] === '}') return [out, i + 1];
    for (;;) {
      if (this.s[i] !== '"') throw new Fail('Expecting property name enclosed in double quotes', i);
      const [key, afterKey] = this.string(i + 1);
      i = this.ws(afterKey);
      if (this.s[i] !== ':') throw new Fail("Expecting ':' delimiter", i);
      i = this.ws(i + 1);
      if (Object.hasOwn(out, key)) clearExact(out, key);
      else order.push(key);
      const v = this.item(out, key, i, depth + 1);
      if (!v) throw new Fail('Expecting value', i);
      Object.defineProperty(out, key, { value: v[0], enumerable: true, writable: true, configurable: true });
      i = this.ws(v[1]);
      if (this.s[i] === '}') { keepKeyOrder(out, order); return [out, i + 1]; }
      if (this.s[i] !== ',') throw new Fail("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }

  array(i: number, depth: number): [unknown, number] {
    const out: unknown[] = [];
    i = this.ws(i);
    if (this.s[i] === ']') return [out, i + 1];
    for (;;) {
      const v = this.item(out, out.length, i, depth + 1);
      if (!v) throw new Fail('Expecting value', i);
      out.push(v[0]);
      i = this.ws(v[1]);
      if (this.s[i] === ']') return [out, i + 1];
      if (this.s[i] !== ',') throw new Fail("Expecting ',' delimiter", i);
      i = this.ws(i + 1);
    }
  }
}

/** json.loads: `{value}` or `{error}` in Python's words (`<msg>: line L column C (char N)`) */
export function pyJsonLoads(text: string): { value: unknown } | { error: string } {
  const r = new Reader(text);
  try {
    const start = r.ws(0);
    const v = r.value(start, 0);
    if (!v) throw new Fail('Expecting value', start);
    const end = r.ws(v[1]);
    if (end !== r.s.length) throw new Fail('Extra data', end);
    return { value: v[0] };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    let line = 1;
    let last = -1;
    for (let k = 0; k < e.pos; k++) if (r.s[k] === '\n') { line++; last = k; }
    return { error: `${e.msg}: line ${line} column ${e.pos - last} (char ${e.pos})` };
  }
}
