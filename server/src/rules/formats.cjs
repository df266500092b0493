'use strict';
// Format checkers with the semantics of Nova's jsonschema FormatChecker
// (nova/api/validation/validators.py). Plain CommonJS so that the ajv code generated at
// build time can require it, and the TypeScript domain can import the same functions.
// Like Nova's, each checker accepts non-strings (the `type` keyword judges those).
const { PRINTABLE_RANGES, ZS_RANGES, union, clip, classText } = require('../text/unicode14.cjs');

/**
 * Nova's `uuid` format = oslo_utils.uuidutils.is_uuid_like: 32 hex digits (either case) once
 * every `urn:` and then every `uuid:` (case-sensitive, anywhere), the braces at either end (any
 * number, unpaired too) and every hyphen are removed. Nothing else is stripped: whitespace, a
 * trailing newline, `_`, a sign or non-ASCII digits make it false. The one UUID check of the
 * project: Nova uses this checker for a BDM's volume_id/snapshot_id/image_id, imageRef and
 * volumeAttachment.volumeId alike (parameter_types.volume_id), so the simulator's request check
 * (attach/request.ts) and the rules share it. test/fixtures/uuid/cases.json has Nova's labels.
 */
function uuid(s) {
  if (typeof s !== 'string') return true;
  // hex digits and hyphens only (almost every id): nothing to strip but the hyphens, so the
  // digits left are counted in place, with no string made
  if (HEX_AND_HYPHENS.test(s)) {
    let digits = 0;
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 45) digits++;
    return digits === 32;
  }
  const t = stripBraces(s.replace(/urn:/g, '').replace(/uuid:/g, '')).replace(/-/g, '');
  return /^[0-9a-fA-F]{32}$/.test(t);
}

/** Every `{` and `}` at either end removed (a loop: the pattern for the end took N² steps on a long run of braces). */
const HEX_AND_HYPHENS = /^[0-9a-fA-F-]*$/;

function stripBraces(s) {
  const brace = (c) => c === 123 || c === 125;
  let a = 0;
  let b = s.length;
  while (a < b && brace(s.charCodeAt(a))) a++;
  while (b > a && brace(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

// Nova's idea of printable, by unicodedata category: neither C* (control, format, surrogate,
// private use, unassigned) nor a line or paragraph separator (Zl, Zp); space separators (Zs) are
// printable. Nova builds its name and description regexes from the code points U+0000..U+FFFE
// only, so nothing past the BMP is printable. The categories are Unicode 14.0's, those of the
// Python Nova runs on (text/unicode14.cjs), not the JS engine's: a character assigned later is
// unassigned there, so not printable.
let novaTables;
/**
 * Nova's printable code points and the classes read from them (one scan of a precompiled class,
 * never a loop over a value's code points: a huge name split into an array of them took a second
 * and a gigabyte of garbage), built on first need: printable ASCII, nearly every value, needs none.
 * `notPrintable` finds what Nova's names refuse anywhere (not printable, or past the BMP; a lone
 * surrogate is a code point of Cs), `zs` tells a space separator (refused at a name's edges).
 */
function nova() {
  if (novaTables === undefined) {
    const ranges = clip(union(PRINTABLE_RANGES, ZS_RANGES), 0, 0xfffe);
    const printable = classText(ranges);
    const zs = classText(ZS_RANGES);
    novaTables = {
      ranges,
      printable,
      notPrintable: new RegExp(`[^${printable}]`, 'u'),
      zs: new RegExp(`^[${zs}]$`, 'u'),
      notZs: new RegExp(`[^${zs}]`, 'u'),
    };
  }
  return novaTables;
}
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * The part of a name Nova's regex judges: Python's `$` also matches just before a final newline,
 * so "web\n" passes as "web" does ("\n" alone does not: the newline is then the first character,
 * which the regexes refuse).
 */
function beforeFinalNewline(s) {
  return s.length > 1 && s.charCodeAt(s.length - 1) === 10 ? s.slice(0, -1) : s;
}

/** parameter_types.valid_name_regex: printable, no leading or trailing whitespace. */
function name(s) {
  if (typeof s !== 'string') return false; // Nova raises InvalidName for non-strings too
  s = beforeFinalNewline(s);
  // printable ASCII (the usual case, and fast on huge values): only the edges matter
  if (PRINTABLE_ASCII.test(s)) return s.length === 0 || (s[0] !== ' ' && s[s.length - 1] !== ' ');
  const t = nova();
  if (t.notPrintable.test(s)) return false;
  // every code point is printable and in the BMP: each is one UTF-16 unit
  if (s.length === 0) return true;
  return !t.zs.test(s[0]) && !t.zs.test(s[s.length - 1]);
}

/** valid_name_leading_trailing_spaces_regex: printable with at least one non-space. */
function nameWithSpaces(s) {
  if (typeof s !== 'string') return false;
  s = beforeFinalNewline(s);
  if (PRINTABLE_ASCII.test(s)) return /[^ ]/.test(s);
  const t = nova();
  return !t.notPrintable.test(s) && t.notZs.test(s);
}

let descriptionJs;
/**
 * parameter_types.description's pattern as bdm-lab compiles it (the source of a RegExp with the
 * `u` flag; scripts/compile-schemas.mjs): any number of Nova's printable code points.
 */
function descriptionPattern() {
  return (descriptionJs ??= `^[${nova().printable}]*$`);
}
/** the characters Python's re.escape (3.7 and later) writes with a backslash */
const RE_ESCAPED = new Set(Array.from('()[]{}?*+-|^$\\.&~# \t\n\r\v\f', (c) => c.charCodeAt(0)));
let descriptionPython;
/**
 * The same pattern as Nova's schema spells it, which jsonschema quotes whole in a refusal: one
 * class of every run of printable code points below U+FFFF, written as its first character, then
 * `-` and its last when the run is longer than one, each end escaped as re.escape does.
 */
function descriptionPatternPython() {
  if (descriptionPython === undefined) {
    const ch = (cp) => (RE_ESCAPED.has(cp) ? '\\' : '') + String.fromCharCode(cp);
    let body = '';
    for (const [a, b] of nova().ranges) body += a === b ? ch(a) : `${ch(a)}-${ch(b)}`;
    descriptionPython = `^[${body}]*$`;
  }
  return descriptionPython;
}

/**
 * Nova's base64 format: oslo base64.decode_as_bytes, Python's non-strict b64decode, which skips
 * characters outside the alphabet and stops at the padding that ends a quad; it fails only when
 * the data characters do not end on a whole quad ("Incorrect padding"). A non-ASCII string fails
 * too, but in Nova the checker raises there instead (base64Raises; schema.ts makes it the 500).
 */
function base64(s) {
  if (typeof s !== 'string') return true;
  let quad = 0;
  let pads = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return false;
    if (c === 61) {
      // '='
      if (quad >= 2 && quad + ++pads >= 4) return true;
      continue;
    }
    if (!B64[c]) continue;
    pads = 0;
    quad = (quad + 1) % 4;
  }
  return quad === 0;
}
/** decode_as_bytes reads the text as ASCII: any other character raises UnicodeDecodeError */
function base64Raises(s) {
  return typeof s === 'string' && /[^\x00-\x7f]/.test(s);
}
const B64 = new Uint8Array(128);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') B64[ch.charCodeAt(0)] = 1;

function ipv4(s) {
  if (typeof s !== 'string') return true;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((p) => Number(p) <= 255 && !(p.length > 1 && p[0] === '0'));
}

function ipv6(s) {
  if (typeof s !== 'string') return true;
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length < 2) return false;
  const dbl = s.split('::');
  if (dbl.length > 2) return false;
  const parts = s.split(':');
  let groups = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '') continue;
    if (i === parts.length - 1 && p.includes('.')) {
      if (!ipv4(p)) return false;
      groups += 2;
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return false;
    groups++;
  }
  return dbl.length === 2 ? groups < 8 : groups === 8;
}

// Any UTF-16 surrogate, paired or lone (no `u` flag: code units).
const SURROGATE = /[\ud800-\udfff]/;
/**
 * A string's length as Nova's jsonschema counts it for minLength/maxLength (Python's len(): code
 * points, a surrogate pair is one). The validators compiled at build time call this in place of
 * ajv's own counter (scripts/compile-schemas.mjs), with the same results; a string without
 * surrogates, nearly every one, is answered by one native scan instead of a loop over its units.
 */
function codePointLength(s) {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

module.exports = { uuid, name, name_with_leading_trailing_spaces: nameWithSpaces, base64, base64Raises, ipv4, ipv6, codePointLength, descriptionPattern, descriptionPatternPython };
