/**
 * The compute node's Nova release (lab host `host.nova_release`): a Nova version (`22.0.1`,
 * `26.2.2`, `2023.1`) or a series name (`zed`), read by the context's own parser
 * (libvirt/release.ts). Inside a release profile it picks the behaviours that changed within
 * the profile's span (engine/timings.ts `profileFacts`). A series name, a year series or a bare
 * major stands for the series' first release (X.0.0): stable-branch backports need the full
 * version.
 */
import { parseRelease, profileOfMajor, releaseMajors, releasePoint } from '../../libvirt/release';
import type { Profile } from '../types';
import type { NovaPoint } from '../../libvirt/diskXml';

/** major.minor.patch, where minor and patch are 0 when the value gives none (series name, year series, bare major) */
export interface NovaRelease extends NovaPoint {
  /** as written in the lab host */
  text: string;
}

/** A lab host's `host.nova_release`; null = neither a Nova version nor a series name. */
export function parseNovaRelease(value: string): NovaRelease | null {
  // (the context's nova_release reads the same: libvirt/release.ts releasePoint)
  const point = releasePoint(value);
  return point && { text: value.trim(), ...point };
}

/** Whether a release is at least major.minor.patch (the same comparison the volume drivers' XML keys on). */
export { atLeastPoint as atLeast } from '../../libvirt/diskXml';

/** The profile's span of Nova majors, as people write it. */
export function spanText(profile: Profile): string {
  const { min, max } = releaseMajors(profile);
  if (max === Infinity) return `Nova ≥ ${min}`;
  return min <= 0 ? `Nova ≤ ${max}` : `Nova ${min}–${max}`;
}

/**
 * Why `value` cannot be the compute node's release under `profile`, or null when it can.
 * Never throws: the lab host's loader reports the message at the field.
 */
export function novaReleaseProblem(value: string, profile: Profile): string | null {
  if (parseRelease(value)?.novaVersion === undefined && parseRelease(value) !== null) {
    return `"${value}" is a release profile, not a Nova release: set "profile" for that, and here a Nova version (e.g. "22.0.1", "2023.1") or a series name (e.g. "zed")`;
  }
  const r = parseNovaRelease(value);
  if (!r) return `"${value}" is neither a Nova version (e.g. "22.0.1", "26.2.2", "2023.1") nor an OpenStack series name (e.g. "wallaby", "zed")`;
  const { min, max } = releaseMajors(profile);
  if (r.major < min || r.major > max) {
    return `Nova ${r.major} ("${value}") is outside the profile "${profile}" (${spanText(profile)}): that release belongs to the profile "${profileOfMajor(r.major)}"`;
  }
  return null;
}

/** The release to apply under `profile`: none when absent or outside the profile's span. */
export function releaseInProfile(value: string | undefined, profile: Profile): NovaRelease | undefined {
  if (value === undefined || novaReleaseProblem(value, profile) !== null) return undefined;
  return parseNovaRelease(value) ?? undefined;
}

/**
 * The timeline's opening line about `host.nova_release` (null when the lab host names none):
 * the release the simulation follows, or why a profile override (`--profile`) left it out.
 * `labProfile` is the lab host's own profile, `profile` the one the run uses.
 */
export function releaseNote(value: string | undefined, labProfile: Profile, profile: Profile): string | null {
  if (value === undefined) return null;
  const override = profile !== labProfile ? ` (--profile override of the lab host's "${labProfile}")` : '';
  const problem = novaReleaseProblem(value, profile);
  if (problem !== null) return `host.nova_release "${value}" ignored: ${problem}; the profile "${profile}"${override} applies with its own choices`;
  const r = parseNovaRelease(value)!;
  const version = `${r.major}.${r.minor}.${r.patch}`;
  const what =
    profile === 'modern'
      ? `the API path follows Nova ${version}: ${r.major >= 33 ? 'nova-conductor reserves the device name and the Cinder attachment at every microversion' : 'nova-api reserves below 2.101'}`
      : // (the legacy profiles too: a failed build's clean-up, re-scheduling, nova.conf's option names)
        `the behaviours that changed within the profile follow Nova ${version}`;
  return `host.nova_release "${value}": simulating Nova ${version} under the profile "${profile}"${override} (${spanText(profile)}); ${what}`;
}

/**
 * The Cinder major release of the compute node's series (Nova 12.0.0 Liberty = Cinder 7.0.0, so
 * Nova N pairs with Cinder N - 5); kilo_prefix is Cinder 2014.2/2015.1, returned as 6 (before
 * 7.0.0). Without host.nova_release, the newest Cinder of the profile's span (ocata_legacy: 11,
 * queens_to_2024_2: 25).
 */
export function cinderSeries(w: { profile: Profile; novaRelease: NovaRelease | undefined }): number {
  if (w.profile === 'kilo_prefix') return 6;
  if (w.novaRelease) return w.novaRelease.major - 5;
  return w.profile === 'modern' ? Infinity : w.profile === 'queens_to_2024_2' ? 25 : 11;
}
