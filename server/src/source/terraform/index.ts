/**
 * Terraform configurations (`.tf`, HCL native syntax): each `openstack_compute_instance_v2`
 * resource is one `POST /servers` request and each `openstack_compute_volume_attach_v2` one
 * volumeAttachment request, translated as terraform-provider-openstack does (translate.ts) and
 * seen through SourceDoc, their body paths placed on the HCL attribute or block that writes them.
 * Terraform's and the provider's refusals are the source's findings (they answer before Nova);
 * values bdm-lab cannot know are named in notes. Quick fixes edit the HCL.
 */
import type { Span } from '../../text/span';
import type { BodyPath, Part, SourceDoc, SourceFinding, SourceFix } from '../doc';
import { BuiltBodyDoc } from '../builtBody';
import type { Inventory } from '../../model/inventory';
import { attrs, blocks, parseHcl, rangeText, DEFAULT_FILE, type Attribute, type Block, type Body, type Expr } from './hcl';
import { evaluate, refusal, Scope, validationProblem, variableProblem, type Diag } from './eval';
import { translateAttach, translateInstance, type TfTranslation } from './translate';
import { expandResource, type Expansion } from './expand';
import { localsRead, nodesRead, referenceProblems, resourceSelfRefs, selfReference } from './references';
import { INSTANCE as INSTANCE_SCHEMA, ATTACH as ATTACH_SCHEMA } from './schema';
import { moveProblems } from './moved';

export { parseHcl } from './hcl';
export { translateInstance, translateAttach, type TfTranslation } from './translate';

import { INSTANCE, ATTACH } from './mentions';
export { mentionsTerraformResources } from './mentions';
const LABEL = 'terraform-provider-openstack, gophercloud v2.13.0';


/** One resource as the rules see it: the body the provider sends, its paths placed on the HCL. */
export class TerraformDoc extends BuiltBodyDoc implements SourceDoc {
  readonly kind: 'server' | 'attach';
  readonly api: 'server' | 'attach';
  readonly tool = 'terraform';
  readonly toolLabel: string;
  readonly microversion: string;
  readonly body: unknown;
  readonly imageRef: string | null;
  readonly findings: readonly SourceFinding[];
  readonly creates?: Pick<Inventory, 'volumes'>;

  constructor(readonly text: string, readonly t: TfTranslation | null, syntax?: { message: string; span: Span; limit?: true }, readonly instanceKey = '') {
    super();
    this.api = t?.api ?? 'server';
    this.kind = this.api;
    const resName = t ? `\`${t.resource.labels.map((l) => l.value).join('.')}${instanceKey}\`` : 'this configuration';
    this.toolLabel = `${resName} (${LABEL})`;
    this.microversion = t?.microversion ?? '2.1';
    this.body = t?.body ?? null;
    this.imageRef = t?.imageRef ?? null;
    const f: SourceFinding[] = [];
    if (syntax) f.push({ code: syntax.limit ? 'BDM-LIMIT-TEMPLATE' : 'BDM-TF-SYNTAX', span: syntax.span, path: '', args: { detail: syntax.message } });
    for (const e of t?.error ? [t.error, ...t.also] : []) f.push({ code: e.code, span: e.span, path: '', args: { detail: e.message } });
    for (const n of t?.notes ?? []) f.push({ code: 'BDM-TF-UNRESOLVED', span: n.span, path: '', args: { detail: n.message } });
    this.findings = f;
    if (t?.creates.length) this.creates = { volumes: t.creates };
    if (t?.body) this.readBody(t.body, this.kind, this.api === 'server' ? [{ path: ['server', 'block_device_mapping_v2'], syntax: 'v2' }] : []);
  }

  /** the attribute (or block) that writes a body path; else the nearest written ancestor */
  locate(path: BodyPath, part: Part): Span | undefined {
    if (!this.t) return path.length === 0 ? this.findings[0]?.span : undefined;
    for (let n = path.length; n >= 0; n--) {
      const p = this.t.places.get(JSON.stringify(path.slice(0, n)));
      if (!p) continue;
      if (n < path.length) return p.key ?? p.whole;
      if (part === 'key' || part === 'start') return p.key ?? p.value ?? p.whole;
      if (part === 'value') return p.value ?? p.whole;
      return p.whole;
    }
    return this.t.resource.span;
  }

  /** everything the provider sends comes from the resource (its defaults are its doing) */
  covers(): boolean { return true; }
  printPath(path: string): string { return path; }

  fixes(d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
    return this.t ? tfFixes(this.text, this.t, d) : [];
  }
}

/**
 * What Terraform's module loader refuses in one file (internal/configs/module.go appendFile): a
 * variable, a local value (in two locals blocks), a resource or a data source declared twice, the
 * second named with the place of the first (hcl Range.String; a block by its type and labels, a
 * local by its whole definition). The first by position.
 */
function moduleDuplicate(text: string, body: Body, file: string): { message: string; span: Span } | null {
  // the message (its place: a walk over the text) is written for the first duplicate only
  const found: Array<{ make: () => string; span: Span }> = [];
  const header = (b: Block): Span => {
    const end = b.labels.length ? b.labels[b.labels.length - 1].span : b.typeSpan;
    return { offset: b.typeSpan.offset, length: end.offset + end.length - b.typeSpan.offset };
  };
  const seen = new Map<string, Span>();
  const once = (key: string, at: Span, message: (first: string) => string) => {
    const first = seen.get(key);
    if (first) found.push({ make: () => message(rangeText(text, first, file)), span: at });
    else seen.set(key, at);
  };
  for (const b of blocks(body)) {
    const [l0, l1] = b.labels.map((l) => l.value);
    if (b.blockType === 'variable' && b.labels.length === 1) once(`var.${l0}`, header(b), (at) => `Duplicate variable declaration: A variable named "${l0}" was already declared at ${at}. Variable names must be unique within a module.`);
    else if (b.blockType === 'resource' && b.labels.length === 2) once(`${l0}.${l1}`, header(b), (at) => `Duplicate resource "${l0}" configuration: A ${l0} resource named "${l1}" was already declared at ${at}. Resource names must be unique per type in each module.`);
    else if (b.blockType === 'data' && b.labels.length === 2) once(`data.${l0}.${l1}`, header(b), (at) => `Duplicate data "${l0}" configuration: A ${l0} data resource named "${l1}" was already declared at ${at}. Resource names must be unique per type in each module.`);
    else if (b.blockType === 'locals') {
      // a name set twice in one locals block is the parser's "Attribute redefined": the block keeps the first
      const inBlock = new Set<string>();
      for (const it of b.body.items) {
        if (it.type !== 'attribute' || inBlock.has(it.name)) continue;
        inBlock.add(it.name);
        once(`local.${it.name}`, it.span, (at) => `Duplicate local value definition: A local value named "${it.name}" was already defined at ${at}. Local value names must be unique within a module.`);
      }
    }
  }
  const earliest = found.reduce<(typeof found)[number] | null>((best, f) => (!best || f.span.offset < best.span.offset ? f : best), null);
  return earliest && { message: earliest.make(), span: earliest.span };
}

/**
 * What Terraform's loader refuses in a resource's or data source's lifecycle conditions
 * (configs/checks.go validateSelfReferences): a precondition's or postcondition's `condition` or
 * `error_message` that names the block's own address (an instance of it too; `self` is the way),
 * placed on that expression. Each such expression, in text order.
 */
function conditionSelfReferences(body: Body): Array<{ message: string; span: Span }> {
  const out: Array<{ message: string; span: Span }> = [];
  for (const b of blocks(body)) {
    if ((b.blockType !== 'resource' && b.blockType !== 'data') || b.labels.length !== 2) continue;
    const addr = `${b.blockType === 'data' ? 'data.' : ''}${b.labels[0].value}.${b.labels[1].value}`;
    for (const l of blocks(b.body, 'lifecycle')) {
      for (const c of blocks(l.body)) {
        if (c.blockType !== 'precondition' && c.blockType !== 'postcondition') continue;
        const a = attrs(c.body);
        for (const name of ['condition', 'error_message']) {
          const x = a.get(name)?.expr;
          if (x && nodesRead(x).includes(addr)) out.push({ message: `Invalid reference in ${c.blockType}: Configuration for ${addr} may not refer to itself.`, span: x.span });
        }
      }
    }
  }
  return out;
}

/**
 * Every local value as Terraform's graph walk evaluates it (node_local.go): a local that reads itself
 * is refused first, else its expression's refusal. A local that reads a refused local (or one
 * skipped for that) is not evaluated: its upstream failed, and its own refusal is not shown.
 * `failed`: the locals refused or skipped; `first`: the first shown refusal by position.
 */
function localRefusals(scope: Scope): { first: Diag | undefined; failed: Set<string> } {
  const own = new Map<string, Diag>();
  const readers = new Map<string, string[]>();
  const reads = new Map<string, string[]>();
  for (const [name, a] of scope.locals) {
    const d = selfReference(a.expr, name) ?? refusal(evaluate(a.expr, scope));
    if (d) own.set(name, d);
    const r = localsRead(a.expr).filter((x) => x !== name);
    reads.set(name, r);
    for (const x of r) { const rs = readers.get(x); if (rs) rs.push(name); else readers.set(x, [name]); }
  }
  // the locals downstream of a refused one (each visited once)
  const failed = new Set(own.keys());
  const queue = [...failed];
  for (let i = 0; i < queue.length; i++) {
    for (const n of readers.get(queue[i]) ?? []) if (!failed.has(n)) { failed.add(n); queue.push(n); }
  }
  const shown = [...own].filter(([n]) => !reads.get(n)!.some((x) => failed.has(x))).map(([, d]) => d);
  return { first: shown.sort((x, y) => x.span.offset - y.span.offset)[0], failed };
}

/** whether a body (its arguments and nested blocks, meta-arguments too) reads one of `names` as `local.NAME` */
function readsAny(body: Body, names: ReadonlySet<string>): boolean {
  const stack: Body[] = [body];
  while (stack.length) {
    for (const it of stack.pop()!.items) {
      if (it.type === 'block') stack.push(it.body);
      else if (localsRead(it.expr).some((n) => names.has(n))) return true;
    }
  }
  return false;
}

/** every expression of a body, its nested blocks' too (a dynamic block's content with its iterator's name bound) */
function bodyExprs(body: Body, skip: ReadonlySet<string>): Array<{ expr: Expr; bound: (name: string) => boolean }> {
  const out: Array<{ expr: Expr; bound: (name: string) => boolean }> = [];
  const stack: Array<{ body: Body; names: readonly string[]; depth: number }> = [{ body, names: [], depth: 0 }];
  while (stack.length) {
    const { body: b, names, depth } = stack.pop()!;
    const bound = (n: string) => names.includes(n);
    for (const it of b.items) {
      if (it.type === 'attribute') { if (!(depth === 0 && skip.has(it.name))) out.push({ expr: it.expr, bound }); continue; }
      if (depth === 0 && skip.has(it.blockType)) continue;
      // (nesting in an HCL file is bounded by the parser's depth limit; each block is visited once)
      let inner = names;
      if (it.blockType === 'dynamic') {
        const itx = attrs(it.body).get('iterator')?.expr;
        inner = [...names, itx?.kind === 'traversal' && !itx.steps.length ? itx.root : it.labels[0]?.value ?? ''];
      }
      stack.push({ body: it.body, names: inner, depth: depth + 1 });
    }
  }
  return out.sort((x, y) => x.expr.span.offset - y.expr.span.offset);
}

/** a module call's meta-arguments: what its expansion (`module.NAME (expand)`) waits for */
const MODULE_META = ['count', 'for_each', 'depends_on'];

/**
 * Terraform's graph of one module, checked before anything is evaluated (dag.go Validate, Tarjan's
 * strongly connected components): local values, resources, data sources and module calls joined by
 * what each reads. A component of two or more is refused, "Cycle: " with its members in the order
 * Tarjan's walk pops them (each one reads the one before it); Terraform starts the walk at a node of
 * its own (a map's order: it varies from run to run), bdm-lab at the first by position. Terraform
 * reports every cycle, each its own error: they are returned by the position of their first member,
 * each placed there. A module call is its expansion, which waits for its count, for_each and
 * depends_on; every reference to the call (an instance, an output) waits for that expansion, whatever
 * the module's source holds, so a meta-argument that reads the call back (even directly) is a cycle.
 * Its arguments reach only the module's variables, whose readers are in its source (not read here):
 * no edge. Each node and each edge is visited once.
 */
export function graphCycles(body: Body): Array<{ message: string; span: Span }> {
  const nodes = new Map<string, { span: Span; reads: string[] }>();
  for (const l of blocks(body, 'locals')) {
    for (const it of l.body.items) if (it.type === 'attribute' && !nodes.has(`local.${it.name}`)) nodes.set(`local.${it.name}`, { span: it.span, reads: nodesRead(it.expr) });
  }
  for (const b of blocks(body)) {
    if (b.blockType === 'module' && b.labels.length === 1) {
      const a = attrs(b.body);
      const key = `module.${b.labels[0].value}`;
      if (!nodes.has(key)) nodes.set(key, { span: b.span, reads: MODULE_META.flatMap((m) => { const x = a.get(m); return x ? nodesRead(x.expr) : []; }) });
      continue;
    }
    if ((b.blockType !== 'resource' && b.blockType !== 'data') || b.labels.length !== 2) continue;
    const key = `${b.blockType === 'data' ? 'data.' : ''}${b.labels[0].value}.${b.labels[1].value}`;
    if (!nodes.has(key)) nodes.set(key, { span: b.span, reads: bodyExprs(b.body, new Set()).flatMap((x) => nodesRead(x.expr, x.bound)) });
  }
  const order = [...nodes.keys()].sort((x, y) => nodes.get(x)!.span.offset - nodes.get(y)!.span.offset);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const root of order) {
    if (index.has(root)) continue;
    // an explicit stack of (node, next edge): no recursion however long the chain
    const walk: Array<{ v: string; e: number }> = [];
    const open = (v: string) => { index.set(v, next); low.set(v, next++); stack.push(v); onStack.add(v); walk.push({ v, e: 0 }); };
    open(root);
    while (walk.length) {
      const top = walk[walk.length - 1];
      const reads = nodes.get(top.v)!.reads;
      if (top.e < reads.length) {
        const w = reads[top.e++];
        if (!nodes.has(w) || w === top.v) continue;
        if (!index.has(w)) open(w);
        else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      walk.pop();
      if (walk.length) { const up = walk[walk.length - 1].v; low.set(up, Math.min(low.get(up)!, low.get(top.v)!)); }
      if (low.get(top.v) !== index.get(top.v)) continue;
      const scc: string[] = [];
      for (;;) { const w = stack.pop()!; onStack.delete(w); scc.push(w); if (w === top.v) break; }
      // a module call whose meta-argument reads the call itself: its expansion and its close, two nodes to Terraform
      if (scc.length > 1 || (top.v.startsWith('module.') && nodes.get(top.v)!.reads.includes(top.v))) found.push(scc);
    }
  }
  const at = (c: string[]) => c.reduce((m, n) => Math.min(m, nodes.get(n)!.span.offset), Infinity);
  const name = (n: string) => (n.startsWith('local.') || n.startsWith('module.') ? `${n} (expand)` : n);
  return found.sort((x, y) => at(x) - at(y)).map((c) => {
    const place = c.reduce((a, n) => (nodes.get(n)!.span.offset < nodes.get(a)!.span.offset ? n : a));
    const mods = c.filter((n) => n.startsWith('module.'));
    const own = mods.length ? `; Terraform's list may also hold ${mods.map((m) => `${m} (close)`).join(', ')} and ${mods.length > 1 ? 'those modules\' outputs and variables, which come from their sources' : 'the module\'s outputs and variables, which come from its source'}` : '';
    return { message: `Cycle: ${c.map(name).join(', ')} (Terraform starts this list at a member it picks, which varies from run to run${own})`, span: nodes.get(place)!.span };
  });
}

/** what Terraform does not read as a block's values: provider and module source arguments, blocks with their own rules */
const NOT_VALUES = new Set(['provider', 'providers', 'source', 'version', 'count', 'for_each', 'lifecycle', 'provisioner', 'connection']);

/**
 * What Terraform's validate refuses of the references of the module's blocks other than the
 * resource's own body (references.ts): each output's (its value, depends_on, preconditions), each
 * resource, data source and module call bdm-lab does not translate (its count or for_each alone,
 * then its arguments and nested blocks with count or each bound by them), and every resource's
 * depends_on and lifecycle conditions (a postcondition may read `self`). Such a refusal fails the
 * whole validate and plan: no request is sent. The first by position, or undefined.
 */
function otherRefusal(body: Body, scope: Scope): Diag | undefined {
  const found: Diag[] = [];
  const conditions = (b: Block, bound: (n: string) => boolean) => {
    for (const l of blocks(b.body, 'lifecycle')) {
      for (const c of blocks(l.body)) {
        if (c.blockType !== 'precondition' && c.blockType !== 'postcondition') continue;
        const d = referenceProblems(bodyExprs(c.body, new Set()).map((x) => ({ expr: x.expr, bound })), scope);
        found.push(...(c.blockType === 'postcondition' ? d.filter((x) => !x.message.startsWith('Invalid "self" reference')) : d));
      }
    }
  };
  for (const b of blocks(body)) {
    const type = b.labels[0]?.value;
    if (b.blockType === 'output') { found.push(...referenceProblems(bodyExprs(b.body, new Set()), scope)); continue; }
    if (b.blockType !== 'resource' && b.blockType !== 'data' && b.blockType !== 'module') continue;
    const a = attrs(b.body);
    const meta = a.has('count') ? 'count' : a.has('for_each') ? 'each' : '';
    const bound = (n: string) => n === meta;
    conditions(b, bound);
    if (b.blockType === 'resource' && (type === INSTANCE || type === ATTACH)) {
      const dep = a.get('depends_on');
      if (dep) found.push(...referenceProblems([{ expr: dep.expr, bound }], scope));
      continue;
    }
    for (const m of ['count', 'for_each']) { const x = a.get(m); if (x) found.push(...referenceProblems([{ expr: x.expr, bound: () => false }], scope)); }
    found.push(...referenceProblems(bodyExprs(b.body, NOT_VALUES).map((x) => ({ expr: x.expr, bound: (n: string) => bound(n) || x.bound(n) })), scope));
  }
  return found.sort((x, y) => x.span.offset - y.span.offset || x.span.length - y.span.length)[0];
}

/**
 * The requests of a `.tf` text: one per instance or volume-attach resource, in text order. `file`:
 * the name Terraform gives the file in a diagnostic that points at another place.
 */
export function terraformSources(text: string, file = DEFAULT_FILE): TerraformDoc[] {
  const parsed = parseHcl(text, file);
  const scope = new Scope(parsed.body);
  scope.text = text;
  scope.file = file;
  // the loader's diagnostics (the parser's, the module's, each variable's default) are shown sorted by position
  const defaults = blocks(parsed.body, 'variable').map((v) => variableProblem(v, scope) ?? null);
  const loadError = [parsed.error, moduleDuplicate(text, parsed.body, file), ...defaults, ...(parsed.error ? [] : conditionSelfReferences(parsed.body))].filter((x) => x !== null).sort((x, y) => x.span.offset - y.span.offset)[0];
  if (loadError) return [new TerraformDoc(text, null, loadError)];
  // the graph is built before anything is evaluated: a cycle is Terraform's only diagnostic then
  const cycles = graphCycles(parsed.body);
  // every local value is evaluated when Terraform validates or plans, used or not
  // (internal/terraform node_local.go): the first refusal by position refuses every resource
  // and a root module variable's validation rules are checked against its value (its default here:
  // internal/terraform/eval_variable.go evalVariableValidations); a failed rule refuses the plan too
  const validations = blocks(parsed.body, 'variable').map((v) => validationProblem(v, scope));
  const byPlace = (x: Diag, y: Diag) => x.span.offset - y.span.offset;
  const plan = localRefusals(scope);
  // the module's other blocks: their references refused when Terraform validates
  const other = otherRefusal(parsed.body, scope);
  const local = [plan.first, ...validations, other].filter((d): d is Diag => d !== undefined).sort(byPlace)[0];
  // Terraform validates the configuration before it plans (variables unknown): when a local is refused
  // then, or the resource is (a reference), the plan, where variables have their defaults, never comes
  let validating: ReturnType<typeof localRefusals> | undefined;
  const localsFor = (t: TfTranslation) => {
    if (!local && !t.error?.validate) return { ...plan, first: local };
    validating ??= localRefusals(scope.asValidating());
    const first = [validating.first, other].filter((d): d is Diag => d !== undefined).sort(byPlace)[0];
    return first || t.error?.validate ? { ...validating, first } : { ...plan, first: local };
  };
  /** a local's refusal comes with the resource's own (sorted by position), before the provider is asked */
  const withLocal = (t: TfTranslation) => {
    if (cycles.length) {
      t.body = null;
      [t.error, ...t.also] = cycles.map((c) => ({ code: 'BDM-TF-CONFIG' as const, message: c.message, span: c.span }));
      return;
    }
    const l = localsFor(t);
    // Terraform's graph walk: a resource that reads a refused local (or one skipped for it) is not evaluated at all
    const skipped = l.first !== undefined && readsAny(t.resource.body, l.failed);
    if (!l.first || (!skipped && t.error?.code === 'BDM-TF-CONFIG' && t.error.span.offset < l.first.span.offset)) return;
    t.body = null;
    t.error = { code: 'BDM-TF-CONFIG', message: l.first.message, span: l.first.span };
  };
  // the moved blocks are checked after the plan walk: a refused statement is then the plan's only answer,
  // in place of a request it would have sent or of the plan's refusals (not of validate's, which end the run
  // first: a graph cycle, a refusal with variables unknown). When the walk refused something, only the
  // statements that need no declared object ("Redundant move statement") are taken to stay, and those
  // about this resource when its count or for_each was known (`declared`: the walk declares its instances
  // before it evaluates their bodies); whether the walk got to declare other resources' is not followed
  // (the keys of a counted resource a statement moves from: its count or for_each with the module's
  // values; the blocks found once, each expanded once however many statements name it)
  let resources: Map<string, Block> | undefined;
  const keyed = new Map<string, Expansion['keys']>();
  const moves = moveProblems(text, parsed.body, file, (type, name) => {
    if (!resources) {
      resources = new Map();
      for (const r of blocks(parsed.body, 'resource')) if (r.labels.length === 2 && !resources.has(`${r.labels[0].value}.${r.labels[1].value}`)) resources.set(`${r.labels[0].value}.${r.labels[1].value}`, r);
    }
    const id = `${type}.${name}`;
    if (!keyed.has(id)) {
      const b = resources.get(id);
      const x = b ? expandResource(text, b, scope) : undefined;
      keyed.set(id, x && !x.error ? x.keys : undefined);
    }
    return keyed.get(id);
  });
  const moved = (t: TfTranslation, own: TfTranslation['error'], declared = false) => {
    if (!moves.length || cycles.length || t.error?.validate || (t.error && t.error.code !== 'BDM-TF-CONFIG')) return;
    const fromLocal = !!t.error && t.error !== own;
    if (fromLocal && validating?.first && t.error!.message === validating.first.message && t.error!.span.offset === validating.first.span.offset) return;
    const from = `from ${t.resource.labels.map((l) => l.value).join('.')}`;
    const about = (m: { message: string }) => declared && (m.message.includes(`${from}[`) || m.message.includes(`${from},`));
    const kept = t.error ? moves.filter((m) => m.message.startsWith('Redundant move statement') || about(m)) : moves;
    if (!kept.length) return;
    t.body = null;
    [t.error, ...t.also] = kept.map((m) => ({ code: 'BDM-TF-CONFIG' as const, message: m.message, span: m.span }));
  };
  /**
   * Terraform validates before it plans, every variable unknown: a refusal of the resource then (read
   * with variables unknown: a reference, or Terraform's decoding of an argument) ends the run before
   * the plan's refusals (the resource's own with the defaults, a local's): it is the resource's,
   * marked as found by validate
   */
  const validatePhase = (t: TfTranslation, again: () => TfTranslation) => {
    if ((!t.error && !local) || t.error?.validate || (t.error && t.error.code !== 'BDM-TF-CONFIG')) return;
    const v = again();
    // (only Terraform's own decoding is followed so: the provider's checks, which validate runs with unknowns passing, keep translate's order)
    if (!v.error || !(v.error.validate || v.error.decoding)) return;
    t.body = null;
    t.error = { ...v.error, validate: true };
    t.also = v.also;
  };
  const out: TerraformDoc[] = [];
  for (const b of blocks(parsed.body, 'resource')) {
    const type = b.labels[0]?.value;
    if (b.labels.length !== 2 || (type !== INSTANCE && type !== ATTACH)) continue;
    const translate = type === INSTANCE ? translateInstance : translateAttach;
    // a body that names its own resource: refused by validate (the whole resource), or when the instance it names is planned
    const selfRefs = resourceSelfRefs(b.body, type, b.labels[1].value);
    const selfRef = (t: TfTranslation, key?: string) => {
      const whole = selfRefs.filter((r) => r.key === '');
      const mine = whole.length ? whole : selfRefs.filter((r) => key !== undefined && key !== '' && r.key === key);
      // (validate's reference check refuses first: a counted resource read without its key)
      if (!mine.length || t.error?.validate) return;
      t.body = null;
      [t.error, ...t.also] = mine.map((r) => ({ code: 'BDM-TF-CONFIG' as const, message: r.message, span: r.span }));
      if (whole.length) t.error = { ...t.error!, validate: true };
    };
    // count / for_each: Terraform makes the instances first (none for count = 0: no request)
    const x = expandResource(text, b, scope);
    if (x.error) {
      const t = translate(b, scope);
      t.body = null;
      t.error = { code: 'BDM-TF-CONFIG', message: x.error.message, span: x.error.span };
      // a count or for_each refused only once variables have values: validate, which reads the block
      // with them (and count.index, each.*) unknown, may have refused the block first
      const validating = scope.asValidating();
      const early = expandResource(text, b, validating).error;
      if (early) t.error = { code: 'BDM-TF-CONFIG', message: early.message, span: early.span, validate: true };
      else validatePhase(t, () => translate(b, validating.withUnknown(['count', 'each'])));
      selfRef(t);
      withLocal(t);
      out.push(new TerraformDoc(text, t));
      continue;
    }
    // no instance (count = 0, an empty for_each): no request, but the plan is still refused by what
    // refuses the module (a local, a moved block) or by validate, which reads the block with count.index and each.* unknown
    if (!x.instances.length) {
      const t = translate(b, scope);
      t.body = null;
      t.error = null;
      t.also = [];
      t.notes = [];
      // (what validatePhase takes from validate's translation, taken here whether or not a local refuses: no instance was translated)
      const v = translate(b, scope.asValidating().withUnknown(['count', 'each']));
      if (v.error?.validate || v.error?.decoding) { t.error = { ...v.error, validate: true }; t.also = v.also; }
      selfRef(t);
      const own = t.error;
      withLocal(t);
      moved(t, own, true);
      if (t.error) out.push(new TerraformDoc(text, t));
      continue;
    }
    // instances that send the same body, or are refused the same way, are judged once (one request, a note)
    const seen = new Map<string, { t: TfTranslation; key: string; same: string[] }>();
    for (const inst of x.instances) {
      const t = translate(b, inst.scope);
      validatePhase(t, () => translate(b, inst.scope.asValidating()));
      selfRef(t, inst.key);
      const own = t.error;
      withLocal(t);
      moved(t, own, true);
      const sig = JSON.stringify([t.body, t.microversion, t.error && [t.error.code, t.error.message, t.error.span]]);
      const first = seen.get(sig);
      if (first) { first.same.push(inst.key); continue; }
      t.notes.unshift(...x.notes);
      seen.set(sig, { t, key: inst.key, same: [] });
    }
    for (const { t, key, same } of seen.values()) {
      if (same.length) t.notes.push({ span: t.error?.span ?? t.resource.labels[1]?.span ?? t.resource.typeSpan, message: `${same.length > 1 ? 'Instances' : 'Instance'} ${same.join(', ')} ${t.error ? `${same.length > 1 ? 'are' : 'is'} refused the same way as` : `${same.length > 1 ? 'send' : 'sends'} the same body as`} ${key}: judged once.` });
      out.push(new TerraformDoc(text, t, undefined, key));
    }
  }
  return out;
}

// ---- quick fixes ---------------------------------------------------------------------------

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const indentAt = (text: string, at: number) => /^[ \t]*/.exec(text.slice(lineStart(text, at)))![0];

/** the edits that add `name = value` to a block, keeping its layout (a one-line block is opened up) */
export function addAttribute(text: string, b: Block, name: string, value: string): Array<{ span: Span; newText: string }> {
  const outer = indentAt(text, b.span.offset);
  const first = b.body.items[0];
  const inner = first && lineStart(text, first.span.offset) > b.open ? indentAt(text, first.span.offset) : `${outer}  `;
  const closeOnOwnLine = /^[ \t]*$/.test(text.slice(lineStart(text, b.close), b.close));
  if (closeOnOwnLine && !(first && lineStart(text, first.span.offset) <= b.open)) {
    const at = lineStart(text, b.close);
    return [{ span: { offset: at, length: 0 }, newText: `${inner}${name} = ${value}\n` }];
  }
  // a one-line block: one item per line
  const items = b.body.items.map((it) => `${inner}${text.slice(it.span.offset, it.span.offset + it.span.length)}\n`).join('');
  return [{ span: { offset: b.open + 1, length: b.close - b.open - 1 }, newText: `\n${items}${inner}${name} = ${value}\n${outer}` }];
}

function blockAt(t: TfTranslation, span: Span, entry: number | null): Block | undefined {
  const bds = blocks(t.resource.body, 'block_device');
  if (entry !== null && bds[entry] && !blocks(t.resource.body, 'dynamic').length) return bds[entry];
  return bds.find((b) => span.offset >= b.span.offset && span.offset < b.span.offset + b.span.length);
}

function attrOf(b: Block, name: string): Attribute | undefined {
  return attrs(b.body).get(name);
}

function tfFixes(text: string, t: TfTranslation, d: { code: string; span: Span; path: string; entry: number | null }): SourceFix[] {
  const detail = t.error?.span.offset === d.span.offset ? t.error.message : '';
  const b = blockAt(t, d.span, d.entry);
  const fixes: SourceFix[] = [];
  const sizeFor = (blk: Block) => (/"blank"/.test(text.slice(blk.span.offset, blk.span.offset + blk.span.length)) ? '1' : '10');
  const sizeCodes = ['BDM-COMPUTE-IMAGE-VOLUME-SIZE', 'BDM-COMPUTE-BLANK-VOLUME-SIZE'];
  if (b && !attrOf(b, 'volume_size') && (/You must specify a volume_size/.test(detail) || sizeCodes.includes(d.code))) {
    const n = sizeFor(b);
    fixes.push({ title: `Add volume_size = ${n} (${n === '1' ? 'GiB; MiB for swap' : 'GiB'})`, edits: addAttribute(text, b, 'volume_size', n), preferred: true });
  }
  if (b && !attrOf(b, 'destination_type') && /unknown block device destination type $/.test(detail)) {
    const blank = /"blank"/.test(text.slice(b.span.offset, b.span.offset + b.span.length));
    fixes.push({ title: 'Add destination_type = "volume"', edits: addAttribute(text, b, 'destination_type', '"volume"'), preferred: !blank });
    fixes.push({ title: 'Add destination_type = "local"', edits: addAttribute(text, b, 'destination_type', '"local"'), preferred: blank });
  }
  if (d.code === 'BDM-COMPUTE-BOOT-SEQUENCE') {
    // an unset boot_index is sent as 0: the extra devices become non-bootable
    const unset = blocks(t.resource.body, 'block_device').filter((x, i) => i > 0 && !attrOf(x, 'boot_index'));
    if (unset.length) fixes.push({ title: `Add boot_index = -1 to ${unset.length === 1 ? 'the block_device without one' : `the ${unset.length} block_device blocks without one`} (not bootable)`, edits: unset.flatMap((x) => addAttribute(text, x, 'boot_index', '-1')), preferred: true });
  }
  const server = (t.body as { server?: Record<string, unknown> } | null)?.server;
  if (d.code === 'BDM-SCHEMA-REQUEST' && d.path === 'server' && server && !('networks' in server) && Number(t.microversion.split('.')[1]) >= 37) {
    // the provider's microversion bump (tags, multiattach, volume_type, hypervisor_hostname) makes Nova require networks
    fixes.push({ title: 'Add network_mode = "auto" (Nova needs networks from 2.37)', edits: addAttribute(text, t.resource, 'network_mode', '"auto"'), preferred: true });
    fixes.push({ title: 'Add network_mode = "none"', edits: addAttribute(text, t.resource, 'network_mode', '"none"') });
  }
  if (t.error && /^Invalid for_each argument: .* you have provided a value of type (?:tuple|list of string)\.$/.test(detail)) {
    // Terraform takes a set of strings: toset() of the list (duplicates merge, order is the strings')
    const at = t.error.span;
    fixes.push({ title: 'Wrap for_each in toset() (a set of strings)', edits: [{ span: { offset: at.offset, length: 0 }, newText: 'toset(' }, { span: { offset: at.offset + at.length, length: 0 }, newText: ')' }], preferred: true });
  }
  const mean = /^Unsupported (?:argument|block type): .*"([^"]+)" (?:is|are) not expected here\. Did you mean "([^"]+)"\?$/.exec(detail);
  // Terraform also suggests computed attributes (and the SDK's id), which cannot be configured: no rename to those
  const computed = (t.api === 'server' ? INSTANCE_SCHEMA : ATTACH_SCHEMA).computed ?? [];
  // nor to the SDK's id, which the SDK refuses (translate.ts unknownKeys)
  if (mean && !computed.includes(mean[2]) && mean[2] !== 'id') fixes.push({ title: `Rename ${mean[1]} to ${mean[2]}`, edits: [{ span: t.error!.span, newText: mean[2] }], preferred: true });
  return fixes;
}
