/**
 * Nova's API front door for the microversion: what the compute API answers to the version a
 * client asks for, before it reads anything else of the request (nova/api/openstack/wsgi.py
 * Resource.__call__ -> Request.set_api_version_request).
 *
 * Facts, read with git from openstack/nova's release tags (12.0.0 ... 33.0.2, and 2015.1.0):
 * - nova/api/openstack/api_version_request.py: `_MIN_API_VERSION` is 2.1 at every tag;
 *   `_MAX_API_VERSION` per major release is API_MAX_MINOR below (the same at every point
 *   release of a major); the accepted form of a version string is one pattern at every tag:
 *   a major without leading zero, a dot, then `0` or a minor without leading zero.
 * - nova/exception.py InvalidAPIVersionString and InvalidGlobalAPIVersion: the two messages,
 *   worded the same at every tag; wsgi.py answers the first with 400, the second with 406.
 * - The header is read by microversion_parse, which strips blanks around the value; `latest`
 *   stands for the running Nova's maximum. The legacy /v2 endpoint
 *   (nova/api/openstack/__init__.py LegacyV2CompatibleWrapper) drops the header before it is
 *   read: bdm-lab's microversion `2.0` is that endpoint, so it is never checked here.
 *
 * Pure data and pure functions: no I/O.
 */

/** the lowest microversion every Nova with microversions serves (`_MIN_API_VERSION`) */
export const API_MIN_MINOR = 1;

/**
 * `_MAX_API_VERSION`'s minor (2.N) per Nova major release, from each release's X.0.0 tag (no
 * point release of a major changes it). 11 is Kilo (2015.1.0), the first release with
 * microversions; 34 is Nova master at commit 00a030403f67 (2026-08-21, after 33.0.0, not yet
 * released), the Nova the nova-oracle runs and bdm-lab's request schemas follow.
 */
export const API_MAX_MINOR: Readonly<Record<number, number>> = Object.freeze({
  11: 3,
  12: 12,
  13: 25,
  14: 38,
  15: 42,
  16: 53,
  17: 60,
  18: 65,
  19: 72,
  20: 79,
  21: 87,
  22: 87,
  23: 88,
  24: 90,
  25: 90,
  26: 93,
  27: 95,
  28: 95,
  29: 96,
  30: 96,
  31: 100,
  32: 100,
  33: 103,
  34: 104,
});

/** the oldest and newest majors of API_MAX_MINOR */
export const API_FIRST_MAJOR = 11;
export const API_NEWEST_MAJOR = 34;

/** the newest maximum bdm-lab knows: what a context without nova_release is judged against */
export const NEWEST_API_MAX_MINOR = API_MAX_MINOR[API_NEWEST_MAJOR]!;

/**
 * The highest `_MAX_API_VERSION` minor among the Nova majors `min`..`max` (a release, or a run of
 * releases such as a release profile's; an open run, the newest profile's, ends at the newest
 * known). Null when none of them has microversions (before Kilo) or every one is newer than the
 * newest known: no version is checked then.
 */
export function apiMaxMinorOf(span: { min: number; max: number }): number | null {
  if (span.max < API_FIRST_MAJOR || span.min > API_NEWEST_MAJOR) return null;
  return API_MAX_MINOR[Math.min(span.max, API_NEWEST_MAJOR)] ?? null;
}

/** What the front door does with a microversion. */
export type FrontDoor =
  /** the version is served: the request is judged at `microversion` (`latest` becomes the maximum) */
  | { ok: true; microversion: string }
  /** 400: the string is not of Nova's form (nova/exception.py InvalidAPIVersionString) */
  | { ok: false; status: 400; version: string }
  /** 406: outside min..max (nova/exception.py InvalidGlobalAPIVersion); `version` as Nova prints it */
  | { ok: false; status: 406; version: string; min: string; max: string };

/** the blanks Python's str.strip() removes (microversion_parse strips the header's value) */
const PY_BLANKS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
  0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

function pyStrip(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && PY_BLANKS.has(s.charCodeAt(a))) a++;
  while (b > a && PY_BLANKS.has(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** a run of ASCII digits without a leading zero (or "0" itself when `zero`) */
function plainNumber(s: string, zero: boolean): boolean {
  if (s.length === 0) return false;
  if (s === '0') return zero;
  if (s.charCodeAt(0) === 0x30) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * Nova's answer to the microversion a request asks for, given the running Nova's maximum minor
 * (null: none checked). `2.0` is bdm-lab's spelling of the legacy /v2 endpoint, which never reads
 * the header: always served. The header goes through Nova as Latin-1 text, so its digits are
 * ASCII ones only.
 */
export function apiFrontDoor(microversion: string, maxMinor: number | null): FrontDoor {
  // before Kilo there are no microversions: the header is not read
  if (maxMinor === null || microversion.trim() === '2.0') return { ok: true, microversion };
  const v = pyStrip(microversion);
  if (v === 'latest') return { ok: true, microversion: `2.${maxMinor}` };
  const dot = v.indexOf('.');
  const major = dot < 0 ? '' : v.slice(0, dot);
  const minor = dot < 0 ? '' : v.slice(dot + 1);
  if (!plainNumber(major, false) || !plainNumber(minor, true)) return { ok: false, status: 400, version: v };
  // Nova prints its own string of the parsed numbers: the same digits, as they have no leading zero
  const m = major.length > 1 ? Infinity : Number(major);
  const n = Number(minor);
  const outside = m < 2 || m > 2 || n < API_MIN_MINOR || n > maxMinor;
  if (outside) return { ok: false, status: 406, version: v, min: `2.${API_MIN_MINOR}`, max: `2.${maxMinor}` };
  return { ok: true, microversion };
}
