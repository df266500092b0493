/**
 * HOT intrinsic functions in a server's properties, resolved as far as the template allows
 * (heat/engine/hot/functions.py and heat/engine/parameters.py give the meaning; facts only).
 * A value bdm-lab cannot know is never guessed: it is named in a note, and where Heat would look
 * it up in the cloud it gets a stand-in.
 */
import type { Span } from '../../text/span';
import { entry, pyTypeName, reprNode, type RNode, type Template, type TemplateNote } from './template';
import { MAX_READ_DEPTH, tooDeep } from '../readLimit';
import { isUuid, standInId } from './standIn';
import { heatAttributes } from './resourceTypes';
import { asciiDigits, bytesAscii, exactAt, isPyBytes, markExact, pyDict, pyEntries, pyJsonDumps, pyRepr, pyStr } from './py';
import { byCodePoints } from '../../parse/pyrepr';
import { TemplateError, TemplateLimit, byType } from './paramType';

export { TemplateError, TemplateLimit, byType };
import { chooseIf, isUnknown, pyEq, hasConditions, StackError, type HeatConditions } from './conditions';
import { hexDigestOf } from './hashes';
import { jsonOfNode, JsonKeyOrder } from './nodeJson';
import { firstSortFailure, Unordered } from './pySort';
import { dictOf, dictPairs, evaluateYaql, NotEvaluated, PyFloat, pySplitWhite, YaqlError, YaqlParseError, YaqlStopIteration, yaqlParseFailure, YDict, YList, type YV } from './yaql';
import { latin1, pyIntOfText, pyQuote, pyQuotePlus, pyUrlUnsplit } from './pyUrl';

/** Every HOT function name (a one-key map with one of these keys is a call, not data). */
const FUNCS = new Set([
  'get_param', 'get_resource', 'get_attr', 'get_file', 'str_replace', 'str_replace_strict', 'str_replace_vstrict', 'list_join', 'repeat',
  'resource_facade', 'digest', 'str_split', 'map_merge', 'map_replace', 'yaql', 'if', 'equals', 'not', 'and', 'or', 'contains', 'filter',
  'make_url', 'list_concat', 'list_concat_unique',
]);


/** a function's failure while Heat checks a property: Heat words it as a property error at that property */
export class PropertyFunctionError extends Error {
  /** `bare`: the failure's own words, without the property's (as Heat says it where nothing words it) */
  constructor(message: string, readonly span: Span, readonly bare = message) {
    super(message);
  }
}

/**
 * a function Heat refuses when it checks the functions of the resource's definition
 * (Function.validate: get_attr's resource and attribute), which it does before it resolves any
 * property: this refusal comes before every property error
 */
export class FunctionCheckError extends PropertyFunctionError {}

export interface Resolver {
  tmpl: Template;
  notes: TemplateNote[];
  /** the given parameter values (the stack's environment), by name */
  given: Record<string, unknown>;
  /** the template's conditions (for `if`); the functions its version has */
  conds?: HeatConditions;
  /** resources whose condition is false: Heat has no such resource */
  disabled?: Set<string>;
  /**
   * Heat's check of the functions before it resolves the properties: only a FunctionCheckError
   * (or the template's own error) stops it; what fails only when a property is resolved (a
   * parameter not provided, str_replace's empty key) is left unresolved, for the resolution to word
   */
  checking?: true;
  /**
   * Stack.validate's view, before any resource is made: `get_resource` gives the resource's name
   * and `get_attr` None (the values Heat's functions give for a resource not created)
   */
  atValidate?: true;
  /** the resources whose properties give an attribute being resolved (Heat's dependencies have no cycle; this bounds the following) */
  following?: ReadonlySet<string>;
}

function unresolved(span: Span, why: string, keySpan?: Span): RNode {
  return { kind: 'unresolved', value: undefined, span, keySpan, why };
}

/** A plain value as an RNode written at one place (a parameter's value at the get_param call). */
export function nodeOf(v: unknown, span: Span): RNode {
  if (Array.isArray(v)) return { kind: 'seq', value: v, span, items: v.map((x, i) => itemNode(v, i, x, span)) };
  if (v !== null && typeof v === 'object') return { kind: 'map', value: v, span, entries: pyEntries(v).map(([k, x]) => [k, itemNode(v, k, x, span)]) };
  return { kind: 'scalar', value: v ?? null, span };
}

/** a container's item as a node: a number marked there (py.ts markExact) a float or a big int as Python has it */
function itemNode(c: object, k: string | number, x: unknown, span: Span): RNode {
  if (typeof x !== 'number') return nodeOf(x, span);
  const exact = exactAt(c, k);
  if (exact === undefined) return { kind: 'scalar', value: x, span };
  return /[.en]/.test(exact) ? { kind: 'scalar', value: x, span, float: true } : { kind: 'scalar', value: x, span, bigText: exact };
}

/**
 * Where a resolution is, for yaql's StopIteration: how many generators Heat's function.resolve
 * is inside (a list or map resolves its items in one, and a StopIteration that leaves a generator
 * is Python's RuntimeError), and how many arguments of functions whose resolution bdm-lab does
 * not follow (argResolution has no answer for them); `picked`: the arguments of the function being
 * resolved, where it takes them apart and resolves some of them itself (no generator)
 */
interface Within {
  containers: number;
  args: number;
  /** `check`: the function's own check of an argument as soon as it is resolved (before the next one) */
  picked?: { node: RNode; direct: (key: string | number) => boolean; check?: (key: string | number, value: RNode) => void };
}
const resolverPlaces = new WeakMap<Resolver, Within>();
function withinOf(r: Resolver): Within {
  let w = resolverPlaces.get(r);
  if (!w) resolverPlaces.set(r, (w = { containers: 0, args: 0 }));
  return w;
}
function inside<T>(r: Resolver, key: 'containers' | 'args', f: () => T): T {
  const w = withinOf(r);
  w[key]++;
  try { return f(); } finally { w[key]--; }
}
/** an item of a list or map: inside its generator, unless the function whose arguments they are resolves it itself */
function itemOf<T>(r: Resolver, container: RNode, key: string | number, f: () => T): T {
  const p = withinOf(r).picked;
  return p && p.node === container && p.direct(key) ? f() : inside(r, 'containers', f);
}

const ALL_DIRECT = () => true;
const FIRST_TWO = (k: string | number) => k === 0 || k === 1;
/**
 * How each function's result() resolves its arguments (heat/engine/hot/functions.py; facts
 * only): 'whole' resolves its list or map of arguments (each in the generator), a predicate
 * names the arguments it takes out and resolves itself (the rest of a list in one generator:
 * list_join's lists, get_attr's path)
 */
function argResolution(fn: string, version: string): 'whole' | ((key: string | number) => boolean) | undefined {
  switch (fn) {
    case 'get_param': case 'get_resource': case 'get_file': case 'map_merge': case 'map_replace': case 'digest': case 'str_split':
    case 'make_url': case 'list_concat': case 'list_concat_unique':
      return 'whole';
    case 'str_replace': case 'str_replace_strict': case 'str_replace_vstrict': case 'repeat': case 'yaql':
      return ALL_DIRECT;
    case 'equals': case 'filter': case 'contains': case 'get_attr':
      return FIRST_TWO;
    // (2014-10-16's list_join takes the delimiter and one list; later ones the delimiter and the rest as lists)
    case 'list_join': return version !== '' && version < '2015-10-15' ? FIRST_TWO : (k) => k === 0;
    default: return undefined;
  }
}

/** Resolve every function in a node. */
export function resolve(r: Resolver, n: RNode | undefined, path: Array<string | number>, depth = 0): RNode | undefined {
  if (!n) return n;
  if (depth > MAX_READ_DEPTH) throw new TemplateLimit(tooDeep('the properties', 'nest'), n.span);
  const fn = n.kind === 'map' && n.entries!.length === 1 ? n.entries![0][0] : '';
  if (fn && FUNCS.has(fn) && (!r.conds || r.conds.isFunction(fn))) {
    if (fn === 'if' && r.conds) return resolveIf(r, n, path, depth);
    if (fn === 'resource_facade') checkFacade(fn, n.entries![0][1], path, r.conds);
    if (WRITTEN_CHECKS.has(fn)) checkWritten(r, fn, n.entries![0][1], path);
    const out = call(r, n.entries![0][0], n.entries![0][1], n, path, depth);
    return { ...out, keySpan: n.keySpan };
  }
  // a CloudFormation function: a stub that refuses it when Heat checks the functions, in the HOT
  // versions that removed it; a function of its own in 2013-05-23 (Ref, Fn::Join, Fn::Select,
  // Fn::Split, Fn::Replace, Fn::Base64, Fn::GetAZs, Fn::MemberListToMap, Fn::ResourceFacade).
  // Fn::GetAtt is in no HOT version's table: data.
  if (fn && (fn === 'Ref' || fn.startsWith('Fn::')) && Object.hasOwn(FUNCTION_CLASSES, fn)) {
    const version = r.conds?.version ?? '';
    if (version && functionClass(version, n) === 'Removed') {
      throw new FunctionCheckError(`${checkPath(path, fn, r.conds)}: The template version is invalid: The function ${fn} is not supported in this version of HOT.`, n.entries![0][1].keySpan ?? n.span);
    }
    const arg = n.entries![0][1];
    // Ref looks its argument up among the stack's resources when Heat reads it: a list or map cannot be looked up
    if (fn === 'Ref' && (arg.kind === 'seq' || arg.kind === 'map')) throw new FunctionCheckError(`${checkPath(path, fn, r.conds)}: unhashable type: '${arg.kind === 'seq' ? 'list' : 'dict'}'`, arg.span);
    // the arguments Heat checks when it reads the function, before any is resolved
    if (fn === 'Fn::ResourceFacade') checkFacade(fn, arg, path, r.conds);
    if (fn === 'Fn::MemberListToMap') {
      // a number, a boolean or null: Python cannot unpack it
      if (arg.kind === 'scalar' && typeof arg.value !== 'string') throw new FunctionCheckError(`${checkPath(path, fn, r.conds)}: cannot unpack non-iterable ${pyTypeName(arg)} object`, arg.span);
      const parts = memberListArgs(arg);
      if (parts === null) return unresolved(n.span, `this \`${fn}\` is not evaluated by bdm-lab`, n.keySpan);
      checkMemberListArgs(parts, arg, path, r.conds);
    }
    if (fn === 'Fn::GetAZs') return { ...getAZs(r, arg, n.span, path, depth), keySpan: n.keySpan };
    if (CFN_EVALUATED.has(fn)) return { ...call(r, fn, n.entries![0][1], n, path, depth), keySpan: n.keySpan };
    return unresolved(n.span, `\`${fn}\` is not evaluated by bdm-lab`, n.keySpan);
  }
  if (n.kind === 'map') {
    const picked = withinOf(r).picked;
    const check = picked?.node === n ? picked.check : undefined;
    const entries = n.entries!.map(([k, v]) => {
      // the key stays the one written here (a function's value brings no key of its own)
      const x = keyedAs(itemOf(r, n, k, () => resolve(r, v, [...path, k], depth + 1)!), v);
      check?.(k, x);
      return [k, x] as [string, RNode];
    }).filter(([, v]) => !v.absent);
    const value = pyDict(entries.map(([k, v]) => [k, v.value]));
    for (const [k, v] of entries) markItem(value, k, v);
    return { ...n, entries, value };
  }
  if (n.kind === 'seq') {
    const items = n.items!.map((x, i) => itemOf(r, n, i, () => resolve(r, x, [...path, i], depth + 1)!)).filter((x) => !x.absent);
    return { ...n, ...seqNode(items, n.span) };
  }
  return n;
}

/** a resolved map item with the key of the item written (RNode.keyText, keyClass: a key that is no string) */
function keyedAs(x: RNode, written: RNode): RNode {
  if (x.keyText === written.keyText && x.keyClass === written.keyClass) return x;
  const out: RNode = { ...x, keyText: written.keyText, keyClass: written.keyClass };
  if (written.keyText === undefined) delete out.keyText;
  if (written.keyClass === undefined) delete out.keyClass;
  return out;
}

/** `if`: the branch its condition picks (Heat decides it when it reads the template); an undecidable one is unresolved */
function resolveIf(r: Resolver, n: RNode, path: Array<string | number>, depth: number): RNode | undefined {
  const at = `resources.${where(path).replace(/\.Properties\b/, '.properties')}.if`;
  const b = chooseIf(r.conds!, n, at);
  if (isUnknown(b)) return unresolved(n.span, `the \`if\` depends on a condition bdm-lab cannot decide: ${b.unknown}`, n.keySpan);
  if (b === undefined) return { kind: 'scalar', value: null, span: n.span, keySpan: n.keySpan, absent: true };
  // Heat names the chosen value under `if` (`name.if: get_attr`, `in srv.Properties.name.if`)
  const out = resolve(r, b, [...path, 'if'], depth + 1);
  return out && { ...out, keySpan: n.keySpan };
}

/** Heat's way of naming where a function is: `srv.Properties.block_device_mapping_v2[0].volume_size` */
function where(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}

/**
 * Where Heat's check of a function names it: each function's arguments a level of their own
 * (`resources.srv.properties.name.list_join: [1][0].get_attr`).
 */
function checkPath(path: Array<string | number>, fn: string, conds?: HeatConditions): string {
  const levels: Array<Array<string | number>> = [[]];
  // (equals, not, and, or are functions only in a condition: in a property's value, outside an
  // `if`'s condition, they are a map's key)
  let inCondition = !/\.[Pp]roperties$/.test(String(path[0]));
  path.slice(1).forEach((p, i) => {
    levels[levels.length - 1].push(p);
    if (p === 0 && path[i] === 'if') inCondition = true;
    // (a function of a later version is a map's key here: data, no level of its own)
    if (typeof p === 'string' && FUNCS.has(p) && (!conds || (['equals', 'not', 'and', 'or'].includes(p) ? inCondition : conds.isFunction(p)))) levels.push([]);
    // (so is a CloudFormation function the version has as its own: Fn::Select up to 2015-04-30)
    else if (typeof p === 'string' && conds?.version && (p === 'Ref' || p.startsWith('Fn::')) && cfnFunctionOf(conds.version, p)) levels.push([]);
  });
  levels[levels.length - 1].push(fn);
  // (an output's value is named from the outputs section: `outputs.o1.value`)
  const root = String(path[0]).startsWith('outputs.') ? String(path[0]) : `resources.${String(path[0]).replace(/\.Properties$/, '.properties').replace(/\.Metadata$/, '.metadata')}`;
  return levels.map((l, i) => (i ? where(l) : `${root}.${where(l)}`)).join(': ');
}

/**
 * The outputs' values as Stack.validate validates them last, once every resource is: each get_attr
 * (in the branch an `if` picks) of a resource the stack does not have ("in unknown"), or of an
 * attribute its type does not have, in the order written; an output whose condition is false is
 * not read. A get_attr whose arguments are functions, or of a type whose attributes bdm-lab does
 * not list, is not checked.
 */
export function checkOutputAttributes(tmpl: Template, conds: HeatConditions, disabled: Set<string>): StackError | null {
  const outputs = conds.version && entry(tmpl.root ?? undefined, 'heat_template_version') ? entry(tmpl.root ?? undefined, 'outputs') : undefined;
  if (!outputs || outputs.kind !== 'map') return null;
  const live = new Map(tmpl.resources.filter((r) => !disabled.has(r.name)).map((r) => [r.name, r.type]));
  try {
    for (const [key, def] of outputs.entries!) {
      const value = entry(def, 'value');
      if (def.kind !== 'map' || !value) continue;
      const c = hasConditions(conds.version) ? entry(def, 'condition') : undefined;
      if (c) {
        const v = conds.evaluate(c, `outputs.${def.keyText ?? key}.condition`, `outputs.${def.keyText ?? key}.condition`);
        if (isUnknown(v) || !v) continue;
      }
      outputAttributes(conds, live, value, [`outputs.${def.keyText ?? key}.value`], 0);
    }
  } catch (e) {
    if (e instanceof StackError) return e;
    throw e;
  }
  return null;
}

/** an argument of an output's get_attr as Heat resolves it: a scalar, else undefined (a value bdm-lab does not know, or no scalar) */
function outputArg(conds: HeatConditions, n: RNode): RNode | undefined {
  if (n.kind === 'scalar') return n;
  if (!(n.kind === 'map' && n.entries!.length === 1 && conds.isFunction(n.entries![0][0])) || !conds.resolveValue) return undefined;
  const notes: TemplateNote[] = [];
  try {
    const v = conds.resolveValue(n, notes);
    return v && v.kind === 'scalar' && !v.absent && !notes.length ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Python's str() of a get_attr argument as Heat holds it once parsed: an `if` as its chosen value, another function as the map written */
function writtenName(conds: HeatConditions, n: RNode, depth = 0): string {
  if (depth < 64 && n.kind === 'map' && n.entries!.length === 1 && n.entries![0][0] === 'if' && conds.isFunction('if')) {
    const b = chooseIf(conds, n, 'if');
    if (b && !isUnknown(b)) return writtenName(conds, b, depth + 1);
  }
  return n.kind === 'scalar' ? strOf(n) : pyRepr(n.value);
}

function outputAttributes(conds: HeatConditions, live: Map<string, string>, n: RNode, path: Array<string | number>, depth: number): void {
  if (depth > MAX_READ_DEPTH) return;
  const fn = n.kind === 'map' && n.entries!.length === 1 ? n.entries![0][0] : '';
  if (fn && FUNCS.has(fn) && conds.isFunction(fn)) {
    const arg = n.entries![0][1];
    if (fn === 'if') {
      const b = chooseIf(conds, n, 'if');
      if (b && !isUnknown(b)) outputAttributes(conds, live, b, [...path, 'if'], depth + 1);
      return;
    }
    outputAttributes(conds, live, arg, [...path, fn], depth + 1);
    if (fn === 'yaql') checkYaqlParse(arg, path, conds, (m, at) => { throw new StackError(m, at); });
    if (fn !== 'get_attr' || arg.kind !== 'seq' || !arg.items!.length) return;
    // the resource's name and the attribute as GetAtt.validate resolves them (an `if` was decided
    // when Heat parsed the value); the refusal names the resource as written
    const [resNode, attrNode] = arg.items!.slice(0, 2).map((x) => outputArg(conds, x));
    if (!resNode || (arg.items!.length > 1 && !attrNode)) return;
    const [res, attr] = [resNode.value, attrNode?.value];
    const type = typeof res === 'string' ? live.get(res) : undefined;
    if (type === undefined) throw new StackError(`${checkPath(path, fn, conds)}: The specified reference "${pyStr(res)}" (in unknown) is incorrect.`, arg.items![0].span);
    const names = heatAttributes(type);
    if (names && arg.items!.length > 1 && ['string', 'number', 'boolean'].includes(typeof attr) && !names.has(pyStr(attr))) {
      throw new StackError(`${checkPath(path, fn, conds)}: The Referenced Attribute (${writtenName(conds, arg.items![0])} ${pyStr(attr)}) is incorrect.`, arg.items![1].span);
    }
    return;
  }
  if (n.kind === 'map') for (const [k, v] of n.entries!) outputAttributes(conds, live, v, [...path, v.keyText ?? k], depth + 1);
  if (n.kind === 'seq') n.items!.forEach((x, i) => outputAttributes(conds, live, x, [...path, i], depth + 1));
}

function call(r: Resolver, fn: string, arg: RNode, whole: RNode, path: Array<string | number>, depth: number): RNode {
  // (the lists and maps around a function are generators around its arguments too; a function
  // argResolution has no answer for resolves its own arguments in a way bdm-lab does not follow)
  const w = withinOf(r);
  const how = argResolution(fn, r.conds?.version ?? '');
  const outer = w.picked;
  const a = how === undefined
    ? inside(r, 'args', () => resolve(r, arg, [...path, fn], depth + 1)!)
    : (() => {
      // yaql parses its expression once it is resolved, before it resolves the data
      // (an expression written as no text is refused when Heat checks the functions: checkYaqlParse)
      const made = fn === 'yaql' && arg.kind === 'map' && isFunctionCall(entry(arg, 'expression'), r.conds);
      const check = made ? (k: string | number, v: RNode) => { if (k === 'expression' && v.kind !== 'unresolved' && !(v.kind === 'scalar' && typeof v.value === 'string')) failAt(path, whole.span)(YAQL_NOT_TEXT); } : undefined;
      w.picked = how === 'whole' ? undefined : { node: arg, direct: how, check };
      try { return resolve(r, arg, [...path, fn], depth + 1)!; } finally { w.picked = outer; }
    })();
  // Yaql.validate: an expression written as a text is parsed when Heat checks the functions
  if (fn === 'yaql') checkYaqlParse(arg, path, r.conds);
  // MakeURL.validate: its arguments as written, once the functions in them are checked
  if (fn === 'make_url' && !checkMakeUrlArgs(r, arg, path)) return unresolved(whole.span, 'this `make_url` is not evaluated by bdm-lab');
  if (a.kind === 'unresolved') return unresolved(whole.span, a.why!);
  if (!r.checking) return evaluate(r, fn, a, whole, path);
  try {
    return evaluate(r, fn, a, whole, path);
  } catch (e) {
    if (e instanceof PropertyFunctionError && !(e instanceof FunctionCheckError)) return unresolved(whole.span, 'resolved with the property');
    throw e;
  }
}

function evaluate(r: Resolver, fn: string, a: RNode, whole: RNode, path: Array<string | number>): RNode {
  switch (fn) {
    case 'get_param': return getParam(r, a, whole.span, path);
    case 'get_resource': return getResource(r, a, whole.span, where(path));
    case 'get_attr': return getAttr(r, a, whole.span, where(path), path, whole.entries![0][1]);
    case 'str_replace': case 'str_replace_strict': case 'str_replace_vstrict': return strReplace(a, whole.span, path, fn, r.conds?.version ?? '');
    case 'list_join': return listJoin(a, whole.span, path, r.conds?.version ?? '');
    case 'map_merge': return mapMerge(a, whole.span, path);
    case 'repeat': return repeat(a, whole.span, path, r.conds?.version ?? '');
    case 'list_concat': case 'list_concat_unique': return listConcat(a, whole.span, path, fn);
    case 'filter': return filterList(a, whole.span, path);
    case 'map_replace': return mapReplace(a, whole.span, path);
    case 'str_split': return strSplit(a, whole.span, path);
    case 'digest': return digest(a, whole.span, path);
    case 'make_url': return makeUrl(a, whole.span, path);
    case 'contains': return contains(a, whole.span, path);
    case 'yaql': return yaqlCall(r, a, whole.span, path);
    case 'Ref': return ref(r, a, whole.span, path);
    case 'Fn::Join': return listJoin(a, whole.span, path, '2013-05-23', fn);
    case 'Fn::Replace': return cfnReplace(a, whole.span, path);
    case 'Fn::Select': return cfnSelect(a, whole.span, path);
    case 'Fn::Split': return cfnSplit(a, whole.span, path);
    case 'Fn::Base64': return cfnBase64(a, whole.span, path);
    case 'Fn::MemberListToMap': return memberListToMap(a, whole.span, path);
    case 'Fn::ResourceFacade': case 'resource_facade': return resourceFacade(r, a, whole.span, path, fn);
    default: return unresolved(whole.span, `\`${fn}\` is not evaluated by bdm-lab`);
  }
}

/** Heat's pseudo parameters: what the stack is called and whose it is (stand-ins: the heat-oracle's stack and project) */
const PSEUDO: Record<string, () => string> = {
  'OS::stack_name': () => STACK_NAME,
  'OS::stack_id': () => standInId('stack', STACK_NAME),
  'OS::project_id': () => 'test_tenant_id',
};

/** the stack's name bdm-lab assumes (Heat names a server without `name` `<stack>-<resource>-<12 random letters>`) */
export const STACK_NAME = 'oracle';

/**
 * The property a function sits in, as Heat's property errors name it: Heat resolves each
 * top-level property's value whole and words a function's failure at that property
 * (`resources.srv.properties.block_device_mapping_v2`, not the entry's key inside it).
 */
function propertyPath(path: Array<string | number>): string {
  return `resources.${where([path[0].toString().replace(/\.Properties$/, '.properties'), ...path.slice(1, 2)])}`;
}

function paramValue(r: Resolver, name: string, span: Span, path: Array<string | number>): unknown {
  if (Object.hasOwn(PSEUDO, name) && !r.tmpl.parameters.has(name)) {
    const v = PSEUDO[name]();
    r.notes.push({ span, message: `${name} is known only when the stack is created; bdm-lab uses ${JSON.stringify(v)} as a stand-in.` });
    return v;
  }
  const p = r.tmpl.parameters.get(name);
  if (!p) throw new PropertyFunctionError(`Property error: ${propertyPath(path)}: The Parameter (${name}) was not provided.`, span, `The Parameter (${name}) was not provided.`);
  const type = String(entry(p, 'type')?.value ?? 'string');
  let raw: unknown;
  if (name in r.given) raw = r.given[name];
  // a `default: null` (or an empty `default:`) is no default: Heat's schema has one only when it is not None
  else if (entry(p, 'default') && entry(p, 'default')!.value !== null) raw = entry(p, 'default')!.value;
  else {
    raw = autofill(r, name, p, type);
    r.notes.push({ span, message: `Parameter '${name}' has no default: Heat takes its value from the stack's parameters. bdm-lab uses ${JSON.stringify(raw)} (the value the heat-oracle fills in) as a stand-in.` });
  }
  // the typed value once per parameter (a json default is parsed once, however many calls read it)
  let typed = typedParams.get(r);
  if (!typed) typedParams.set(r, (typed = new Map()));
  const key = `${name}\u0000${type}`;
  if (typed.has(key) && typed.get(key)!.raw === raw) return typed.get(key)!.value;
  const value = byType(type, raw, name, span);
  typed.set(key, { raw, value });
  return value;
}
const typedParams = new WeakMap<Resolver, Map<string, { raw: unknown; value: unknown }>>();

/**
 * At most this many values made from parameters by one resolver (each `get_param` makes its
 * value's nodes again, at its own place): a template of a thousand calls to a parameter of a
 * thousand values would make a million. Past it, a call is not evaluated, and says so.
 */
const MAX_PARAM_NODES = 200_000;
const made = new WeakMap<Resolver, number>();
/** The number of nodes nodeOf makes of a value (each object's counted once, then kept). */
const sizes = new WeakMap<object, number>();
function sizeOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  let n = sizes.get(v);
  if (n === undefined) {
    n = 1;
    for (const x of Array.isArray(v) ? v : Object.values(v)) n += sizeOf(x);
    sizes.set(v, n);
  }
  return n;
}

/** A parameter's value as bdm-lab's stand-in makes it (the heat-oracle's placeholder, typed), for a refusal's words. */
export function paramStandIn(tmpl: Template, name: string): unknown {
  const p = tmpl.parameters.get(name);
  if (!p) return null;
  const type = String(entry(p, 'type')?.value ?? 'string');
  return byType(type, autofill({ tmpl, notes: [], given: {} }, name, p, type), name, p.span);
}

/** The placeholder the heat-oracle fills for a parameter without default (so bodies compare). */
function autofill(r: Resolver, name: string, p: RNode, type: string): unknown {
  for (const c of entry(p, 'constraints')?.items ?? []) {
    const allowed = entry(c, 'allowed_values')?.value;
    if (Array.isArray(allowed) && allowed.length) return allowed[0];
  }
  if (type === 'number') return 1;
  if (type === 'boolean') return false;
  if (type === 'json') return jsonAutofill(r, name);
  return standInId('param', name);
}

function jsonAutofill(r: Resolver, name: string): Record<string, unknown> {
  const val: Record<string, unknown> = {};
  const visit = (n: RNode | undefined): void => {
    if (!n) return;
    if (n.kind === 'map') {
      for (const [k, v] of n.entries!) {
        if (k === 'get_param' && v.kind === 'seq' && v.items!.length && v.items![0].value === name) {
          const path = v.items!.slice(1).map((x) => pyStr(x.value));
          let cur = val;
          path.forEach((k2, i) => {
            if (i === path.length - 1) { if (!(k2 in cur)) cur[k2] = standInId('param', [name, ...path].join('.')); }
            else { if (typeof cur[k2] !== 'object' || cur[k2] === null) cur[k2] = {}; cur = cur[k2] as Record<string, unknown>; }
          });
        } else visit(v);
      }
    } else if (n.kind === 'seq') n.items!.forEach(visit);
  };
  visit(entry(r.tmpl.root!, 'resources'));
  return val;
}

/** a text's characters as Python indexes them (code points), made once per text a resolver indexes */
function codePoints(r: Resolver, text: string): readonly string[] {
  let memo = textChars.get(r);
  if (!memo) textChars.set(r, (memo = new Map()));
  let chars = memo.get(text);
  if (!chars) memo.set(text, (chars = Array.from(text)));
  return chars;
}
const textChars = new WeakMap<Resolver, Map<string, readonly string[]>>();

function getParam(r: Resolver, a: RNode, span: Span, path: Array<string | number>): RNode {
  // GetParam.result: no arguments (any falsy value), a text (the name), a list (the name, then
  // the path), anything else refused; then a name that is no text
  const fail = failAt(path, span);
  if (!truthy(a)) fail('Function "get_param" must have arguments');
  const text = a.kind === 'scalar' && typeof a.value === 'string';
  if (a.kind !== 'seq' && !text) fail('Argument to "get_param" must be string or list');
  const args = a.kind === 'seq' ? a.value as unknown[] : [a.value];
  const name = args[0];
  if (typeof name !== 'string') return fail('Parameter name in "get_param" must be string');
  let v = paramValue(r, name, span, path);
  // the container and key the path's value is in (a number there may be marked: py.ts markExact)
  let within: [object, string | number] | null = null;
  // GetParam.result: a path that does not lead to a value (a missing key, an index past the end,
  // a value that is neither a list nor a mapping, a key of the wrong type) gives ''
  // a path item written as a float (1.0 too) is never a key: Python's TypeError, whatever the value
  const floatAt = (i: number): boolean => a.kind === 'seq' && a.items![i]?.kind === 'scalar' && !!a.items![i].float;
  for (const [j, k] of args.slice(1).entries()) {
    const keyOk = !floatAt(j + 1) && (typeof k === 'string' || (typeof k === 'number' && Number.isInteger(k)) || typeof k === 'boolean');
    if (!keyOk) { v = ''; break; }
    if (v === null || (typeof v !== 'object' && typeof v !== 'string')) { v = ''; break; }
    if (Array.isArray(v) || typeof v === 'string') {
      // a list, or a text (a sequence of its characters, by code point): the key is int() of it
      const t = typeof k === 'string' ? k : String(Number(k));
      if (!/^[+-]?\d+$/.test(t)) {
        // int() of the text: another spelling Python reads (spaces, `_`, Unicode digits) is not followed
        if (/^[+-]?[\d_\s]+$/.test(t) || /[^\x00-\x7f]/.test(t)) return unresolved(span, `get_param path ${JSON.stringify(args)} does not lead to a value bdm-lab reads`);
        v = '';
        break;
      }
      const items = typeof v === 'string' ? codePoints(r, v) : v;
      const i = Number(t);
      const at = i < 0 ? items.length + i : i;
      if (at < 0 || at >= items.length) { v = ''; break; }
      within = typeof v === 'string' ? null : [v, at];
      v = items[at];
    } else {
      const d = v as Record<string, unknown>;
      if (typeof k !== 'string' || !Object.prototype.hasOwnProperty.call(d, k)) { v = ''; break; }
      within = [d, k];
      v = d[k];
    }
  }
  const total = (made.get(r) ?? 0) + sizeOf(v);
  if (total > MAX_PARAM_NODES) return unresolved(span, `this \`get_param\` is too large for bdm-lab to evaluate: the template's calls make more than ${MAX_PARAM_NODES} values from parameters`);
  made.set(r, total);
  // a number parameter's value is a Python float where Heat reads one (`5.0`, '1e1'): str() of it says so
  if (args.length === 1 && typeof v === 'number') {
    if (numberParamIsFloat(r, name)) return { kind: 'scalar', value: v, span, float: true };
    if (!Number.isSafeInteger(v)) { const big = numberParamBig(r, name); if (big !== undefined) return { kind: 'scalar', value: v, span, bigText: big }; }
  }
  if (within && typeof v === 'number' && v === (within[0] as Record<string | number, unknown>)[within[1]]) return itemNode(within[0], within[1], v, span);
  return nodeOf(v, span);
}

/** the digits of a number parameter's int past 2^53 (given as a text, or its default's), as Python's int() reads them */
function numberParamBig(r: Resolver, name: string): string | undefined {
  const p = r.tmpl.parameters.get(name);
  if (!p) return undefined;
  const d = name in r.given ? r.given[name] : entry(p, 'default')?.bigText ?? entry(p, 'default')?.value;
  const t = typeof d === 'string' ? d.trim().replace(/_/g, '') : '';
  return /^[+-]?\d+$/.test(t) ? BigInt(t).toString() : undefined;
}

/**
 * Whether a number parameter's value is a float to Heat (Schema.str_to_num: a number as it is
 * written, `5.0` a float; a text int() reads an int, else a float)
 */
function numberParamIsFloat(r: Resolver, name: string): boolean {
  const p = r.tmpl.parameters.get(name);
  if (!p || String(entry(p, 'type')?.value ?? 'string') !== 'number') return false;
  // (Python's int() reads any Unicode decimal digit)
  const intText = (s: string) => { const t = asciiDigits(s); return /^\s*[+-]?\d+(_\d+)*\s*$/.test(t) && !/[^\x00-\x7f]/.test(t); };
  if (name in r.given) {
    const g = r.given[name];
    return typeof g === 'string' ? !intText(g) : typeof g === 'number' && !Number.isInteger(g);
  }
  const d = entry(p, 'default');
  if (!d || d.value === null) return false;
  if (typeof d.value === 'string') return !intText(d.value);
  // bytes: int() or float() of their ASCII text
  if (isPyBytes(d.value)) return !intText(bytesAscii(d.value) ?? '');
  return typeof d.value === 'number' && (!!d.float || !Number.isInteger(d.value));
}

/**
 * The type of the resource a `get_resource`/`get_attr` names. One the stack does not have (none
 * of that name, or one whose condition is false) fails Heat's dependency check, before any
 * resource is validated, in its words.
 */
function resourceType(r: Resolver, name: unknown, span: Span, at: string): string {
  const res = r.tmpl.resources.find((x) => x.name === name);
  if (!res || r.disabled?.has(res.name)) throw new TemplateError(`The specified reference "${pyStr(name)}" (in ${at}) is incorrect.`, span);
  return res.type;
}

function getResource(r: Resolver, a: RNode, span: Span, at: string): RNode {
  const type = resourceType(r, a.value, span, at);
  // before the resource is made (Stack.validate, and each function's own check before it) its
  // reference id is its name; the id exists only once the stack makes it
  if (r.atValidate || r.checking) return { kind: 'scalar', value: pyStr(a.value), span };
  const id = standInId(type, String(a.value));
  r.notes.push({ span, message: `${type} '${String(a.value)}' is created by the stack before the resource that names it: its id is known only then; bdm-lab uses the stand-in ${id}.` });
  return { kind: 'scalar', value: id, span };
}

function getAttr(r: Resolver, a: RNode, span: Span, at: string, path: Array<string | number>, written?: RNode): RNode {
  const args = a.kind === 'seq' ? (a.value as unknown[]) : [];
  // before the resource is made its attributes are None
  if (r.atValidate && args.length === 1) {
    resourceType(r, args[0], span, at);
    return { kind: 'scalar', value: null, span };
  }
  // no attribute: a map of every attribute's value (but show) once the resource is made, the cloud's values
  if (args.length === 1) {
    resourceType(r, args[0], span, at);
    return { ...unresolved(span, `this \`get_attr\` gives every attribute of '${pyStr(args[0])}' (a map of the values the cloud gives them), known only when the stack runs`), opaque: true };
  }
  // a path after the attribute is not evaluated; the attribute is still checked
  if (args.length < 2) return unresolved(span, 'this `get_attr` is not evaluated by bdm-lab');
  const type = resourceType(r, args[0], span, at);
  const names = heatAttributes(type);
  const attr = args[1];
  if (names && ['string', 'number', 'boolean'].includes(typeof attr) && !names.has(pyStr(attr))) {
    // placed on the attribute's name (or the function that gives it)
    // (the resource named as written: a function that gives the name is printed as its map)
    const name = written?.kind === 'seq' && written.items!.length && r.conds ? writtenName(r.conds, written.items![0]) : pyStr(args[0]);
    throw new FunctionCheckError(`${checkPath(path, 'get_attr', r.conds)}: The Referenced Attribute (${name} ${pyStr(attr)}) is incorrect.`, a.items?.[1]?.span ?? span);
  }
  if (r.atValidate) return { kind: 'scalar', value: null, span };
  if (args.length !== 2) return unresolved(span, 'this `get_attr` is not evaluated by bdm-lab');
  const own = ownAttribute(r, type, pyStr(args[0]), pyStr(args[1]), span);
  if (own) return own;
  const id = standInId('attr', `${pyStr(args[0])}.${pyStr(args[1])}`);
  r.notes.push({ span, message: `The attribute ${pyStr(args[1])} of '${pyStr(args[0])}' is known only when the stack runs; bdm-lab uses the stand-in ${id}.` });
  return { kind: 'scalar', value: id, span };
}

/**
 * An attribute whose value the template decides, as Heat reads it once the resource is made
 * (`_resolve_attribute`), or one whose value is no text (a map, a list) and which bdm-lab leaves
 * unknown rather than give a stand-in id of the wrong type; undefined: an id or a text of the
 * cloud's, for which the stand-in id stands.
 * - `show` (any type): the resource as the cloud shows it, a map;
 * - OS::Heat::Value `value`: its `value` property as resolved (the class's schema, Any: not converted);
 * - OS::Cinder::Volume: Cinder's volume, read back as Python's str() of each field: `size` is the
 *   `size` property (as an integer), unless the volume is restored from a backup or no size is
 *   given (then the image's, snapshot's or source volume's: known only in the cloud);
 *   `display_name`, `display_description`, `availability_zone` the properties given; `bootable`
 *   'true' for a volume made from an image, 'false' for one made from nothing; `metadata`
 *   json.dumps of its metadata (the property as given, a text of up to 255 under a key Cinder's
 *   API takes; '{}' for none; two keys or more in Cinder's order, left to the cloud);
 *   `volume_type` the type's name given (an id, or none, gives the cloud's name); `snapshot_id`
 *   and `source_volid` the id given, 'None' where none is; `metadata_values` and
 *   `attachments_list` a map and a list. `status`, `multiattach`, `encrypted`, `created_at` are
 *   the cloud's (the volume type's, the moment's).
 */
function ownAttribute(r: Resolver, type: string, name: string, attr: string, span: Span): RNode | undefined {
  if (attr === 'show') return unresolved(span, `the attribute show of '${name}' is the resource as the cloud shows it (a map), known only when the stack runs: bdm-lab does not evaluate it`);
  const prop = (key: string): RNode | null | undefined => ownProperty(r, name, key, span);
  const known = (value: unknown, why: string): RNode => {
    r.notes.push({ span, message: `The attribute ${attr} of '${name}' is ${why}: bdm-lab uses ${pyStr(value)} (Heat reads it back once the stack makes the resource).` });
    return { kind: 'scalar', value, span };
  };
  if (type === 'OS::Heat::Value') {
    if (attr !== 'value') return undefined;
    const v = prop('value');
    return v ?? unresolved(span, `the value of '${name}' is not evaluated by bdm-lab`);
  }
  if (type !== 'OS::Cinder::Volume') return undefined;
  const text = (key: string): string | undefined => {
    const v = prop(key);
    return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
  };
  const unknown = (why: string) => unresolved(span, `the attribute ${attr} of '${name}' is ${why}, known only when the stack runs: bdm-lab does not evaluate it`);
  switch (attr) {
    case 'size': {
      if (prop('backup_id')) return unknown('the size of the backup it is restored from');
      const v = prop('size');
      if (v === null) return unknown('the size of the image, snapshot or volume it is made from');
      const size = v ? sizeValue(v) : undefined;
      return size === undefined ? unknown('its size property as Cinder takes it') : known(size, `the volume's size property (${size} GB)`);
    }
    // (an empty name is none: Heat names the volume with its physical name)
    case 'display_name': { const t = text('name'); return t === undefined || t === '' ? undefined : known(t, 'its name property'); }
    case 'display_description': {
      // (no description: Cinder keeps None, which Heat gives back as it is)
      if (prop('description') === null) return known(null, 'None for a volume given no description');
      const t = text('description');
      return t === undefined ? undefined : known(t, 'its description property');
    }
    case 'availability_zone': { const t = text('availability_zone'); return t === undefined ? undefined : known(t, 'its availability_zone property'); }
    case 'bootable':
      if (prop('image') || prop('imageRef')) return known('true', 'true for a volume made from an image');
      if (['snapshot_id', 'source_volid', 'backup_id'].some((k) => prop(k) !== null)) return unknown("its source's");
      return known('false', 'false for a volume made from nothing');
    case 'metadata': {
      // (json.dumps of the metadata Cinder keeps: the property as given, when Cinder's API takes it;
      // the order of two keys or more is Cinder's database's)
      const m = prop('metadata');
      if (m === null) return known('{}', 'json.dumps of its metadata, none given');
      const kv = m?.kind === 'map' ? m.entries ?? [] : null;
      if (!kv || kv.length > 1 || !kv.every(([k, v]) => CINDER_METADATA_KEY.test(k) && v.kind === 'scalar' && typeof v.value === 'string' && [...v.value].length <= 255)) return undefined;
      return known(pyJsonDumps(Object.fromEntries(kv.map(([k, v]) => [k, v.value]))), 'json.dumps of its metadata property');
    }
    case 'volume_type': {
      // (Cinder shows the type's name: a type given by its id, or none, is the cloud's)
      const t = text('volume_type');
      return t === undefined || t === '' || isUuid(t) ? undefined : known(t, 'the name of its volume_type property');
    }
    case 'snapshot_id':
    case 'source_volid': {
      // (Python's str() of None where the volume is not made from one)
      if (prop('backup_id')) return undefined;
      const v = prop(attr);
      if (v === null) return known('None', `None for a volume made from no ${attr === 'snapshot_id' ? 'snapshot' : 'volume'}`);
      const t = text(attr);
      return t !== undefined && isUuid(t) ? known(t, `its ${attr} property`) : undefined;
    }
    case 'metadata_values': return unknown('a map');
    case 'attachments_list': return unknown('a list');
    default: return undefined;
  }
}

/** a metadata key Cinder's API takes (its schema's pattern) */
const CINDER_METADATA_KEY = /^[a-zA-Z0-9-_:. /]{1,255}$/;

/**
 * A volume's size as Heat reads its integer property (Property._get_integer: Python's int(), which
 * drops a float's fraction and takes a boolean as 0 or 1) and passes to Cinder: the text of that
 * integer; undefined where bdm-lab does not know it. (A size Heat cannot read refuses the stack
 * before any attribute is read.)
 */
function sizeValue(v: RNode): string | undefined {
  if (v.kind === 'scalar' && typeof v.value === 'boolean') return v.value ? '1' : '0';
  if (v.kind !== 'scalar' || !v.float || typeof v.value !== 'number') return intValue(v);
  const n = Math.trunc(v.value);
  return Number.isSafeInteger(n) ? String(n + 0) : undefined;
}

/** Python's int() of an Integer property's value as Heat takes it (a whole number, or a text of one), as its str(); else undefined */
function intValue(v: RNode): string | undefined {
  if (v.kind !== 'scalar' || v.float) return undefined;
  if (v.bigText !== undefined) return /^-?\d+$/.test(v.bigText) ? v.bigText : undefined;
  if (typeof v.value === 'number') return Number.isSafeInteger(v.value) ? String(v.value) : undefined;
  if (typeof v.value !== 'string') return undefined;
  // (Python's int() of a text: digits with single underscores between them)
  const m = /^[ \t\n\r\f\v]*([+-]?)(\d{1,40}(?:_\d{1,40}){0,40})[ \t\n\r\f\v]*$/.exec(v.value);
  const digits = m?.[2].replace(/_/g, '').replace(/^0+(?=\d)/, '');
  return m && digits!.length <= 15 ? (m[1] === '-' && digits !== '0' ? '-' : '') + digits : undefined;
}

/**
 * A property of another resource of the stack, resolved on its own (its notes and failures are
 * that resource's, not the one naming it): null when it is not given, undefined when bdm-lab
 * cannot resolve it.
 */
function ownProperty(r: Resolver, name: string, key: string, span: Span): RNode | null | undefined {
  if (r.following?.has(name) || (r.following?.size ?? 0) >= MAX_FOLLOWED) return undefined;
  // (each resource's property resolved once for the stack's values: a chain of attributes that
  // names each one twice is followed once)
  let byGiven = ownProperties.get(r.tmpl);
  if (!byGiven) ownProperties.set(r.tmpl, (byGiven = new WeakMap()));
  let done = byGiven.get(r.given);
  if (!done) byGiven.set(r.given, (done = new Map()));
  const id = `${name}\0${key}`;
  if (!done.has(id)) done.set(id, resolveOwn(r, name, key));
  const v = done.get(id);
  return v ? { ...v, span } : v;
}
/**
 * Whether a value is resolved throughout and has at most MAX_OWN_NODES nodes (a value made of
 * another's twice, and so on, doubles at each step: bdm-lab leaves a larger one unknown).
 */
function smallAndResolved(n: RNode): boolean {
  const todo: Array<[RNode, number]> = [[n, 0]];
  let seen = 0;
  while (todo.length) {
    const [x, d] = todo.pop()!;
    if (x.kind === 'unresolved' || ++seen > MAX_OWN_NODES || d > MAX_READ_DEPTH) return false;
    for (const [, y] of x.entries ?? []) todo.push([y, d + 1]);
    for (const y of x.items ?? []) todo.push([y, d + 1]);
  }
  return true;
}
const MAX_OWN_NODES = 2000;
/** resources followed at most, one attribute through another (bdm-lab's bound, not Heat's) */
const MAX_FOLLOWED = 20;
const ownProperties = new WeakMap<Template, WeakMap<object, Map<string, RNode | null | undefined>>>();

function resolveOwn(r: Resolver, name: string, key: string): RNode | null | undefined {
  const res = r.tmpl.resources.find((x) => x.name === name);
  const props = res && (entry(res.node, 'properties') ?? entry(res.node, 'Properties'));
  if (!props || props.kind !== 'map') return props ? undefined : null;
  const written = entry(props, key);
  if (!written) return null;
  const following = new Set(r.following ?? []).add(name);
  try {
    const v = resolve({ tmpl: r.tmpl, notes: [], given: r.given, conds: r.conds, disabled: r.disabled, following }, written, [`${name}.Properties`, key], 1);
    if (!v || v.absent) return null;
    if (!smallAndResolved(v)) return undefined;
    if (v.kind === 'scalar' && v.value === null) return null;
    return v;
  } catch {
    return undefined;
  }
}

/** whether a value holds something bdm-lab could not resolve */
function hasUnresolved(n: RNode | undefined, depth = 0): boolean {
  if (!n || depth > MAX_READ_DEPTH) return false;
  if (n.kind === 'unresolved') return true;
  return !!(n.entries?.some(([, v]) => hasUnresolved(v, depth + 1)) || n.items?.some((x) => hasUnresolved(x, depth + 1)));
}

/** a function's failure when Heat resolves it: its words at the top-level property */
const failAt = (path: Array<string | number>, span: Span) => (message: string): never => {
  throw new PropertyFunctionError(`Property error: ${propertyPath(path)}: ${message}`, span, message);
};

/** Python's repr of a written value, at most 200 characters (Heat's list_join quotes a bad item so) */
const reprOf = (n: RNode): string => reprNode(n).slice(0, 200);

/** the Python type of a map key that is no string, from its str() */
function keyType(text: string): string {
  if (text === 'True' || text === 'False') return 'bool';
  if (text === 'None') return 'NoneType';
  return /[.eEn]/.test(text) ? 'float' : 'int';
}

/** Python's str() of a written scalar */
const strOf = (n: RNode): string => n.bigText ?? pyStr(n.value, !!n.float);

/**
 * `str_replace` (and, from 2017-02-24, `str_replace_strict`: every param must be found; from
 * 2017-09-01 `str_replace_vstrict`: no param's value may be empty). Before 2015-10-15 a value must
 * be a string or a number; from then a map or list is put in as JSON (keys sorted). The params are
 * taken longest first, each one's value checked before it is looked for.
 */
function strReplace(a: RNode, span: Span, path: Array<string | number>, fn: string, version: string): RNode {
  const tmplNode = entry(a, 'template');
  const params = entry(a, 'params');
  // a call Heat cannot make (no template or params, params no mapping) is refused when Heat reads the template: not modelled
  if (a.kind !== 'map' || !tmplNode || !params || (params.kind !== 'map' && !(params.kind === 'unresolved'))) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
  if (hasUnresolved(a)) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
  const fail = failAt(path, span);
  const tmpl = tmplNode.value;
  if (typeof tmpl !== 'string') fail(`"${fn}" template must be a string`);
  const json = version === '' || version >= '2015-10-15';
  const nonEmpty = fn === 'str_replace_vstrict';
  const strict = fn === 'str_replace_strict' || fn === 'str_replace_vstrict';
  const entries = params.entries!;
  if (entries.length * (tmpl as string).length > MAX_REPLACE_WORK) return unresolved(span, `this \`${fn}\` (${entries.length} params on ${(tmpl as string).length} characters) is too large for bdm-lab to evaluate`);
  const byKey = new Map(entries);
  // a key that is no string: Python's sort by len() fails on it (one of several types already on comparing)
  const odd = entries.filter(([, v]) => v.keyText !== undefined);
  if (odd.length) {
    const types = odd.map(([, v]) => keyType(v.keyText!));
    // sorted(params) first: keys Python cannot compare fail it, in the order its sort compares them
    const clash = sortClash(entries.map(([k, v]) => (v.keyText === undefined ? { t: 'str', s: k, n: 0 } : { t: keyType(v.keyText), s: k, n: v.keyText === 'True' ? 1 : v.keyText === 'False' ? 0 : Number(v.keyText) })));
    if (clash) fail(`'<' not supported between instances of '${clash[0]}' and '${clash[1]}'`);
    // (one key, None: sorted() compares nothing, len() of it fails)
    if (entries.length === 1 && types[0] === 'NoneType') fail("object of type 'NoneType' has no len()");
    if (odd.length < entries.length || types.includes('NoneType')) return unresolved(span, `this \`${fn}\` has params of several key types, which bdm-lab does not evaluate`);
    const least = odd.map(([k, v], i) => ({ n: v.keyClass?.num ?? Number(k), t: types[i], v })).sort((x, y) => x.n - y.n)[0];
    fail(`object of type '${least.t}' has no len()`);
  }
  // Python's sorted(sorted(params), key=len, reverse=True)
  const keys = entries.map(([k]) => k).sort(byCodePoints).sort((x, y) => [...y].length - [...x].length);
  const values = new Map<string, string>();
  for (const k of keys) {
    const v = byKey.get(k)!;
    if (v.keyText !== undefined) fail(`"${fn}" param placeholders must be strings`);
    const empty = () => fail(`${fn} has an undefined or empty value for param ${k}, must be a defined non-empty value`);
    let text: string;
    if (v.kind === 'scalar' && v.value === null) {
      if (nonEmpty) empty();
      text = '';
    } else if (v.kind === 'scalar') {
      text = strOf(v);
      if (nonEmpty && !text) empty();
    } else if (!json) {
      return fail(`"${fn}" params must be strings or numbers, param ${k} is not valid`);
    } else {
      if (nonEmpty && (v.kind === 'map' ? !v.entries!.length : !v.items!.length)) empty();
      try { text = jsonOfNode(v, true); } catch (e) {
        if (!(e instanceof JsonKeyOrder)) throw e;
        return fail(`"${fn}" params must be strings, numbers, list or map. Failed to json serialize ${reprNode(v)}`);
      }
    }
    // Python's str.split refuses an empty separator
    if (k === '') fail('empty separator');
    values.set(k, text);
  }
  const found = new Set<string>();
  const out = heatReplace(tmpl as string, keys, (k) => values.get(k)!, found);
  if (out === null) return unresolved(span, `this \`${fn}\` (${keys.length} params on ${(tmpl as string).length} characters) makes more than ${MAX_MADE_CHARS} characters, too large for bdm-lab to evaluate`);
  const missing = keys.filter((k) => !found.has(k));
  if (strict && missing.length) fail(`The following params were not found in the template: ${missing.join(',')}`);
  return { kind: 'scalar', value: out, span };
}

/** Beyond this many params × template characters a `str_replace` is not evaluated (each param scans the whole text). */
const MAX_REPLACE_WORK = 50_000_000;

/**
 * Heat's str_replace: the params in order of length (longest first; equal lengths in Python's
 * string order); the text is split at every occurrence of the first, each piece is replaced by
 * the rest, and the pieces are joined with its value. So a longer key wins wherever it occurs,
 * even where a shorter one starts earlier, and no value is searched again. Kept as segments:
 * text still to search, and values already put in. `found`: the keys that occur.
 */
function heatReplace(tmpl: string, ordered: string[], val: (k: string) => string, found: Set<string>): string | null {
  let segs: Array<{ text: string; done: boolean }> = [{ text: tmpl, done: false }];
  // the length of the result so far (null past MAX_MADE_CHARS: a short text where a long value goes many times)
  let size = tmpl.length;
  for (const k of ordered) {
    const v = val(k);
    const next: typeof segs = [];
    for (const s of segs) {
      if (s.done || !s.text.includes(k)) { next.push(s); continue; }
      found.add(k);
      s.text.split(k).forEach((piece, i) => {
        if (i > 0) {
          next.push({ text: v, done: true });
          size += v.length - k.length;
        }
        next.push({ text: piece, done: false });
      });
    }
    if (size > MAX_MADE_CHARS) return null;
    segs = next;
  }
  return segs.map((s) => s.text).join('');
}

/**
 * `list_join: [delimiter, list, ...]`. Before 2015-10-15 one list of strings; from then any number
 * of lists, a map or list item put in as JSON (keys sorted). None is ''.
 */
function listJoin(a: RNode, span: Span, path: Array<string | number>, version: string, fn = 'list_join'): RNode {
  const many = version === '' || version >= '2015-10-15';
  const args = a.kind === 'seq' ? a.items! : null;
  // arguments Heat refuses when it reads the template: not modelled
  if (!args || (many ? args.length < 2 : args.length !== 2) || hasUnresolved(a)) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
  const fail = failAt(path, span);
  const lists = args.slice(1);
  const items: RNode[] = [];
  for (const l of lists) {
    const isNone = l.kind === 'scalar' && l.value === null;
    const falsy = isNone || (l.kind === 'scalar' && (l.value === '' || l.value === 0 || l.value === false)) || (l.kind === 'map' && !l.entries!.length) || (l.kind === 'seq' && !l.items!.length);
    // the old list_join takes a None list as []; the new one skips a list Python finds false
    if (isNone || (many && falsy)) continue;
    if (l.kind !== 'seq') fail(`"${fn}" must operate on a list`);
    items.push(...l.items!);
  }
  const delim = args[0];
  if (!(delim.kind === 'scalar' && typeof delim.value === 'string')) fail(`"${fn}" delimiter must be a string`);
  const strs = items.map((x) => {
    if (x.kind === 'scalar' && x.value === null) return '';
    if (x.kind === 'scalar' && typeof x.value === 'string') return x.value;
    if (many && (x.kind === 'map' || x.kind === 'seq')) {
      try { return jsonOfNode(x, true); } catch (e) {
        if (!(e instanceof JsonKeyOrder)) throw e;
        return fail(`Items to join must be string, map or list. ${reprNode(x)} failed json serialization`);
      }
    }
    return fail(many ? `Items to join must be string, map or list not ${reprOf(x)}` : `Items to join must be strings not ${reprOf(x)}`);
  });
  const d = delim.value as string;
  const size = strs.reduce((n, x) => n + x.length, 0) + Math.max(0, strs.length - 1) * d.length;
  if (size > MAX_MADE_CHARS) return unresolved(span, `this \`${fn}\` (${size} characters) is too large for bdm-lab to evaluate`);
  return { kind: 'scalar', value: strs.join(d), span };
}

/** `map_merge: [map, ...]` (from 2016-04-08): the maps merged in order, a later key's value winning; None is {} */
function mapMerge(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a)) return unresolved(span, 'this `map_merge` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  // a string is a sequence to Python: its characters are no maps
  const isStr = a.kind === 'scalar' && typeof a.value === 'string';
  if (a.kind !== 'seq' && !isStr) fail('Incorrect arguments to "map_merge" should be: "map_merge" : [ { "key1": "val1" }, { "key2": "val2" } ]');
  // a later value takes the place of the key's first
  const merged = new Map<string, RNode>();
  for (const m of a.items ?? [...(a.value as string)].map((c) => ({ kind: 'scalar', value: c, span }) as RNode)) {
    if (m.kind === 'scalar' && m.value === null) continue;
    if (m.kind !== 'map') fail('Incorrect arguments: Items to merge must be maps.');
    for (const [k, v] of m.entries!) merged.set(k, v);
  }
  const entries = [...merged];
  return { kind: 'map', value: pyDict(entries.map(([k, v]) => [k, v.value])), span, entries };
}

/**
 * `list_concat` / `list_concat_unique` (2017-09-01 on): the lists one after the other (None adds
 * nothing), the unique form keeping each value's first (Python's ==); anything else refused with
 * Heat's TypeErrors, worded at the property (its arguments and the item as JSON).
 */
function listConcat(a: RNode, span: Span, path: Array<string | number>, fn: string): RNode {
  if (hasUnresolved(a)) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
  const fail = failAt(path, span);
  if (a.kind !== 'seq') fail(`Incorrect arguments to "${fn}" should be: "${fn}" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]`);
  const out: RNode[] = [];
  // list_concat_unique: the scalars kept so far by key, the containers compared one by one
  const scalars = new Set<string>();
  const containers: unknown[] = [];
  const seen = (v: unknown): boolean => {
    const k = scalarKey(v);
    if (k === null) {
      if (containers.some((y) => pyEq(y, v))) return true;
      containers.push(v);
      return false;
    }
    if (scalars.has(k)) return true;
    scalars.add(k);
    return false;
  };
  for (const m of a.items!) {
    if (m.kind === 'scalar' && m.value === null) continue;
    if (m.kind !== 'seq') fail(`Incorrect arguments: Items to concat must be lists. ${pyJsonDumps(a.value)} contains an item that is not a list: ${pyJsonDumps(m.value)}`);
    for (const x of m.items!) if (fn === 'list_concat' || !seen(x.value)) out.push(x);
  }
  return { kind: 'seq', value: out.map((x) => x.value), span, items: out };
}

/**
 * `filter: [values, list]` (2017-02-24 on): the list without the values (Python's `in`); an empty
 * list (or None, '', 0) as it is, an empty `values` leaves the list whole, `values` that are no
 * list refused (in Python's words, not Heat's: see below). Arguments Heat refuses
 * when it reads the function (not a list of two) are not evaluated here.
 */
/**
 * contains (2017-09-01): whether the value is in the sequence, as Python's `in` decides (a text: a
 * part of it, for a text only; a list: an item equal to it); anything else is refused
 */
function contains(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a) || a.kind !== 'seq' || a.items!.length !== 2) return unresolved(span, 'this `contains` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  const [value, seq] = a.items!;
  let found: boolean;
  if (seq.kind === 'scalar' && typeof seq.value === 'string') {
    if (!(value.kind === 'scalar' && typeof value.value === 'string')) fail(`'in <string>' requires string as left operand, not ${pyTypeName(value)}`);
    found = seq.value.includes(value.value as string);
  } else if (seq.kind === 'seq') found = seq.items!.some((x) => pyEq(x.value, value.value));
  else return fail('Second argument to "contains" should be a sequence.');
  return { kind: 'scalar', value: found, span };
}

function filterList(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a) || a.kind !== 'seq' || a.items!.length !== 2) return unresolved(span, 'this `filter` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  const [values, seq] = a.items!;
  if (!truthy(seq)) return seq;
  if (seq.kind !== 'seq') fail('"filter" only works with lists');
  if (!truthy(values)) return seq;
  // Heat formats this refusal's words with a name where they want a map: Python's TypeError is what it says
  if (values.kind !== 'seq') fail('format requires a mapping');
  // Python's `in` over the values: scalars looked up by a key that equal values share (True, 1 and
  // 1.0 alike), containers compared one by one (a long list of names stays linear)
  const scalars = new Set<string>();
  const containers: unknown[] = [];
  for (const v of values.items!) {
    const k = scalarKey(v.value);
    if (k === null) containers.push(v.value);
    else scalars.add(k);
  }
  const items = seq.items!.filter((x) => {
    const k = scalarKey(x.value);
    return k !== null ? !scalars.has(k) : !containers.some((v) => pyEq(x.value, v));
  });
  return { kind: 'seq', value: items.map((x) => x.value), span, items };
}

/** a key equal scalars share as pyEq compares them (a number and a boolean by value); null for containers and NaN (equal to nothing) */
function scalarKey(v: unknown): string | null {
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'boolean') return `n${Number(v)}`;
  if (typeof v === 'number') return Number.isNaN(v) ? null : `n${v}`;
  if (v === null || v === undefined) return `z${v}`;
  return null;
}

/**
 * `map_replace: [map, {keys: {...}, values: {...}}]` (2016-10-14 on): each key and each (string)
 * value replaced where the replacement maps name it; a key replaced by another key of the map, or by
 * one already made, refused in Heat's words. Other shapes of arguments, and maps whose keys are not
 * strings, are not evaluated here.
 */
function mapReplace(a: RNode, span: Span, path: Array<string | number>): RNode {
  const no = () => unresolved(span, 'this `map_replace` is not evaluated by bdm-lab');
  if (hasUnresolved(a)) return no();
  const fail = failAt(path, span);
  const example = '"map_replace" : [ { "key1": "val1" }, {"keys": {"key1": "key2"}, "values": {"val1": "val2"}}]';
  const incorrect = () => fail(`Incorrect arguments to "map_replace" should be: ${example}`);
  const isStr = a.kind === 'scalar' && typeof a.value === 'string';
  if (a.kind !== 'seq' && !isStr) return no();
  // a text has no pop(); a list of other than two items runs out, or is left over
  if (isStr || a.items!.length !== 2) {
    // (a text's first character is taken before the list is found short: not followed)
    if (!isStr && a.items!.length && asMap(a.items![0]) === undefined) return no();
    if (!isStr && a.items!.length && !asMap(a.items![0])) fail(`Incorrect arguments: to "map_replace", arguments must be a list of maps. Example:  ${example}`);
    if (!isStr && a.items!.length > 1 && asMap(a.items![1]) === undefined) return no();
    if (!isStr && a.items!.length > 1 && !asMap(a.items![1])) fail(`Incorrect arguments: to "map_replace", arguments must be a list of maps. Example:  ${example}`);
    incorrect();
  }
  const [inMap, repl] = [asMap(a.items![0]), asMap(a.items![1])];
  if (inMap === undefined || repl === undefined) return no();
  if (!inMap || !repl) fail(`Incorrect arguments: to "map_replace", arguments must be a list of maps. Example:  ${example}`);
  if (repl!.some(([k]) => k !== 'keys' && k !== 'values')) incorrect();
  const keys = asMap(repl!.find(([k]) => k === 'keys')?.[1]);
  const values = asMap(repl!.find(([k]) => k === 'values')?.[1]);
  if (keys === undefined || values === undefined) return no();
  if (!keys || !values) fail(`Incorrect arguments: to "map_replace", arguments must be a list of maps. Example:  ${example}`);
  // Python's dict lookups: keys equal as Python compares them (1, 1.0 and True alike) are one key
  const keyTo = new Map(keys!.map(([k, v]) => [entryKeyId(k, v), v]));
  const valueTo = new Map(values!.map(([k, v]) => [entryKeyId(k, v), v]));
  const inKeys = new Set(inMap!.map(([k, v]) => entryKeyId(k, v)));
  const out = new Map<string, [string, RNode]>();
  for (const [k, v] of inMap!) {
    const from = entryKeyId(k, v);
    const to = keyTo.get(from);
    let key = k;
    let id = from;
    let keyMark: Pick<RNode, 'keyText' | 'keyClass'> = { keyText: v.keyText, keyClass: v.keyClass };
    if (to && !(to.kind === 'scalar' && to.value === null)) {
      // a list or a map cannot be looked up (Python's TypeError, not followed)
      if (to.kind !== 'scalar') return no();
      id = scalarId(to.value, to.bigText);
      if (typeof to.value === 'string') { key = to.value; keyMark = { keyText: undefined, keyClass: undefined }; }
      else {
        key = to.bigText ?? pyStr(to.value, to.float);
        const x = to.value as number | boolean;
        keyMark = { keyText: key, keyClass: { name: typeof x === 'boolean' ? 'bool' : to.float ? 'float' : 'int', num: Number(x) } };
      }
      if (inKeys.has(id) && id !== from) fail(`key replacement ${key} collides with a key in the input map`);
      else if (out.has(id)) fail(`key replacement ${key} collides with a key in the output map`);
    }
    // a value that cannot be a key (a list, a map) is kept
    const vid = v.kind === 'scalar' ? scalarId(v.value, v.bigText) : null;
    const nv = (vid !== null && valueTo.get(vid)) || v;
    const child: RNode = { ...nv };
    delete child.keyText;
    delete child.keyClass;
    if (keyMark.keyText !== undefined) Object.assign(child, keyMark);
    out.set(id, [key, child]);
  }
  const entries = [...out.values()];
  return { kind: 'map', value: pyDict(entries.map(([k, v]) => [k, v.value])), span, entries };
}

let nanKeys = 0;

/** a map key as Python's dict tells keys apart: a str by its text, a number or a bool by its value (1, 1.0 and True alike), None */
function scalarId(v: unknown, bigText?: string): string {
  if (typeof v === 'string') return `s:${v}`;
  if (v === null || v === undefined) return 'z';
  if (bigText !== undefined) return `n:${bigText}`;
  // NaN equals nothing, itself included
  if (typeof v === 'number' && Number.isNaN(v)) return `nan:${++nanKeys}`;
  return `n:${Number(v)}`;
}

/** the key of a map entry (its text, or the value a key that is no string stands for) as scalarId tells them apart */
function entryKeyId(k: string, v: RNode): string {
  if (!v.keyClass) return `s:${k}`;
  if (v.keyClass.name === 'NoneType') return 'z';
  if (v.keyClass.name === 'int' && !Number.isSafeInteger(v.keyClass.num)) return `n:${v.keyText ?? k}`;
  return scalarId(v.keyClass.num);
}

/** map_replace's ensure_map: None is {}, a map its entries (keys of any type); null: no map */
function asMap(n: RNode | undefined): Array<[string, RNode]> | null | undefined {
  if (!n || (n.kind === 'scalar' && n.value === null)) return [];
  if (n.kind !== 'map') return null;
  return n.entries!;
}

/** Python's truth of a resolved value */
function truthy(n: RNode): boolean {
  if (n.kind === 'seq') return n.items!.length > 0;
  if (n.kind === 'map') return n.entries!.length > 0;
  const v = n.value;
  return !(v === null || v === undefined || v === false || v === 0 || v === '');
}

/**
 * The first pair of keys Python's sorted() cannot compare (its left and right operand's type
 * names), or null (every pair compares, or the failure comes in a merge of a list of 64 keys or
 * more, which bdm-lab does not follow: pySort.ts): a str compares only with a str, numbers (int,
 * float, bool) with numbers, None with nothing.
 */
function sortClash(keys: Array<{ t: string; s: string; n: number }>): [string, string] | null {
  const num = (t: string) => t === 'int' || t === 'float' || t === 'bool';
  const lt = (x: { t: string; s: string; n: number }, y: { t: string; s: string; n: number }): boolean => {
    if (x.t === 'str' && y.t === 'str') return byCodePoints(x.s, y.s) < 0;
    if (num(x.t) && num(y.t)) return x.n < y.n;
    throw new Unordered(x, y);
  };
  const outcome = firstSortFailure(keys, lt);
  return typeof outcome === 'string' ? null : [outcome.failed.x.t, outcome.failed.y.t];
}

/** Python's str.replace(key, value) of a text: every occurrence (an empty key: before each character and at the end) */
function pyReplace(t: string, k: string, v: string, spend: (n: number) => void): string {
  const parts = k === '' ? ['', ...Array.from(t), ''] : t.split(k);
  spend(t.length + (parts.length - 1) * v.length);
  return parts.join(v);
}

/** a list node of items (numbers Python holds exactly marked in its value: py.ts markExact) */
function seqNode(items: RNode[], span: Span): RNode {
  const value = items.map((x) => x.value);
  items.forEach((x, i) => markItem(value, i, x));
  return { kind: 'seq', value, span, items };
}

/** mark an item a JavaScript number does not say (a float of integral value, an int past 2^53) */
function markItem(container: object, key: string | number, x: RNode): void {
  if (x.bigText !== undefined) markExact(container, key, x.value as number, x.bigText);
  else if (x.float && Number.isInteger(x.value)) markExact(container, key, x.value as number, pyRepr(x.value, true));
}

/** Python's type name of a map key that is no string (RNode.keyText), or 'str' */
const keyTypeOf = (x: RNode) => (x.keyText === undefined ? 'str' : keyType(x.keyText));

/**
 * `repeat`: the template once per item (per combination of items, unless permutations is false)
 * with each variable replaced by str.replace, which refuses a variable or item that is no string
 * wherever the template holds a text. A for_each value None stands for no items; a map for its
 * keys (from 2016-10-14 on); with permutations false the lists must be of one length.
 */
function repeat(a: RNode, span: Span, path: Array<string | number>, version: string): RNode {
  const fail = failAt(path, span);
  const forEach = entry(a, 'for_each');
  const tmpl = entry(a, 'template');
  if (!forEach || !tmpl || hasUnresolved(a)) return unresolved(span, 'this `repeat` is not evaluated by bdm-lab');
  const nested = (version === '' || version >= '2017-09-01') ? entry(a, 'permutations')?.value !== false : true;
  const maps = version === '' || version >= '2016-10-14';
  if (forEach.kind !== 'map') return fail(`'${pyTypeName(forEach)}' object has no attribute 'items'`);
  if (!forEach.entries!.length) return fail('not enough values to unpack (expected 2, got 0)');
  const keys = forEach.entries!.map(([k, v]) => ({ k, type: keyTypeOf(v) }));
  const lists: RNode[][] = [];
  const lens = new Set<number>();
  for (const [, l] of forEach.entries!) {
    if (l.kind === 'scalar' && l.value === null) { lists.push([]); continue; }
    if (!(l.kind === 'seq' || (l.kind === 'map' && maps && nested))) fail(`The values of the "for_each" argument to "repeat" must be ${maps && nested ? 'lists or maps' : 'lists'}`);
    const items = l.kind === 'seq' ? l.items! : l.entries!.map(([k, v]): RNode => (v.keyText === undefined ? { kind: 'scalar', value: k, span } : nodeOf(v.keyText, span)));
    lists.push(items);
    lens.add(items.length);
  }
  if (!nested && lens.size > 1) fail('For repeat, the length of for_each values should be equal if no nested loop.');
  // how many items before making any: the product of a few lists of ten is already millions
  let count = nested ? 1 : Math.min(...lists.map((l) => l.length));
  if (nested) for (const l of lists) count = Math.min(count * l.length, MAX_REPEAT_ITEMS + 1);
  if (count > MAX_REPEAT_ITEMS) return unresolved(span, `this \`repeat\` makes more than ${MAX_REPEAT_ITEMS} items`);
  const budget = { left: MAX_MADE_CHARS };
  const spend = (n: number) => {
    budget.left -= n;
    if (budget.left < 0) throw TOO_LARGE;
  };
  const replaceIn = (t: RNode, vals: RNode[]): RNode => {
    spend(1);
    if (t.kind === 'scalar' && typeof t.value === 'string') {
      let text = t.value;
      keys.forEach(({ k, type }, i) => {
        // (Python's argument check names None itself, other values by their type)
        if (type !== 'str') fail(`replace() argument 1 must be str, not ${type === 'NoneType' ? 'None' : type}`);
        const v = vals[i];
        if (!(v.kind === 'scalar' && typeof v.value === 'string')) fail(`replace() argument 2 must be str, not ${v.kind === 'scalar' && v.value === null ? 'None' : pyTypeName(v)}`);
        text = pyReplace(text, k, v.value as string, spend);
      });
      return { kind: 'scalar', value: text, span };
    }
    if (t.kind === 'seq') return seqNode(t.items!.map((x) => replaceIn(x, vals)), span);
    if (t.kind === 'map') {
      const entries: Array<[string, RNode]> = [];
      const at = new Map<string, number>();
      for (const [k, v] of t.entries!) {
        const key = v.keyText === undefined ? (replaceIn({ kind: 'scalar', value: k, span }, vals).value as string) : k;
        const child = { ...replaceIn(v, vals), ...(v.keyText === undefined ? {} : { keyText: v.keyText }) };
        // a key made twice: one entry, the later value in the earlier place
        const i = at.get(key);
        if (i === undefined) at.set(key, entries.push([key, child]) - 1);
        else entries[i] = [key, child];
      }
      const value: Record<string, unknown> = {};
      for (const [k, v] of entries) { value[k] = v.value; markItem(value, k, v); }
      return { kind: 'map', value, span, entries };
    }
    return { ...t, span };
  };
  const combos: RNode[][] = [];
  if (nested) {
    let acc: RNode[][] = [[]];
    for (const l of lists) acc = acc.flatMap((c) => l.map((x) => [...c, x]));
    combos.push(...acc);
  } else for (let i = 0; i < count; i++) combos.push(lists.map((l) => l[i]));
  try {
    return seqNode(combos.map((c) => replaceIn(tmpl, c)), span);
  } catch (e) {
    if (e !== TOO_LARGE) throw e;
    return unresolved(span, `this \`repeat\` (${count} items) is too large for bdm-lab to evaluate`);
  }
}

/** At most this many items from one `repeat`. */
const MAX_REPEAT_ITEMS = 1000;
/**
 * At most this many characters and values made by one function (`repeat`, `str_replace`,
 * `list_join`): a template of a few kilobytes can ask for gigabytes (a long value put in at each
 * of many places, a long delimiter between many items). Heat would make them; bdm-lab says it
 * does not evaluate the function instead of holding the editor or running out of memory.
 */
const MAX_MADE_CHARS = 10_000_000;
const TOO_LARGE = new Error('too large');

const STR_SPLIT_EXAMPLE = '"str_split" : [ ",", "apples,pears", <index>]';

/**
 * `str_split: [delimiter, string]` (a list) or `[delimiter, string, index]` (one item, Python's
 * list index: negative from the end), as StrSplit.result: a None string gives None; a delimiter
 * None splits at white space; the index read by int()
 */
function strSplit(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a)) return unresolved(span, 'this `str_split` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  // args.pop(0): a dict's KeyError (0), anything else but a list an AttributeError Heat words
  if (a.kind === 'map') fail('0');
  if (a.kind !== 'seq' || a.items!.length < 2) fail(`Incorrect arguments to "str_split" should be: ${STR_SPLIT_EXAMPLE}`);
  const [d, s, ...rest] = a.items!;
  if (s.kind === 'scalar' && s.value === null) return { kind: 'scalar', value: null, span };
  if (!(s.kind === 'scalar' && typeof s.value === 'string')) return fail(`'${pyTypeName(s)}' object has no attribute 'split'`);
  let parts: string[];
  if (d.kind === 'scalar' && d.value === null) parts = pySplitWhite(s.value);
  else if (!(d.kind === 'scalar' && typeof d.value === 'string')) return fail(`must be str or None, not ${pyTypeName(d)}`);
  else if (d.value === '') return fail('empty separator');
  else parts = s.value.split(d.value);
  if (!rest.length) return nodeOf(parts, span);
  const x = rest[0];
  const badIndex = () => fail(`Incorrect index to "str_split" should be: ${STR_SPLIT_EXAMPLE}`);
  let i: bigint;
  if (x.kind !== 'scalar' || x.value === null) return fail(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`);
  if (typeof x.value === 'boolean') i = x.value ? 1n : 0n;
  else if (typeof x.value === 'number') {
    if (Number.isNaN(x.value)) return badIndex();
    if (!Number.isFinite(x.value)) return fail('cannot convert float infinity to integer');
    i = x.bigText !== undefined ? BigInt(x.bigText) : BigInt(Math.trunc(x.value));
  } else {
    const n = pyIntOfText(String(x.value));
    if (n === null) return unresolved(span, 'this `str_split` index is a text bdm-lab does not read as Python does');
    if (n === 'ValueError') return badIndex();
    i = n;
  }
  const len = BigInt(parts.length);
  const at = i < 0n ? i + len : i;
  if (at < 0n || at >= len) return fail(`Incorrect index to "str_split" should be between 0 and ${parts.length - 1}`);
  return { kind: 'scalar', value: parts[Number(at)], span };
}

// ---- CloudFormation's functions in HOT 2013-05-23 (heat/engine/cfn/functions.py, the classes that
// version's table names; facts only)

/** the CloudFormation functions evaluated through `call` (Fn::GetAZs, which resolves no argument, apart) */
const CFN_EVALUATED = new Set(['Ref', 'Fn::Join', 'Fn::Replace', 'Fn::Select', 'Fn::Split', 'Fn::Base64', 'Fn::MemberListToMap', 'Fn::ResourceFacade']);

/** `Ref`: a resource of the stack (as get_resource), else a parameter; a name that is neither is an invalid reference */
function ref(r: Resolver, a: RNode, span: Span, path: Array<string | number>): RNode {
  const name = a.value;
  if (typeof name === 'string' && r.tmpl.resources.some((x) => x.name === name && !r.disabled?.has(x.name))) return getResource(r, a, span, where(path));
  if (typeof name !== 'string' || a.kind !== 'scalar') return unresolved(span, 'this `Ref` is not evaluated by bdm-lab');
  if (!r.tmpl.parameters.has(name) && !Object.hasOwn(PSEUDO, name)) {
    const message = `The specified reference "${name}" (in unknown) is incorrect.`;
    throw new PropertyFunctionError(`Property error: ${propertyPath(path)}: ${message}`, span, message);
  }
  return nodeOf(paramValue(r, name, span, path), span);
}

/** `Fn::Replace: [mapping, string]`: str_replace of 2013-05-23 (a string or number value, longest key first) */
function cfnReplace(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (a.kind !== 'seq' || a.items!.length !== 2) return unresolved(span, 'this `Fn::Replace` is not evaluated by bdm-lab');
  const [params, template] = a.items!;
  const asCall: RNode = { kind: 'map', value: { template: template.value, params: params.value }, span: a.span, entries: [['template', template], ['params', params]] };
  // params that are no mapping Heat refuses when it reads the function: not modelled
  if (params.kind !== 'map') return unresolved(span, 'this `Fn::Replace` is not evaluated by bdm-lab');
  return strReplace(asCall, span, path, 'Fn::Replace', '2013-05-23');
}

/** `Fn::Select: [index, list or map or JSON text]`: the item, or '' where there is none */
function cfnSelect(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (a.kind !== 'seq' || a.items!.length !== 2 || hasUnresolved(a)) return unresolved(span, 'this `Fn::Select` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  const [ix, coll] = a.items!;
  const empty: RNode = { kind: 'scalar', value: '', span };
  let strings: RNode = coll;
  if (coll.kind === 'scalar' && coll.value === '') return empty;
  if (coll.kind === 'scalar' && typeof coll.value === 'string') {
    // a text is read as JSON: bdm-lab evaluates only what JSON.parse and Python's json agree on
    let v: unknown;
    try { v = JSON.parse(coll.value); } catch { return unresolved(span, 'this `Fn::Select` reads a text that is no JSON bdm-lab evaluates'); }
    strings = nodeOf(v, span);
  }
  if (strings.kind === 'map') {
    if (!(ix.kind === 'scalar' && typeof ix.value === 'string')) fail('Index to "Fn::Select" must be a string');
    const hit = strings.entries!.find(([k]) => k === ix.value);
    return hit ? { ...hit[1], span } : empty;
  }
  // Python's int() of the index, where it reads one
  let index: unknown = ix.value;
  if (ix.kind === 'scalar' && typeof ix.value === 'string' && /^\s*[+-]?\d+\s*$/.test(ix.value)) index = Number(ix.value.trim());
  else if (ix.kind === 'scalar' && typeof ix.value === 'boolean') index = ix.value ? 1 : 0;
  else if (ix.kind === 'scalar' && typeof ix.value === 'number' && ix.float && Number.isFinite(ix.value)) index = Math.trunc(ix.value);
  if (strings.kind === 'seq') {
    if (typeof index !== 'number' || !Number.isInteger(index)) fail('Index to "Fn::Select" must be an integer');
    const n = strings.items!.length;
    const at = (index as number) < 0 ? n + (index as number) : (index as number);
    return at >= 0 && at < n ? { ...strings.items![at], span } : empty;
  }
  if (strings.kind === 'scalar' && strings.value === null) return empty;
  return fail('Arguments to Fn::Select not fully resolved');
}

/** `Fn::Split: [delimiter, string]`: the pieces */
function cfnSplit(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (a.kind !== 'seq' || a.items!.length !== 2 || hasUnresolved(a)) return unresolved(span, 'this `Fn::Split` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  const [d, str] = a.items!;
  if (!(d.kind === 'scalar' && typeof d.value === 'string')) fail('Delimiter for Fn::Split must be string');
  if (!(str.kind === 'scalar' && typeof str.value === 'string')) fail(`String to split must be string; got <class '${str.kind === 'seq' ? 'list' : str.kind === 'map' ? 'dict' : str.value === null ? 'NoneType' : typeof str.value === 'boolean' ? 'bool' : str.float ? 'float' : 'int'}'>`);
  if (d.value === '') fail('empty separator');
  return nodeOf((str.value as string).split(d.value as string), span);
}

/** `Fn::Base64`: the string itself (Heat converts nothing) */
function cfnBase64(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a)) return unresolved(span, 'this `Fn::Base64` is not evaluated by bdm-lab');
  if (!(a.kind === 'scalar' && typeof a.value === 'string')) failAt(path, span)('"Fn::Base64" argument must be a string');
  return { ...a, span };
}

/**
 * `Fn::GetAZs: <region>`: the availability zones Nova lists (Heat ignores the argument, whatever it
 * is, and resolves none of it; only the check of its functions runs). Heat asks the cloud's Nova
 * for them when it resolves the property: bdm-lab cannot know them, and takes the zone of a
 * default deployment (`["nova"]`), saying so. (The heat-oracle's stand-in Nova has no zone list
 * to give: there Heat fails at the property, `'availabilityZoneInfo'`, which no real cloud does;
 * test/fixtures/heat/compare.ts counts such a case as one bdm-lab cannot decide.)
 */
function getAZs(r: Resolver, arg: RNode, span: Span, path: Array<string | number>, depth: number): RNode {
  // the argument's functions are checked (a get_attr's attribute), never resolved
  resolve({ ...r, notes: [], checking: true }, arg, [...path, 'Fn::GetAZs'], depth + 1);
  if (r.checking) return unresolved(span, 'resolved with the property');
  r.notes.push({ span, message: 'Fn::GetAZs gives the availability zones the cloud\'s Nova lists (GET /os-availability-zone), whatever its argument: bdm-lab cannot decide them and takes ["nova"], the zone of a default deployment.' });
  return nodeOf(['nova'], span);
}

/** Heat's own example, in the words it refuses Fn::MemberListToMap's arguments with */
const MEMBER_LIST_WRONG = `Wrong Arguments try: "\n            {'Fn::MemberListToMap': ['Name', 'Value',\n                                     ['.member.0.Name=key',\n                                      '.member.0.Value=door']]}\n            "`;

/**
 * Fn::MemberListToMap's arguments as Python unpacks them: a list's items, a text's characters, a
 * mapping's keys; null where bdm-lab does not follow Python (a key that is no string)
 */
function memberListArgs(arg: RNode): RNode[] | null {
  if (arg.kind === 'seq') return arg.items!;
  if (arg.kind === 'scalar' && typeof arg.value === 'string') return [...arg.value].map((c) => ({ kind: 'scalar', value: c, span: arg.span }));
  if (arg.kind === 'map' && arg.entries!.every(([, v]) => v.keyText === undefined)) return arg.entries!.map(([k]) => ({ kind: 'scalar', value: k, span: arg.span }));
  return null;
}

/** Heat's check when it reads Fn::MemberListToMap: three arguments, the first two strings as written (no function) */
function checkMemberListArgs(parts: RNode[], arg: RNode, path: Array<string | number>, conds?: HeatConditions): void {
  const fn = 'Fn::MemberListToMap';
  const at = checkPath(path, fn, conds);
  if (parts.length !== 3) throw new FunctionCheckError(`${at}: ${MEMBER_LIST_WRONG}`, arg.span);
  const isStr = (x: RNode) => x.kind === 'scalar' && typeof x.value === 'string';
  if (!isStr(parts[0])) throw new FunctionCheckError(`${at}: ${fn} Key Name must be a string`, parts[0].span);
  if (!isStr(parts[1])) throw new FunctionCheckError(`${at}: ${fn} Value Name must be a string`, parts[1].span);
}

/**
 * `Fn::MemberListToMap: [keyname, valuename, list]`: each item split at its first `=` into a name
 * and a value (a later name's value winning); the names `.member.<n>.<field>` grouped by n
 * (numerically, in order), and of each group that has both fields, the keyname field's value
 * mapped to the valuename field's value
 */
function memberListToMap(a: RNode, span: Span, path: Array<string | number>): RNode {
  const fn = 'Fn::MemberListToMap';
  const parts = memberListArgs(a);
  if (!parts || parts.length !== 3 || hasUnresolved(parts[2])) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
  const [keyname, valuename] = [parts[0].value as string, parts[1].value as string];
  const fail = failAt(path, span);
  const list = parts[2];
  let items: RNode[];
  if (list.kind === 'seq') items = list.items!;
  else if (list.kind === 'scalar' && typeof list.value === 'string') items = [...list.value].map((c) => ({ kind: 'scalar', value: c, span }));
  else if (list.kind === 'map') {
    if (list.entries!.some(([, v]) => v.keyText !== undefined)) return unresolved(span, `this \`${fn}\` is not evaluated by bdm-lab`);
    items = list.entries!.map(([k]) => ({ kind: 'scalar', value: k, span }));
  } else return fail('Member list must be a list');
  const partials = new Map<string, string>();
  items.forEach((x, i) => {
    if (!(x.kind === 'scalar' && typeof x.value === 'string')) fail('Member list items must be strings');
    const text = x.value as string;
    const eq = text.indexOf('=');
    if (eq < 0) fail(`dictionary update sequence element #${i} has length 1; 2 is required`);
    partials.set(text.slice(0, eq), text.slice(eq + 1));
  });
  // Python's re: `.` stops at a newline only; the index read by int(), so sorted as a number
  const members: Array<{ index: bigint; key: string; value: string }> = [];
  for (const [name, value] of partials) {
    const m = /^\.member\.([0-9]+)\.([^\n]*)/.exec(name);
    if (m) members.push({ index: BigInt(m[1]), key: m[2], value });
  }
  members.sort((x, y) => (x.index < y.index ? -1 : x.index > y.index ? 1 : 0));
  const out = new Map<string, RNode>();
  for (let i = 0; i < members.length;) {
    const group = new Map<string, string>();
    let j = i;
    for (; j < members.length && members[j].index === members[i].index; j++) group.set(members[j].key, members[j].value);
    if (group.has(keyname) && group.has(valuename)) out.set(group.get(keyname)!, { kind: 'scalar', value: group.get(valuename)!, span });
    i = j;
  }
  const entries = [...out];
  return { kind: 'map', value: pyDict(entries.map(([k, v]) => [k, v.value])), span, entries };
}

/** the attributes resource_facade (HOT) and Fn::ResourceFacade (CloudFormation) take */
const FACADE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  resource_facade: ['metadata', 'deletion_policy', 'update_policy'],
  'Fn::ResourceFacade': ['Metadata', 'DeletionPolicy', 'UpdatePolicy'],
};

/** Heat's check when it reads the function: its argument one of the attribute names as written (no function) */
/** the example Heat's KeyError for a `repeat` without for_each or template shows */
const REPEAT_SYNTAX = `"repeat" syntax should be repeat:
              template: This is %var%
              for_each:
                %var%: ['a', 'b', 'c']`;

/** the functions whose arguments Heat checks as written (checkWritten) */
const WRITTEN_CHECKS = new Set(['repeat', 'str_split', 'str_replace', 'str_replace_strict', 'str_replace_vstrict', 'contains', 'list_join', 'yaql', 'filter']);

/** the example Heat's KeyError for a `yaql` without its expression (or with other keys) shows */
const YAQL_SYNTAX = `"yaql" syntax should be yaql:
              expression: $.data.var1.sum()
              data:
                var1: [3, 2, 1]`;

/**
 * What Heat checks of the arguments of `repeat`, `str_split`, `str_replace` (and its strict
 * kinds) and `list_join` as written, when it reads the function (Repeat._parse_args,
 * Repeat.validate, StrSplit.__init__, Replace.__init__, Join and JoinMultiple.__init__,
 * Yaql.__init__, Filter._parse_args): a function among them is no map (nor list)
 */
function checkWritten(r: Resolver, fn: string, arg: RNode, path: Array<string | number>, parsedAt?: string): void {
  // (a refusal when Heat makes the function names its place as one path; Repeat.validate's as checkPath does)
  const at = parsedAt ?? `resources.${where([String(path[0]).replace(/\.Properties$/, '.properties').replace(/\.Metadata$/, '.metadata'), ...path.slice(1), fn])}`;
  const fail = (m: string, validate = false): never => { throw new FunctionCheckError(`${validate ? checkPath(path, fn, r.conds) : at}: ${m}`, arg.span); };
  const isMap = arg.kind === 'map' && !isCall(r, arg);
  if (fn === 'str_split') {
    if (isMap || (arg.kind === 'scalar' && typeof arg.value === 'string')) fail(`Incorrect arguments to "str_split" should be: ${STR_SPLIT_EXAMPLE}`);
    return;
  }
  if (fn === 'list_join') {
    // Join.__init__ (before 2015-10-15: a delimiter and one list) and JoinMultiple.__init__ (a
    // delimiter and at least one list): a list of arguments, of that many
    const version = r.conds?.version ?? '';
    const many = version === '' || version >= '2015-10-15';
    const n = arg.kind === 'seq' ? arg.items!.length : -1;
    if (many ? n < 2 : n !== 2) fail(`Incorrect arguments to "list_join" should be: "list_join" : [ " ", [ "str1", "str2"]${many ? ' ...' : ''}]`);
    return;
  }
  if (fn === 'filter') {
    // a list (no text, map or function) of two
    if (arg.kind !== 'seq') fail('Argument to "filter" must be a list');
    if (arg.items!.length !== 2) fail(`"filter" expected 2 arguments of the form [values, sequence] but got ${arg.items!.length} arguments instead`);
    return;
  }
  if (fn === 'yaql') {
    // a map with its expression, and data at most besides (a key that is no text is another key)
    if (!isMap) fail('Arguments to "yaql" must be a map.');
    if (!entry(arg, 'expression') || arg.entries!.some(([k, v]) => v.keyText !== undefined || (k !== 'expression' && k !== 'data'))) fail(pyRepr(YAQL_SYNTAX));
    return;
  }
  if (fn === 'contains') {
    // Contains.__init__: a list (an empty one, or anything else, is refused), of two items
    if (arg.kind !== 'seq' || !arg.items!.length) fail(`Incorrect arguments to "contains" should be: "contains" : [ "value1", [ "value1", "value2"]]`);
    if (arg.items!.length !== 2) fail('Arguments to "contains" must be of the form: [value1, [value1, value2]]');
    return;
  }
  if (!isMap) fail(`Arguments to "${fn}" must be a map`);
  if (fn.startsWith('str_replace')) {
    if (!entry(arg, 'params') || !entry(arg, 'template')) fail(pyRepr(`"${fn}" syntax should be ${fn}:\n              template: This is var1 template var2\n              params:\n                var1: a\n                var2: string`));
    const params = entry(arg, 'params')!;
    if (!(params.kind === 'map' || isCall(r, params))) fail(`"${fn}" parameters must be a mapping`);
    return;
  }
  const forEach = entry(arg, 'for_each');
  if (!forEach || !entry(arg, 'template')) fail(pyRepr(REPEAT_SYNTAX));
  const version = r.conds?.version ?? '';
  const perm = entry(arg, 'permutations');
  if ((version === '' || version >= '2017-09-01') && perm && !(perm.kind === 'scalar' && typeof perm.value === 'boolean')) fail('"permutations" should be boolean type for repeat function.');
  // (Repeat.validate: not when Heat reads the definition)
  if (parsedAt === undefined && !(forEach!.kind === 'map' || isCall(r, forEach!))) fail('The "for_each" argument to "repeat" must contain a map', true);
}

/**
 * What Heat checks of a function's arguments when it reads a resource definition or an output
 * (the function made as the template is parsed, its arguments read first), for every resource,
 * whatever its condition: checkWritten's checks but Repeat.validate's, in the words of the place
 * Heat's parse names (`at`: `resources.srv.properties.name.list_join`). The refusal is the stack's.
 */
export function checkParsedFunction(tmpl: Template, conds: HeatConditions, fn: string, arg: RNode, at: string): void {
  if (!WRITTEN_CHECKS.has(fn) || !conds.isFunction(fn)) return;
  try {
    checkWritten({ tmpl, notes: [], given: {}, conds }, fn, arg, [], at);
  } catch (e) {
    if (e instanceof FunctionCheckError) throw new StackError(e.message, e.span);
    throw e;
  }
}

function checkFacade(fn: string, arg: RNode, path: Array<string | number>, conds?: HeatConditions): void {
  const allowed = FACADE_ATTRIBUTES[fn];
  if (arg.kind === 'scalar' && typeof arg.value === 'string' && allowed.includes(arg.value)) return;
  throw new FunctionCheckError(`${checkPath(path, fn, conds)}: Incorrect arguments to "${fn}" should be one of: ${allowed.join(', ')}`, arg.span);
}

/**
 * resource_facade / Fn::ResourceFacade: the metadata, deletion policy or update policy of the
 * resource whose provider template this stack is. bdm-lab reads a template as a stack of its own,
 * at the top, where there is no such resource: Heat fails on reading its parent (None).
 */
function resourceFacade(r: Resolver, a: RNode, span: Span, path: Array<string | number>, fn: string): RNode {
  const metadata = a.value === FACADE_ATTRIBUTES[fn][0];
  if (!r.checking) r.notes.push({ span, message: `${fn} reads the resource this template is the provider template of (a nested stack's parent). bdm-lab reads the template as a stack of its own, where there is none, and Heat fails so; in a nested stack it gives the parent's ${String(a.value)}.` });
  return failAt(path, span)(`'NoneType' object has no attribute '${metadata ? 'metadata_get' : 't'}'`);
}

/**
 * Whether a property's value refers to a resource of the stack (`get_resource`, `get_attr`, in the
 * branch an `if` picks): Stack.validate runs before any resource is made, so Heat reads such a
 * property without validating it (Properties._find_deps_any_in_init). An `if` bdm-lab cannot
 * decide counts when either branch refers to one.
 */
export function refersToResource(r: Resolver, n: RNode | undefined, depth = 0): boolean {
  if (!n || depth > MAX_READ_DEPTH) return false;
  const fn = n.kind === 'map' && n.entries!.length === 1 ? n.entries![0][0] : '';
  // CloudFormation's Ref to a resource is get_resource (2013-05-23)
  if (fn === 'Ref' && functionClass(r.conds?.version ?? '', n) === 'Ref' && r.tmpl.resources.some((x) => x.name === n.entries![0][1].value)) return true;
  if (fn && FUNCS.has(fn) && (!r.conds || r.conds.isFunction(fn))) {
    if (fn === 'get_resource' || fn === 'get_attr') return true;
    if (fn === 'if' && r.conds) {
      const b = chooseIf(r.conds, n, 'if');
      if (!isUnknown(b)) return refersToResource(r, b, depth + 1);
    }
  }
  return !!(n.entries?.some(([, v]) => refersToResource(r, v, depth + 1)) || n.items?.some((x) => refersToResource(r, x, depth + 1)));
}

/** the HOT version from which a function's class is the named one (the latest first); none: the function is data before its first */
const FUNCTION_CLASSES: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  get_param: [['', 'GetParam']], get_resource: [['', 'GetResource']], get_file: [['', 'GetFile']], resource_facade: [['', 'ResourceFacade']],
  get_attr: [['2015-10-15', 'GetAttAllAttributes'], ['2014-10-16', 'GetAtt'], ['', 'GetAttThenSelect']],
  list_join: [['2015-10-15', 'JoinMultiple'], ['', 'Join']],
  str_replace: [['2015-10-15', 'ReplaceJson'], ['', 'Replace']],
  repeat: [['2017-09-01', 'RepeatWithNestedLoop'], ['2016-10-14', 'RepeatWithMap'], ['2015-04-30', 'Repeat']],
  digest: [['2015-04-30', 'Digest']], str_split: [['2015-10-15', 'StrSplit']], map_merge: [['2016-04-08', 'MapMerge']],
  map_replace: [['2016-10-14', 'MapReplace']], yaql: [['2016-10-14', 'Yaql']], if: [['2021-04-16', 'IfNullable'], ['2016-10-14', 'If']],
  filter: [['2017-02-24', 'Filter']], str_replace_strict: [['2017-02-24', 'ReplaceJsonStrict']],
  make_url: [['2017-09-01', 'MakeURL']], list_concat: [['2017-09-01', 'ListConcat']], list_concat_unique: [['2017-09-01', 'ListConcatUnique']],
  str_replace_vstrict: [['2017-09-01', 'ReplaceJsonVeryStrict']], contains: [['2017-09-01', 'Contains']],
  // CloudFormation's functions: their own in 2013-05-23 (Fn::Select up to 2015-04-30), a stub that refuses them later
  'Fn::Select': [['2015-10-15', 'Removed'], ['', 'Select']],
  'Fn::Base64': [['2014-10-16', 'Removed'], ['', 'Base64']], 'Fn::GetAZs': [['2014-10-16', 'Removed'], ['', 'GetAZs']],
  'Fn::Join': [['2014-10-16', 'Removed'], ['', 'Join']], 'Fn::MemberListToMap': [['2014-10-16', 'Removed'], ['', 'MemberListToMap']],
  'Fn::Replace': [['2014-10-16', 'Removed'], ['', 'Replace']], 'Fn::ResourceFacade': [['2014-10-16', 'Removed'], ['', 'ResourceFacade']],
  'Fn::Split': [['2014-10-16', 'Removed'], ['', 'Split']], Ref: [['2014-10-16', 'Removed'], ['', 'Ref']],
};

/** whether a CloudFormation function is a function of its own in this HOT version (not the stub that refuses it) */
function cfnFunctionOf(version: string, fn: string): boolean {
  const c = Object.hasOwn(FUNCTION_CLASSES, fn) ? FUNCTION_CLASSES[fn].find(([since]) => version >= since)?.[1] : undefined;
  return c !== undefined && c !== 'Removed';
}

/**
 * The Python class of the function a node calls in this template version (`GetParam`,
 * `MapMerge`, ...), or null when the node is no call: Heat names it when a resource's whole
 * `properties` is a function, which it cannot look a property up in.
 */
export function functionClass(version: string, n: RNode | undefined): string | null {
  const fn = n?.kind === 'map' && n.entries!.length === 1 ? n.entries![0][0] : '';
  const v = version || '9999';
  return (Object.hasOwn(FUNCTION_CLASSES, fn) && FUNCTION_CLASSES[fn].find(([since]) => v >= since)?.[1]) || null;
}

// ---- digest and make_url (heat/engine/hot/functions.py Digest, MakeURL; facts only)

/**
 * hashlib.algorithms_available of Heat 19's Python (Debian bookworm's 3.11 with OpenSSL 3) as
 * str() of the set writes it with PYTHONHASHSEED=0: another Heat process may list them in
 * another order (Python's string hashing decides it)
 */
const HASHLIB_ALGORITHMS = "{'sha3_256', 'sha3_384', 'shake_256', 'sha512_224', 'sha512_256', 'md5-sha1', 'sm3', 'sha512', 'ripemd160', 'sha384', 'shake_128', 'sha256', 'blake2s', 'sha3_224', 'sha224', 'md5', 'sha1', 'blake2b', 'sha3_512'}";
const HASHLIB_NAMES = new Set(HASHLIB_ALGORITHMS.slice(2, -2).split("', '"));
/** the names hashlib.new takes only in lower case (Python's own code, not OpenSSL's, which ignores case) */
const LOWER_CASE_ONLY = /^(sha3_|blake2|shake_)/;

/**
 * `digest: [algorithm, value]` (2015-04-30 on): the hex digest of the value's Latin-1 bytes (Heat
 * encodes it so: a character past U+00FF is refused in Python's words). Every name hashlib has is
 * taken (in any case; SHA-3, BLAKE2 and SHAKE only in lower case: SHAKE's hexdigest wants a
 * length, which Heat does not give); RIPEMD-160 and SM3 too (hashes.ts).
 */
function digest(a: RNode, span: Span, path: Array<string | number>): RNode {
  if (hasUnresolved(a)) return unresolved(span, 'this `digest` is not evaluated by bdm-lab');
  const fail = failAt(path, span);
  if (a.kind !== 'seq' || a.items!.some((x) => !(x.kind === 'scalar' && typeof x.value === 'string'))) fail('Argument to function "digest" must be a list of strings');
  const [alg, value] = a.value as string[];
  if (a.items!.length !== 2) fail('Function "digest" usage: ["<algorithm>", "<value>"]');
  const lower = alg.toLowerCase();
  if (!HASHLIB_NAMES.has(lower)) fail(`Algorithm must be one of ${HASHLIB_ALGORITHMS}`);
  if (LOWER_CASE_ONLY.test(lower) && alg !== lower) fail(`unsupported hash type ${alg}`);
  const bytes = latin1(value);
  if ('error' in bytes) return fail(bytes.error);
  if (lower.startsWith('shake_')) fail("hexdigest() missing required argument 'length' (pos 1)");
  const hex = hexDigestOf(lower, bytes.bytes);
  if (hex === null) return unresolved(span, `this \`digest\` (${lower}) is not evaluated by bdm-lab`);
  return { kind: 'scalar', value: hex, span };
}

/** Python's str() of a value */
const strNode = (n: RNode): string => (n.kind === 'scalar' && typeof n.value === 'string' ? n.value : reprNode(n));

/** whether a written value is a call of a function this template version has (Heat made it a Function object) */
function isCall(r: Resolver, n: RNode): boolean {
  const fn = n.kind === 'map' && n.entries!.length === 1 ? n.entries![0][0] : '';
  if (!fn) return false;
  if (FUNCS.has(fn)) return !r.conds || r.conds.isFunction(fn);
  return (fn === 'Ref' || fn.startsWith('Fn::')) && functionClass(r.conds?.version ?? '', n) !== null;
}

/**
 * reprNode of arguments as Heat holds them before they are resolved: `if` is a macro, replaced
 * by the branch its condition picks when the template is parsed (one bdm-lab cannot pick, or a
 * missing branch, is written as it stands)
 */
function macroRepr(r: Resolver, n: RNode): string {
  if (n.kind === 'map' && n.entries!.length === 1 && n.entries![0][0] === 'if' && r.conds && isCall(r, n)) {
    let b: ReturnType<typeof chooseIf> | null = null;
    try { b = chooseIf(r.conds, n, ''); } catch { b = null; }
    if (b && !isUnknown(b)) return macroRepr(r, b);
  }
  if (n.kind === 'seq' && n.items) return `[${n.items.map((x) => macroRepr(r, x)).join(', ')}]`;
  if (n.kind === 'map' && n.entries) return `{${n.entries.map(([k, v]) => `${v.keyText ?? pyRepr(k)}: ${macroRepr(r, v)}`).join(', ')}}`;
  return reprNode(n);
}

const URL_KEYS = ['scheme', 'username', 'password', 'host', 'port', 'path', 'query', 'fragment'];

/**
 * MakeURL._check_args, on the arguments as written (`isFn`: a function, not checked; `repr`
 * writes them as Heat holds them) or resolved: each key in Heat's order (`query` ends the check:
 * `fragment` after it is not checked); `fail` throws Heat's words. False where bdm-lab does not follow Python.
 */
function checkUrlArgs(args: RNode, isFn: (n: RNode) => boolean, fail: (m: string) => never, repr: (n: RNode) => string = reprNode): boolean {
  const byKey = new Map(args.entries!.filter(([, v]) => v.keyText === undefined));
  for (const key of URL_KEYS) {
    const v = byKey.get(key);
    if (!v || isFn(v)) {
      if (v && key === 'query') return true;
      continue;
    }
    if (key === 'query') {
      if (v.kind !== 'map') fail('The "query" argument to "make_url" must be a map');
      return true;
    }
    if (key !== 'port') {
      if (!(v.kind === 'scalar' && typeof v.value === 'string')) fail(`The "${key}" argument to "make_url" must be a string`);
      continue;
    }
    // int() of the port, unless it is an int (a bool is one)
    let port: bigint;
    const invalid = () => fail(`Invalid URL port "${strNode(v)}" for make_url called with ${repr(args)}`);
    if (v.kind === 'seq' || v.kind === 'map' || v.value === null) fail(`int() argument must be a string, a bytes-like object or a real number, not '${v.kind === 'seq' ? 'list' : v.kind === 'map' ? 'dict' : 'NoneType'}'`);
    if (typeof v.value === 'boolean') port = v.value ? 1n : 0n;
    else if (typeof v.value === 'number') {
      if (Number.isNaN(v.value)) invalid();
      if (!Number.isFinite(v.value)) fail('cannot convert float infinity to integer');
      if (v.bigText) port = BigInt(v.bigText);
      else port = BigInt(Math.trunc(v.value));
    } else if (typeof v.value === 'string') {
      const i = pyIntOfText(v.value);
      if (i === null) return false;
      if (i === 'ValueError') return invalid();
      port = i;
    } else return false;
    if (!(port > 0n && port <= 65535n)) fail(`Invalid URL port ${port}, must be in range 1-65535`);
  }
  return true;
}

/**
 * MakeURL.validate, before any argument is resolved: the arguments a map (a function is none),
 * its keys Heat's, each argument checked as written. False where bdm-lab does not follow Python.
 */
function checkMakeUrlArgs(r: Resolver, arg: RNode, path: Array<string | number>): boolean {
  const fail = (m: string): never => { throw new FunctionCheckError(`${checkPath(path, 'make_url', r.conds)}: ${m}`, arg.span); };
  if (arg.kind !== 'map' || isCall(r, arg)) fail('The arguments to "make_url" must be a map');
  const invalid = arg.entries!.filter(([k, v]) => v.keyText !== undefined || !URL_KEYS.includes(k));
  if (invalid.length) {
    const odd = invalid.filter(([, v]) => v.keyText !== undefined);
    // ', '.join of a set: its order is Python's string hashing's (bdm-lab writes them as written)
    if (!odd.length) fail(`Invalid arguments to "make_url": ${invalid.map(([k]) => k).join(', ')}`);
    if (invalid.length > 1) return false;
    fail(`sequence item 0: expected str instance, ${keyType(odd[0][1].keyText!)} found`);
  }
  return checkUrlArgs(arg, (n) => isCall(r, n), fail, (n) => macroRepr(r, n));
}

/**
 * `make_url: {scheme, username, password, host, port, path, query, fragment}` (2017-09-01 on):
 * the URL Python's urlunsplit writes of them, each part quoted as Heat quotes it (a host with ':'
 * in brackets, the query urlencoded with '/' kept). The arguments checked again once resolved.
 */
function makeUrl(a: RNode, span: Span, path: Array<string | number>): RNode {
  const no = () => unresolved(span, 'this `make_url` is not evaluated by bdm-lab');
  if (hasUnresolved(a) || a.kind !== 'map') return no();
  const fail = failAt(path, span);
  const get = (k: string) => a.entries!.find(([x, v]) => x === k && v.keyText === undefined)?.[1];
  if (a.entries!.some(([, v]) => v.kind === 'scalar' && typeof v.value === 'number' && !Number.isFinite(v.value) && !Number.isNaN(v.value))) return no();
  if (!checkUrlArgs(a, () => false, fail)) return no();
  const text = (k: string) => (get(k)?.value as string | undefined) ?? '';
  const scheme = text('scheme');
  if (scheme.includes(':')) fail('URL "scheme" should not contain \':\'');
  const q = (s: string, safe: string): string => {
    const out = pyQuote(s, safe);
    if (out === null) throw NOT_FOLLOWED;
    return out;
  };
  try {
    let netloc = '';
    const user = q(text('username'), '');
    const pass = q(text('password'), '');
    if (user || pass) netloc += `${user}${pass ? `:${pass}` : ''}@`;
    let host = text('host');
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    host = q(host, ':');
    netloc += host.includes(':') ? `[${host}]` : host;
    const port = get('port');
    if (port) netloc += `:${strNode(port)}`;
    const urlPath = q(text('path'), '/');
    const query = get('query');
    const pairs = (query?.entries ?? []).map(([k, v]) => {
      const kq = pyQuotePlus(v.keyText ?? k, '');
      const vq = pyQuotePlus(strNode(v), '');
      if (kq === null || vq === null) throw NOT_FOLLOWED;
      return `${kq}=${vq}`;
    });
    const fragNode = get('fragment');
    // not checked after a query: quote() of what is no text
    if (fragNode && !(fragNode.kind === 'scalar' && typeof fragNode.value === 'string')) fail('quote_from_bytes() expected bytes');
    const fragment = q(text('fragment'), '/');
    const url = pyUrlUnsplit(scheme, netloc, urlPath, pairs.join('&').replace(/%2F/g, '/'), fragment);
    if (url.length > MAX_MADE_CHARS) return unresolved(span, `this \`make_url\` (${url.length} characters) is too large for bdm-lab to evaluate`);
    return { kind: 'scalar', value: url, span };
  } catch (e) {
    if (e === NOT_FOLLOWED) return no();
    throw e;
  }
}
const NOT_FOLLOWED = new Error('not followed');

/** a node that is a call of a function the template's version has */
const isFunctionCall = (n: RNode | undefined, conds: HeatConditions | undefined): boolean => !!n && n.kind === 'map' && n.entries!.length === 1 && FUNCS.has(n.entries![0][0]) && (!conds || conds.isFunction(n.entries![0][0]));

/** Yaql._parse of what is no text */
const YAQL_NOT_TEXT = 'The "expression" argument to yaql must contain a string.';

/**
 * Yaql.validate, when Heat checks the functions: an expression written as a text (not a function)
 * is parsed, and a parse failure bdm-lab words (yaql.ts YaqlParseError) is Heat's
 * `Bad expression` refusal at the function; one written as anything else (no function) is
 * Yaql._parse's refusal of what is no text; anything else is left to the evaluation's note
 */
function checkYaqlParse(arg: RNode, path: Array<string | number>, conds: HeatConditions | undefined, fail = (m: string, at: Span): never => { throw new FunctionCheckError(m, at); }): void {
  if (arg.kind !== 'map' || arg.entries!.some(([k, v]) => (k !== 'expression' && k !== 'data') || v.keyText !== undefined)) return;
  const expression = entry(arg, 'expression');
  if (!expression) return;
  // an expression written as no text (a function's result is parsed when resolved)
  if (!isFunctionCall(expression, conds) && !(expression.kind === 'scalar' && typeof expression.value === 'string')) fail(`${checkPath(path, 'yaql', conds)}: ${YAQL_NOT_TEXT}`, expression.span);
  if (expression.kind !== 'scalar' || typeof expression.value !== 'string') return;
  const words = yaqlParseFailure(expression.value);
  if (words) fail(`${checkPath(path, 'yaql', conds)}: Bad expression ${words}.`, expression.span);
}

/**
 * `yaql: {expression, data}` (2016-10-14 on): the expression on `{'data': data}` as yaql 2.0.0
 * evaluates it with Heat's limits (yaql.ts); yaql's failure of an operator, a key or an index
 * where Heat surely meets it is Heat's property error in yaql's words; what bdm-lab does not read
 * is left unresolved with its reason (Heat's refusals of the arguments, too, are left to a note).
 */
function yaqlCall(r: Resolver, a: RNode, span: Span, path: Array<string | number>): RNode {
  const why = (reason: string) => unresolved(span, `this \`yaql\` is not evaluated by bdm-lab: ${reason}`);
  if (hasUnresolved(a)) return why('its arguments hold a value bdm-lab cannot know');
  if (a.kind !== 'map' || a.entries!.some(([k, v]) => (k !== 'expression' && k !== 'data') || v.keyText !== undefined)) return why('its arguments are not `expression` and `data`');
  const expression = entry(a, 'expression');
  if (!expression || expression.kind !== 'scalar' || typeof expression.value !== 'string') return why('its expression is no string');
  try {
    const data = entry(a, 'data');
    return yaqlNode(evaluateYaql(expression.value, data ? yaqlValue(data, 0) : new YDict(new Map())), span);
  } catch (e) {
    if (e instanceof NotEvaluated) return why(e.message);
    // an expression that is no literal text is parsed only when resolved: Heat's ValueError
    if (e instanceof YaqlParseError) failAt(path, span)(`Bad expression ${e.message}.`);
    if (e instanceof YaqlStopIteration) {
      // inside the arguments of a function whose resolution bdm-lab does not follow: a note
      const w = withinOf(r);
      if (w.args) return why('first(), last(), single() or dict() runs out of items inside another function\'s arguments');
      // a generator around the call (a list or map, a function's list of arguments): Python's RuntimeError
      failAt(path, span)(w.containers ? 'generator raised StopIteration' : e.message);
    }
    // yaql's failure when Heat resolves the property (Stack.validate resolves it too)
    if (e instanceof YaqlError) failAt(path, span)(e.message);
    throw e;
  }
}

/** a resolved value as yaql holds its input (lists as tuples, dicts with string keys) */
function yaqlValue(n: RNode, depth: number): YV {
  if (depth > MAX_READ_DEPTH) throw new NotEvaluated('data nested too deep');
  if (n.kind === 'map') {
    // a key that is no str (`1:`, `true:`, `null:`): yaql's input keeps it (a number, a bool, None)
    if (n.entries!.some(([, v]) => v.keyText !== undefined)) return dictOf(n.entries!.map(([k, v]) => [dataKey(k, v), yaqlValue(v, depth + 1)]));
    return new YDict(new Map(n.entries!.map(([k, v]) => [k, yaqlValue(v, depth + 1)])));
  }
  if (n.kind === 'seq') return new YList(n.items!.map((x) => yaqlValue(x, depth + 1)), 'tuple');
  const v = n.value;
  if (n.bigText !== undefined) throw new NotEvaluated('an int past 2^53 in the data');
  if (typeof v === 'number') return n.float || !Number.isInteger(v) ? new PyFloat(v) : v;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  throw new NotEvaluated('a value of another type in the data');
}

/** a yaql dict's key as the template's map entries spell one (a float as json.dumps writes it, `1.0`; True `true`; None `null`) */
function yaqlKey(k: YV): string {
  if (typeof k === 'string') return k;
  if (k instanceof PyFloat) return Object.is(k.v, -0) ? '-0.0' : pyStr(k.v, true);
  return String(k);
}

/** the key of a data map's entry as yaql receives it: its text, or the number, bool or None a key that is no str is */
function dataKey(k: string, v: RNode): YV {
  const c = v.keyClass;
  if (v.keyText === undefined || !c) return k;
  if (c.name === 'NoneType') return null;
  if (c.name === 'bool') return c.num === 1;
  if (c.name === 'float') return new PyFloat(c.num);
  if (c.name === 'int' && Number.isSafeInteger(c.num)) return c.num;
  throw new NotEvaluated('a data key bdm-lab does not read (an int past 2^53)');
}

/** yaql's result as Heat receives it (lists, dicts) written at the call */
function yaqlNode(v: YV, span: Span): RNode {
  if (v instanceof YDict) {
    const entries = dictPairs(v).map(([k, x]) => [yaqlKey(k), yaqlNode(x, span)] as [string, RNode]);
    // a key that is no str (a number, a bool, None) is marked as a template's `1:` key is (RNode.keyText, keyClass)
    dictPairs(v).forEach(([k], i) => {
      if (typeof k === 'string') return;
      const x = k as number | PyFloat | boolean | null;
      const num = x instanceof PyFloat ? x.v : typeof x === 'number' ? x : x === true ? 1 : 0;
      Object.assign(entries[i][1], { keyText: x instanceof PyFloat ? pyStr(x.v, true) : pyStr(x), keyClass: { name: x === null ? 'NoneType' : typeof x === 'boolean' ? 'bool' : x instanceof PyFloat ? 'float' : 'int', num } });
    });
    // (a str key and another of the same text, `'1'` and 1: two keys to Python, not followed)
    if (new Set(entries.map(([k]) => k)).size < entries.length) throw new NotEvaluated('a dict with a str key and another key of the same text');
    const value = pyDict(entries.map(([k, x]) => [k, x.value]));
    for (const [k, x] of entries) markItem(value, k, x);
    return { kind: 'map', value, span, entries };
  }
  if (v instanceof YList) return seqNode(v.items.map((x) => yaqlNode(x, span)), span);
  if (v instanceof PyFloat) return { kind: 'scalar', value: v.v, span, float: true };
  return { kind: 'scalar', value: v, span };
}
