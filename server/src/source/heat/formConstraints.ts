/**
 * The custom constraints of Heat 19.0.0 that check a value's form, not the cloud
 * (heat/engine/constraint/common_constraints.py, facts only): `ip_addr`, `mac_addr`, `dns_name`,
 * `dns_domain`, `rel_dns_name`, `iso_8601`, and of `net_cidr` and `ip_or_cidr` what can be told
 * without netaddr's whole IPNetwork reader. Each answers null (the value passes), the words Heat
 * sets as the constraint's `_error_message` (or '' when it sets none: "Error validating value"
 * alone), or undefined when bdm-lab cannot decide (the caller keeps its note).
 *
 * The libraries they call, as Debian bookworm ships them: neutron-lib's validate_ip_address and
 * validate_subnet (netaddr 0.8.0 with ZEROFILL then inet_aton for IPv4, glibc's inet_pton for
 * IPv6), netaddr's EUI-48 formats, Heat's own DNS label rules, iso8601 1.x's parse_date and
 * datetime's ranges. Every check here is one pass over the value.
 */
import { isPySpace } from '../../parse/pyrepr';

/** Python's str.isspace for ASCII (\t\n\v\f\r, the four separators \x1c-\x1f, space) */
const isPySpaceAscii = (c: number): boolean => c < 0x80 && isPySpace(c);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function hexValue(c: number): number {
  if (isDigit(c)) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Python's int() of one ASCII text (whitespace already refused): the value, or null when int() raises */
function pyIntAscii(s: string): number | null {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; i = 1; }
  if (i >= s.length) return null;
  let v = 0;
  let prevDigit = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) { v = Math.min(v * 10 + (c - 48), 1e9); prevDigit = true; continue; }
    // one underscore between digits
    if (c === 95 && prevDigit && i + 1 < s.length && isDigit(s.charCodeAt(i + 1))) { prevDigit = false; continue; }
    return null;
  }
  return neg ? -v : v;
}

/** glibc's inet_pton4 on s[from, to): four decimal octets, no leading zero, each at most 255 */
function inetPton4(s: string, from: number, to: number): boolean {
  let octets = 0;
  let sawDigit = false;
  let cur = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (sawDigit && cur === 0) return false;
      cur = cur * 10 + (c - 48);
      if (cur > 255) return false;
      if (!sawDigit) { if (++octets > 4) return false; sawDigit = true; }
    } else if (c === 46 && sawDigit) {
      if (octets === 4) return false;
      cur = 0;
      sawDigit = false;
    } else return false;
  }
  return octets >= 4;
}

/** glibc's inet_pton6 (what Python's socket.inet_pton(AF_INET6) asks): a NUL or any other byte fails */
function inetPton6(s: string): boolean {
  const end = s.length;
  if (end === 0) return false;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (end < 2 || s.charCodeAt(1) !== 58) return false;
    i = 1;
  }
  let bytes = 0;
  let colon = false;
  let xdigits = 0;
  let curtok = i;
  while (i < end) {
    const c = s.charCodeAt(i++);
    if (hexValue(c) >= 0) {
      if (xdigits === 4) return false;
      xdigits++;
      continue;
    }
    if (c === 58) {
      curtok = i;
      if (xdigits === 0) {
        if (colon) return false;
        colon = true;
        continue;
      } else if (i === end) return false;
      if (bytes + 2 > 16) return false;
      bytes += 2;
      xdigits = 0;
      continue;
    }
    if (c === 46 && bytes + 4 <= 16 && inetPton4(s, curtok, end)) {
      bytes += 4;
      xdigits = 0;
      break;
    }
    return false;
  }
  if (xdigits > 0) {
    if (bytes + 2 > 16) return false;
    bytes += 2;
  }
  if (colon) return bytes !== 16;
  return bytes === 16;
}

/**
 * neutron-lib's validate_ip_address: null, or its message; undefined for a text int() may read
 * with digits other than ASCII ones (bdm-lab does not hold Unicode's digit values)
 */
export function validateIpAddress(data: string): string | null | undefined {
  const notValid = `'${data}' is not a valid IP address`;
  for (let i = 0; i < data.length; i++) if (isPySpaceAscii(data.charCodeAt(i))) return notValid;
  if (data.includes(':')) {
    // IPv4 with ZEROFILL cannot read it; glibc's inet_pton for IPv6 decides
    for (let i = 0; i < data.length; i++) if (data.charCodeAt(i) > 127) return notValid;
    return inetPton6(data) ? null : notValid;
  }
  // a non-ASCII text: whitespace is refused, a digit int() reads is not decided, anything else fails int()
  if (/[^\x00-\x7f]/.test(data)) return /\p{Nd}/u.test(data) || /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(data) ? undefined : notValid;
  // ZEROFILL: every dotted part through int(), then inet_aton; then exactly three dots
  const parts = data.split('.');
  const nums: number[] = [];
  for (const p of parts) {
    const n = pyIntAscii(p);
    if (n === null) return notValid;
    nums.push(n);
  }
  if (nums.length > 4 || nums.some((n) => n < 0)) return notValid;
  // inet_aton: the last part fills the bytes left
  const last = nums[nums.length - 1];
  if (nums.slice(0, -1).some((n) => n > 255) || last >= 256 ** (5 - nums.length)) return notValid;
  if (parts.length !== 4) return notValid;
  const canonical = nums.join('.');
  return canonical === data ? null : `'${data}' is not an accepted IP address, '${canonical}' is recommended`;
}

/** netaddr.valid_mac (EUI-48 formats, any case; `$` also before a final newline) */
export function validMac(value: string): boolean {
  const s = value.endsWith('\n') ? value.slice(0, -1) : value;
  const groups = (sep: string, n: number, min: number, max: number): boolean => {
    const g = s.split(sep);
    return g.length === n && g.every((x) => x.length >= min && x.length <= max && [...x].every((c) => hexValue(c.charCodeAt(0)) >= 0));
  };
  return groups(':', 6, 1, 2) || groups('-', 6, 1, 2)
    || groups(':', 3, 1, 4) || groups('-', 3, 1, 4) || groups('.', 3, 1, 4)
    || groups('-', 2, 5, 6) || groups(':', 2, 5, 6)
    || groups('\u0000', 1, 11, 12);
}

const FQDN_MAX_LEN = 255;
const DNS_LABEL_MAX_LEN = 63;

/** a Python `re.match(...$)` on a text: the text without one final newline */
const beforeFinalNewline = (s: string): string => (s.endsWith('\n') ? s.slice(0, -1) : s);
const pyLen = (s: string): number => [...s].length;

/** Heat's validate_dns_format: null or its reason */
function dnsFormat(data: string): string | null {
  if (!data) return null;
  const trimmed = data.endsWith('.') ? data.slice(0, -1) : data;
  if (pyLen(trimmed) > FQDN_MAX_LEN) return `'${trimmed}' exceeds the ${FQDN_MAX_LEN} character FQDN limit`;
  const names = trimmed.split('.');
  for (const name of names) {
    if (!name) return 'Encountered an empty component.';
    if (name.endsWith('-') || name.startsWith('-')) return `Name '${name}' must not start or end with a hyphen.`;
    const body = beforeFinalNewline(name);
    if (body.length < 1 || body.length > DNS_LABEL_MAX_LEN || !/^[a-z0-9-]+$/.test(body)) return `Name '${name}' must be 1-${DNS_LABEL_MAX_LEN} characters long, each of which can only be alphanumeric or a hyphen.`;
  }
  const tld = beforeFinalNewline(names[names.length - 1]);
  if (data.endsWith('.') && names.length > 1 && /^[0-9]+$/.test(tld)) return `TLD '${names[names.length - 1]}' must not be all numeric.`;
  return null;
}

function dnsName(value: string): string | null {
  const reason = dnsFormat(value);
  return reason === null ? null : `'${value}' not in valid format. Reason: ${reason}`;
}

function relDnsName(value: string): string | null {
  if (!value) return null;
  if (value.endsWith('.')) return `'${value}' is a FQDN. It should be a relative domain name.`;
  const length = pyLen(value);
  if (length > FQDN_MAX_LEN - 3) return `'${value}' contains '${length}' characters. Adding a domain name will cause it to exceed the maximum length of a FQDN of '${FQDN_MAX_LEN}'.`;
  return dnsName(value);
}

function dnsDomain(value: string): string | null {
  if (!value) return null;
  const e = dnsName(value);
  if (e !== null) return e;
  return value.endsWith('.') ? null : `'${value}' must end with '.'.`;
}

/** iso8601's ISO8601_REGEX as re.match reads it (Python's `$`: the end, or before a final newline) */
const ISO8601 = /^(?<year>[0-9]{4})(?:(?:-(?<monthdash>[0-9]{1,2})|(?<month>[0-9]{2})(?!\n?$))(?:(?:-(?<daydash>[0-9]{1,2})|(?<day>[0-9]{2}))(?:[ T](?<hour>[0-9]{2})(?::?(?<minute>[0-9]{2}))?(?::?(?<second>[0-9]{1,2})(?:[.,][0-9]+)?)?(?:Z|[-+](?<tzHour>[0-9]{2}):?(?<tzMinute>[0-9]{2})?)?)?)?)?(?=\n?$)/;

/** iso8601.parse_date: whether it returns a datetime (datetime's ranges, a zone under 24 hours) */
export function parsesIso8601(value: string): boolean {
  const m = ISO8601.exec(value);
  if (!m) return false;
  const g = m.groups!;
  const n = (x: string | undefined, d: number): number => (x === undefined ? d : Number(x));
  const year = n(g.year, 0);
  const month = n(g.month ?? g.monthdash, 1);
  const day = n(g.day ?? g.daydash, 1);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > dim || n(g.hour, 0) > 23 || n(g.minute, 0) > 59 || n(g.second, 0) > 59) return false;
  return n(g.tzHour, 0) * 60 + n(g.tzMinute, 0) < 24 * 60;
}

/** a canonical IPv4 text: four decimal octets without leading zeros, each at most 255 */
function canonicalIpv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/**
 * netaddr's IPNetwork and validate_subnet where bdm-lab reads them: a canonical IPv4 address or an
 * IPv6 one (with a colon, as inet_pton reads it), a slash and a prefix length in plain decimal: it
 * passes within the version's bits, else IPNetwork refuses it (`net_cidr` in its own words, through
 * validate_subnet for `ip_or_cidr`); a canonical IPv4 address without a slash is not a cidr
 * (`net_cidr`). undefined otherwise (netaddr's other forms and its recommended cidr are not read here)
 */
function subnet(value: string, netCidr: boolean): string | null | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return netCidr && canonicalIpv4(value) ? `'${value}' isn't a recognized IP subnet cidr, '${value}/32' is recommended` : undefined;
  if (value.indexOf('/', slash + 1) >= 0) return undefined;
  const addr = value.slice(0, slash);
  const len = value.slice(slash + 1);
  if (!/^(?:0|[1-9][0-9]{0,2})$/.test(len)) return undefined;
  const refused = netCidr ? `Invalid net cidr invalid IPNetwork ${value} ` : `'${value}' is not a valid IP subnet`;
  if (canonicalIpv4(addr)) return Number(len) <= 32 ? null : refused;
  if (addr.includes(':') && !/[^\x21-\x7e]/.test(addr) && inetPton6(addr)) return Number(len) <= 128 ? null : refused;
  return undefined;
}

/** the form constraints bdm-lab decides, at least in part */
export const FORM_DECIDED = new Set(['ip_addr', 'mac_addr', 'dns_name', 'dns_domain', 'rel_dns_name', 'iso_8601', 'net_cidr', 'ip_or_cidr']);

/**
 * One form constraint on a string value: null when it passes, the `_error_message` Heat sets when
 * it fails ('' for none), undefined when bdm-lab cannot decide.
 */
export function formConstraint(name: string, value: string): string | null | undefined {
  switch (name) {
    case 'ip_addr': {
      const r = validateIpAddress(value);
      return r === undefined ? undefined : r === null ? null : 'Invalid IP address';
    }
    case 'mac_addr': return validMac(value) ? null : 'Invalid MAC address.';
    case 'dns_name': return dnsName(value);
    case 'dns_domain': return dnsDomain(value);
    case 'rel_dns_name': return relDnsName(value);
    case 'iso_8601': return parsesIso8601(value) ? null : '';
    case 'net_cidr': return subnet(value, true);
    case 'ip_or_cidr': return value.includes('/') ? subnet(value, false) : validateIpAddress(value);
    default: return undefined;
  }
}
