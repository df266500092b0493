/**
 * json.dumps of a template value as Heat writes it (oslo's jsonutils.dumps): from the nodes, so
 * that a float of integral value stays `1.0` and an int past 2^53 keeps its digits, and a key
 * that is no string is written as json writes it (`2`, `1.0`, `true`, `null`). With sort_keys
 * (list_join, str_replace), Python sorts each map's keys and cannot compare a str with a number,
 * nor None with anything: json.dumps fails then (JsonKeyOrder).
 */
import { byCodePoints } from '../../parse/pyrepr';
import { pyJsonDumps, pyRepr } from './py';
import type { RNode } from './template';

/** Python's sorted() of a map's keys met two it cannot compare (a TypeError in json.dumps) */
export class JsonKeyOrder extends Error {}

/** the key as json.dumps writes it (a key that is no string by its str(), RNode.keyText) */
function keyJson(k: string, keyText: string | undefined): string {
  if (keyText === undefined) return pyJsonDumps(k);
  if (keyText === 'True' || keyText === 'False') return `"${keyText.toLowerCase()}"`;
  if (keyText === 'None') return '"null"';
  if (keyText === 'inf' || keyText === '-inf') return `"${keyText[0] === '-' ? '-' : ''}Infinity"`;
  if (keyText === 'nan') return '"NaN"';
  return `"${keyText}"`;
}

/** a key's number to sort by (True is 1, False 0) */
const keyNumber = (t: string) => (t === 'True' ? 1 : t === 'False' ? 0 : Number(t));

function sortedEntries(entries: Array<[string, RNode]>): Array<[string, RNode]> {
  if (entries.length < 2) return entries;
  const odd = entries.filter(([, v]) => v.keyText !== undefined);
  if (odd.some(([, v]) => v.keyText === 'None') || (odd.length && odd.length < entries.length)) throw new JsonKeyOrder();
  if (!odd.length) return [...entries].sort(([a], [b]) => byCodePoints(a, b));
  return [...entries].sort(([, a], [, b]) => keyNumber(a.keyText!) - keyNumber(b.keyText!));
}

/** json.dumps(value, sort_keys=sortKeys) of a node; throws JsonKeyOrder where Python's sort of keys fails */
export function jsonOfNode(n: RNode, sortKeys = false, depth = 0): string {
  if (depth > 200) return pyJsonDumps(n.value, sortKeys);
  if (n.kind === 'map' && n.entries) {
    const entries = sortKeys ? sortedEntries(n.entries) : n.entries;
    return `{${entries.map(([k, x]) => `${keyJson(k, x.keyText)}: ${jsonOfNode(x, sortKeys, depth + 1)}`).join(', ')}}`;
  }
  if (n.kind === 'seq' && n.items) return `[${n.items.map((x) => jsonOfNode(x, sortKeys, depth + 1)).join(', ')}]`;
  if (n.kind === 'scalar' && n.float && typeof n.value === 'number' && Number.isFinite(n.value)) return pyRepr(n.value, true);
  if (n.kind === 'scalar' && n.bigText !== undefined) return n.bigText;
  return pyJsonDumps(n.value, sortKeys);
}
