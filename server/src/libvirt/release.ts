/**
 * The Nova release the XML is written for: the attach simulator's release profile names, or a
 * Nova version or series name (`zed`, `caracal`) mapped onto them. Nova's major versions: 12 Liberty ... 26 Zed, then the year
 * series 2023.1 = 27, 2023.2 = 28, 2024.1 = 29, 2024.2 = 30, 2025.1 = 31 (two a year); before
 * Liberty the date versions (2015.1 Kilo = 11, 2014.2 Juno = 10, ...).
 */
import type { Context } from '../model/context';
import { releasePointOf, type NovaPoint, type ReleaseProfile } from './diskXml';

export const RELEASE_PROFILES: readonly ReleaseProfile[] = ['modern', 'queens_to_2024_2', 'ocata_legacy', 'kilo_prefix'];

export interface Release {
  profile: ReleaseProfile;
  /** Nova's major version when a version was given; undefined = the profile's own */
  novaVersion?: number;
}

/** Nova's major version of a version string (`26.2.2`, `2023.1`, `2015.1.2`), or null. */
export function novaMajor(version: string): number | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(version.trim());
  if (!m) return null;
  const first = Number(m[1]);
  if (first >= 2010) {
    const half = m[2] === undefined ? NaN : Number(m[2]);
    if (half !== 1 && half !== 2) return null;
    if (first >= 2023) return 26 + (first - 2023) * 2 + half;
    // the date versions from Essex to Kilo (2012.1 Essex = 5 ... 2015.1 Kilo = 11)
    if (first >= 2012 && (first < 2015 || (first === 2015 && half === 1))) return (first - 2012) * 2 + half + 4;
    return null;
  }
  return first >= 1 && first < 200 ? first : null;
}

/** OpenStack's series names and the Nova major version each released (essex = 5 ... gazpacho = 33). */
export const SERIES: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(
  ['essex', 'folsom', 'grizzly', 'havana', 'icehouse', 'juno', 'kilo', 'liberty', 'mitaka', 'newton', 'ocata', 'pike', 'queens', 'rocky',
    'stein', 'train', 'ussuri', 'victoria', 'wallaby', 'xena', 'yoga', 'zed', 'antelope', 'bobcat', 'caracal', 'dalmatian', 'epoxy', 'flamingo', 'gazpacho']
    .map((name, i) => [name, i + 5]),
));

/** The release profile a Nova major version behaves as. */
export function profileOfMajor(major: number): ReleaseProfile {
  if (major >= 31) return 'modern';
  if (major >= 17) return 'queens_to_2024_2';
  if (major >= 12) return 'ocata_legacy';
  return 'kilo_prefix';
}

/** A context's `nova_release` as a profile (+ version); null = not understood. */
export function parseRelease(value: string): Release | null {
  const v = value.trim();
  if ((RELEASE_PROFILES as readonly string[]).includes(v)) return { profile: v as ReleaseProfile };
  const name = v.toLowerCase();
  const major = Object.prototype.hasOwnProperty.call(SERIES, name) ? SERIES[name]! : novaMajor(v);
  if (major === null) return null;
  return { profile: profileOfMajor(major), novaVersion: major };
}

/**
 * The whole Nova release a context's `nova_release` names, for the steps a stable point release
 * changed: `26.2.2` is 26.2.2; a series name, a year series (`2023.1`) or a bare major is its
 * X.0.0; null for a profile name or a value not understood.
 */
export function releasePoint(value: string): NovaPoint | null {
  const r = parseRelease(value);
  if (!r || r.novaVersion === undefined) return null;
  const parts = value.trim().split('.');
  // only a Nova version spells minor and patch (2023.1 is a series: Nova 27's X.0.0)
  const own = Number(parts[0]) === r.novaVersion && parts.every((p) => /^\d{1,6}$/.test(p));
  return { major: r.novaVersion, minor: own && parts[1] !== undefined ? Number(parts[1]) : 0, patch: own && parts[2] !== undefined ? Number(parts[2]) : 0 };
}

/** the Nova major versions each release profile stands for */
const PROFILE_MAJORS: Readonly<Record<ReleaseProfile, { min: number; max: number }>> = {
  modern: { min: 31, max: Infinity },
  queens_to_2024_2: { min: 17, max: 30 },
  ocata_legacy: { min: 12, max: 16 },
  kilo_prefix: { min: 0, max: 11 },
};

/**
 * The Nova major versions a context's `nova_release` may be: a version's own, a profile's run
 * (`queens_to_2024_2`: 17-30); null (the newest) or a value not understood: the newest profile's.
 */
export function releaseMajors(value: string | null | undefined): { min: number; max: number } {
  const r = value ? parseRelease(value) : null;
  if (!r) return PROFILE_MAJORS.modern;
  return r.novaVersion !== undefined ? { min: r.novaVersion, max: r.novaVersion } : PROFILE_MAJORS[r.profile];
}

/** The release a context's `nova_release` names for the XML and the disk names (a profile or none: its own default release). */
export function contextRelease(ctx: Context): NovaPoint {
  const rel = ctx.nova_release ? parseRelease(ctx.nova_release) : null;
  return releasePointOf({ profile: rel?.profile, novaVersion: rel?.novaVersion, novaRelease: ctx.nova_release ? releasePoint(ctx.nova_release) ?? undefined : undefined });
}
