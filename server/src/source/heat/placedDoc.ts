/**
 * What the documents of a Heat resource's request share, whichever request it is (a server's,
 * index.ts HeatDoc; a volume attachment's, attach.ts HeatAttachDoc): the resource's own findings,
 * and where a body path is written in the template.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceFinding } from '../doc';
import type { HeatStage } from './props';
import type { TemplateNote } from './template';
import type { HeatTranslation, Place } from './translate';

const CODE_OF: Record<HeatStage, string> = { template: 'BDM-HEAT-TEMPLATE', 'heat-validate': 'BDM-HEAT-VALIDATE', novaclient: 'BDM-HEAT-NOVACLIENT', limit: 'BDM-LIMIT-TEMPLATE' };

/** Heat's refusal of the resource (a properties check's words are BDM-HEAT-PROPERTY, else by stage), then bdm-lab's notes on it */
export function resourceFindings(error: HeatTranslation['error'], notes: readonly TemplateNote[]): SourceFinding[] {
  const f: SourceFinding[] = [];
  if (error) f.push({ code: error.message.startsWith('Property error:') ? 'BDM-HEAT-PROPERTY' : CODE_OF[error.stage], span: error.span, path: '', args: { detail: error.message } });
  for (const n of notes) f.push({ code: 'BDM-HEAT-NOTE', span: n.span, path: '', args: { detail: n.message } });
  return f;
}

/**
 * Where a body path is written: the property (or entry key) that writes it; else the nearest
 * written ancestor; else the resource's type (`head`). The whole body is the whole resource.
 */
export function locatePlaced(places: ReadonlyMap<string, Place>, path: BodyPath, part: Part, whole: Span, head: Span): Span {
  if (path.length === 0 && part === 'whole') return whole;
  for (let n = path.length; n >= 0; n--) {
    const p = places.get(JSON.stringify(path.slice(0, n)));
    if (!p) continue;
    if (n < path.length) return p.key ?? p.value ?? p.whole;
    if (part === 'key' || part === 'start') return p.key ?? p.value ?? p.whole;
    if (part === 'value') return p.value ?? p.whole;
    return p.whole;
  }
  return head;
}
