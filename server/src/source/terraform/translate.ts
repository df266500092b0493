/**
 * What terraform-provider-openstack (the commit in shared/spec/sources.md, with gophercloud
 * v2.13.0) sends for an `openstack_compute_instance_v2` (`POST /servers`) and an
 * `openstack_compute_volume_attach_v2` (`POST /servers/{id}/os-volume_attachments`), with the
 * microversion it sets, and what refuses the resource first: Terraform's own validation of the
 * configuration against the provider's schema (BDM-TF-CONFIG), then the provider's Create
 * (BDM-TF-PROVIDER: getImageIDFromConfig, getFlavorID, checkBlockDeviceConfig, the networks,
 * resourceInstanceBlockDevicesV2, gophercloud's request builders). A value bdm-lab cannot know
 * without running Terraform is named (notes); when the body depends on it the resource is not
 * judged (BDM-TF-UNKNOWN). Names the provider looks up (image_name, flavor_name, a network name)
 * and ids known only after apply get stand-in ids.
 */
import type { Span } from '../../text/span';
import type { BodyPath } from '../doc';
import { standInId } from '../oscCli/translate';
import { attrs, blocks, type Attribute, type Block, type Body, type Expr } from './hcl';
import { collectionKind, collectionName } from './functions';
import { ctyNumber, ctyText, evaluate, refusal, type CtyType, type Result, type Scope, type Value } from './eval';
import { INSTANCE, ATTACH, BLOCK_DEVICE, type BlockSchema, type AttrType } from './schema';
import type { Inventory } from '../../model/inventory';
import type { Ref } from './eval';
import { numOf, type Diag } from './values';
import { firstTraversal, referenceProblems, referenceRounds } from './references';
import { nameSuggestion, suggestionHint } from './didyoumean';
import type { BigNum } from './bignum';

export interface Place {
  key?: Span;
  value?: Span;
  whole: Span;
}

export type TfCode = 'BDM-TF-CONFIG' | 'BDM-TF-PROVIDER' | 'BDM-TF-UNKNOWN';

export interface TfTranslation {
  resource: Block;
  api: 'server' | 'attach';
  /** the microversion header the provider sends ('2.1' when it sets none) */
  microversion: string;
  body: Record<string, unknown> | null;
  /**
   * `validate`: Terraform refuses it when it validates the configuration (a reference), before any
   * variable has a value; `decoding`: Terraform's own decoding of an argument refuses it (an
   * expression's evaluation, a value of the wrong type), before the provider's checks
   */
  error: { code: TfCode; message: string; span: Span; validate?: true; decoding?: true } | null;
  /** Terraform's further errors of the same check as `error`, each its own (every cycle of the graph) */
  also: Array<{ code: TfCode; message: string; span: Span }>;
  /** values bdm-lab does not know (a stand-in is used, or the field is left out) */
  notes: Array<{ message: string; span: Span }>;
  places: Map<string, Place>;
  imageRef: string | null;
  /** volume resources of the file the request names by id: they exist when it is sent */
  creates: Inventory['volumes'];
}

class Refusal extends Error {
  constructor(readonly code: TfCode, message: string, readonly span: Span, readonly validate = false, readonly decoding = false) {
    super(message);
  }
}

/** a refusal as the translation's error */
const errorOf = (e: Refusal): NonNullable<TfTranslation['error']> => ({ code: e.code, message: e.message, span: e.span, ...(e.validate ? { validate: true as const } : {}), ...(e.decoding ? { decoding: true as const } : {}) });

const whole = (a: Attribute): Place => ({ key: a.nameSpan, value: a.expr.span, whole: a.span });
const blockPlace = (b: Block): Place => ({ key: b.typeSpan, value: b.span, whole: b.span });

/**
 * Terraform's reference check of a resource's body (references.ts), in its two reads of it
 * (BuiltinEvalContext EvaluateBlock): first the for_each of each dynamic block (Scope ExpandBlock),
 * then the body as the dynamic blocks expand (EvalBlock): the arguments of the schema (the SDK's
 * `id` too), its nested blocks, and a dynamic block's content for each element of its for_each (its
 * iterator bound; a for_each that is unknown, empty, or reads a name when the first read was refused
 * in round 2 makes no content to read). A refusal of the second read ends the resource (thrown, the
 * first by position with the first read's); the first read's alone are returned, sorted, for
 * decodeAfter. Both come before an argument the schema does not have and before any value.
 */
function referenceCheck(body: Body, schema: BlockSchema, scope: Scope): Diag[] {
  type Read = Array<{ expr: Expr; bound: (name: string) => boolean }>;
  const bound = (iterators: readonly string[]) => (n: string) => iterators.includes(n) || scope.bindings.has(n) || scope.boundUnknown.has(n);
  const forEach: Read = [];
  const dynamics: Array<{ fe: Attribute | undefined; content: Block[]; made: BlockSchema; name: string }> = [];
  const rest: Read = [];
  const walk = (b: Body, s: BlockSchema, top: boolean, depth: number) => {
    if (depth > 8) return;
    for (const it of b.items) {
      if (it.type === 'attribute') {
        if (s.attrs[it.name] || s.computed?.includes(it.name) || (top && it.name === 'id')) rest.push({ expr: it.expr, bound: bound([]) });
        continue;
      }
      const sub = s.blocks[it.blockType];
      if (sub) { walk(it.body, sub, false, depth + 1); continue; }
      const made = it.blockType === 'dynamic' ? s.blocks[it.labels[0]?.value ?? ''] : undefined;
      if (!made) continue;
      const a = attrs(it.body);
      const fe = a.get('for_each');
      if (fe) forEach.push({ expr: fe.expr, bound: bound([]) });
      const itx = a.get('iterator')?.expr;
      dynamics.push({ fe, content: blocks(it.body, 'content'), made, name: itx?.kind === 'traversal' && !itx.steps.length ? itx.root : it.labels[0].value });
    }
  };
  walk(body, schema, true, 0);
  const rounds = referenceRounds(forEach, scope);
  const first = [...rounds.parsed, ...(rounds.statics.length ? rounds.statics : rounds.lookups)];
  // refused in round 2, the first read gives hcl no variables at all: each for_each that reads one is
  // evaluated again when the body is expanded, each name it reads refused ("Unknown variable"): that
  // refusal, unless try() or can() caught it, and then a value that cannot be iterated is refused too
  const unknownNames: Diag[] = [];
  for (const d of dynamics) {
    if (rounds.statics.length && d.fe && firstTraversal(d.fe.expr)) {
      const r = evaluate(d.fe.expr, scope.asNoVariables(), 1);
      const bad = refusal(r);
      const ty = bad ? undefined : forEachScalar(r);
      if (bad) unknownNames.push(bad);
      else if (ty) unknownNames.push({ message: `Invalid dynamic for_each value: Cannot use a ${ty} value in for_each.${ty === 'null' ? '' : ' An iterable collection is required.'}`, span: d.fe.expr.span });
      continue;
    }
    // else a reference refused in round 3 has no value (cty.DynamicVal), as bdm-lab evaluates it past
    // the check (depth 1); a dynamic block's content is read only for the elements of a known for_each
    const r = d.fe && evaluate(d.fe.expr, scope, 1);
    // such a for_each is still expanded, with those names unknown: a value that cannot be iterated
    // is refused as well (hcl dynblock), however unknown (an unknown string is still a string)
    const inFe = (x: Diag) => d.fe !== undefined && x.span.offset >= d.fe.expr.span.offset && x.span.offset < d.fe.expr.span.offset + d.fe.expr.span.length;
    if (d.fe && r && !rounds.statics.length && rounds.lookups.some(inFe)) {
      const ty = forEachScalar(r);
      if (ty) unknownNames.push({ message: `Invalid dynamic for_each value: Cannot use a ${ty} value in for_each.${ty === 'null' ? '' : ' An iterable collection is required.'}`, span: d.fe.expr.span });
    }
    if (!r || r.kind !== 'known' || refusal(r) || r.value === null || typeof r.value !== 'object' || !Object.keys(r.value).length) continue;
    for (const c of d.content) {
      for (const [name, at] of attrs(c.body)) if (d.made.attrs[name] || d.made.computed?.includes(name)) rest.push({ expr: at.expr, bound: bound([d.name]) });
    }
  }
  const second = referenceProblems(rest, scope);
  // the second read refused: nothing is decoded (Terraform shows its diagnostics by start, then end: tfdiags Sort)
  const found = second.length ? [...first, ...second].sort(byPlace)[0] : undefined;
  if (found) throw new Refusal('BDM-TF-CONFIG', found.message, found.span, true);
  return [...first, ...unknownNames].sort(byPlace);
}

/** the type hcl's dynblock names when a for_each value cannot be iterated (null, a bool, number or string, known or not), or undefined */
function forEachScalar(r: Result): string | undefined {
  if (r.kind === 'known' && !refusal(r)) return r.value === null ? 'null' : typeof r.value === 'object' ? undefined : typeof r.value === 'boolean' ? 'bool' : typeof r.value;
  return r.kind === 'unknown' && (r.ty === 'string' || r.ty === 'number' || r.ty === 'bool') ? r.ty : undefined;
}

/** Terraform's order of diagnostics in one file (tfdiags Sort): by where they start, then where they end */
const byPlace = (x: { span: Span }, y: { span: Span }) => x.span.offset - y.span.offset || x.span.length - y.span.length;

/**
 * What Terraform decodes after a first read that refused a dynamic block's for_each (`early`, sorted
 * by position): the body is still decoded (its own refusals, hcldec's), the provider is not asked;
 * the first refusal by position is the resource's.
 */
function decodeAfter(early: Diag[], decode: () => void): void {
  if (!early.length) { decode(); return; }
  try { decode(); } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    // a refusal of the decoding before the first read's is the first by position; a value bdm-lab does not know gives way
    if (e.code === 'BDM-TF-CONFIG' && byPlace(e, early[0]) < 0) throw e;
  }
  throw new Refusal('BDM-TF-CONFIG', early[0].message, early[0].span, true);
}

const META_ATTRS = ['count', 'for_each', 'provider', 'depends_on'];
const META_BLOCKS = ['lifecycle', 'provisioner', 'connection', 'timeouts', 'dynamic'];

/**
 * Terraform's validation of a body against the resource schema (names, required, duplicates), and
 * the SDK's refusal of a computed-only attribute, named by its path in the resource (`path`:
 * `network.0.` for the first network block).
 */
function validateBody(body: Body, schema: BlockSchema, where: Span, path = ''): void {
  const seen = new Map<string, number>();
  for (const it of body.items) {
    if (it.type === 'attribute') {
      if (schema.attrs[it.name]) continue;
      if (schema.top && META_ATTRS.includes(it.name)) continue;
      // terraform-plugin-sdk (helper/schema Resource.CoreConfigSchema) adds `id` to the schema Terraform
      // sees as optional: Terraform takes it, the SDK refuses it (unknownKeys)
      if (schema.top && it.name === 'id') continue;
      if (schema.computed?.includes(it.name)) throw new Refusal('BDM-TF-CONFIG', `Value for unconfigurable attribute: Can't configure a value for "${path}${it.name}": its value will be decided automatically based on the result of applying this configuration.`, it.nameSpan);
      // hclsyntax Body.Content: the suggestion is an attribute of the schema (computed ones, and the
      // SDK's id at the top, too) not already set in the body, in hcldec's map order; only without
      // one, a block type of that very name
      const defined = attrs(body);
      const s = suggestionHint(it.name, [...new Set([...Object.keys(schema.attrs), ...(schema.computed ?? []), ...(schema.top ? ['id'] : [])])].filter((n) => !defined.has(n)));
      const hint = s || (schema.blocks[it.name] ? ` Did you mean to define a block of type "${it.name}"?` : '');
      throw new Refusal('BDM-TF-CONFIG', `Unsupported argument: An argument named "${it.name}" is not expected here.${hint}`, it.nameSpan);
    } else {
      const sub = schema.blocks[it.blockType];
      if (sub) {
        const i = seen.get(it.blockType) ?? 0;
        seen.set(it.blockType, i + 1);
        validateBody(it.body, sub, it.span, `${path}${it.blockType}.${i}.`);
        continue;
      }
      // a dynamic block's content is checked against the schema of the block it makes
      const made = it.blockType === 'dynamic' ? schema.blocks[it.labels[0]?.value ?? ''] : undefined;
      if (made) for (const c of blocks(it.body, 'content')) validateBody(c.body, made, c.span);
      if (schema.top && META_BLOCKS.includes(it.blockType)) continue;
      // hclsyntax Body.Content: a block type of the schema, else an argument of that very name
      const s = suggestionHint(it.blockType, Object.keys(schema.blocks));
      const asArg = schema.attrs[it.blockType] || schema.computed?.includes(it.blockType);
      const hint = s || (asArg ? ` Did you mean to define argument "${it.blockType}"? If so, use the equals sign to assign it a value.` : '');
      throw new Refusal('BDM-TF-CONFIG', `Unsupported block type: Blocks of type "${it.blockType}" are not expected here.${hint}`, it.typeSpan);
    }
  }
  const a = attrs(body);
  for (const [name, t] of Object.entries(schema.attrs)) {
    if (t.required && !a.has(name)) throw new Refusal('BDM-TF-CONFIG', `Missing required argument: The argument "${name}" is required, but no definition was found.`, where);
  }
  for (const [name, t] of Object.entries(schema.blocks)) {
    if (t.maxItems !== undefined && blocks(body, name).length > t.maxItems) throw new Refusal('BDM-TF-CONFIG', `Too many ${name} blocks: No more than ${t.maxItems} "${name}" blocks are allowed`, blocks(body, name)[t.maxItems].typeSpan);
  }
}

/** a known value converted to a string as go-cty does (numbers in plain digits, bools as true/false) */
const asString = (v: Value): string => (typeof v === 'number' ? ctyText(v) : String(v));

/** the strings go-cty converts to a bool */
const BOOL_STRINGS: Record<string, boolean> = { true: true, 1: true, false: false, 0: false };

/** go-cty's FriendlyName of a value's type: a literal list is a tuple, a literal map an object (a typed variable keeps its type) */
function ctyTypeName(v: Value): string {
  const named = typeNameOf(v);
  if (named) return named;
  if (isSet(v)) return 'set of string';
  return Array.isArray(v) ? 'tuple' : v !== null && typeof v === 'object' ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
}

const structural = (v: Value): boolean => v !== null && typeof v === 'object';

/**
 * What Terraform refuses when it converts a known, non-null value to an argument's schema type
 * (hcldec's "Incorrect attribute value type" with go-cty's reason), else null. go-cty v1.18.1
 * (Terraform's go.mod): a conversion that exists but fails gives the conversion's words ("a
 * number is required", "a bool is required"); no conversion at all gives MismatchMessage: "<want>
 * required, but have <got>" between a primitive and a structural value or between bool and
 * number, "list of string required" for an object given to a list, "element N: …" / `element "k":
 * …` for the first element of a tuple/object that cannot become a string.
 */
function typeProblem(name: string, type: AttrType['type'], v: Value): string | null {
  const bad = (what: string) => `Incorrect attribute value type: Inappropriate value for attribute "${name}": ${what}.`;
  const have = (want: string) => bad(`${want} required, but have ${ctyTypeName(v)}`);
  switch (type) {
    case 'string': return structural(v) ? have('string') : null;
    case 'int':
      if (typeof v === 'number') return null;
      if (typeof v === 'string') return ctyNumber(v) === null ? bad('a number is required') : null;
      return have('number');
    case 'bool':
      if (typeof v === 'boolean') return null;
      if (typeof v === 'string') {
        if (Object.hasOwn(BOOL_STRINGS, v)) return null;
        // True, FALSE, …: go-cty's hint
        return bad(['true', 'false'].includes(v.toLowerCase()) ? `a bool is required; to convert from string, use lowercase "${v.toLowerCase()}"` : 'a bool is required');
      }
      return have('bool');
    case 'list': case 'set': {
      const want = `${type} of string`;
      if (!structural(v)) return have(want);
      if (!Array.isArray(v)) return bad(`${want} required`);
      const i = isSet(v) ? -1 : v.findIndex(structural);
      return i < 0 ? null : bad(`element ${i}: string required, but have ${ctyTypeName(v[i])}`);
    }
    case 'map': {
      if (v === null || typeof v !== 'object') return have('map of string');
      if (Array.isArray(v)) return bad('map of string required');
      const k = Object.keys(v).find((key) => structural(v[key]));
      return k === undefined ? null : bad(`element ${JSON.stringify(k)}: string required, but have ${ctyTypeName(v[k])}`);
    }
  }
}

/**
 * The same conversion of a value Terraform does not know yet but whose type it knows (go-cty
 * converts by type: a tuple is no number, known or not): a string converts to anything, a number or
 * bool to string; else MismatchMessage.
 */
function unknownTypeProblem(name: string, type: AttrType['type'], ty: CtyType, absPath = false): string | null {
  const want = type === 'int' ? 'number' : type === 'list' || type === 'set' || type === 'map' ? null : type;
  // an absolute path is a string neither conversion accepts, whatever the directory
  if (absPath && ty === 'string' && (want === 'number' || want === 'bool')) return `Incorrect attribute value type: Inappropriate value for attribute "${name}": a ${want} is required.`;
  if (want === null || ty === 'string' || ty === want || (want === 'string' && (ty === 'number' || ty === 'bool'))) return null;
  return `Incorrect attribute value type: Inappropriate value for attribute "${name}": ${want} required, but have ${ty}.`;
}

/** Go's %v of a float64: the shortest digits, in e-notation (two exponent digits at least) when the exponent is below -4 or 6 and above */
function goFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  const [mant, e] = Math.abs(n).toExponential().split('e');
  const exp = Number(e);
  const sign = n < 0 ? '-' : '';
  if (exp >= -4 && exp < 6) return sign + String(Math.abs(n));
  return `${sign}${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * terraform-plugin-sdk's check of an integer argument: its config shim keeps a number that is an
 * exact int64 as an int and makes any other a float64, which the SDK refuses (its words); else null.
 */
function wholeNumberProblem(n: number, r?: Result): string | null {
  // the value go-cty keeps (512 bits): big.Float Int64 is exact for -2^63 … 2^63-1, which a float64 cannot tell
  const b = r ? numOf(r) : undefined;
  if (b && !b.inf) return exactInt64(b) ? null : `Attribute must be a whole number, got ${goFloat(n)}`;
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? null : `Attribute must be a whole number, got ${goFloat(n)}`;
}

/** math/big Float.Int64 with Exact accuracy: a whole number from -2^63 to 2^63-1 */
function exactInt64(b: BigNum): boolean {
  let mag: bigint;
  if (b.e >= 0) mag = b.m << BigInt(b.e);
  else {
    const sh = BigInt(-b.e);
    if ((b.m & ((1n << sh) - 1n)) !== 0n) return false;
    mag = b.m >> sh;
  }
  return b.neg ? mag <= 2n ** 63n : mag < 2n ** 63n;
}

/**
 * Stand-ins for values known only after apply in fields Nova (or the provider) checks the form of:
 * hypervisor_hostname against ^[a-zA-Z0-9-._]*$, networks' fixed_ip as an IP address, a
 * volumeAttachment's device against its /dev/... pattern, build_near_host_ip as the provider's
 * address/prefix. Each is well formed (192.0.2.0/24 is the documentation range, RFC 5737).
 */
const PLACEHOLDER = { hostname: 'hypervisor-hostname-known-after-apply', ipv4: '192.0.2.1', subnet: '192.0.2.1/24', device: '/dev/vdz' } as const;

/** a configured value as the schema type makes it (Terraform converts before the provider sees it), or undefined when unset/null */
class Reader {
  /** resources of the file named by their id */
  constructor(readonly scope: Scope, readonly notes: TfTranslation['notes'], readonly refs: Ref[] = []) {}

  /** a reader of the same resource with more names bound (a dynamic block's iterator) */
  bound(names: Record<string, Value>): Reader {
    return new Reader(this.scope.with(names), this.notes, this.refs);
  }

  /** the volume resources named, as Cinder will hold them (their size and image read from the file) */
  createdVolumes(): Inventory['volumes'] {
    const out: Inventory['volumes'] = [];
    for (const r of this.refs) {
      if (!r.block || !/^openstack_blockstorage_volume_v[23]$/.test(r.block.labels[0]?.value ?? '') || out.some((v) => v.id === standInId('volume', r.address))) continue;
      const a = attrs(r.block.body);
      const val = (k: string) => { const x = a.get(k) && evaluate(a.get(k)!.expr, this.scope); return x && x.kind === 'known' ? x.value : undefined; };
      const size = val('size');
      if (typeof size !== 'number') continue;
      out.push({ id: standInId('volume', r.address), size, status: 'available', bootable: a.has('image_id'), multiattach: val('multiattach') === true, availability_zone: typeof val('availability_zone') === 'string' ? String(val('availability_zone')) : 'nova' });
    }
    return out;
  }

  raw(a: Attribute | undefined): Result | undefined {
    if (!a) return undefined;
    const r = evaluate(a.expr, this.scope);
    const f = refusal(r);
    if (f) throw new Refusal('BDM-TF-CONFIG', f.message, f.span);
    if (r.kind === 'known' && r.value === null) return undefined;
    return r;
  }

  /** a value the body depends on: unknown ends the translation */
  must(a: Attribute, r: Result): Value {
    if (r.kind === 'unknown') throw new Refusal('BDM-TF-UNKNOWN', `bdm-lab cannot tell what the provider sends: ${a.name} is ${r.why}.`, a.expr.span);
    if (r.kind === 'ref') throw new Refusal('BDM-TF-UNKNOWN', `bdm-lab cannot tell what the provider sends: ${a.name} is ${r.of.address}'s id, known only after apply.`, a.expr.span);
    return r.value;
  }

  /**
   * A string attribute. An unknown value ends the translation, unless the field takes a stand-in:
   * `idKind` a stand-in id; `placeholder` a placeholder (true: words naming the field; a string: that
   * value, for a field whose Nova schema or provider check wants a form: an address, a device path,
   * a host name, so that the stand-in itself is not what gets refused).
   */
  str(a: Attribute | undefined, opts: { idKind?: string; placeholder?: boolean | string } = {}): string | undefined {
    const r = this.raw(a);
    if (!r || !a) return undefined;
    if (r.kind === 'ref') {
      this.refs.push(r.of);
      if (r.of.data) this.notes.push({ message: `${a.name}: ${r.of.address}.id is looked up when Terraform plans; bdm-lab uses a stand-in id.`, span: a.expr.span });
      return r.value;
    }
    if (r.kind === 'unknown') {
      if (opts.idKind) {
        this.notes.push({ message: `${a.name}: ${r.why}; bdm-lab uses a stand-in id.`, span: a.expr.span });
        return standInId(opts.idKind, `unknown:${r.why}`);
      }
      if (opts.placeholder) {
        this.notes.push({ message: `${a.name}: ${r.why}; bdm-lab puts a placeholder in the body.`, span: a.expr.span });
        return typeof opts.placeholder === 'string' ? opts.placeholder : `(${a.name} known after apply)`;
      }
      return this.must(a, r) as never;
    }
    const v = r.value;
    const p = typeProblem(a.name, 'string', v);
    if (p) throw new Refusal('BDM-TF-CONFIG', p, a.expr.span);
    return asString(v);
  }

  int(a: Attribute | undefined): number | undefined {
    const r = this.raw(a);
    if (!r || !a) return undefined;
    const v = this.must(a, r);
    const p = typeProblem(a.name, 'int', v);
    if (p) throw new Refusal('BDM-TF-CONFIG', p, a.expr.span);
    const n = typeof v === 'string' ? ctyNumber(v)! : Number(v);
    const whole = wholeNumberProblem(n, r.kind === 'known' ? r : undefined);
    if (whole) throw new Refusal('BDM-TF-CONFIG', whole, a.expr.span);
    return n;
  }

  bool(a: Attribute | undefined): boolean | undefined {
    const r = this.raw(a);
    if (!r || !a) return undefined;
    const v = this.must(a, r);
    const p = typeProblem(a.name, 'bool', v);
    if (p) throw new Refusal('BDM-TF-CONFIG', p, a.expr.span);
    return v === true || (typeof v === 'string' && Object.hasOwn(BOOL_STRINGS, v) && BOOL_STRINGS[v]);
  }

  strings(a: Attribute | undefined, type: 'list' | 'set' = 'set'): string[] | undefined {
    const r = this.raw(a);
    if (!r || !a) return undefined;
    if (r.kind !== 'known') {
      this.notes.push({ message: `${a.name}: ${r.kind === 'unknown' ? r.why : `${r.of.address}'s id`}; bdm-lab leaves it out of the body.`, span: a.expr.span });
      return undefined;
    }
    const p = typeProblem(a.name, type, r.value);
    if (p) throw new Refusal('BDM-TF-CONFIG', p, a.expr.span);
    return (r.value as Value[]).filter((x) => x !== null).map(asString);
  }

  map(a: Attribute | undefined): Record<string, string> | undefined {
    const r = this.raw(a);
    if (!r || !a) return undefined;
    if (r.kind !== 'known') {
      this.notes.push({ message: `${a.name}: ${r.kind === 'unknown' ? r.why : `${r.of.address}'s id`}; bdm-lab leaves it out of the body.`, span: a.expr.span });
      return undefined;
    }
    const v = r.value;
    const p = typeProblem(a.name, 'map', v);
    if (p) throw new Refusal('BDM-TF-CONFIG', p, a.expr.span);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, Value>)) if (x !== null) out[k] = asString(x);
    return out;
  }
}

/** terraform-plugin-sdk's hashcode.String: crc32 (IEEE) of the text */
function crc32(s: string): number {
  let c = ~0;
  for (const byte of new TextEncoder().encode(s)) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return (~c) >>> 0;
}

/** a TypeSet of strings as its List() gives it: unique, ordered by the decimal hash codes as strings */
export function setOrder(items: string[], hashSuffix = ''): string[] {
  const byCode = new Map<string, string>();
  for (const it of items) byCode.set(String(crc32(it + hashSuffix)), it);
  return [...byCode.keys()].sort().map((k) => byCode.get(k)!);
}

const STD_B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** gophercloud: user_data already in standard base64 is sent as it is, anything else is encoded (Go's decoder skips line breaks) */
function userData(s: string): string {
  return STD_B64.test(s.replace(/[\r\n]/g, '')) ? s : base64(s);
}

function base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

const UUID_HINT = /^[a-z0-9]{8}-[a-z0-9]{4}-[1-5][a-z0-9]{3}-[a-z0-9]{4}-[a-z0-9]{12}$/;

/** Go's json.Marshal of a value as text: as JSON.stringify, with <, >, &, U+2028 and U+2029 written as \\u escapes */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's json.Marshal of a map: keys in sorted order, nested too */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

function mvMax(a: string, b: string): string {
  const [a1, a2] = a.split('.').map(Number);
  const [b1, b2] = b.split('.').map(Number);
  return a1 > b1 || (a1 === b1 && a2 >= b2) ? a : b;
}

/** `openstack_compute_instance_v2` → the POST /servers body the provider sends */
export function translateInstance(res: Block, scope: Scope): TfTranslation {
  const notes: TfTranslation['notes'] = [];
  const places = new Map<string, Place>();
  const put = (path: BodyPath, p: Place) => places.set(JSON.stringify(path), p);
  const t: TfTranslation = { resource: res, api: 'server', microversion: '2.1', body: null, error: null, also: [], notes, places, imageRef: null, creates: [] };
  put([], { key: res.labels[0]?.span ?? res.typeSpan, whole: res.span });
  put(['server'], { key: res.labels[0]?.span ?? res.typeSpan, whole: res.span });
  try {
    const early = referenceCheck(res.body, INSTANCE, scope);
    // a refused first read ends Terraform's validate walk: what it decodes then has variables unknown
    const rd = new Reader(early.length ? scope.asValidating() : scope, notes);
    decodeAfter(early, () => {
      validateBody(res.body, INSTANCE, res.labels[0]?.span ?? res.typeSpan);
      const dyn = blocks(res.body, 'dynamic').find((d) => !EXPANDED.includes(d.labels[0]?.value ?? ''));
      if (dyn) throw new Refusal('BDM-TF-UNKNOWN', 'bdm-lab cannot tell what the provider sends: a dynamic block is expanded by Terraform.', dyn.typeSpan);
      validateValues(res, rd, early.length > 0);
    });
    const built = buildServer(res, rd, put);
    t.body = sorted(built.body) as Record<string, unknown>;
    t.microversion = built.microversion;
    t.imageRef = built.imageRef || null;
    t.creates = rd.createdVolumes();
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    t.error = errorOf(e);
  }
  return t;
}

interface Bd {
  block: Block;
  a: Map<string, Attribute>;
  source: string;
  dest: string;
  uuid: string;
  size: number;
  boot: number;
  del: boolean;
  multiattach: boolean;
  strs: Record<string, string>;
}

function readBlockDevices(res: Block, rd: Reader): Bd[] {
  return nestedBlocks(res, 'block_device', rd).map((b) => readBlockDevice(b.block, b.rd));
}

/** the nested block types whose `dynamic` blocks bdm-lab expands (the others are refused as unknown) */
const EXPANDED = ['block_device', 'network'];

/**
 * The blocks of one type in a resource as Terraform sees them after expansion, in order: the
 * static ones, and a dynamic block's `content` once per element of its known for_each, each
 * with a reader that has the iterator bound.
 */
function nestedBlocks(res: Block, type: string, rd: Reader): Array<{ block: Block; rd: Reader }> {
  const out: Array<{ block: Block; rd: Reader }> = [];
  for (const it of res.body.items) {
    if (it.type !== 'block') continue;
    if (it.blockType === type) out.push({ block: it, rd });
    else if (it.blockType === 'dynamic' && it.labels[0]?.value === type) {
      for (const { content, names } of expandDynamic(it, rd)) out.push({ block: content, rd: rd.bound(names) });
    }
  }
  return out;
}

/** hcl's dynblock: one block per element of a known for_each, its iterator (the label, or `iterator =`) bound to .key and .value */
function expandDynamic(dyn: Block, rd: Reader): Array<{ content: Block; names: Record<string, Value> }> {
  const a = attrs(dyn.body);
  const contents = blocks(dyn.body, 'content');
  const content = contents[0];
  const fe = a.get('for_each');
  if (!fe) throw new Refusal('BDM-TF-CONFIG', 'Missing required argument: The argument "for_each" is required, but no definition was found.', dyn.typeSpan);
  // hcl ext/dynblock decodeSpec: the dynamic block's own body (for_each, iterator, content; a block
  // with no labels takes no `labels`), as hclsyntax Body.Content words what it does not expect
  for (const x of dyn.body.items) {
    if (x.type === 'attribute' && x.name !== 'for_each' && x.name !== 'iterator') {
      // dynblock's own schema has an order: for_each, iterator (hcl's first near name)
      const s = nameSuggestion(x.name, ['for_each', 'iterator'].filter((n) => !a.has(n)));
      const hint = s ? ` Did you mean "${s}"?` : x.name === 'content' ? ' Did you mean to define a block of type "content"?' : '';
      throw new Refusal('BDM-TF-CONFIG', `Unsupported argument: An argument named "${x.name}" is not expected here.${hint}`, x.nameSpan);
    }
  }
  for (const x of dyn.body.items) {
    if (x.type === 'block' && x.blockType !== 'content') {
      const s = nameSuggestion(x.blockType, ['content']);
      const hint = s ? ` Did you mean "${s}"?` : x.blockType === 'for_each' || x.blockType === 'iterator' ? ` Did you mean to define argument "${x.blockType}"? If so, use the equals sign to assign it a value.` : '';
      throw new Refusal('BDM-TF-CONFIG', `Unsupported block type: Blocks of type "${x.blockType}" are not expected here.${hint}`, x.typeSpan);
    }
  }
  // the iterator: a single variable name (hcl.AbsTraversalForExpr, then one step), before for_each is evaluated
  let itx = a.get('iterator')?.expr;
  for (let i = 0; itx?.kind === 'paren' && i < 64; i++) itx = itx.inner;
  if (itx && itx.kind !== 'traversal') throw new Refusal('BDM-TF-CONFIG', 'Invalid expression: A single static variable reference is required: only attribute access and indexing with constant keys. No calculations, function calls, template expressions, etc are allowed here.', itx.span);
  if (itx?.kind === 'traversal' && itx.steps.length) throw new Refusal('BDM-TF-CONFIG', 'Invalid dynamic iterator name: Dynamic iterator must be a single variable name.', itx.span);
  const it = itx?.kind === 'traversal' ? itx.root : dyn.labels[0].value;
  const r = collectionOf(fe.expr, rd.scope);
  const f = refusal(r);
  if (f) throw new Refusal('BDM-TF-CONFIG', f.message, f.span);
  const contentCheck = () => {
    if (!content) throw new Refusal('BDM-TF-CONFIG', 'Missing dynamic content block: A dynamic block must have a nested block of type "content" to describe the body of each generated block.', dyn.typeSpan);
    if (contents.length > 1) throw new Refusal('BDM-TF-CONFIG', 'Extraneous dynamic content block: Only one nested content block is allowed for each dynamic block.', contents[1].typeSpan);
  };
  // an unknown collection still needs its one content block
  if (r.kind !== 'known') contentCheck();
  // Terraform's validate (variables unknown) goes on decoding the rest of the body past a dynamic block
  // whose for_each it cannot know: its refusals there come before the plan's
  if (r.kind !== 'known' && rd.scope.validating) return [];
  if (r.kind !== 'known') throw new Refusal('BDM-TF-UNKNOWN', `bdm-lab cannot tell what the provider sends: the dynamic block's for_each is ${r.kind === 'unknown' ? r.why : `${r.of.address}'s id`}, and Terraform makes one ${dyn.labels[0]?.value ?? 'block'} per element.`, fe.expr.span);
  const v = r.value;
  // hcl ext/dynblock expand_spec.go (v2.24.0): a value that cannot be iterated, then null, then the content blocks
  if (v === null) throw new Refusal('BDM-TF-CONFIG', 'Invalid dynamic for_each value: Cannot use a null value in for_each.', fe.expr.span);
  if (typeof v !== 'object') throw new Refusal('BDM-TF-CONFIG', `Invalid dynamic for_each value: Cannot use a ${typeof v === 'boolean' ? 'bool' : typeof v} value in for_each. An iterable collection is required.`, fe.expr.span);
  contentCheck();
  const pairs: Array<[Value, Value]> = Array.isArray(v) ? (isSet(v) ? v.map((x) => [x, x] as [Value, Value]) : v.map((x, i) => [i, x] as [Value, Value])) : Object.keys(v).sort().map((k) => [k, v[k]] as [Value, Value]);
  if (pairs.length > MAX_EXPAND) throw new Refusal('BDM-TF-UNKNOWN', `bdm-lab expands at most ${MAX_EXPAND} blocks: this dynamic block makes ${pairs.length}.`, fe.expr.span);
  return pairs.map(([key, value]) => ({ content, names: { [it]: { key, value } } }));
}

/** at most this many block devices from one dynamic block, or instances from one count/for_each */
export const MAX_EXPAND = 64;

const SET = new WeakSet<object>();
const TYPE_NAME = new WeakMap<object, string>();
/** a set (made by toset() or a `set(...)` variable type): for_each takes it */
export function isSet(v: Value): boolean { return typeof v === 'object' && v !== null && (SET.has(v) || collectionKind(v) === 'set'); }
/** the type Terraform names for a collection (a list variable: `list of string`), else undefined */
export function typeNameOf(v: Value): string | undefined { return typeof v === 'object' && v !== null ? TYPE_NAME.get(v) ?? collectionName(v) : undefined; }

function asSet(items: Value[]): Value[] {
  const strs = items.some((x) => typeof x === 'string');
  const uniq = [...new Set(items.map((x) => (strs && (typeof x === 'number' || typeof x === 'boolean') ? String(x) : x)))];
  const out = uniq.every((x) => typeof x === 'string') ? (uniq as string[]).sort() : uniq;
  SET.add(out);
  return out;
}

/** a for_each or count expression: the value, with toset()/tomap() and a variable's declared collection type applied */
export function collectionOf(e: Expr, scope: Scope): Result {
  if (e.kind === 'call' && (e.name === 'toset' || e.name === 'tomap') && e.args.length === 1) {
    const r = evaluate(e.args[0], scope);
    if (r.kind !== 'known' || e.name === 'tomap' || refusal(r)) return r;
    if (!Array.isArray(r.value)) return { kind: 'unknown', why: 'a toset() of a value that is not a list', span: e.span };
    return { kind: 'known', value: asSet(r.value) };
  }
  const r = evaluate(e, scope);
  if (r.kind !== 'known' || refusal(r) || e.kind !== 'traversal' || e.root !== 'var' || e.steps.length !== 1 || !Array.isArray(r.value)) return r;
  const name = 'attr' in e.steps[0] ? e.steps[0].attr : '';
  const t = scope.variables.get(name) && attrs(scope.variables.get(name)!.body).get('type')?.expr;
  if (t?.kind !== 'call' || !['list', 'set'].includes(t.name)) return r;
  if (t.name === 'set') return { kind: 'known', value: asSet(r.value) };
  const el = t.args[0]?.kind === 'traversal' ? t.args[0].root : 'dynamic';
  const list = [...r.value];
  TYPE_NAME.set(list, `list of ${el}`);
  return { kind: 'known', value: list };
}

function readBlockDevice(b: Block, rd: Reader): Bd {
  const a = attrs(b.body);
  const strs: Record<string, string> = {};
  for (const k of ['guest_format', 'volume_type', 'device_type', 'disk_bus']) {
    const v = rd.str(a.get(k));
    if (v) strs[k] = v;
  }
  const source = rd.str(a.get('source_type'));
  if (source === undefined) throw new Refusal('BDM-TF-CONFIG', 'Missing required argument: The argument "source_type" is required, but no definition was found.', a.get('source_type')?.span ?? b.typeSpan);
  return {
    block: b, a, source, strs,
    dest: rd.str(a.get('destination_type')) ?? '',
    uuid: rd.str(a.get('uuid'), { idKind: source === 'snapshot' ? 'snapshot' : source === 'image' ? 'image' : 'volume' }) ?? '',
    size: rd.int(a.get('volume_size')) ?? 0,
    boot: rd.int(a.get('boot_index')) ?? 0,
    del: rd.bool(a.get('delete_on_termination')) ?? false,
    multiattach: rd.bool(a.get('multiattach')) ?? false,
  };
}

function buildServer(res: Block, rd: Reader, put: (path: BodyPath, p: Place) => void): { body: Record<string, unknown>; microversion: string; imageRef: string } {
  const a = attrs(res.body);
  const resKey = res.labels[0]?.span ?? res.typeSpan;
  const bds = readBlockDevices(res, rd);
  let mv = '';
  const bump = (v: string) => { mv = mv ? mvMax(mv, v) : v; };
  // getImageIDFromConfig: with block devices the image counts only for an image->local one
  let imageRef = '';
  const needImage = bds.length === 0 || bds.some((b) => b.source === 'image' && b.dest === 'local');
  if (needImage) {
    const id = rd.str(a.get('image_id'), { idKind: 'image' });
    const name = rd.str(a.get('image_name'), { idKind: 'image' });
    if (id) { imageRef = id; put(['server', 'imageRef'], whole(a.get('image_id')!)); }
    else if (name) { imageRef = standInId('image', name); put(['server', 'imageRef'], whole(a.get('image_name')!)); }
    else throw new Refusal('BDM-TF-PROVIDER', 'Neither a boot device, image ID, or image name were able to be determined', resKey);
  }
  // getFlavorID
  const flavorId = rd.str(a.get('flavor_id'), { idKind: 'flavor' });
  const flavorName = rd.str(a.get('flavor_name'), { idKind: 'flavor' });
  let flavorRef: string;
  if (flavorId) { flavorRef = flavorId; put(['server', 'flavorRef'], whole(a.get('flavor_id')!)); }
  else if (flavorName) { flavorRef = standInId('flavor', flavorName); put(['server', 'flavorRef'], whole(a.get('flavor_name')!)); }
  else throw new Refusal('BDM-TF-PROVIDER', 'Neither a flavor_id or flavor_name could be determined', resKey);
  // checkBlockDeviceConfig
  for (const b of bds) {
    const at = (k: string) => b.a.get(k)?.span ?? b.block.typeSpan;
    if (b.source !== 'blank' && b.uuid === '') throw new Refusal('BDM-TF-PROVIDER', `You must specify a uuid for ${b.source} block device types`, at('source_type'));
    if (b.source === 'image' && b.dest === 'volume' && b.size === 0) throw new Refusal('BDM-TF-PROVIDER', 'You must specify a volume_size when creating a volume from an image', at('volume_size'));
    if (b.source === 'blank' && b.dest === 'local' && b.size === 0) throw new Refusal('BDM-TF-PROVIDER', 'You must specify a volume_size when creating a blank block device', at('volume_size'));
  }
  const networks = buildNetworks(res, rd, put, bump);
  const server: Record<string, unknown> = { imageRef, flavorRef };
  const name = rd.str(a.get('name'), { placeholder: true }) ?? '';
  server.name = name;
  if (a.get('name')) put(['server', 'name'], whole(a.get('name')!));
  if (networks !== undefined) server.networks = networks;
  // config_drive is a *bool: always sent
  server.config_drive = rd.bool(a.get('config_drive')) ?? false;
  if (a.get('config_drive')) put(['server', 'config_drive'], whole(a.get('config_drive')!));
  // user_data is []byte(string): never nil, so "" is sent when unset
  const ud = rd.str(a.get('user_data'), { placeholder: true });
  server.user_data = userData(ud ?? '');
  optional(server, put, res, rd);
  const tags = rd.strings(a.get('tags'));
  if (tags?.length) { server.tags = setOrder(tags, ';'); put(['server', 'tags'], whole(a.get('tags')!)); bump('2.52'); }
  const hh = rd.str(a.get('hypervisor_hostname'), { placeholder: PLACEHOLDER.hostname });
  if (a.get('hypervisor_hostname') && hh !== undefined) {
    bump('2.74');
    if (hh) { server.hypervisor_hostname = hh; put(['server', 'hypervisor_hostname'], whole(a.get('hypervisor_hostname')!)); }
  }
  if (bds.length) {
    server.block_device_mapping_v2 = expandBlockDevices(bds, put, bump);
  }
  if (name === '') throw new Refusal('BDM-TF-PROVIDER', 'Error creating OpenStack server: Missing input for argument [Name]', a.get('name')?.span ?? resKey);
  const body: Record<string, unknown> = { server };
  const hints = schedulerHints(res, rd);
  if (hints) { body['os:scheduler_hints'] = hints.value; put(['os:scheduler_hints'], blockPlace(hints.block)); }
  return { body, microversion: mv || '2.1', imageRef };
}

/** the optional string fields, security groups, metadata, personality */
function optional(server: Record<string, unknown>, put: (path: BodyPath, p: Place) => void, res: Block, rd: Reader): void {
  const a = attrs(res.body);
  const az = rd.str(a.get('availability_zone'), { placeholder: true }) || rd.str(a.get('availability_zone_hints'), { placeholder: true });
  if (az) { server.availability_zone = az; put(['server', 'availability_zone'], whole((a.get('availability_zone') ?? a.get('availability_zone_hints'))!)); }
  const pass = rd.str(a.get('admin_pass'), { placeholder: true });
  if (pass) server.adminPass = pass;
  const key = rd.str(a.get('key_pair'), { placeholder: true });
  if (key) { server.key_name = key; put(['server', 'key_name'], whole(a.get('key_pair')!)); }
  const sgs = rd.strings(a.get('security_groups'));
  if (sgs?.length) { server.security_groups = setOrder(sgs).map((n) => ({ name: n })); put(['server', 'security_groups'], whole(a.get('security_groups')!)); }
  const files = personality(blocks(res.body, 'personality'), rd);
  if (files.length) server.personality = files;
  const md = rd.map(a.get('metadata'));
  if (md && Object.keys(md).length) { server.metadata = md; put(['server', 'metadata'], whole(a.get('metadata')!)); }
}

/** the provider's ValidateFunc values (validation.StringInSlice, case ignored as Go's EqualFold does) */
const ONE_OF: Record<string, string[]> = { network_mode: ['auto', 'none'], power_state: ['active', 'shutoff', 'shelved_offloaded', 'paused'] };
/** the provider's ConflictsWith pairs among the arguments bdm-lab reads */
const CONFLICTS: Array<[string, string]> = [['network_mode', 'network'], ['availability_zone_hints', 'availability_zone'], ['availability_zone', 'availability_zone_hints'], ['hypervisor_hostname', 'personality'], ['personality', 'hypervisor_hostname']];
/** Go's strings.EqualFold against an ASCII word: the long s and the Kelvin sign fold to s and k */
const foldEq = (v: string, w: string) => v.replace(/\u017f/g, 's').replace(/\u212a/g, 'k').toLowerCase() === w;

/**
 * What Terraform refuses before the provider's Create runs, the first one in the file first
 * (Terraform shows its diagnostics sorted by position): the value of each argument converted to
 * its schema type (Terraform's own decoding, which stops before the provider is asked); then the
 * provider's schema checks (terraform-plugin-sdk's validate): an argument set while one it
 * conflicts with is set too (`Conflicting configuration arguments`), else its ValidateFunc (whose
 * error is the whole message). Values bdm-lab cannot know pass, as the SDK lets unknowns pass.
 */
function validateValues(res: Block, rd: Reader, decodeOnly = false): void {
  const first = (found: Array<{ message: string; span: Span }>, decoding = false) => {
    const f = found.sort((x, y) => x.span.offset - y.span.offset)[0];
    if (f) throw new Refusal('BDM-TF-CONFIG', f.message, f.span, false, decoding);
  };
  // Terraform's decoding: every argument of the resource and of its nested blocks
  const typed: Array<{ message: string; span: Span }> = [];
  const check = (body: Body, schema: BlockSchema, r: Reader) => {
    for (const [name, at] of attrs(body)) {
      const t = schema.attrs[name];
      const v = t && evaluate(at.expr, r.scope);
      // an expression Terraform refuses when it evaluates it (hcl's "Invalid operand", …)
      const f = refusal(v);
      if (f) typed.push(f);
      const p = v && v.kind === 'known' && v.value !== null ? typeProblem(name, t.type, v.value) : v && v.kind === 'unknown' && v.ty ? unknownTypeProblem(name, t.type, v.ty, v.absPath) : null;
      if (p) typed.push({ message: p, span: at.expr.span });
    }
  };
  check(res.body, INSTANCE, rd);
  for (const [type, schema] of Object.entries(INSTANCE.blocks)) {
    let found: Array<{ block: Block; rd: Reader }>;
    // after a refused first read, the dynamic blocks are not read (their for_each has no value)
    try { found = decodeOnly ? blocks(res.body, type).map((block) => ({ block, rd })) : nestedBlocks(res, type, rd); } catch (e) { if (e instanceof Refusal && e.code === 'BDM-TF-UNKNOWN') continue; throw e; }
    for (const n of found) check(n.block.body, schema, n.rd);
  }
  first(typed, true);
  // a refused first read (decodeAfter): the provider is not asked
  if (decodeOnly) return;
  // the provider's schema: conflicts, then the values of the arguments that conflict with nothing set
  const a = attrs(res.body);
  const state = (name: string): { known: boolean; span: Span } | null => {
    const at = a.get(name);
    if (at) { const r = rd.raw(at); return r ? { known: r.kind === 'known', span: at.expr.span } : null; }
    if (!INSTANCE.blocks[name]) return null;
    let n: Array<{ block: Block; rd: Reader }>;
    try { n = nestedBlocks(res, name, rd); } catch { return { known: false, span: res.typeSpan }; }
    return n.length ? { known: true, span: n[0].block.typeSpan } : null;
  };
  const found: Array<{ message: string; span: Span }> = [];
  // an integer argument (a block_device's volume_size, boot_index) that is not a whole number
  let devices: Array<{ block: Block; rd: Reader }> = [];
  try { devices = nestedBlocks(res, 'block_device', rd); } catch (e) { if (!(e instanceof Refusal && e.code === 'BDM-TF-UNKNOWN')) throw e; }
  for (const { block, rd: brd } of devices) {
    for (const [name, at] of attrs(block.body)) {
      const v = BLOCK_DEVICE.attrs[name]?.type === 'int' ? evaluate(at.expr, brd.scope) : undefined;
      const p = v?.kind === 'known' && v.value !== null ? wholeNumberProblem(typeof v.value === 'string' ? ctyNumber(v.value)! : Number(v.value), v) : null;
      if (p) found.push({ message: p, span: at.expr.span });
    }
  }
  // terraform-plugin-sdk (helper/schema schemaMap.validate): a Required argument written as null is
  // missing to the SDK, which names it by its path in the resource (block_device.1.source_type)
  found.push(...nullRequired(res.body, INSTANCE, rd, ''), ...unknownKeys(res.body));
  devices.forEach(({ block, rd: brd }, i) => found.push(...nullRequired(block.body, BLOCK_DEVICE, brd, `block_device.${i}.`)));
  // personality is a TypeSet: the SDK numbers its elements in go-cty's set order
  const pbs = blocks(res.body, 'personality');
  const order = ctySetOrder(pbs.map((pb) => ctyObjectKey(pb.body, INSTANCE.blocks.personality, rd)));
  pbs.forEach((pb, i) => found.push(...nullRequired(pb.body, INSTANCE.blocks.personality, rd, `personality.${order[i]}.`)));
  const conflicted = new Set<string>();
  for (const [k, other] of CONFLICTS) {
    const mine = state(k);
    const theirs = state(other);
    if (!mine?.known || !theirs?.known) continue;
    conflicted.add(k);
    found.push({ message: `Conflicting configuration arguments: "${k}": conflicts with ${other}`, span: a.get(k)?.nameSpan ?? mine.span });
  }
  for (const [k, values] of Object.entries(ONE_OF)) {
    const at = a.get(k);
    const v = conflicted.has(k) ? undefined : rd.raw(at);
    // a number or bool is converted to the string argument first
    const text = v?.kind === 'known' && v.value !== null && typeof v.value !== 'object' ? String(v.value) : null;
    if (!at || text === null || values.some((w) => foldEq(text, w))) continue;
    found.push({ message: `expected ${k} to be one of [${values.map((w) => `"${w}"`).join(' ')}], got ${text}`, span: at.expr.span });
  }
  first(found);
}

/** terraform-plugin-sdk (schemaMap.validateObject): `id` is no key of the provider's schema; the SDK's diagnostic has a summary only */
function unknownKeys(body: Body): Array<{ message: string; span: Span }> {
  const id = attrs(body).get('id');
  return id ? [{ message: 'Invalid or unknown key', span: id.nameSpan }] : [];
}

/** the SDK's refusal of each Required argument of a body whose value is a known null (`prefix`: its path in the resource) */
function nullRequired(body: Body, schema: BlockSchema, rd: Reader, prefix: string): Array<{ message: string; span: Span }> {
  const out: Array<{ message: string; span: Span }> = [];
  for (const [name, at] of attrs(body)) {
    if (!schema.attrs[name]?.required) continue;
    const v = evaluate(at.expr, rd.scope);
    if (v.kind === 'known' && v.value === null) out.push({ message: `Missing required argument: The argument "${prefix}${name}" is required, but no definition was found.`, span: at.expr.span });
  }
  return out;
}

/** Go's %q of a string (strconv.Quote): quotes, backslash escapes for quotes, backslashes and control characters */
function goQuote(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  return `"${s.replace(/["\\\x00-\x1f\x7f]/g, (c) => named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}"`;
}

/**
 * go-cty's set hash key of a nested block's object (set_internals.go appendSetHashBytes): its
 * attributes in name order, each a quoted string, `~` for null, `?` for a value not known, then ";".
 */
function ctyObjectKey(body: Body, schema: BlockSchema, rd: Reader): string {
  const a = attrs(body);
  const part = (name: string) => {
    const at = a.get(name);
    const r = at ? evaluate(at.expr, rd.scope) : { kind: 'known' as const, value: null };
    if (r.kind === 'known' && r.value === null) return '~';
    if (r.kind === 'known' && typeof r.value !== 'object') return goQuote(asString(r.value));
    return r.kind === 'ref' ? goQuote(r.value) : '?';
  };
  return `<${Object.keys(schema.attrs).sort().map((n) => `${part(n)};`).join('')}>`;
}

/** each element's index in a go-cty set (Values(): ordered by setRules.Less, the hash keys' bytes for objects; equal elements are one) */
function ctySetOrder(keys: string[]): number[] {
  const enc = new TextEncoder();
  const cmp = (x: string, y: string) => {
    const bx = enc.encode(x), by = enc.encode(y);
    for (let i = 0; i < Math.min(bx.length, by.length); i++) if (bx[i] !== by[i]) return bx[i] - by[i];
    return bx.length - by.length;
  };
  const uniq = [...new Set(keys)].sort(cmp);
  const at = new Map(uniq.map((k, i) => [k, i]));
  return keys.map((k) => at.get(k)!);
}

/**
 * personality blocks: a set ordered by the hash of "file-" (resourceComputeInstancePersonalityHash),
 * contents base64-encoded. The SDK adds the config's elements in go-cty's set order and keeps the
 * first of one hash code (helper/schema set.go add): of two blocks for one file, the one first in
 * that order is sent.
 */
function personality(pbs: Block[], rd: Reader): Array<{ path: string; contents: string }> {
  const byFile = new Map<string, string>();
  const order = ctySetOrder(pbs.map((pb) => ctyObjectKey(pb.body, INSTANCE.blocks.personality, rd)));
  const sorted = pbs.map((pb, i) => ({ pb, at: order[i] })).sort((x, y) => x.at - y.at);
  for (const { pb } of sorted) {
    const p = attrs(pb.body);
    const file = rd.str(p.get('file'), { placeholder: true }) ?? '';
    const content = rd.str(p.get('content'), { placeholder: true }) ?? '';
    if (!byFile.has(file)) byFile.set(file, content);
  }
  return setOrder([...byFile.keys()], '-').map((f) => ({ contents: base64(byFile.get(f)!), path: f }));
}

function buildNetworks(res: Block, rd: Reader, put: (path: BodyPath, p: Place) => void, bump: (v: string) => void): unknown {
  const a = attrs(res.body);
  const modeAttr = a.get('network_mode');
  const mode = rd.str(modeAttr);
  const nets = nestedBlocks(res, 'network', rd);
  if (mode === 'auto' || mode === 'none') {
    bump('2.37');
    put(['server', 'networks'], whole(modeAttr!));
    return mode;
  }
  const out: Array<Record<string, string>> = [];
  nets.forEach(({ block: nb, rd: nrd }, i) => {
    const n = attrs(nb.body);
    const uuid = nrd.str(n.get('uuid'), { idKind: 'network' }) ?? '';
    const name = nrd.str(n.get('name'), { placeholder: true }) ?? '';
    const port = nrd.str(n.get('port'), { idKind: 'port' }) ?? '';
    const fixed = nrd.str(n.get('fixed_ip_v4'), { placeholder: PLACEHOLDER.ipv4 }) ?? '';
    if (!uuid && !name && !port) throw new Refusal('BDM-TF-PROVIDER', 'At least one of network.uuid, network.name, or network.port must be set', nb.typeSpan);
    // without both uuid and name the provider asks Neutron: by port (its network), else by id, else by name
    const netId = uuid && name ? uuid : port ? standInId('network', `port:${port}`) : uuid || standInId('network', name);
    const m: Record<string, string> = {};
    if (netId) m.uuid = netId;
    if (port) m.port = port;
    if (fixed) m.fixed_ip = fixed;
    out.push(m);
    put(['server', 'networks', i], blockPlace(nb));
  });
  if (nets.length) put(['server', 'networks'], blockPlace(nets[0]!.block));
  return out.length ? out : undefined;
}

function expandBlockDevices(bds: Bd[], put: (path: BodyPath, p: Place) => void, bump: (v: string) => void): unknown[] {
  const L = ['server', 'block_device_mapping_v2'];
  put(L, blockPlace(bds[0].block));
  const out: unknown[] = [];
  if (bds.some((b) => b.multiattach)) bump('2.60');
  bds.forEach((b, i) => {
    if (!['blank', 'image', 'snapshot', 'volume'].includes(b.source)) throw new Refusal('BDM-TF-PROVIDER', `unknown block device source type ${b.source}`, b.a.get('source_type')!.expr.span);
    if (!['local', 'volume'].includes(b.dest)) throw new Refusal('BDM-TF-PROVIDER', `unknown block device destination type ${b.dest}`, b.a.get('destination_type')?.expr.span ?? b.block.typeSpan);
    const m: Record<string, unknown> = { source_type: b.source, destination_type: b.dest, boot_index: b.boot, delete_on_termination: b.del };
    if (b.uuid) m.uuid = b.uuid;
    if (b.size) m.volume_size = b.size;
    Object.assign(m, b.strs);
    if (b.strs.volume_type) bump('2.67');
    out.push(m);
    put([...L, i], blockPlace(b.block));
    for (const [k, at] of b.a) if (k in m) put([...L, i, k], whole(at));
  });
  return out;
}

function schedulerHints(res: Block, rd: Reader): { value: Record<string, unknown>; block: Block } | null {
  const hb = firstHints(blocks(res.body, 'scheduler_hints'), rd);
  if (!hb) return null;
  const h = attrs(hb.body);
  const sh: Record<string, unknown> = {};
  const fail = (info: string, at: Attribute) => { throw new Refusal('BDM-TF-PROVIDER', `Error creating OpenStack server: ${info}`, at.expr.span); };
  const group = rd.str(h.get('group'), { idKind: 'server-group' });
  if (group) { if (!UUID_HINT.test(group)) fail('Group must be a UUID', h.get('group')!); sh.group = group; }
  for (const k of ['different_host', 'same_host']) {
    const v = rd.strings(h.get(k), 'list');
    if (v?.length) { if (v.some((x) => !UUID_HINT.test(x))) fail('The hosts must be in UUID format.', h.get(k)!); sh[k] = v; }
  }
  const q = rd.strings(h.get('query'), 'list');
  if (q?.length) { if (q.length < 3) fail('Must be a conditional statement in the format of [op,variable,value]', h.get('query')!); sh.query = goJson(q); }
  const cell = rd.str(h.get('target_cell'), { placeholder: true });
  if (cell) sh.target_cell = cell;
  const dc = rd.strings(h.get('different_cell'), 'list');
  if (dc?.length) sh.different_cell = dc;
  const near = rd.str(h.get('build_near_host_ip'), { placeholder: PLACEHOLDER.subnet });
  if (near) {
    // gophercloud: net.ParseCIDR must accept it; then the text is split at "/" as written
    if (!goParseCidr(near)) fail('Must be a valid subnet in the form 192.168.1.1/24', h.get('build_near_host_ip')!);
    const parts = near.split('/');
    sh.build_near_host_ip = parts[0];
    sh.cidr = `/${parts[1]}`;
  }
  const extra = rd.map(h.get('additional_properties'));
  if (extra) Object.assign(sh, extra);
  return Object.keys(sh).length ? { value: sh, block: hb } : null;
}

/**
 * The scheduler_hints block the provider reads: the set's List()[0], the element whose hash code
 * (resourceComputeSchedulerHintsHash: group, target_cell, the additional_properties values, then
 * the four lists as Go prints them, each followed by "-"; build_near_host_ip is not in it) is the
 * smallest as a decimal string. Blocks with the same code are one element: the first one stays.
 */
function firstHints(hbs: Block[], rd: Reader): Block | undefined {
  if (hbs.length < 2) return hbs[0];
  // the block read again by schedulerHints: its notes are taken there
  const quiet = new Reader(rd.scope, []);
  let best: { code: string; block: Block } | undefined;
  for (const hb of hbs) {
    const h = attrs(hb.body);
    const text = (k: string) => `${quiet.str(h.get(k), { placeholder: true }) ?? ''}-`;
    const list = (k: string) => `[${(quiet.strings(h.get(k), 'list') ?? []).join(' ')}]-`;
    const extra = Object.values(quiet.map(h.get('additional_properties')) ?? {}).map((v) => `${v}-`).join('');
    const code = String(crc32(text('group') + text('target_cell') + extra + list('different_host') + list('same_host') + list('query') + list('different_cell')));
    if (!best || code < best.code) best = { code, block: hb };
  }
  return best?.block;
}

/** Go's netip.ParseAddr of an IPv4 address: four decimal fields 0-255, no leading zeros */
function goIPv4(s: string): boolean {
  const f = s.split('.');
  return f.length === 4 && f.every((x) => /^(0|[1-9]\d{0,2})$/.test(x) && Number(x) <= 255);
}

/** Go's netip.ParseAddr of an IPv6 address (no zone): up to 8 groups of 1-4 hex digits, one `::`, an IPv4 tail counting for two */
function goIPv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const all = halves.flatMap(groups);
  // an IPv4 tail must end the address (not stand before a trailing ::)
  const tailOk = halves.length === 1 || groups(halves[1]).length > 0;
  let n = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i];
    if (i === all.length - 1 && tailOk && g.includes('.')) {
      if (!goIPv4(g)) return false;
      n += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) n += 1;
    else return false;
  }
  return halves.length === 2 ? n < 8 : n === 8;
}

/** Go's net.ParseCIDR: an IPv4 or IPv6 address (no zone), "/", decimal prefix bits within the address length */
function goParseCidr(s: string): boolean {
  const cut = s.indexOf('/');
  if (cut < 0) return false;
  const addr = s.slice(0, cut);
  const mask = s.slice(cut + 1);
  const bits = goIPv4(addr) ? 32 : goIPv6(addr) ? 128 : 0;
  return bits > 0 && /^\d+$/.test(mask) && Number(mask) <= bits;
}

/** `openstack_compute_volume_attach_v2` → the volumeAttachment body */
export function translateAttach(res: Block, scope: Scope): TfTranslation {
  const notes: TfTranslation['notes'] = [];
  const places = new Map<string, Place>();
  const put = (path: BodyPath, p: Place) => places.set(JSON.stringify(path), p);
  const t: TfTranslation = { resource: res, api: 'attach', microversion: '2.1', body: null, error: null, also: [], notes, places, imageRef: null, creates: [] };
  const key = res.labels[0]?.span ?? res.typeSpan;
  put([], { key, whole: res.span });
  put(['volumeAttachment'], { key, whole: res.span });
  try {
    decodeAfter(referenceCheck(res.body, ATTACH, scope), () => validateBody(res.body, ATTACH, key));
    const rd = new Reader(scope, notes);
    const sdk = [...nullRequired(res.body, ATTACH, rd, ''), ...unknownKeys(res.body)].sort((x, y) => x.span.offset - y.span.offset);
    if (sdk.length) throw new Refusal('BDM-TF-CONFIG', sdk[0].message, sdk[0].span);
    const a = attrs(res.body);
    rd.str(a.get('instance_id'), { idKind: 'server' });
    const volumeId = rd.str(a.get('volume_id'), { idKind: 'volume' }) ?? '';
    const device = rd.str(a.get('device'), { placeholder: PLACEHOLDER.device });
    const tag = rd.str(a.get('tag'), { placeholder: true });
    const multi = rd.bool(a.get('multiattach')) ?? false;
    const va: Record<string, unknown> = { volumeId };
    put(['volumeAttachment', 'volumeId'], whole(a.get('volume_id')!));
    if (device) { va.device = device; put(['volumeAttachment', 'device'], whole(a.get('device')!)); }
    // tag sets 2.49, multiattach then sets 2.60 (each assigns the client's microversion)
    if (tag) { va.tag = tag; put(['volumeAttachment', 'tag'], whole(a.get('tag')!)); t.microversion = '2.49'; }
    if (multi) t.microversion = '2.60';
    if (!volumeId) throw new Refusal('BDM-TF-PROVIDER', `Error creating openstack_compute_volume_attach_v2 ${rd.str(a.get('instance_id')) ?? ''}: Missing input for argument [VolumeID]`, a.get('volume_id')!.span);
    t.body = sorted({ volumeAttachment: va }) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    t.error = errorOf(e);
  }
  return t;
}

export type { AttrType };
