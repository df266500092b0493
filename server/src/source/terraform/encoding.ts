/**
 * Terraform's text functions that work on a string's UTF-8 bytes (internal/lang/funcs encoding.go,
 * crypto.go, string.go @ 883c7221): base64encode/base64decode (RFC 4648 §4, padded, Go's decoder
 * skipping line breaks), urlencode (Go's url.QueryEscape), the string hashes (md5, sha1, sha256,
 * sha512 in hex; base64sha256 and base64sha512 in base64; the digests of heat/hashes.ts) and uuidv5
 * (github.com/google/uuid: the four named namespaces or a UUID Parse reads, then a version-5 UUID of
 * SHA-1). Each is linear in the text's length.
 */
import { hexDigestOf } from '../heat/hashes';

/** a string's UTF-8 bytes as go-cty holds it (NFC; a lone surrogate, which cty cannot hold, as U+FFFD) */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s.normalize('NFC'));

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64.StdEncoding.EncodeToString */
export function base64Of(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const left = bytes.length - i;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (left > 1 ? B64[(n >> 6) & 63] : '=') + (left > 2 ? B64[n & 63] : '=');
  }
  return out;
}

/** whole groups of four, then at most one padded group: what base64.StdEncoding accepts once \r and \n are dropped */
const PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Base64DecodeFunc: the text decoded (its bytes must then be UTF-8), else Terraform's words (the text
 * quoted as Go's %q: redactIfSensitive); `quote` writes that quoting
 */
export function base64Decode(s: string, quote: (s: string) => string): { value: string } | { err: string } {
  const t = s.replace(/[\r\n]/g, '');
  if (!PADDED.test(t)) return { err: `failed to decode base64 data ${quote(s)}` };
  const bytes: number[] = [];
  for (let i = 0; i < t.length; i += 4) {
    const c = [0, 1, 2, 3].map((k) => (t[i + k] === '=' ? -1 : B64.indexOf(t[i + k])));
    const n = (c[0] << 18) | (c[1] << 12) | (Math.max(c[2], 0) << 6) | Math.max(c[3], 0);
    bytes.push((n >> 16) & 255);
    if (c[2] >= 0) bytes.push((n >> 8) & 255);
    if (c[3] >= 0) bytes.push(n & 255);
  }
  try {
    return { value: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(new Uint8Array(bytes)) };
  } catch {
    return { err: 'the result of decoding the provided string is not valid UTF-8' };
  }
}

/** url.QueryEscape: bytes outside A-Z a-z 0-9 - _ . ~ as %XX (upper-case), a space as + */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const hexBytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));

/** makeStringHashFunction: the digest of the text's bytes, in hex or (base64sha256, base64sha512) in base64 */
export function stringHash(name: string, s: string): string | undefined {
  const b64 = name.startsWith('base64');
  const hex = hexDigestOf(b64 ? name.slice(6) : name, utf8(s));
  if (hex === null) return undefined;
  return b64 ? base64Of(hexBytes(hex)) : hex;
}

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8', url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8', x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};
const isHex = (b: number) => (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102);

/**
 * google/uuid Parse, by the text's length in bytes: 36 (dashes at 8, 13, 18, 23), 45 with an
 * `urn:uuid:` prefix (any case), 38 (its first and last bytes not checked), 32 hex digits; its
 * words otherwise. undefined where bdm-lab does not write Go's words (an urn prefix cut inside a character).
 */
function parseUuid(s: string): Uint8Array | { err: string } | undefined {
  let b = utf8(s);
  const bad = { err: 'invalid UUID format' };
  switch (b.length) {
    case 36: break;
    case 45: {
      const head = b.subarray(0, 9);
      // Go's %q: bdm-lab writes it for printable ASCII only
      if (head.some((x) => x >= 0x7f || x < 0x20)) return undefined;
      const text = String.fromCharCode(...head);
      if (text.toLowerCase() !== 'urn:uuid:') return { err: `invalid urn prefix: ${JSON.stringify(text)}` };
      b = b.subarray(9);
      break;
    }
    case 38: b = b.subarray(1); break;
    case 32: {
      if (!b.every(isHex)) return bad;
      return hexBytes(String.fromCharCode(...b));
    }
    default: return { err: `invalid UUID length: ${b.length}` };
  }
  if (b[8] !== 45 || b[13] !== 45 || b[18] !== 45 || b[23] !== 45) return bad;
  const at = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
  if (!at.every((x) => isHex(b[x]) && isHex(b[x + 1]))) return bad;
  return hexBytes(at.map((x) => String.fromCharCode(b[x], b[x + 1])).join(''));
}

/** UUIDV5Func: the namespace (dns, url, oid, x500 or a UUID), then NewSHA1 of it and the name's bytes */
export function uuidV5(namespace: string, name: string): { value: string } | { err: string } | undefined {
  const ns = parseUuid(NAMESPACES[namespace] ?? namespace);
  if (ns === undefined) return undefined;
  if ('err' in ns) return { err: `uuidv5() doesn't support namespace ${namespace} (${ns.err})` };
  const data = utf8(name);
  const msg = new Uint8Array(16 + data.length);
  msg.set(ns, 0);
  msg.set(data, 16);
  const h = hexBytes(hexDigestOf('sha1', msg)!).subarray(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = [...h].map((v) => v.toString(16).padStart(2, '0')).join('');
  return { value: `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}` };
}

/**
 * go-cty's CSVDecodeFunc over Go's encoding/csv Reader (comma-separated, strict quotes): the first
 * record names the columns (none: "missing header line"; a name twice: "duplicate column name"), each
 * later record must have as many fields ("wrong number of fields", on the line the record starts),
 * a `"` inside an unquoted field or a quoted field's quote followed by anything but `"`, a comma or
 * the line's end is refused, as is a quoted field still open at the end ("CSV parse error on line N").
 * Lines are cut at \n (\r\n read as \n, a last \r dropped); blank lines between records are skipped;
 * a quoted field keeps its line breaks. `quote` writes Go's %q. Linear in the text's length.
 */
export function csvDecode(text: string, quote: (s: string) => string): { rows: Array<Record<string, string>>; columns: string[] } | { err: string } | { open: string } {
  // the lines as Go's readLine gives them, each with its \n when it had one
  const lines: string[] = [];
  for (let at = 0; at < text.length;) {
    const nl = text.indexOf('\n', at);
    let line = nl < 0 ? text.slice(at) : text.slice(at, nl + 1);
    at = nl < 0 ? text.length : nl + 1;
    if (nl < 0 && line.endsWith('\r')) line = line.slice(0, -1);
    if (line.endsWith('\r\n')) line = `${line.slice(0, -2)}\n`;
    lines.push(line);
  }
  let next = 0;
  const parseError = (line: number, why: string) => ({ err: `CSV parse error on line ${line}: ${why}` });
  const bare = 'bare " in non-quoted-field', extraneous = 'extraneous or missing " in quoted-field';
  /** one record: its fields and the line it starts on; undefined at the end (each line read by offsets, never copied whole per field) */
  const record = (): { fields: string[]; line: number } | { err: string } | undefined => {
    let line: string | undefined;
    while (next < lines.length) {
      line = lines[next++];
      if (line !== '\n') break;
      line = undefined;
    }
    if (line === undefined || line === '') return undefined;
    const start = next;
    let numLine = next, posLine = next;
    const fields: string[] = [];
    // the end of the line's text (before its \n)
    const endOf = (l: string) => (l.endsWith('\n') ? l.length - 1 : l.length);
    for (let at = 0; ;) {
      if (line[at] !== '"') {
        const comma = line.indexOf(',', at);
        const field = line.slice(at, comma >= 0 ? comma : endOf(line));
        if (field.includes('"')) return parseError(numLine, bare);
        fields.push(field);
        if (comma < 0) return { fields, line: start };
        at = comma + 1;
        continue;
      }
      at++;
      const parts: string[] = [];
      for (;;) {
        const q = line.indexOf('"', at);
        if (q >= 0) {
          parts.push(line.slice(at, q));
          at = q + 1;
          if (line[at] === '"') { parts.push('"'); at++; continue; }
          if (line[at] === ',') { at++; fields.push(parts.join('')); break; }
          if (at >= endOf(line)) { fields.push(parts.join('')); return { fields, line: start }; }
          return parseError(numLine, extraneous);
        }
        if (at < line.length) {
          parts.push(line.slice(at));
          line = next < lines.length ? lines[next++] : '';
          at = 0;
          numLine++;
          if (line !== '') posLine++;
          continue;
        }
        return parseError(posLine, extraneous);
      }
    }
  };
  const head = record();
  if (head === undefined) return { err: 'missing header line' };
  if ('err' in head) return head;
  const columns = head.fields;
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c)) return { err: `duplicate column name ${quote(c)}` };
    seen.add(c);
  }
  if (seen.has('__proto__')) return { open: 'csvdecode() of a column bdm-lab does not hold ("__proto__")' };
  const rows: Array<Record<string, string>> = [];
  for (;;) {
    const r = record();
    if (r === undefined) break;
    if ('err' in r) return r;
    if (r.fields.length !== columns.length) return parseError(r.line, 'wrong number of fields');
    const o: Record<string, string> = {};
    columns.forEach((c, i) => { o[c] = r.fields[i]; });
    rows.push(o);
  }
  return { rows, columns };
}
