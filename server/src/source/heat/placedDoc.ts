/**
 * What the documents of a Heat resource's request share, whichever request it is (a server's,
 * index.ts HeatDoc; a volume attachment's, attach.ts HeatAttachDoc): the resource's own findings
 * (where a body path is written: places.ts locateWritten).
 */
import type { SourceFinding } from '../doc';
import type { HeatStage } from './props';
import type { TemplateNote } from './template';
import type { HeatTranslation } from './translate';

const CODE_OF: Record<HeatStage, string> = { template: 'BDM-HEAT-TEMPLATE', 'heat-validate': 'BDM-HEAT-VALIDATE', novaclient: 'BDM-HEAT-NOVACLIENT', limit: 'BDM-LIMIT-TEMPLATE' };

/** Heat's refusal of the resource (a properties check's words are BDM-HEAT-PROPERTY, else by stage), then bdm-lab's notes on it */
export function resourceFindings(error: HeatTranslation['error'], notes: readonly TemplateNote[]): SourceFinding[] {
  const f: SourceFinding[] = [];
  if (error) f.push({ code: error.message.startsWith('Property error:') ? 'BDM-HEAT-PROPERTY' : CODE_OF[error.stage], span: error.span, path: '', args: { detail: error.message } });
  for (const n of notes) f.push({ code: n.code ?? 'BDM-HEAT-NOTE', span: n.span, path: '', args: { detail: n.message } });
  return f;
}
