/**
 * The shapes shared by every rule table (the Nova rules of rules/ and the libvirt XML rules of
 * libvirtxml/): how serious a diagnostic is, and what a check reports. Types only.
 */
import type { Span } from './span';

/** How serious a diagnostic is, in the editor and the CLI. */
export type Severity = 'error' | 'warning' | 'information';

/** What a check reports: where, and the values its message template needs. Each table adds its code and more. */
export interface FindingBase<Args extends Record<string, string | number> = Record<string, string | number>> {
  span: Span;
  args?: Args;
}
