/**
 * Python's white space as str.strip(), rstrip() and split() read it (str.isspace(): the ASCII
 * controls 0x09-0x0d and 0x1c-0x1f, the space, and Unicode's separators), not JavaScript's
 * trim() (which strips a BOM and keeps 0x1c-0x1f). Every such character is one UTF-16 unit.
 * Scans from the ends: no pattern, so a long run of blanks stays linear.
 */
export const isPySpace = (c: number): boolean =>
  (c >= 0x9 && c <= 0xd) || (c >= 0x1c && c <= 0x20) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/** Python's s.rstrip() */
export function pyRstrip(s: string): string {
  let b = s.length;
  while (b > 0 && isPySpace(s.charCodeAt(b - 1))) b--;
  return b === s.length ? s : s.slice(0, b);
}

/** Python's s.strip() */
export function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s.charCodeAt(a))) a++;
  while (b > a && isPySpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
