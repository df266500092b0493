/**
 * Stand-in ids for what Heat looks up in the cloud (an image, a flavor, a network by name) or
 * creates before the server (a volume of the same template): the real ids exist only in the
 * cloud, so bdm-lab writes a name-based UUID (RFC 4122 version 5) of `kind:name` in a fixed
 * namespace. The namespace is the one shared/tools/heat-oracle uses for its fakes, so a body
 * bdm-lab shows compares equal, id for id, with the body the oracle captures from Heat's code.
 * A name that is already a UUID stays itself (Heat passes ids through).
 */

const NS_HEX = '6f1c3b0e00004000800000000000beef';

const UUID_RE = /^\{?(urn:uuid:)?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i;

/** SHA-1 of bytes (FIPS 180-4), for the name-based UUID only. */
function sha1(bytes: Uint8Array): Uint8Array {
  const len = bytes.length;
  const words = new Uint32Array((((len + 8) >> 6) + 1) * 16);
  for (let i = 0; i < len; i++) words[i >> 2] |= bytes[i] << (24 - (i % 4) * 8);
  words[len >> 2] |= 0x80 << (24 - (len % 4) * 8);
  words[words.length - 1] = len * 8;
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let b = 0; b < words.length; b += 16) {
    for (let t = 0; t < 80; t++) {
      if (t < 16) w[t] = words[b + t];
      else { const x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]; w[t] = (x << 1) | (x >>> 31); }
    }
    let [a, bb, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (bb & c) | (~bb & d) : t < 40 ? bb ^ c ^ d : t < 60 ? (bb & c) | (bb & d) | (c & d) : bb ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const tmp = (((a << 5) | (a >>> 27)) + f + e + k + w[t]) >>> 0;
      e = d; d = c; c = (bb << 30) | (bb >>> 2); bb = a; a = tmp;
    }
    h[0] = (h[0] + a) >>> 0; h[1] = (h[1] + bb) >>> 0; h[2] = (h[2] + c) >>> 0; h[3] = (h[3] + d) >>> 0; h[4] = (h[4] + e) >>> 0;
  }
  const out = new Uint8Array(20);
  h.forEach((v, i) => { out[i * 4] = v >>> 24; out[i * 4 + 1] = (v >>> 16) & 255; out[i * 4 + 2] = (v >>> 8) & 255; out[i * 4 + 3] = v & 255; });
  return out;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

function hex(b: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i] & 255).toString(16).padStart(2, '0');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** RFC 4122 version 5 UUID of a name in the stand-in namespace. */
export function uuid5(name: string): string {
  const ns: number[] = [];
  for (let i = 0; i < 32; i += 2) ns.push(parseInt(NS_HEX.slice(i, i + 2), 16));
  const d = sha1(Uint8Array.from([...ns, ...utf8(name)]));
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return hex(d.slice(0, 16));
}

/** The id Heat would send for a thing of this kind named `name`: a UUID stays itself, else a stand-in. */
export function standInId(kind: string, name: string): string {
  if (UUID_RE.test(name)) return hex(name.replace(/^\{?(urn:uuid:)?|[-}]/gi, '').toLowerCase().match(/../g)!.map((x) => parseInt(x, 16)));
  return uuid5(`${kind}:${name}`);
}

/** Whether a string is a UUID as Python's uuid.UUID() reads it. */
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
