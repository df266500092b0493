/**
 * The API front door as a finding: the context's microversion against the form Nova takes and
 * the maximum of the context's nova_release (nova/apiVersions.ts has the facts). Nova checks the
 * version header before it reads the body, so a refusal here is the whole verdict.
 */
import type { Context } from '../model/context';
import { releaseMajors } from '../libvirt/release';
import { API_NEWEST_MAJOR, apiFrontDoor, apiMaxMinorOf, type FrontDoor } from '../nova/apiVersions';
import type { Finding } from './finding';
import { STAGE } from './order';

/** the Nova the maximum was taken from, for the explanation */
function releaseWords(release: string | null | undefined, span: { min: number; max: number }, maxMinor: number): string {
  const top = Math.min(span.max, API_NEWEST_MAJOR);
  const which = top === API_NEWEST_MAJOR ? `Nova master after 33.0.0 serves 2.${maxMinor}` : `Nova ${top} serves up to 2.${maxMinor}`;
  if (!release) return `no nova_release in the context: the newest known, ${which}`;
  return span.min === span.max ? `nova_release "${release}": ${which}` : `nova_release "${release}" is Nova ${span.min}-${Number.isFinite(span.max) ? span.max : 'newest'}; the highest of them, ${which}`;
}

/**
 * What the front door answers to the context's microversion: a refusal as a finding at `span`
 * (the start of the document: the context is not in its text), or the microversion the request is
 * judged at (`latest` becomes the maximum).
 */
export function frontDoor(context: Context, span: { offset: number; length: number }): { finding: Finding } | { microversion: string } {
  const { majors, maxMinor, r, served } = answerOf(context.microversion, context.nova_release);
  if (r.ok) return served!;
  const args: Record<string, string> = r.status === 400
    ? { version: r.version }
    : { version: r.version, min: r.min, max: r.max, release: releaseWords(context.nova_release, majors, maxMinor!) };
  return { finding: { code: r.status === 400 ? 'BDM-API-VERSION-FORMAT' : 'BDM-API-VERSION-UNSUPPORTED', span, entry: null, path: '', args, order: [STAGE.syntax], related: [] } };
}

/**
 * The last few contexts' answers, kept: every analysis asks with the same microversion and
 * release (an editor's every keystroke, a CLI's every file), or one of a few when documents of
 * different contexts take turns, and working it out again cost about as much as judging a
 * one-entry body's schema.
 */
const kept: Array<{ microversion: string; release: string | null | undefined; answer: Answer }> = [];
const KEPT = 4;
/** the answer, and the same result object for every served request (nothing made per analysis) */
type Answer = { majors: { min: number; max: number }; maxMinor: number | null; r: FrontDoor; served: { microversion: string } | null };
function answerOf(microversion: string, release: string | null | undefined): Answer {
  for (let i = 0; i < kept.length; i++) {
    const k = kept[i];
    if (k.microversion === microversion && k.release === release) return k.answer;
  }
  const majors = releaseMajors(release);
  const maxMinor = apiMaxMinorOf(majors);
  const front = apiFrontDoor(microversion, maxMinor);
  const answer: Answer = { majors, maxMinor, r: front, served: front.ok ? { microversion: front.microversion } : null };
  if (kept.length >= KEPT) kept.shift();
  kept.push({ microversion, release, answer });
  return answer;
}

/**
 * The highest microversion a cloud of the context's nova_release serves ("2.N"), for the tools
 * that ask the cloud for its maximum and send the lower of it and their own (openstacksdk,
 * `openstack server add volume`, Heat's novaclient): a cloud of that Nova offers no more.
 * Undefined without a release, or for one bdm-lab knows no maximum of (the tool's default then).
 */
export function releaseApiMax(release: string | null | undefined): string | undefined {
  if (!release) return undefined;
  const { maxMinor } = answerOf('2.1', release);
  return maxMinor === null ? undefined : `2.${maxMinor}`;
}

