/**
 * Terraform's network functions (internal/lang/funcs/cidr.go @ 883c7221: cidrhost, cidrnetmask,
 * cidrsubnet, cidrsubnets) as they compute: the prefix read by Terraform's internal/ipaddr ParseCIDR
 * (Go 1.16's parser, IPv4 octets with leading zeros read as decimal), the arithmetic of
 * github.com/apparentlymart/go-cidr v1.1.0 (HostBig, SubnetBig, PreviousSubnet, NextSubnet) on
 * addresses as integers, and the results written as Go's net.IP and net.IPNet String do. Cases
 * where those libraries fall into Go's undefined or peculiar behaviour (an IPv4-mapped IPv6 prefix,
 * a negative or huge count, newbits below zero) are left to the caller as `open`.
 */

import { GO_STACK } from './stack';

type Out = { value: string } | { err: string } | { open: string };
interface Net { ip: bigint; ones: number; bits: 32 | 128 }

/** ipaddr dtoi: decimal digits at the start (at least one, below 0xFFFFFF), their value and count */
function dtoi(s: string): [number, number] | undefined {
  let n = 0, i = 0;
  for (; i < s.length && s[i] >= '0' && s[i] <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= 0xffffff) return undefined;
  }
  return i ? [n, i] : undefined;
}
/** ipaddr xtoi: hexadecimal digits at the start */
function xtoi(s: string): [number, number] | undefined {
  let n = 0, i = 0;
  for (; i < s.length && /[0-9a-fA-F]/.test(s[i]); i++) {
    n = n * 16 + parseInt(s[i], 16);
    if (n >= 0xffffff) return undefined;
  }
  return i ? [n, i] : undefined;
}
function parseV4(s: string): number[] | undefined {
  const p: number[] = [];
  for (let i = 0; i < 4; i++) {
    if (!s) return undefined;
    if (i > 0) { if (s[0] !== '.') return undefined; s = s.slice(1); }
    const d = dtoi(s);
    if (!d || d[0] > 255) return undefined;
    p.push(d[0]);
    s = s.slice(d[1]);
  }
  return s ? undefined : p;
}
function parseV6(s: string): number[] | undefined {
  const ip = new Array<number>(16).fill(0);
  let ellipsis = -1;
  if (s.startsWith('::')) { ellipsis = 0; s = s.slice(2); if (!s) return ip; }
  let i = 0;
  while (i < 16) {
    const x = xtoi(s);
    if (!x || x[0] > 0xffff) return undefined;
    if (x[1] < s.length && s[x[1]] === '.') {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      const v4 = parseV4(s);
      if (!v4) return undefined;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    ip[i] = x[0] >> 8; ip[i + 1] = x[0] & 255;
    i += 2;
    s = s.slice(x[1]);
    if (!s) break;
    if (s[0] !== ':' || s.length === 1) return undefined;
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      s = s.slice(1);
      if (!s) break;
    }
  }
  if (s) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) ip[j] = 0;
  } else if (ellipsis >= 0) return undefined;
  return ip;
}
const toInt = (bytes: number[]): bigint => bytes.reduce((a, b) => (a << 8n) | BigInt(b), 0n);
const maskOf = (ones: number, bits: number): bigint => ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - ones)) - 1n);

/** ParseCIDR: the network (its address masked), or ipaddr's words */
function parseCidr(s: string): Net | { err: string } {
  const bad = { err: `invalid CIDR expression: invalid CIDR address: ${s}` };
  const slash = s.indexOf('/');
  if (slash < 0) return bad;
  const addr = s.slice(0, slash), mask = s.slice(slash + 1);
  let bits: 32 | 128 = 32;
  let ip = parseV4(addr);
  if (!ip) { bits = 128; ip = parseV6(addr); }
  const d = dtoi(mask);
  if (!ip || !d || d[1] !== mask.length || d[0] > bits) return bad;
  return { ip: toInt(ip) & maskOf(d[0], bits), ones: d[0], bits };
}
/** an IPv6 address Go writes as IPv4 (To4: ::ffff:a.b.c.d), which go-cidr then treats as one */
const mapped = (n: Net | { ip: bigint; bits: number }): boolean => n.bits === 128 && n.ip >> 32n === 0xffffn;

/** net.IP String: dotted IPv4 (an IPv4-mapped IPv6 address too); IPv6 in hex groups, the longest run of two or more zero groups (the first) as :: */
function ipText(x: bigint, bits: number): string {
  if (bits === 128 && mapped({ ip: x, bits })) return ipText(x & 0xffffffffn, 32);
  if (bits === 32) return [24n, 16n, 8n, 0n].map((k) => String((x >> k) & 255n)).join('.');
  const g = Array.from({ length: 8 }, (_, i) => Number((x >> BigInt(112 - 16 * i)) & 0xffffn));
  let e0 = -1, e1 = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j > i && j - i > e1 - e0) { e0 = i; e1 = j; i = j; }
  }
  if (e1 - e0 <= 1) { e0 = -1; e1 = -1; }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === e0) { out += '::'; i = e1; if (i >= 8) break; } else if (i > 0) out += ':';
    out += g[i].toString(16);
  }
  return out;
}

/**
 * net.IPNet String: the address and its mask's length; an IPv4-mapped IPv6 address as IPv4 with the
 * mask's last 32 bits (none when shorter than 96); a mask net.CIDRMask could not make (a negative
 * length) leaves the network nil: `<nil>`
 */
function netText(ip: bigint, ones: number, bits: number): string {
  if (ones < 0) return '<nil>';
  if (bits === 128 && mapped({ ip, bits })) return `${ipText(ip, bits)}/${Math.max(ones - 96, 0)}`;
  return `${ipText(ip, bits)}/${ones}`;
}
/**
 * go-cidr insertNumIntoIP: the number shifted and OR-ed into the address as big.Int does it (two's
 * complement for a negative one), then intToIP of its magnitude, which indexes [-1] (a panic) when
 * it needs more bytes than the address has
 */
function insert(ip: bigint, num: bigint, shift: number, bits: number): bigint | { err: string } {
  const r = ip | (num << BigInt(shift));
  const a = r < 0n ? -r : r;
  if (a >> BigInt(bits) !== 0n) return { err: `panic in function implementation: runtime error: index out of range [-1]\n${GO_STACK}` };
  return a;
}
/** big.Int Uint64: the low 64 bits of the magnitude */
const uint64 = (x: bigint): bigint => (x < 0n ? -x : x) & ((1n << 64n) - 1n);

const whole = 'value must be a whole number';
/** gocty into a *big.Int: a whole number (bdm-lab follows those below 2^53) */
function bigIntArg(n: number): bigint | { err: string } | undefined {
  if (!Number.isInteger(n)) return { err: whole };
  return Number.isSafeInteger(n) ? BigInt(n) : undefined;
}
/** gocty into a Go int */
function intArg(n: number): number | { err: string } | undefined {
  if (!Number.isInteger(n) || n < -(2 ** 63) || n >= 2 ** 63) return { err: `${whole}, between -9223372036854775808 and 9223372036854775807` };
  return Number.isSafeInteger(n) ? n : undefined;
}
const PECULIAR = 'a case where the network libraries Terraform uses behave in ways bdm-lab does not follow';

/**
 * CidrHostFunc: the host number converted, the prefix read, then HostBig (a negative number counts
 * from the end; the number its refusal names is the one it computed from it); an IPv4-mapped IPv6
 * prefix counts its hosts in the last 32 bits' place as go-cidr does (To4)
 */
export function cidrHost(prefix: string, hostnum: number): Out {
  const h = bigIntArg(hostnum);
  if (h === undefined) return { open: PECULIAR };
  if (typeof h === 'object') return h;
  const n = parseCidr(prefix);
  if ('err' in n) return n;
  const max = (1n << BigInt(n.bits - n.ones)) - 1n;
  let num = h, count = h;
  if (h < 0n) { count = -h - 1n; num = max - count; }
  if (count > max) return { err: `prefix of ${n.ones} does not accommodate a host numbered ${num}` };
  const ip = insert(n.ip, num, mapped(n) ? 96 : 0, n.bits);
  return typeof ip === 'bigint' ? { value: ipText(ip, n.bits) } : ip;
}

/** CidrNetmaskFunc: an IPv4 prefix's mask, dotted */
export function cidrNetmask(prefix: string): Out {
  const n = parseCidr(prefix);
  if ('err' in n) return n;
  if (n.bits === 128 && !mapped(n)) return { err: `IPv6 addresses cannot have a netmask: ${prefix}` };
  return { value: ipText(maskOf(n.ones, n.bits), n.bits) };
}

/** CidrSubnetFunc: newbits and netnum converted, the prefix read, then SubnetBig */
export function cidrSubnet(prefix: string, newbits: number, netnum: number): Out {
  const nb = intArg(newbits);
  if (nb === undefined) return { open: PECULIAR };
  if (typeof nb === 'object') return nb;
  const num = bigIntArg(netnum);
  if (num === undefined) return { open: PECULIAR };
  if (typeof num === 'object') return num;
  const n = parseCidr(prefix);
  if ('err' in n) return n;
  const len = n.ones + nb;
  if (len > n.bits) return { err: `insufficient address space to extend prefix of ${n.ones} by ${nb}` };
  // uint64(1 << newbits) - 1: a shift by 64 or more (or by a negative count, made a huge uint64) is 0, less one the largest uint64
  const max = nb >= 64 || nb < 0 ? (1n << 64n) - 1n : (1n << BigInt(nb)) - 1n;
  if (uint64(num) > max) return { err: `prefix extension of ${nb} does not accommodate a subnet numbered ${num}` };
  const ip = insert(n.ip, num, n.bits - len, n.bits);
  return typeof ip === 'bigint' ? { value: netText(ip, len, n.bits) } : ip;
}

/**
 * CidrSubnetsFunc: consecutive subnets of the prefix, each newbits longer, each after the one before
 * (go-cidr PreviousSubnet of the first length, then NextSubnet); `argErr` the index of the argument
 * a refusal is about (0 the prefix, i + 1 the i-th newbits)
 */
export function cidrSubnets(prefix: string, newbits: number[]): { value: string[] } | { argErr: number; message: string } | { open: string } {
  const n = parseCidr(prefix);
  if ('err' in n) return { argErr: 0, message: n.err };
  if (!newbits.length) return { value: [] };
  const all = (1n << BigInt(n.bits)) - 1n;
  const first = intArg(newbits[0]);
  if (first === undefined) return { open: PECULIAR };
  if (typeof first === 'object') return { argErr: 1, message: first.err };
  const firstLen = first + n.ones;
  // PreviousSubnet: the address before the prefix, masked to the first length
  // (an IPv4-mapped prefix: go-cidr's To4 makes it 32 bits there, which bdm-lab does not follow)
  let cur = firstLen >= 0 && firstLen <= n.bits && !mapped(n) ? { ip: ((n.ip - 1n) & all) & maskOf(firstLen, n.bits), ones: firstLen } : undefined;
  const out: string[] = [];
  for (let i = 0; i < newbits.length; i++) {
    const l = intArg(newbits[i]);
    if (l === undefined) return { open: PECULIAR };
    if (typeof l === 'object') return { argErr: i + 1, message: l.err };
    if (l < 1) return { argErr: i + 1, message: 'must extend prefix by at least one bit' };
    if (l > 32) return { argErr: i + 1, message: 'may not extend prefix by more than 32 bits' };
    const len = l + n.ones;
    if (len > n.bits) return { argErr: i + 1, message: `would extend prefix to ${len} bits, which is too long for an ${n.bits === 32 ? 'IPv4' : 'IPv6'} address` };
    if (!cur) return { open: PECULIAR };
    // NextSubnet: the last address of the current subnet, masked to the new length, that subnet's last address plus one
    const lastOf = (ip: bigint, ones: number) => ip | ((1n << BigInt(n.bits - ones)) - 1n);
    const last = (lastOf(lastOf(cur.ip, cur.ones) & maskOf(len, n.bits), len) + 1n) & all;
    const next = { ip: last & maskOf(len, n.bits), ones: len };
    // the rollover: net.IP Equal to IPv4zero or IPv6zero (an IPv6 ::ffff:0.0.0.0 is the former)
    if (last === 0n || (n.bits === 128 && last === 0xffff00000000n) || (next.ip & maskOf(n.ones, n.bits)) !== n.ip) {
      if (mapped({ ip: cur.ip, bits: n.bits })) return { open: PECULIAR };
      return { argErr: i + 1, message: `not enough remaining address space for a subnet with a prefix of ${len} bits after ${ipText(cur.ip, n.bits)}/${cur.ones}` };
    }
    if (mapped({ ip: next.ip, bits: n.bits })) return { open: PECULIAR };
    cur = next;
    out.push(`${ipText(cur.ip, n.bits)}/${cur.ones}`);
  }
  return { value: out };
}
