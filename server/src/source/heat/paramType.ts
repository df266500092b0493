/**
 * A HOT parameter's value as its type makes it (heat/engine/parameters.py; facts only), and the
 * template error Heat raises for a value of the wrong kind.
 */
import type { Span } from '../../text/span';
import { asciiDigits, bytesAscii, exactAt, holdsUnorderedSet, isPyBytes, isPySet, jsonRefusedType, pyRepr, pyStr } from './py';
import { pyJsonLoads } from './pyJson';

export class TemplateError extends Error {
  constructor(message: string, readonly span: Span) {
    super(message);
  }
}

/** bdm-lab's own bound on reading a template (depth, size): not Heat's verdict */
export class TemplateLimit extends TemplateError {}

const DIGITS = String.raw`\d(?:_?\d)*`;
const PY_NUMBER = new RegExp(String.raw`^[+-]?(?:(?:(?:${DIGITS})?\.${DIGITS}|${DIGITS}\.?)(?:[eE][+-]?${DIGITS})?|inf(?:inity)?|nan)$`, 'i');

/** A parameter's value as Heat's parameter type makes it. */
export function byType(type: string, raw: unknown, name: string, span: Span): unknown {
  // a set's str() in an order Python's string hashing decides (py.ts setOrder): not bdm-lab's to guess
  if ((type === 'string' || type === 'boolean') && holdsUnorderedSet(raw)) throw new TemplateLimit(`parameter '${name}' holds a set of several members whose order Heat's Python decides per process; bdm-lab does not guess it`, span);
  switch (type) {
    case 'number': {
      // a number (a YAML bool too: Python's bool is a number) is the value as it is
      if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
      if (isPySet(raw)) throw new TemplateError(`Parameter '${name}' is invalid: int() argument must be a string, a bytes-like object or a real number, not 'set'`, span);
      // bytes: int() and float() read their ASCII text
      const text = isPyBytes(raw) ? bytesAscii(raw) : String(raw);
      if (text === null) throw new TemplateError(`Parameter '${name}' is invalid: could not convert string to float: ${pyRepr(raw)}`, span);
      const s = asciiDigits(text).trim();
      if (/^[+-]?\d+$/.test(s)) return Number(s);
      if (s !== '' && !Number.isNaN(Number(s))) return Number(s);
      // Python's int() and float() also read digits grouped by underscores, nan and inf
      if (PY_NUMBER.test(s)) {
        const t = s.replace(/_/g, '').toLowerCase();
        return t.includes('nan') ? NaN : t.includes('inf') ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
      }
      throw new TemplateError(`Parameter '${name}' is invalid: could not convert string to float: ${isPyBytes(raw) ? pyRepr(raw) : `'${String(raw)}'`}`, span);
    }
    case 'boolean': {
      const s = pyStr(raw).trim().toLowerCase();
      if (['1', 't', 'true', 'on', 'y', 'yes'].includes(s)) return true;
      if (['0', 'f', 'false', 'off', 'n', 'no'].includes(s)) return false;
      throw new TemplateError(`Parameter '${name}' is invalid: Unrecognized value '${pyStr(raw)}', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'`, span);
    }
    case 'comma_delimited_list':
      if (isPyBytes(raw)) throw new TemplateError("a bytes-like object is required, not 'str'", span);
      if (isPySet(raw)) throw new TemplateError(`Parameter '${name}' is invalid: Value must be a comma-delimited list string: 'set' object has no attribute 'split'`, span);
      if (Array.isArray(raw)) return raw.map((x, i) => (typeof x === 'number' && exactAt(raw, i)) || pyStr(x));
      return String(raw ?? '') === '' ? [] : String(raw).split(',');
    case 'json':
      if (typeof raw === 'string') {
        // Python's json (NaN and Infinity read; '' stays '')
        if (!raw) return raw;
        const j = pyJsonLoads(raw);
        if ('error' in j) throw new TemplateError(`Parameter '${name}' is invalid: Value must be valid JSON: ${j.error}`, span);
        return j.value;
      }
      {
        const refused = jsonRefusedType(raw);
        if (refused) throw new TemplateError(`Parameter '${name}' is invalid: Value must be valid JSON: Object of type ${refused} is not JSON serializable`, span);
      }
      return raw ?? {};
    default:
      return pyStr(raw);
  }
}

