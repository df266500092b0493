/**
 * Message digests in plain TypeScript (RFC 1321 MD5, FIPS 180-4 SHA-1, SHA-224/256,
 * SHA-384/512/512-224/512-256, FIPS 202 SHA-3, RFC 7693 BLAKE2b/2s unkeyed,
 * RIPEMD-160, SM3), for Heat's `digest` function: the core is pure (no Node built-in),
 * so it cannot ask node:crypto. Each is linear in the input's length.
 */

function hex(words: ArrayLike<number>, bytes: number, littleEndian = false): string {
  let s = '';
  for (let i = 0; i < bytes; i++) {
    const w = words[i >> 2];
    const b = littleEndian ? (w >>> ((i % 4) * 8)) & 255 : (w >>> (24 - (i % 4) * 8)) & 255;
    s += b.toString(16).padStart(2, '0');
  }
  return s;
}

/** the message padded to whole blocks of `block` bytes, with its bit length (`lenBytes` long) at the end */
function padded(msg: Uint8Array, block: number, lenBytes: number, littleEndian: boolean): Uint8Array {
  const total = Math.ceil((msg.length + 1 + lenBytes) / block) * block;
  const out = new Uint8Array(total);
  out.set(msg);
  out[msg.length] = 0x80;
  // the length in bits: msg.length * 8 may pass 2^32, written byte by byte
  let bits = msg.length * 8;
  for (let i = 0; i < 8; i++) {
    const b = bits % 256;
    bits = Math.floor(bits / 256);
    out[littleEndian ? total - lenBytes + i : total - 1 - i] = b;
  }
  return out;
}

const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

export function md5Hex(msg: Uint8Array): string {
  const m = padded(msg, 64, 8, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const x = new Array<number>(16);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = m[off + i * 4] | (m[off + i * 4 + 1] << 8) | (m[off + i * 4 + 2] << 16) | (m[off + i * 4 + 3] << 24);
    let [a, b, c, d] = h;
    for (let i = 0; i < 64; i++) {
      let f: number; let g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const t = d;
      d = c; c = b;
      b = (b + rotl((a + f + MD5_K[i] + x[g]) | 0, MD5_S[(i >> 4) * 4 + (i % 4)])) | 0;
      a = t;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0;
  }
  return hex(h, 16, true);
}

function wordsBE(m: Uint8Array, off: number, w: Int32Array | Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) w[i] = (m[off + i * 4] << 24) | (m[off + i * 4 + 1] << 16) | (m[off + i * 4 + 2] << 8) | m[off + i * 4 + 3];
}

export function sha1Hex(msg: Uint8Array): string {
  const m = padded(msg, 64, 8, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Int32Array(80);
  for (let off = 0; off < m.length; off += 64) {
    wordsBE(m, off, w, 16);
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    let [a, b, c, d, e] = h;
    for (let t = 0; t < 80; t++) {
      const f = t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const tmp = (rotl(a, 5) + f + e + k + w[t]) | 0;
      e = d; d = c; c = rotl(b, 30); b = a; a = tmp;
    }
    h[0] = (h[0] + a) | 0; h[1] = (h[1] + b) | 0; h[2] = (h[2] + c) | 0; h[3] = (h[3] + d) | 0; h[4] = (h[4] + e) | 0;
  }
  return hex(h, 20);
}

const K256 = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

function sha256Family(msg: Uint8Array, init: number[], outBytes: number): string {
  const m = padded(msg, 64, 8, false);
  const h = [...init];
  const w = new Int32Array(64);
  for (let off = 0; off < m.length; off += 64) {
    wordsBE(m, off, w, 16);
    for (let t = 16; t < 64; t++) {
      const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
      const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t]) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => { h[i] = (h[i] + v) | 0; });
  }
  return hex(h, outBytes);
}

const K512 = [
  '428a2f98d728ae22', '7137449123ef65cd', 'b5c0fbcfec4d3b2f', 'e9b5dba58189dbbc', '3956c25bf348b538', '59f111f1b605d019', '923f82a4af194f9b', 'ab1c5ed5da6d8118',
  'd807aa98a3030242', '12835b0145706fbe', '243185be4ee4b28c', '550c7dc3d5ffb4e2', '72be5d74f27b896f', '80deb1fe3b1696b1', '9bdc06a725c71235', 'c19bf174cf692694',
  'e49b69c19ef14ad2', 'efbe4786384f25e3', '0fc19dc68b8cd5b5', '240ca1cc77ac9c65', '2de92c6f592b0275', '4a7484aa6ea6e483', '5cb0a9dcbd41fbd4', '76f988da831153b5',
  '983e5152ee66dfab', 'a831c66d2db43210', 'b00327c898fb213f', 'bf597fc7beef0ee4', 'c6e00bf33da88fc2', 'd5a79147930aa725', '06ca6351e003826f', '142929670a0e6e70',
  '27b70a8546d22ffc', '2e1b21385c26c926', '4d2c6dfc5ac42aed', '53380d139d95b3df', '650a73548baf63de', '766a0abb3c77b2a8', '81c2c92e47edaee6', '92722c851482353b',
  'a2bfe8a14cf10364', 'a81a664bbc423001', 'c24b8b70d0f89791', 'c76c51a30654be30', 'd192e819d6ef5218', 'd69906245565a910', 'f40e35855771202a', '106aa07032bbd1b8',
  '19a4c116b8d2d0c8', '1e376c085141ab53', '2748774cdf8eeb99', '34b0bcb5e19b48a8', '391c0cb3c5c95a63', '4ed8aa4ae3418acb', '5b9cca4f7763e373', '682e6ff3d6b2b8a3',
  '748f82ee5defb2fc', '78a5636f43172f60', '84c87814a1f0ab72', '8cc702081a6439ec', '90befffa23631e28', 'a4506cebde82bde9', 'bef9a3f7b2c67915', 'c67178f2e372532b',
  'ca273eceea26619c', 'd186b8c721c0c207', 'eada7dd6cde0eb1e', 'f57d4f7fee6ed178', '06f067aa72176fba', '0a637dc5a2c898a6', '113f9804bef90dae', '1b710b35131c471b',
  '28db77f523047d84', '32caab7b40c72493', '3c9ebe0a15c9bebc', '431d67c49c100d4c', '4cc5d4becb3e42b6', '597f299cfc657e2a', '5fcb6fab3ad6faec', '6c44198c4a475817',
];
/** a 64-bit constant as [high, low] 32-bit halves */
const split64 = (s: string): [number, number] => [parseInt(s.slice(0, 8), 16) | 0, parseInt(s.slice(8), 16) | 0];
const K512_HL = K512.map(split64);

/**
 * SHA-512 and its truncations: 64-bit words as pairs of 32-bit halves (h: high, l: low), the
 * carry of each 32-bit sum taken from the low halves
 */
function sha512Family(msg: Uint8Array, init: string[], outBytes: number): string {
  const m = padded(msg, 128, 16, false);
  const H = init.flatMap(split64);
  const w = new Int32Array(160);
  // rotr64 / shr64 halves
  const rh = (h: number, l: number, n: number) => (n < 32 ? (h >>> n) | (l << (32 - n)) : (l >>> (n - 32)) | (h << (64 - n)));
  const rl = (h: number, l: number, n: number) => (n < 32 ? (l >>> n) | (h << (32 - n)) : (h >>> (n - 32)) | (l << (64 - n)));
  const sh = (h: number, _l: number, n: number) => h >>> n;
  const sl = (h: number, l: number, n: number) => (l >>> n) | (h << (32 - n));
  // the sum of 64-bit values given as halves, [high, low]
  const add = (...xs: number[]): [number, number] => {
    let lo = 0; let hi = 0;
    for (let i = 0; i < xs.length; i += 2) {
      lo += xs[i + 1] >>> 0;
      hi += xs[i] >>> 0;
    }
    hi += Math.floor(lo / 0x100000000);
    return [hi | 0, lo | 0];
  };
  for (let off = 0; off < m.length; off += 128) {
    wordsBE(m, off, w, 32);
    for (let t = 16; t < 80; t++) {
      const [xh, xl] = [w[(t - 15) * 2], w[(t - 15) * 2 + 1]];
      const [yh, yl] = [w[(t - 2) * 2], w[(t - 2) * 2 + 1]];
      const s0h = rh(xh, xl, 1) ^ rh(xh, xl, 8) ^ sh(xh, xl, 7);
      const s0l = rl(xh, xl, 1) ^ rl(xh, xl, 8) ^ sl(xh, xl, 7);
      const s1h = rh(yh, yl, 19) ^ rh(yh, yl, 61) ^ sh(yh, yl, 6);
      const s1l = rl(yh, yl, 19) ^ rl(yh, yl, 61) ^ sl(yh, yl, 6);
      const [h2, l2] = add(w[(t - 16) * 2], w[(t - 16) * 2 + 1], s0h, s0l, w[(t - 7) * 2], w[(t - 7) * 2 + 1], s1h, s1l);
      w[t * 2] = h2; w[t * 2 + 1] = l2;
    }
    const v = H.slice();
    for (let t = 0; t < 80; t++) {
      const [ah, al, bh, bl, ch, cl, dh, dl, eh, el, fh, fl, gh, gl, hh, hl] = v;
      const S1h = rh(eh, el, 14) ^ rh(eh, el, 18) ^ rh(eh, el, 41);
      const S1l = rl(eh, el, 14) ^ rl(eh, el, 18) ^ rl(eh, el, 41);
      const chh = (eh & fh) ^ (~eh & gh);
      const chl = (el & fl) ^ (~el & gl);
      const [t1h, t1l] = add(hh, hl, S1h, S1l, chh, chl, K512_HL[t][0], K512_HL[t][1], w[t * 2], w[t * 2 + 1]);
      const S0h = rh(ah, al, 28) ^ rh(ah, al, 34) ^ rh(ah, al, 39);
      const S0l = rl(ah, al, 28) ^ rl(ah, al, 34) ^ rl(ah, al, 39);
      const mjh = (ah & bh) ^ (ah & ch) ^ (bh & ch);
      const mjl = (al & bl) ^ (al & cl) ^ (bl & cl);
      const [t2h, t2l] = add(S0h, S0l, mjh, mjl);
      const [neh, nel] = add(dh, dl, t1h, t1l);
      const [nah, nal] = add(t1h, t1l, t2h, t2l);
      v[14] = gh; v[15] = gl; v[12] = fh; v[13] = fl; v[10] = eh; v[11] = el; v[8] = neh; v[9] = nel;
      v[6] = ch; v[7] = cl; v[4] = bh; v[5] = bl; v[2] = ah; v[3] = al; v[0] = nah; v[1] = nal;
    }
    for (let i = 0; i < 16; i += 2) {
      const [hi, lo] = add(H[i], H[i + 1], v[i], v[i + 1]);
      H[i] = hi; H[i + 1] = lo;
    }
  }
  return hex(H, outBytes);
}

const SHA224_IV = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];
const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const SHA512_IV = ['6a09e667f3bcc908', 'bb67ae8584caa73b', '3c6ef372fe94f82b', 'a54ff53a5f1d36f1', '510e527fade682d1', '9b05688c2b3e6c1f', '1f83d9abfb41bd6b', '5be0cd19137e2179'];
const SHA384_IV = ['cbbb9d5dc1059ed8', '629a292a367cd507', '9159015a3070dd17', '152fecd8f70e5939', '67332667ffc00b31', '8eb44a8768581511', 'db0c2e0d64f98fa7', '47b5481dbefa4fa4'];
const SHA512_224_IV = ['8c3d37c819544da2', '73e1996689dcd4d6', '1dfab7ae32ff9c82', '679dd514582f9fcf', '0f6d2b697bd44da8', '77e36f7304c48942', '3f9d85a86a1d36c8', '1112e6ad91d692a1'];
const SHA512_256_IV = ['22312194fc2bf72c', '9f555fa3c84c64c2', '2393b86b6f53b151', '963877195940eabd', '96283ee2a88effe3', 'be5e1e2553863992', '2b0199fc2c85b8aa', '0eb72ddc81c52ca2'];

/** Keccak-f[1600]'s round constants as [high, low] halves and its rotation offsets, lane x + 5y */
const KECCAK_RC = [
  '0000000000000001', '0000000000008082', '800000000000808a', '8000000080008000', '000000000000808b', '0000000080000001', '8000000080008081', '8000000000008009',
  '000000000000008a', '0000000000000088', '0000000080008009', '000000008000000a', '000000008000808b', '800000000000008b', '8000000000008089', '8000000000008003',
  '8000000000008002', '8000000000000080', '000000000000800a', '800000008000000a', '8000000080008081', '8000000000008080', '0000000080000001', '8000000080008008',
].map(split64);
const KECCAK_ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

/** SHA-3 (FIPS 202): the sponge over Keccak-f[1600], lanes as 32-bit halves (little-endian) */
function sha3Hex(msg: Uint8Array, outBytes: number): string {
  const rate = 200 - 2 * outBytes;
  const st = new Int32Array(50); // lane i: st[2i] low, st[2i + 1] high
  const total = Math.floor(msg.length / rate) * rate + rate;
  const m = new Uint8Array(total);
  m.set(msg);
  m[msg.length] ^= 0x06;
  m[total - 1] ^= 0x80;
  const c = new Int32Array(10); const b = new Int32Array(50);
  for (let off = 0; off < total; off += rate) {
    for (let i = 0; i < rate; i += 4) st[i >> 2] ^= m[off + i] | (m[off + i + 1] << 8) | (m[off + i + 2] << 16) | (m[off + i + 3] << 24);
    for (let round = 0; round < 24; round++) {
      for (let x = 0; x < 5; x++) {
        c[2 * x] = st[2 * x] ^ st[2 * x + 10] ^ st[2 * x + 20] ^ st[2 * x + 30] ^ st[2 * x + 40];
        c[2 * x + 1] = st[2 * x + 1] ^ st[2 * x + 11] ^ st[2 * x + 21] ^ st[2 * x + 31] ^ st[2 * x + 41];
      }
      for (let x = 0; x < 5; x++) {
        const [pl, ph] = [c[2 * ((x + 1) % 5)], c[2 * ((x + 1) % 5) + 1]];
        const dl = c[2 * ((x + 4) % 5)] ^ ((pl << 1) | (ph >>> 31));
        const dh = c[2 * ((x + 4) % 5) + 1] ^ ((ph << 1) | (pl >>> 31));
        for (let y = 0; y < 25; y += 5) { st[2 * (x + y)] ^= dl; st[2 * (x + y) + 1] ^= dh; }
      }
      // rho and pi: lane (x, y) rotated to (y, 2x + 3y)
      for (let x = 0; x < 5; x++) {
        for (let y = 0; y < 5; y++) {
          const i = x + 5 * y;
          const r = KECCAK_ROT[i];
          const [l, h] = [st[2 * i], st[2 * i + 1]];
          let nl: number; let nh: number;
          if (r === 0) { nl = l; nh = h; }
          else if (r < 32) { nl = (l << r) | (h >>> (32 - r)); nh = (h << r) | (l >>> (32 - r)); }
          else if (r === 32) { nl = h; nh = l; }
          else { nl = (h << (r - 32)) | (l >>> (64 - r)); nh = (l << (r - 32)) | (h >>> (64 - r)); }
          const j = y + 5 * ((2 * x + 3 * y) % 5);
          b[2 * j] = nl; b[2 * j + 1] = nh;
        }
      }
      // chi
      for (let y = 0; y < 25; y += 5) {
        for (let x = 0; x < 5; x++) {
          const i = x + y; const i1 = ((x + 1) % 5) + y; const i2 = ((x + 2) % 5) + y;
          st[2 * i] = b[2 * i] ^ (~b[2 * i1] & b[2 * i2]);
          st[2 * i + 1] = b[2 * i + 1] ^ (~b[2 * i1 + 1] & b[2 * i2 + 1]);
        }
      }
      st[0] ^= KECCAK_RC[round][1];
      st[1] ^= KECCAK_RC[round][0];
    }
  }
  return hex(st, outBytes, true);
}

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4], [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13], [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11], [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5], [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

/** BLAKE2s (RFC 7693), unkeyed, 32 bytes */
function blake2sHex(msg: Uint8Array): string {
  const h = SHA256_IV.slice();
  h[0] ^= 0x01010020;
  const v = new Int32Array(16); const mw = new Int32Array(16);
  const G = (a: number, b: number, c: number, d: number, x: number, y: number) => {
    v[a] = (v[a] + v[b] + x) | 0; v[d] = rotr(v[d] ^ v[a], 16);
    v[c] = (v[c] + v[d]) | 0; v[b] = rotr(v[b] ^ v[c], 12);
    v[a] = (v[a] + v[b] + y) | 0; v[d] = rotr(v[d] ^ v[a], 8);
    v[c] = (v[c] + v[d]) | 0; v[b] = rotr(v[b] ^ v[c], 7);
  };
  const blocks = Math.max(1, Math.ceil(msg.length / 64));
  for (let k = 0; k < blocks; k++) {
    const last = k === blocks - 1;
    const block = new Uint8Array(64);
    block.set(msg.subarray(k * 64, k * 64 + 64));
    for (let i = 0; i < 16; i++) mw[i] = block[i * 4] | (block[i * 4 + 1] << 8) | (block[i * 4 + 2] << 16) | (block[i * 4 + 3] << 24);
    const t = last ? msg.length : (k + 1) * 64;
    for (let i = 0; i < 8; i++) { v[i] = h[i]; v[i + 8] = SHA256_IV[i]; }
    v[12] ^= t % 0x100000000; v[13] ^= Math.floor(t / 0x100000000);
    if (last) v[14] = ~v[14];
    for (let r = 0; r < 10; r++) {
      const s = SIGMA[r];
      G(0, 4, 8, 12, mw[s[0]], mw[s[1]]); G(1, 5, 9, 13, mw[s[2]], mw[s[3]]); G(2, 6, 10, 14, mw[s[4]], mw[s[5]]); G(3, 7, 11, 15, mw[s[6]], mw[s[7]]);
      G(0, 5, 10, 15, mw[s[8]], mw[s[9]]); G(1, 6, 11, 12, mw[s[10]], mw[s[11]]); G(2, 7, 8, 13, mw[s[12]], mw[s[13]]); G(3, 4, 9, 14, mw[s[14]], mw[s[15]]);
    }
    for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
  }
  return hex(h, 32, true);
}

/** BLAKE2b (RFC 7693), unkeyed, 64 bytes: 64-bit words as [low, high] halves (little-endian) */
function blake2bHex(msg: Uint8Array): string {
  const iv = SHA512_IV.flatMap((x) => { const [hi, lo] = split64(x); return [lo, hi]; });
  const h = iv.slice();
  h[0] ^= 0x01010040;
  const v = new Int32Array(32); const mw = new Int32Array(32);
  const add = (a: number, b: number) => { // v[a] += v[b]
    const lo = (v[2 * a] >>> 0) + (v[2 * b] >>> 0);
    v[2 * a + 1] = (v[2 * a + 1] + v[2 * b + 1] + Math.floor(lo / 0x100000000)) | 0;
    v[2 * a] = lo | 0;
  };
  const addM = (a: number, i: number) => {
    const lo = (v[2 * a] >>> 0) + (mw[2 * i] >>> 0);
    v[2 * a + 1] = (v[2 * a + 1] + mw[2 * i + 1] + Math.floor(lo / 0x100000000)) | 0;
    v[2 * a] = lo | 0;
  };
  // v[d] = rotr64(v[d] ^ v[a], n)
  const xr = (d: number, a: number, n: number) => {
    const l = v[2 * d] ^ v[2 * a]; const hi = v[2 * d + 1] ^ v[2 * a + 1];
    if (n === 32) { v[2 * d] = hi; v[2 * d + 1] = l; }
    else if (n < 32) { v[2 * d] = (l >>> n) | (hi << (32 - n)); v[2 * d + 1] = (hi >>> n) | (l << (32 - n)); }
    else { v[2 * d] = (hi >>> (n - 32)) | (l << (64 - n)); v[2 * d + 1] = (l >>> (n - 32)) | (hi << (64 - n)); }
  };
  const G = (a: number, b: number, c: number, d: number, x: number, y: number) => {
    add(a, b); addM(a, x); xr(d, a, 32);
    add(c, d); xr(b, c, 24);
    add(a, b); addM(a, y); xr(d, a, 16);
    add(c, d); xr(b, c, 63);
  };
  const blocks = Math.max(1, Math.ceil(msg.length / 128));
  for (let k = 0; k < blocks; k++) {
    const last = k === blocks - 1;
    const block = new Uint8Array(128);
    block.set(msg.subarray(k * 128, k * 128 + 128));
    for (let i = 0; i < 32; i++) mw[i] = block[i * 4] | (block[i * 4 + 1] << 8) | (block[i * 4 + 2] << 16) | (block[i * 4 + 3] << 24);
    const t = last ? msg.length : (k + 1) * 128;
    for (let i = 0; i < 16; i++) { v[i] = h[i]; v[i + 16] = iv[i]; }
    v[24] ^= t % 0x100000000; v[25] ^= Math.floor(t / 0x100000000);
    if (last) { v[28] = ~v[28]; v[29] = ~v[29]; }
    for (let r = 0; r < 12; r++) {
      const s = SIGMA[r % 10];
      G(0, 4, 8, 12, s[0], s[1]); G(1, 5, 9, 13, s[2], s[3]); G(2, 6, 10, 14, s[4], s[5]); G(3, 7, 11, 15, s[6], s[7]);
      G(0, 5, 10, 15, s[8], s[9]); G(1, 6, 11, 12, s[10], s[11]); G(2, 7, 8, 13, s[12], s[13]); G(3, 4, 9, 14, s[14], s[15]);
    }
    for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[i + 16];
  }
  return hex(h, 64, true);
}

// RIPEMD-160 (Dobbertin, Bosselaers, Preneel 1996): two parallel lines of five rounds over
// little-endian words
const RMD_R = '0123456789abcdef74d1a6f3c0952eb83ae49f812706db5c19ba08c4d37fe56240597c2ae138b6fd'.split('').map((c) => parseInt(c, 16));
const RMD_R2 = '5e7092b4d6f81a3c6b370d5aef8c4912f5137e69b8c2a04d86413bf05c2d97aecfa4158762de039b'.split('').map((c) => parseInt(c, 16));
const RMD_S = [11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12, 11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12, 9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6];
const RMD_S2 = [8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11, 9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8, 8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11];
const RMD_K = [0, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const RMD_K2 = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0];

function rmdF(round: number, x: number, y: number, z: number): number {
  switch (round) {
    case 0: return x ^ y ^ z;
    case 1: return (x & y) | (~x & z);
    case 2: return (x | ~y) ^ z;
    case 3: return (x & z) | (y & ~z);
    default: return x ^ (y | ~z);
  }
}

function ripemd160Hex(msg: Uint8Array): string {
  const m = padded(msg, 64, 8, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const x = new Array<number>(16);
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = m[off + i * 4] | (m[off + i * 4 + 1] << 8) | (m[off + i * 4 + 2] << 16) | (m[off + i * 4 + 3] << 24);
    let [a, b, c, d, e] = h;
    let [a2, b2, c2, d2, e2] = h;
    for (let j = 0; j < 80; j++) {
      const round = j >> 4;
      let t = (rotl((a + rmdF(round, b, c, d) + x[RMD_R[j]] + RMD_K[round]) | 0, RMD_S[j]) + e) | 0;
      a = e; e = d; d = rotl(c, 10); c = b; b = t;
      t = (rotl((a2 + rmdF(4 - round, b2, c2, d2) + x[RMD_R2[j]] + RMD_K2[round]) | 0, RMD_S2[j]) + e2) | 0;
      a2 = e2; e2 = d2; d2 = rotl(c2, 10); c2 = b2; b2 = t;
    }
    const t = (h[1] + c + d2) | 0;
    h[1] = (h[2] + d + e2) | 0; h[2] = (h[3] + e + a2) | 0; h[3] = (h[4] + a + b2) | 0; h[4] = (h[0] + b + c2) | 0; h[0] = t;
  }
  return hex(h, 20, true);
}

// SM3 (GB/T 32905-2016): big-endian words, 64 rounds over an expanded message of 68 + 64 words
const SM3_IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];
const sm3P0 = (x: number) => x ^ rotl(x, 9) ^ rotl(x, 17);
const sm3P1 = (x: number) => x ^ rotl(x, 15) ^ rotl(x, 23);

function sm3Hex(msg: Uint8Array): string {
  const m = padded(msg, 64, 8, false);
  const v = SM3_IV.slice();
  const w = new Int32Array(68);
  for (let off = 0; off < m.length; off += 64) {
    wordsBE(m, off, w, 16);
    for (let j = 16; j < 68; j++) w[j] = sm3P1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6];
    let [a, b, c, d, e, f, g, hh] = v;
    for (let j = 0; j < 64; j++) {
      const tj = j < 16 ? 0x79cc4519 : 0x7a879d8a;
      const a12 = rotl(a, 12);
      const ss1 = rotl((a12 + e + rotl(tj, j % 32)) | 0, 7);
      const ss2 = ss1 ^ a12;
      const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
      const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
      const tt1 = (ff + d + ss2 + (w[j] ^ w[j + 4])) | 0;
      const tt2 = (gg + hh + ss1 + w[j]) | 0;
      d = c; c = rotl(b, 9); b = a; a = tt1;
      hh = g; g = rotl(f, 19); f = e; e = sm3P0(tt2);
    }
    v[0] ^= a; v[1] ^= b; v[2] ^= c; v[3] ^= d; v[4] ^= e; v[5] ^= f; v[6] ^= g; v[7] ^= hh;
  }
  return hex(v, 32);
}

/** the hex digest of bytes by an algorithm's lower-case name (Python hashlib's names), or null for one not here */
export function hexDigestOf(algorithm: string, bytes: Uint8Array): string | null {
  switch (algorithm) {
    case 'md5': return md5Hex(bytes);
    case 'sha1': return sha1Hex(bytes);
    case 'md5-sha1': return md5Hex(bytes) + sha1Hex(bytes);
    case 'sha224': return sha256Family(bytes, SHA224_IV, 28);
    case 'sha256': return sha256Family(bytes, SHA256_IV, 32);
    case 'sha384': return sha512Family(bytes, SHA384_IV, 48);
    case 'sha512': return sha512Family(bytes, SHA512_IV, 64);
    case 'sha512_224': return sha512Family(bytes, SHA512_224_IV, 28);
    case 'sha512_256': return sha512Family(bytes, SHA512_256_IV, 32);
    case 'sha3_224': return sha3Hex(bytes, 28);
    case 'sha3_256': return sha3Hex(bytes, 32);
    case 'sha3_384': return sha3Hex(bytes, 48);
    case 'sha3_512': return sha3Hex(bytes, 64);
    case 'blake2b': return blake2bHex(bytes);
    case 'blake2s': return blake2sHex(bytes);
    case 'ripemd160': return ripemd160Hex(bytes);
    case 'sm3': return sm3Hex(bytes);
    default: return null;
  }
}
