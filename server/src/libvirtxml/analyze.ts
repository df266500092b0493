import { parseXml } from './parse';
import { libvirtRootOf } from './recognize';
import { RULES } from './rules';
import type { Rule } from './rules';
import type { LibvirtAnalysis, LibvirtRoot, Problem } from './types';
import { attrValue } from './types';
import { buildView } from './view';
import { fill } from '../model/diagnostic';

/**
 * The single entry point of the libvirt XML domain: text in, problems and an
 * outline out. Pure and synchronous; never throws. libvirt's own schema check
 * (schemaCheck.ts) is separate because it runs an external program.
 */

export const INTERNAL_ERROR_ID = 'LIBVIRT-INTERNAL';

export function analyzeLibvirtXml(text: string): LibvirtAnalysis {
  const root = libvirtRootOf(text);
  const parsed = parseXml(text);
  const problems: Problem[] = [...parsed.problems];
  if (!parsed.root || !isRoot(parsed.root.name)) return { root, problems, disks: [] };

  const view = buildView(parsed.root.name, parsed.root);
  for (const rule of RULES) {
    try {
      for (const f of rule.check(view)) {
        problems.push({ id: rule.id, severity: rule.severity, message: formatMessage(rule, f.args), span: f.span });
      }
    } catch (e) {
      // A bug in one check must not hide the others or reach the LSP loop.
      problems.push({
        id: INTERNAL_ERROR_ID,
        severity: 'information',
        message: `bdm-lab could not run ${rule.id}: ${e instanceof Error ? e.message : String(e)}`,
        span: parsed.root.nameSpan,
      });
    }
  }

  const disks = view.disks.map((d) => ({
    span: d.el.span,
    targetDev: d.dev,
    bus: d.target ? attrValue(d.target, 'bus') : undefined,
    type: d.typeValue,
    device: d.device ? attrValue(d.el, 'device') : undefined,
  }));
  return { root: parsed.root.name, problems, disks };
}

function isRoot(name: string): name is LibvirtRoot {
  return name === 'domain' || name === 'disk' || name === 'devices';
}

export function formatMessage(rule: Rule, args: Record<string, string> | undefined): string {
  return fill(rule.message, args);
}
