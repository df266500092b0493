/**
 * What Terraform's plan refuses of a module's `moved` blocks (internal/refactoring move_validate.go
 * ValidateMoves, the root module's statements between resources): a statement whose `from` and `to`
 * are the same address ("Redundant move statement"), and one whose `from` is still declared ("Moved
 * object still exists": a resource block of that type and name, or, for an instance address, an
 * instance such a block makes: the keyless one of a block without count or for_each, placed at the block's
 * header, or a key its count or for_each makes when the caller knows them, placed at that expression; as
 * file:line,column). Each
 * refusal is placed on its block's `moved` keyword, in the statements' order. Terraform checks the
 * statements after its plan walk, and when one is refused the plan shows those refusals alone.
 * Addresses bdm-lab does not follow (module calls, instance keys of a resource whose count or for_each
 * it cannot know, anything that is not a plain address) are left alone.
 */
import type { Span } from '../../text/span';
import { attrs, blocks, type Body, type Expr } from './hcl';
import { graphemeCount } from './graphemes';

/** a resource address read from a moved block's `from`/`to`: type, name, instance key (undefined: the whole resource) */
interface MoveAddr { type: string; name: string; key?: string | number; text: string }

function readAddr(e: Expr | undefined): MoveAddr | undefined {
  if (!e || e.kind !== 'traversal' || ['module', 'data', 'resource', 'ephemeral'].includes(e.root)) return undefined;
  const [n, k, ...rest] = e.steps;
  if (!n || !('attr' in n) || rest.length) return undefined;
  const base = `${e.root}.${n.attr}`;
  if (!k) return { type: e.root, name: n.attr, text: base };
  if (!('index' in k)) return undefined;
  // a key: a literal, or a quoted string of plain text (a template of one literal part)
  const ix = k.index;
  const v = ix.kind === 'literal' ? ix.value : ix.kind === 'template' && ix.parts.length === 1 && 'lit' in ix.parts[0] ? ix.parts[0].lit : undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { type: e.root, name: n.attr, key: v, text: `${base}[${v}]` };
  if (typeof v === 'string') return { type: e.root, name: n.attr, key: v, text: `${base}[${JSON.stringify(v)}]` };
  return undefined;
}

/** the instance keys a resource's count or for_each makes (known), and where that expression starts */
export interface InstanceKeys { has: (k: string | number) => boolean; at: number }

/** the refusals of the module's moved blocks (none when every statement is valid) */
export function moveProblems(text: string, body: Body, file: string, keysOf?: (type: string, name: string) => InstanceKeys | undefined): Array<{ message: string; span: Span }> {
  const declared = new Map<string, { head: Span; keyed: boolean }>();
  for (const b of blocks(body, 'resource')) {
    if (b.labels.length !== 2) continue;
    const key = `${b.labels[0].value}.${b.labels[1].value}`;
    const a = attrs(b.body);
    if (!declared.has(key)) declared.set(key, { head: b.typeSpan, keyed: a.has('count') || a.has('for_each') });
  }
  const out: Array<{ message: string; span: Span }> = [];
  // hcl Pos of an offset (StartString: file:line,column): the line starts found once, a binary search for each place
  let starts: number[] | undefined;
  const startString = (at: number): string => {
    if (!starts) { starts = [0]; for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1); }
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= at) lo = mid; else hi = mid - 1; }
    return `${file}:${lo + 1},${1 + graphemeCount(text.slice(starts[lo], at))}`;
  };
  for (const m of blocks(body, 'moved')) {
    const a = attrs(m.body);
    const from = readAddr(a.get('from')?.expr);
    const to = readAddr(a.get('to')?.expr);
    if (!from || !to || from.type !== to.type) continue;
    const span = m.typeSpan;
    // a whole resource moved to one of its instances is first read as its keyless instance (refactoring
    // move_statement.go's unification), which a block without count or for_each still declares; the
    // other way round needs the block's keys, not followed
    if (from.key === undefined && to.key !== undefined) {
      const d = declared.get(`${from.type}.${from.name}`);
      if (from.name === to.name && d && !d.keyed) out.push({ message: `Moved object still exists: This statement declares a move from ${from.text}, but that resource instance is still declared at ${startString(d.head.offset)}.\n\nChange your configuration so that this instance will be declared as ${to.text} instead.`, span });
      continue;
    }
    // an instance of a block with count or for_each that still makes that key: placed at the count or for_each expression
    if (from.key !== undefined && from.text !== to.text) {
      const keys = declared.get(`${from.type}.${from.name}`)?.keyed ? keysOf?.(from.type, from.name) : undefined;
      if (keys?.has(from.key)) out.push({ message: `Moved object still exists: This statement declares a move from ${from.text}, but that resource instance is still declared at ${startString(keys.at)}.\n\nChange your configuration so that this instance will be declared as ${to.text} instead.`, span });
      continue;
    }
    if ((from.key === undefined) !== (to.key === undefined)) continue;
    if (from.text === to.text) {
      out.push({ message: `Redundant move statement: This statement declares a move from ${from.text} to the same address, which is the same as not declaring this move at all.`, span });
      continue;
    }
    const d = declared.get(`${from.type}.${from.name}`);
    // an instance address: a block without count or for_each makes only the keyless instance; the keys of one with them are not followed here
    if (!d || from.key !== undefined) continue;
    out.push({ message: `Moved object still exists: This statement declares a move from ${from.text}, but that resource is still declared at ${startString(d.head.offset)}.\n\nChange your configuration so that this resource will be declared as ${to.text} instead.`, span });
  }
  return out;
}
