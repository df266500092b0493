/**
 * Python's text facts Heat's `make_url` and `digest` rest on (urllib.parse.quote, quote_plus,
 * urlunsplit of Python 3.11; str.encode('latin-1'); int() of a text): facts only, for
 * server/src/source/heat/resolve.ts. Each returns null where bdm-lab does not follow Python (then
 * the function is left unresolved, never guessed).
 */

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/** the UTF-8 bytes of a text; null for a lone surrogate (Python's strict encoder refuses it) */
function utf8(s: string): number[] | null {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) return null;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** urllib.parse.quote(s, safe): every UTF-8 byte but the always-safe ones and `safe`'s ASCII as %XX */
export function pyQuote(s: string, safe = '/'): string | null {
  const bytes = utf8(s);
  if (!bytes) return null;
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (b < 0x80 && (ALWAYS_SAFE.test(ch) || safe.includes(ch))) out += ch;
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** urllib.parse.quote_plus(s, safe): a space is '+' */
export function pyQuotePlus(s: string, safe = ''): string | null {
  if (!s.includes(' ')) return pyQuote(s, safe);
  return pyQuote(s, `${safe} `)?.replace(/ /g, '+') ?? null;
}

/** the schemes whose URLs Python's urlunsplit writes with `//` (urllib.parse.uses_netloc of Python 3.11) */
const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);

/** urllib.parse.urlunsplit of Python 3.11 */
export function pyUrlUnsplit(scheme: string, netloc: string, path: string, query: string, fragment: string): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== '//')) {
    if (url && url[0] !== '/') url = `/${url}`;
    url = `//${netloc}${url}`;
  }
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  if (fragment) url = `${url}#${fragment}`;
  return url;
}

/**
 * Python's refusal of str.encode('latin-1'), in its words, or null when every character is one byte
 * (`codes`: the bytes)
 */
export function latin1(s: string): { bytes: Uint8Array } | { error: string } {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const i = cps.findIndex((c) => c > 255);
  if (i < 0) return { bytes: Uint8Array.from(cps) };
  let j = i;
  while (j < cps.length && cps[j] > 255) j++;
  const reason = 'ordinal not in range(256)';
  if (j - i > 1) return { error: `'latin-1' codec can't encode characters in position ${i}-${j - 1}: ${reason}` };
  const c = cps[i];
  const esc = c <= 0xffff ? `\\u${c.toString(16).padStart(4, '0')}` : `\\U${c.toString(16).padStart(8, '0')}`;
  return { error: `'latin-1' codec can't encode character '${esc}' in position ${i}: ${reason}` };
}

/**
 * Python's int() of a text (base 10: spaces around, a sign, digits with single underscores between
 * them): the number, 'ValueError', or null where the text holds what bdm-lab does not follow
 * (a Unicode digit or space that is not ASCII, which Python reads too; any other such character
 * is refused)
 */
export function pyIntOfText(s: string): bigint | 'ValueError' | null {
  if (/[^\x00-\x7f]/.test(s)) return /[\p{Nd}\p{Z}\x85\u180e\u200b-\u200d\u2060\ufeff]/u.test(s) ? null : 'ValueError';
  const m = /^[ \t\n\r\x0b\x0c\x1c-\x1f]*([+-]?)(\d+(?:_\d+)*)[ \t\n\r\x0b\x0c\x1c-\x1f]*$/.exec(s);
  if (!m) return 'ValueError';
  const n = BigInt(m[2].replace(/_/g, ''));
  return m[1] === '-' ? -n : n;
}
