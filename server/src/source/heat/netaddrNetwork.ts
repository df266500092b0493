/**
 * netaddr 0.8.0's IPNetwork (with and without `implicit_prefix`) and neutron-lib's validate_subnet,
 * as Heat 19's `net_cidr` and `ip_or_cidr` constraints call them (Debian bookworm's versions;
 * facts read from their code and checked by running them):
 *
 * - with `implicit_prefix`, an IPv4 text without a colon is first widened by the old classful
 *   rules (`10` is `10.0.0.0/8`, `192.168` is `192.168.0.0/24`, `10/16` is `10.0.0.0/16`); a first
 *   octet past 0..255 there raises IndexError "Invalid octet: N!" out of IPNetwork;
 * - the address before the first `/` is read as IPv4 by inet_pton, else as a partial IPv4 (each
 *   dotted part through Python's int(), one to four parts, zeros added), else as IPv6 by inet_pton;
 * - what follows the `/` is a prefix length through int(), else a netmask or hostmask of the same
 *   version (a second `/` there raises IPAddress's ValueError out of IPNetwork); the prefix must be
 *   within the version's bits; nothing read is "invalid IPNetwork {value}";
 * - validate_subnet refuses white space and what IPNetwork refuses ("'v' is not a valid IP
 *   subnet"), and recommends the network's cidr when the value has no `/` or, for IPv4, is not
 *   written as str(IPNetwork) writes it (inet_ntop's IPv6 spelling for IPv6).
 *
 * Only ASCII values are read here (undefined otherwise: Python's int() takes other digits and
 * white space).
 */
import { isPySpace } from '../../parse/pyrepr';

interface Net { version: 4 | 6; value: bigint; prefix: number }
/** an AddrFormatError (caught between the two versions) */
class AddrFormat {}
/** another exception, out of IPNetwork as it is */
class Raised { constructor(readonly message: string) {} }

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** sys.get_int_max_str_digits() on Python 3.11: int() of a longer decimal text is a ValueError */
export const MAX_INT_DIGITS = 4300;

/** Python's int() of an ASCII text: a bigint, or null when int() raises */
export function pyIntText(text: string): bigint | null {
  let a = 0;
  let b = text.length;
  while (a < b && isPySpace(text.charCodeAt(a))) a++;
  while (b > a && isPySpace(text.charCodeAt(b - 1))) b--;
  let s = text.slice(a, b);
  let neg = false;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; s = s.slice(1); }
  // digits, one underscore between two digits; Python 3.11 refuses more than 4300 digits
  if (!/^[0-9]+(?:_[0-9]+)*$/.test(s)) return null;
  const digits = s.replace(/_/g, '');
  if (digits.length > MAX_INT_DIGITS) return null;
  const v = BigInt(digits);
  return neg ? -v : v;
}

/** glibc's inet_pton4: the address, or null */
function pton4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return null;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

const hex = (c: number): number => (isDigit(c) ? c - 48 : (c | 0x20) >= 97 && (c | 0x20) <= 102 ? (c | 0x20) - 87 : -1);

/** glibc's inet_pton6: the address, or null */
function pton6(s: string): bigint | null {
  const end = s.length;
  if (end === 0) return null;
  const words: number[] = [];
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (end < 2 || s.charCodeAt(1) !== 58) return null;
    i = 1;
  }
  let gap = -1;
  let cur = 0;
  let xdigits = 0;
  let curtok = i;
  while (i < end) {
    const c = s.charCodeAt(i++);
    const h = hex(c);
    if (h >= 0) {
      if (xdigits === 4) return null;
      cur = (cur << 4) | h;
      xdigits++;
      continue;
    }
    if (c === 58) {
      curtok = i;
      if (xdigits === 0) {
        if (gap >= 0) return null;
        gap = words.length;
        continue;
      } else if (i === end) return null;
      if (words.length + 1 > 8) return null;
      words.push(cur);
      cur = 0;
      xdigits = 0;
      continue;
    }
    if (c === 46 && words.length + 2 <= 8) {
      const v4 = pton4(s.slice(curtok));
      if (v4 === null) return null;
      words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      xdigits = 0;
      i = end;
      break;
    }
    return null;
  }
  if (xdigits > 0) {
    if (words.length + 1 > 8) return null;
    words.push(cur);
  }
  if (gap >= 0) {
    if (words.length === 8) return null;
    words.splice(gap, 0, ...new Array<number>(8 - words.length).fill(0));
  }
  if (words.length !== 8) return null;
  return words.reduce((v, w) => (v << 16n) | BigInt(w), 0n);
}

/** glibc's inet_ntop for IPv6 (what Python's socket.inet_ntop, so netaddr, writes) */
function ntop6(value: bigint): string {
  const w: number[] = [];
  for (let k = 7; k >= 0; k--) w.push(Number((value >> BigInt(16 * k)) & 0xffffn));
  let best = { base: -1, len: 0 };
  let cur = { base: -1, len: 0 };
  for (let k = 0; k < 8; k++) {
    if (w[k] === 0) {
      if (cur.base === -1) cur = { base: k, len: 1 };
      else cur.len++;
    } else if (cur.base !== -1) {
      if (best.base === -1 || cur.len > best.len) best = cur;
      cur = { base: -1, len: 0 };
    }
  }
  if (cur.base !== -1 && (best.base === -1 || cur.len > best.len)) best = cur;
  if (best.base !== -1 && best.len < 2) best = { base: -1, len: 0 };
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (best.base !== -1 && k >= best.base && k < best.base + best.len) {
      if (k === best.base) out += ':';
      continue;
    }
    if (k !== 0) out += ':';
    if (k === 6 && best.base === 0 && (best.len === 6 || (best.len === 5 && w[5] === 0xffff))) {
      out += `${w[6] >> 8}.${w[6] & 0xff}.${w[7] >> 8}.${w[7] & 0xff}`;
      return out;
    }
    out += w[k].toString(16);
  }
  if (best.base !== -1 && best.base + best.len === 8) out += ':';
  return out;
}

const v4Text = (v: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');

const classful = (octet: bigint): number => (octet <= 127n ? 8 : octet <= 191n ? 16 : octet <= 223n ? 24 : octet <= 239n ? 4 : 32);

/** cidr_abbrev_to_verbose: the text IPNetwork reads next (throws Raised for an octet out of range) */
function abbrevToVerbose(s: string): string {
  if (s.includes(':') || s === '') return s;
  const i = pyIntText(s);
  if (i !== null) return i >= 0n && i <= 255n ? `${i}.0.0.0/${classful(i)}` : s;
  let part = s;
  let prefix: string | null = null;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    part = s.slice(0, slash);
    prefix = s.slice(slash + 1);
    const p = pyIntText(prefix);
    if (p === null || p < 0n || p > 32n) return s;
  }
  const tokens = part.split('.');
  if (tokens.length > 4) return s;
  while (tokens.length < 4) tokens.push('0');
  if (prefix === null) {
    const first = pyIntText(tokens[0]);
    if (first === null) return s;
    // raised inside the ValueError handler, so not caught by the IndexError clause beside it
    if (first < 0n || first > 255n) throw new Raised(`Invalid octet: ${first}!`);
    prefix = String(classful(first));
  }
  return `${tokens.join('.')}/${prefix}`;
}

/** expand_partial_address then inet_pton: the IPv4 address, or null */
function partial4(s: string): bigint | null {
  if (s.includes(':')) return null;
  const parts = s.includes('.') ? s.split('.') : [s];
  const nums: bigint[] = [];
  for (const p of parts) {
    const n = pyIntText(p);
    if (n === null) return null;
    nums.push(n);
  }
  if (nums.length < 1 || nums.length > 4) return null;
  while (nums.length < 4) nums.push(0n);
  return pton4(nums.map(String).join('.'));
}

/** the prefix a mask stands for (netmask first, then hostmask), or null */
function maskPrefix(mask: bigint, width: number): number | null {
  const max = (1n << BigInt(width)) - 1n;
  const isPow2 = (x: bigint) => (x & (x - 1n)) === 0n;
  const bits = (x: bigint): number => x.toString(2).length - 1;
  if (isPow2((mask ^ max) + 1n)) return width - bits((mask ^ max) + 1n);
  if (isPow2(mask + 1n)) return width - bits(mask + 1n);
  return null;
}

/** parse_ip_network for one version: throws AddrFormat or Raised */
function parseNetwork(version: 4 | 6, addr: string, implicit: boolean): Net {
  const width = version === 4 ? 32 : 128;
  const text = implicit ? abbrevToVerbose(addr) : addr;
  const slash = text.indexOf('/');
  const val1 = slash < 0 ? text : text.slice(0, slash);
  const val2 = slash < 0 ? null : text.slice(slash + 1);
  const value = version === 4 ? pton4(val1) ?? partial4(val1) : pton6(val1);
  if (value === null) throw new AddrFormat();
  let prefix: number;
  if (val2 === null) prefix = width;
  else {
    const n = pyIntText(val2);
    if (n !== null) prefix = n < -1n || n > 999n ? -1 : Number(n);
    else {
      if (val2.includes('/')) throw new Raised('IPAddress() does not support netmasks or subnet prefixes! See documentation for details.');
      const mask = version === 4 ? pton4(val2) : pton6(val2);
      const p = mask === null ? null : maskPrefix(mask, width);
      if (p === null) throw new AddrFormat();
      prefix = p;
    }
  }
  if (prefix < 0 || prefix > width) throw new AddrFormat();
  return { version, value, prefix };
}

/** IPNetwork(addr, implicit_prefix): the network, or the text of the exception it raises */
function ipNetwork(addr: string, implicit: boolean): Net | { error: string } {
  try {
    for (const version of [4, 6] as const) {
      try {
        return parseNetwork(version, addr, implicit);
      } catch (e) {
        if (!(e instanceof AddrFormat)) throw e;
      }
    }
    return { error: `invalid IPNetwork ${addr}` };
  } catch (e) {
    if (e instanceof Raised) return { error: e.message };
    throw e;
  }
}

/** str(IPNetwork) and str(IPNetwork.cidr) */
function netText(n: Net, cidr: boolean): string {
  const width = n.version === 4 ? 32 : 128;
  const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - n.prefix)) - 1n);
  const v = cidr ? n.value & mask : n.value;
  return `${n.version === 4 ? v4Text(v) : ntop6(v)}/${n.prefix}`;
}

const ascii = (s: string): boolean => !/[^\x00-\x7f]/.test(s);

/** neutron-lib's validate_subnet: null, its message, or undefined (not ASCII) */
export function validateSubnet(data: string): string | null | undefined {
  if (!ascii(data)) return undefined;
  const invalid = `'${data}' is not a valid IP subnet`;
  for (let i = 0; i < data.length; i++) if (isPySpace(data.charCodeAt(i))) return invalid;
  const net = ipNetwork(data, false);
  if ('error' in net) return invalid;
  if (!data.includes('/') || (net.version === 4 && netText(net, false) !== data)) return `'${data}' isn't a recognized IP subnet cidr, '${netText(net, true)}' is recommended`;
  return null;
}

/** Heat's CIDRConstraint (`net_cidr`): null, its `_error_message`, or undefined (not ASCII) */
export function netCidr(value: string): string | null | undefined {
  if (!ascii(value)) return undefined;
  const net = ipNetwork(value, true);
  if ('error' in net) return `Invalid net cidr ${net.error} `;
  return validateSubnet(value);
}
