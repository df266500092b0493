/**
 * The custom constraints of Heat 19.0.0 that check a value's form, not the cloud
 * (heat/engine/constraint/common_constraints.py, facts only): `ip_addr`, `mac_addr`, `dns_name`,
 * `dns_domain`, `rel_dns_name`, `iso_8601`, `net_cidr` and `ip_or_cidr` (netaddrNetwork.ts),
 * `timezone` (the host's tzdata names, tzNames.ts), `cron_expression` (cronExpression.ts) and
 * `expiration` (decided when it does not parse, or is surely past). Each answers null (the value passes), the words Heat
 * sets as the constraint's `_error_message` (or '' when it sets none: "Error validating value"
 * alone), or undefined when bdm-lab cannot decide (the caller keeps its note).
 *
 * The libraries they call, as Debian bookworm ships them: neutron-lib's validate_ip_address and
 * validate_subnet (netaddr 0.8.0 with ZEROFILL then inet_aton for IPv4, glibc's inet_pton for
 * IPv6), netaddr's EUI-48 formats, Heat's own DNS label rules, iso8601 1.x's parse_date and
 * datetime's ranges. Every check here is one pass over the value.
 */
import { isPySpace, pyStrRepr } from '../../parse/pyrepr';
import { cronExpression } from './cronExpression';
import { netCidr, validateSubnet } from './netaddrNetwork';
import { TZ_LOWER } from './tzNames';

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
const ISO8601 = /^(?<year>[0-9]{4})(?:(?:-(?<monthdash>[0-9]{1,2})|(?<month>[0-9]{2})(?!\n?$))(?:(?:-(?<daydash>[0-9]{1,2})|(?<day>[0-9]{2}))(?:[ T](?<hour>[0-9]{2})(?::?(?<minute>[0-9]{2}))?(?::?(?<second>[0-9]{1,2})(?:[.,](?<fraction>[0-9]+))?)?(?<tz>Z|(?<tzSign>[-+])(?<tzHour>[0-9]{2}):?(?<tzMinute>[0-9]{2})?)?)?)?)?(?=\n?$)/;

/** Python's repr of a timedelta of whole seconds */
function timedeltaRepr(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const fields = [days ? `days=${days}` : '', rest ? `seconds=${rest}` : ''].filter(Boolean);
  return `datetime.timedelta(${fields.length ? fields.join(', ') : '0'})`;
}

const daysInMonth = (year: number, month: number): number => {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
};

/** days from 0001-01-01 to a date (proleptic Gregorian) */
function ordinal(y: number, m: number, d: number): number {
  const yb = y - 1;
  let days = yb * 365 + Math.floor(yb / 4) - Math.floor(yb / 100) + Math.floor(yb / 400);
  for (let k = 1; k < m; k++) days += daysInMonth(y, k);
  return days + d - 1;
}

/**
 * oslo.utils' parse_isotime (iso8601 1.0.2's parse_date, datetime's checks in its order: the zone
 * first, as it is an argument): the instant in seconds from 0001-01-01T00:00 UTC with the zone's
 * offset, or the text of the ValueError it raises
 */
export function parseIsoTime(value: string): { local: number; offset: number } | { error: string } {
  const m = ISO8601.exec(value);
  if (!m) return { error: `Unable to parse date string ${pyStrRepr(value)}` };
  const g = m.groups!;
  const n = (x: string | undefined, d: number): number => (x === undefined ? d : Number(x));
  let offset = 0;
  if (g.tz !== undefined && g.tz !== 'Z') {
    offset = (n(g.tzHour, 0) * 3600 + n(g.tzMinute, 0) * 60) * (g.tzSign === '-' ? -1 : 1);
    if (Math.abs(offset) >= 86400) return { error: `offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${timedeltaRepr(offset)}.` };
  }
  const year = n(g.year, 0);
  const month = n(g.month ?? g.monthdash, 1);
  const day = n(g.day ?? g.daydash, 1);
  const hour = n(g.hour, 0);
  const minute = n(g.minute, 0);
  const second = n(g.second, 0);
  if (year < 1) return { error: `year ${year} is out of range` };
  if (month < 1 || month > 12) return { error: 'month must be in 1..12' };
  if (day < 1 || day > daysInMonth(year, month)) return { error: 'day is out of range for month' };
  if (hour > 23) return { error: 'hour must be in 0..23' };
  if (minute > 59) return { error: 'minute must be in 0..59' };
  if (second > 59) return { error: 'second must be in 0..59' };
  // Decimal('0.f') * 1000000 at 28 digits: 28 nines and then a digit of 5 or more round to 1000000
  if (g.fraction !== undefined && /^9{28}[5-9]/.test(g.fraction)) return { error: 'microsecond must be in 0..999999' };
  return { local: ordinal(year, month, day) * 86400 + hour * 3600 + minute * 60 + second, offset };
}

/** iso8601.parse_date: whether it returns a datetime */
export function parsesIso8601(value: string): boolean {
  return !('error' in parseIsoTime(value));
}

/** the last second datetime holds (9999-12-31T23:59:59), from 0001-01-01 */
const MAX_SECOND = ordinal(9999, 12, 31) * 86400 + 86399;
/**
 * An instant every run of this code comes after (2026-12-01T00:00:00 UTC): an expiration at or
 * before it is out of date whatever the clock says; a later one depends on the time the stack is
 * made, which the pure core does not read.
 */
const SURELY_PAST = ordinal(2026, 12, 1) * 86400;

/** Python's str.strip() */
function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Heat's ExpirationConstraint: its `_error_message`, null, or undefined when only the clock decides */
function expiration(value: string): string | null | undefined {
  if (!value) return null;
  const t = parseIsoTime(pyStrip(value));
  const invalid = (why: string) => `Expiration ${value} is invalid: ${why}`;
  if ('error' in t) return invalid(t.error);
  // normalize_time: the naive time less the offset, within datetime's years (a fraction of the
  // last second is dropped: it cannot move an instant across 9999-12-31T23:59:59 that a whole second did not)
  const utc = t.local - t.offset;
  if (utc < 0 || utc > MAX_SECOND) return invalid('date value out of range');
  return utc < SURELY_PAST ? invalid('Expiration time is out of date.') : undefined;
}

/**
 * pytz 2022.7.1's timezone() as Heat's `timezone` constraint calls it: UTC in any case, else an
 * ASCII name (`_plus_` and `_minus_` read as `+` and `-`) the host's tzdata has, in any case;
 * anything else is UnknownTimeZoneError, a KeyError whose text is the repr of the name looked up
 */
function timezone(value: string): string | null {
  if (!value || value.toUpperCase() === 'UTC') return null;
  if (/[^\x00-\x7f]/.test(value)) return `Invalid timezone: ${pyStrRepr(value)}`;
  const zone = value.split('_plus_').join('+').split('_minus_').join('-');
  return TZ_LOWER.has(zone.toLowerCase()) ? null : `Invalid timezone: ${pyStrRepr(zone)}`;
}

/** the form constraints bdm-lab decides, at least in part */
export const FORM_DECIDED = new Set(['ip_addr', 'mac_addr', 'dns_name', 'dns_domain', 'rel_dns_name', 'iso_8601', 'net_cidr', 'ip_or_cidr', 'timezone', 'cron_expression', 'expiration']);

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
    case 'net_cidr': return netCidr(value);
    case 'ip_or_cidr': return value.includes('/') ? validateSubnet(value) : validateIpAddress(value);
    case 'timezone': return timezone(value);
    case 'cron_expression': return cronExpression(value);
    case 'expiration': return expiration(value);
    default: return undefined;
  }
}

/** an AttributeError a form check raises and does not catch (a str method on a value that is no text) */
export interface FormRaises { attributeError: string }

/** a value that is no text, as a form check sees it: Python's type name, truth and str() */
export interface NonText {
  type: 'int' | 'float' | 'bool' | 'list' | 'dict';
  truthy: boolean;
  /** str() of the value */
  text: string;
  /** `'/' in value`: a list with an item '/', a dict with a key '/' */
  hasSlash: boolean;
}

/**
 * One form constraint on a value that is not a text (a number or boolean written as a default, a
 * comma_delimited_list's list of strings, a list or map written as a default), as Heat 19's
 * common_constraints.py answers it: null, the `_error_message` ('' for none), the AttributeError
 * that escapes the check, or undefined when bdm-lab does not decide.
 */
export function formConstraintOnValue(name: string, v: NonText): string | null | FormRaises | undefined {
  const noAttr = (attr: string): string => `'${v.type}' object has no attribute '${attr}'`;
  switch (name) {
    // not a str: refused before any parsing
    case 'ip_addr': return 'Invalid IP address';
    // netaddr's EUI-48 check says no to anything but a text
    case 'mac_addr': return 'Invalid MAC address.';
    // the DNS checks pass a false value (`if not value`), then call str.endswith, whose
    // AttributeError they do not catch
    case 'dns_name': case 'rel_dns_name': case 'dns_domain': return v.truthy ? { attributeError: noAttr('endswith') } : null;
    // iso8601's regex on anything but a text: a TypeError, taken as a failure without words
    case 'iso_8601': return '';
    // IPNetwork's TypeError on the value's type, false or not
    case 'net_cidr': return `Invalid net cidr unexpected type <class '${v.type}'> for addr arg `;
    case 'ip_or_cidr':
      // `'/' in value` is a TypeError on a number or boolean (caught: Heat's own words); a list or
      // dict answers it, and neutron-lib's check then fails on the container
      if (v.type !== 'list' && v.type !== 'dict') return `${v.text} is not a valid IP or CIDR`;
      return v.hasSlash ? `'${v.text}' is not a valid IP subnet` : `'${v.text}' is not a valid IP address`;
    // a false value passes (`if not value`); otherwise the str method the library calls first
    case 'timezone': return v.truthy ? `Invalid timezone: ${noAttr('upper')}` : null;
    case 'cron_expression': return v.truthy ? `Invalid CRON expression: ${noAttr('lower')}` : null;
    case 'expiration': return v.truthy ? `Expiration ${v.text} is invalid: ${noAttr('strip')}` : null;
    default: return undefined;
  }
}
