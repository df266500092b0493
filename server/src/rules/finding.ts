import type { Span } from '../text/span';
import type { FindingBase } from '../model/diagnostic';
import type { RuleId } from './table';

/** What a check reports: a rule id, where, and the values its message needs. */
export interface Finding extends FindingBase {
  code: RuleId;
  span: Span;
  /** index of the blamed entry, null for request-wide findings */
  entry: number | null;
  /** e.g. server.block_device_mapping_v2[1].boot_index */
  path: string;
  args?: Record<string, string | number>;
  /** other places that take part (request-wide rules list the entries involved) */
  related?: Array<{ span: Span; message: string }>;
  /** position in Nova's own order of checks; smaller is reported first by Nova */
  order: number[];
}

export { pathString } from '../model/path';

/** Appends every item (push(...items) overflows the call stack beyond ~100 000 items). */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
