/**
 * The shapes shared by every rule table (the Nova rules of rules/ and the libvirt XML rules of
 * libvirtxml/): how serious a diagnostic is, what a check reports, and how a message template
 * is filled from its values.
 */
import type { Span } from './span';

/** How serious a diagnostic is, in the editor and the CLI. */
export type Severity = 'error' | 'warning' | 'information';

/** What every rule table's row has: its code (stable forever), severity and the upstream place of the fact. */
export interface RuleRowBase {
  id: string;
  severity: Severity;
  upstream: string;
}

/** What a check reports: where, and the values its message template needs. Each table adds its code and more. */
export interface FindingBase<Args extends Record<string, string | number> = Record<string, string | number>> {
  span: Span;
  args?: Args;
}

const TEMPLATES = new Map<string, string[]>();
/**
 * A message with its {placeholders} replaced by the finding's values (unknown ones are kept).
 * Templates are split once: filling thousands of findings is then plain concatenation.
 */
export function fill(template: string, args: Readonly<Record<string, string | number>> = {}): string {
  let parts = TEMPLATES.get(template);
  if (!parts) {
    // even indexes: literal text; odd indexes: placeholder names
    parts = template.split(/\{(\w+)\}/);
    TEMPLATES.set(template, parts);
  }
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i];
    out += (k in args ? String(args[k]) : `{${k}}`) + parts[i + 1];
  }
  return out;
}
