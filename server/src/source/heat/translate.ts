/**
 * One OS::Nova::Server of a HOT template as `stack create` on Heat 19.0.0 makes it. First
 * Stack.validate, before any resource is made: Server.validate() (the properties, a property
 * that refers to another resource read without validation since its value is not known yet;
 * _validate_block_device_mapping; the microversion-gated properties). Then, once the resources
 * it refers to are made, the creation: the properties validated again, now with every value,
 * and handle_create() (_build_block_device_mapping(_v2), _build_nics, the user data) and
 * novaclient 18.1's servers.create/_boot, which writes the body it POSTs. Facts from Heat's and
 * novaclient's code (shared/spec/sources.md), the heat-oracle and Heat's Stack.validate, which
 * label the tests. Names Heat looks up (image, flavor, network, port) get the stand-in ids of
 * standIn.ts.
 */
import type { Span } from '../../text/span';
import type { BodyPath } from '../doc';
import { entry, type RNode, type Template, type TemplateNote } from './template';
import { resolve, refersToResource, functionClass, TemplateError, TemplateLimit, PropertyFunctionError, FunctionCheckError, STACK_NAME, type Resolver } from './resolve';
import { HeatError, LooseFailure, validateMap, readProperty, atCreate, unresolvedIn, type PVal, type HeatStage, type PropCtx } from './props';
import { SERVER, type PSchema, type Replaced } from './schema';
import { standInId } from './standIn';
import { pyJsonDumps } from './py';
import { jsonOfNode } from './nodeJson';
import { StackError, chooseIf, hasConditions, isUnknown, referencedAttributeNames, type HeatConditions } from './conditions';
import { buildNics, buildBdmV1, buildBdmV2, base64, HeatTypeError } from './build';

export interface Place {
  key?: Span;
  value?: Span;
  whole: Span;
}

export interface HeatTranslation {
  microversion: string;
  body: { server: Record<string, unknown>; 'os:scheduler_hints'?: unknown } | null;
  /** `atCreate`: Heat answers it when it creates the server, Stack.validate having passed (else before it makes any resource) */
  error: { stage: HeatStage; message: string; span: Span; atCreate?: true } | null;
  notes: TemplateNote[];
  places: Map<string, Place>;
  imageRef: string | null;
  /** the validated properties (for quick fixes) */
  props: Record<string, PVal | undefined> | null;
}

export { HEAT_DEFAULT_MICROVERSION } from '../../model/context';

/** The placeholder the heat-oracle puts for Heat's multi-part user data (its real content is Heat's cloud-init bundle). */
export const USER_DATA_STANDIN = 'SGVhdCB1c2VyX2RhdGEgKGVsaWRlZCk=';

export function mvAtLeast(mv: string, want: string): boolean {
  const [a, b] = mv.split('.').map(Number);
  const [c, d] = want.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

export interface ServerInput {
  tmpl: Template;
  name: string;
  node: RNode;
  keySpan: Span;
  microversion: string;
  given?: Record<string, unknown>;
  /** the template's conditions (`if` in the properties) */
  conds?: HeatConditions;
  disabled?: Set<string>;
}

/**
 * What Heat reads of a server when it makes the resource, before it validates any (Server's
 * constructor asks whether the user data is a software config): a `properties` that is itself a
 * function has no property to look up (Python's TypeError, naming the function's class), and
 * `user_data_format` is resolved and read (no resource made yet), a failure in its bare words.
 */
export function makeServer(inp: ServerInput): { message: string; span: Span } | null {
  const raw = entry(inp.node, 'properties');
  const cls = functionClass(inp.conds?.version ?? '', raw);
  if (raw && cls) return { message: `argument of type '${cls}' is not iterable`, span: raw.span };
  const udf = entry(raw, 'user_data_format');
  if (!udf) return null;
  const r: Resolver = { tmpl: inp.tmpl, notes: [], given: inp.given ?? {}, conds: inp.conds, disabled: inp.disabled, atValidate: true };
  try {
    const v = resolve(r, udf, [`${inp.name}.Properties`, 'user_data_format'], 1);
    if (v && !v.absent) readProperty(SERVER.user_data_format, v, []);
  } catch (e) {
    // the attribute's name is checked later (Function.validate), with the resource's validation
    if (e instanceof FunctionCheckError || e instanceof TemplateLimit) return null;
    if (e instanceof PropertyFunctionError) return { message: e.bare, span: e.span };
    if (e instanceof LooseFailure) return { message: e.message, span: e.span };
    // a reference Heat cannot follow: its lookup names no place
    if (e instanceof TemplateError) return { message: e.message.replace(/ \(in [^()]*\) is incorrect\.$/, ' (in unknown) is incorrect.'), span: e.span };
    throw e;
  }
  return null;
}

/** Where a resource's properties are read: its `properties` node, Heat's resolver, the prefix of Heat's messages. */
export interface PropsInput {
  r: Resolver;
  props: RNode | undefined;
  at: string[];
  where: Span;
  typeSpan: Span;
  ctx: (notes: TemplateNote[]) => PropCtx;
}

/**
 * Resource.validate_template's start, as Stack.validate runs it for any resource (no resource made
 * yet): the functions of the definition checked (get_attr's resource and attribute, the references
 * it depends on, each function's arguments) before any property is resolved, a first pass that only
 * checks, its notes dropped; then `between` (the deletion and update policies); then
 * Properties.validate: a property that refers to a resource is read without validation (get_resource
 * gives the resource's name, get_attr None), each property resolved when the check reaches it.
 */
export function validateAtStack(inp: ServerInput, schema: Readonly<Record<string, PSchema>>, notes: TemplateNote[], opts: { replaced?: Replaced; between?: (p: PropsInput) => void } = {}): { input: PropsInput; props: Record<string, PVal | undefined> } {
  const typeSpan = entry(inp.node, 'type')?.span ?? inp.keySpan;
  const r: Resolver = { tmpl: inp.tmpl, notes, given: inp.given ?? {}, conds: inp.conds, disabled: inp.disabled };
  const rawProps = entry(inp.node, 'properties');
  const at = [`${inp.name}.Properties`];
  resolve({ ...r, notes: [], checking: true }, rawProps, at);
  // then the metadata's functions (ResourceDefinition.validate: the properties, then the metadata)
  const meta = entry(inp.node, 'metadata');
  if (meta) resolve({ ...r, notes: [], checking: true }, meta, [`${inp.name}.Metadata`]);
  checkExternalId(inp);
  const input: PropsInput = {
    r, props: rawProps?.kind === 'map' ? rawProps : undefined, at, where: rawProps?.keySpan ?? typeSpan, typeSpan,
    ctx: (n) => ({ prefix: `resources.${inp.name}.properties`, notes: n, whole: typeSpan, ...(opts.replaced ? { replaced: opts.replaced } : {}) }),
  };
  opts.between?.(input);
  if (rawProps && rawProps.kind !== 'map' && !(rawProps.kind === 'scalar' && rawProps.value === null)) throw new HeatError('heat-validate', `"${String(rawProps.value)}" is not a map`, rawProps.span);
  const rv: Resolver = { ...r, atValidate: true };
  const p = validateMap(input.ctx(notes), schema, input.props, [], input.where, (k, x) => resolve(rv, x, [...at, k], 1), (k) => refersToResource(r, entry(input.props, k)));
  return { input, props: p };
}

/**
 * An external_id that is a get_attr (of a resource not made yet: None, so the server is not
 * adopted but validated): ResourceDefinition.validate checks the attribute against those the
 * stack's node data holds for that resource, which are only the ones named elsewhere (in a
 * resource's properties or metadata, or an output); any other is refused.
 */
function checkExternalId(inp: ServerInput): void {
  const ext = entry(inp.node, 'external_id');
  const conds = inp.conds;
  if (!ext || !conds || !hasConditions(conds.version)) return;
  let n: RNode | undefined = ext;
  for (let i = 0; i < 64 && n && n.kind === 'map' && n.entries!.length === 1 && n.entries![0][0] === 'if'; i++) {
    const b = chooseIf(conds, n, `resources.${inp.name}.external_id`);
    n = b && !isUnknown(b) ? b : undefined;
  }
  if (!n || n.kind !== 'map' || n.entries!.length !== 1 || n.entries![0][0] !== 'get_attr') return;
  const arg = n.entries![0][1];
  if (arg.kind !== 'seq' || arg.items!.length < 2) return;
  const [res, attr] = arg.items!;
  if (typeof res.value !== 'string' || typeof attr.value !== 'string' || attr.kind !== 'scalar' || !inp.tmpl.resources.some((x) => x.name === res.value && !inp.disabled?.has(x.name))) return;
  if (referencedAttributeNames(inp.tmpl, conds, inp.disabled ?? new Set(), res.value).has(attr.value)) return;
  throw new HeatError('heat-validate', `resources.${inp.name}.external_id.get_attr: The Referenced Attribute (${res.value} ${attr.value}) is incorrect.`, attr.span);
}

/**
 * The update policy as Resource.validate_template checks it, after the deletion policy and before
 * the properties: against the type's update policy schema, which a server (and every type bdm-lab
 * validates) has empty, so the first key written is unknown; a policy written as a function is
 * refused as Python refuses to iterate it.
 */
export function checkUpdatePolicy(inp: ServerInput): void {
  const u = entry(inp.node, 'update_policy');
  if (!u || u.kind !== 'map' || !u.entries!.length) return;
  const cls = u.entries!.length === 1 ? functionClass(inp.conds?.version ?? '', u) : null;
  // a function (not resolved there) is no map the schema's check can go through: Python's TypeError,
  // which Stack.validate words with the resource (an `if` is decided when parsed: not followed)
  if (cls && !/^If/.test(cls)) throw new HeatError('heat-validate', `TypeError: resources.${inp.name}: '${cls}' object is not iterable`, u.span);
  if (cls) return;
  const [k, v] = u.entries![0];
  throw new HeatError('heat-validate', `Property error: resources.${inp.name}.update_policy: Unknown Property ${v.keyText ?? k}`, v.keySpan ?? u.span);
}

/** a refusal of Heat's as a translation's error (`creating`: when Heat creates the server), or null for any other exception */
export function heatRefusal(e: unknown, creating = false): HeatTranslation['error'] {
  const when = creating ? { atCreate: true as const } : {};
  if (e instanceof HeatError) return { stage: e.stage, message: e.message, span: e.span, ...when };
  if (e instanceof PropertyFunctionError) return { stage: 'heat-validate', message: e.message, span: e.span, ...when };
  if (e instanceof TemplateLimit) return { stage: 'limit', message: e.message, span: e.span };
  // (a reference that only fails once Heat resolves it for the create, e.g. get_attr on the id a
  // get_resource gives: Stack.validate passed, the server fails as it is made)
  if (e instanceof TemplateError || e instanceof StackError) return { stage: 'template', message: e.message, span: e.span, ...when };
  return null;
}

/** Translate one server resource: Stack.validate's view of it, then its creation. */
export function translateServer(inp: ServerInput): HeatTranslation {
  const out: HeatTranslation = { microversion: inp.microversion, body: null, error: null, notes: [], places: new Map(), imageRef: null, props: null };
  const typeSpan = entry(inp.node, 'type')?.span ?? inp.keySpan;
  let creating = false;
  try {
    // Stack.validate: the properties (no resource made yet), then the block devices and the rest of
    // Server.validate
    const seen: TemplateNote[] = [];
    let input: PropsInput;
    try {
      const v = validateAtStack(inp, SERVER, seen, { between: () => checkUpdatePolicy(inp) });
      input = v.input;
      out.props = v.props;
      validateServer(inp, v.props, typeSpan);
    } catch (e) {
      out.notes.push(...seen);
      throw e;
    }
    // creating the server (its resources made): Properties.validate again, now with every value
    creating = true;
    const { r, props, at, where } = input;
    input.r.notes = out.notes;
    const p = validateMap(input.ctx(out.notes), SERVER, props, [], where, (k, x) => resolve(r, x, [...at, k], 1));
    out.props = p;
    // handle_create reads the properties again, with the RESOLVE rules (a false name is none)
    out.body = buildBody(inp, atCreate(p), out, typeSpan);
    out.imageRef = (out.body.server.imageRef as string) || null;
  } catch (e) {
    const err = heatRefusal(e, creating);
    if (!err) throw e;
    out.error = err;
  }
  return out;
}

const at = (v: PVal | undefined, fallback: Span): Span => v?.node?.keySpan ?? v?.node?.span ?? fallback;

/** Server._validate_block_device_mapping */
function validateBdm(inp: ServerInput, p: Record<string, PVal | undefined>, whole: Span): void {
  const v1 = p.block_device_mapping?.list ?? [];
  const v2 = p.block_device_mapping_v2?.list ?? [];
  const image = p.image?.v;
  // an entry that is a function bdm-lab does not evaluate: what it holds is unknown (a note names it)
  // (so is a whole list, or a value in an entry, that bdm-lab does not evaluate: a function's list
  // it cannot resolve is left out of the properties, though the template writes it)
  const raw = entry(inp.node, 'properties');
  const unknownList = (k: string) => {
    const n = entry(raw, k);
    return !!n && p[k] === undefined && n.kind === 'map' && n.entries!.length === 1 && n.entries![0][0] !== 'if';
  };
  if (unknownList('block_device_mapping') || unknownList('block_device_mapping_v2')) return;
  if ([...v1, ...v2].some((m) => m.node?.kind === 'unresolved' || Object.values(m.map ?? {}).some((x) => x?.node?.kind === 'unresolved'))) return;
  if (v1.length && v2.length) throw new HeatError('heat-validate', 'Cannot define the following properties at the same time: block_device_mapping, block_device_mapping_v2.', at(p.block_device_mapping_v2, whole));
  let bootable = image !== undefined && image !== null;
  for (const m of v1) {
    const g = (k: string) => m.map?.[k]?.v;
    if (g('device_name') === 'vda') bootable = true;
    if (g('volume_id') != null && g('snapshot_id') != null) throw new HeatError('heat-validate', 'Cannot define the following properties at the same time: volume_id, snapshot_id.', m.node?.span ?? whole);
    if (g('volume_id') == null && g('snapshot_id') == null) throw new HeatError('heat-validate', `Either volume_id or snapshot_id must be specified for device mapping ${String(g('device_name'))}`, m.node?.span ?? whole);
  }
  const bootableDevs: unknown[] = [image];
  for (const m of v2) {
    const g = (k: string) => m.map?.[k]?.v;
    const eph = g('ephemeral_size') || g('ephemeral_format');
    const tuple = [g('volume_id'), g('snapshot_id'), g('image'), g('swap_size'), eph === undefined ? undefined : eph];
    const nones = tuple.filter((x) => x === undefined || x === null).length;
    if (nones < 4) throw new HeatError('heat-validate', 'Cannot define the following properties at the same time: volume_id, snapshot_id, image, swap_size, ephemeral_size, ephemeral_format.', m.node?.span ?? whole);
    if (nones === 5) throw new HeatError('heat-validate', 'Either volume_id, snapshot_id, image_id, swap_size, ephemeral_size or ephemeral_format must be specified.', m.node?.span ?? whole);
    if (tuple.slice(0, 3).some((x) => x != null) && (g('boot_index') == null || g('boot_index') === 0)) {
      bootable = true;
      bootableDevs.push(...tuple.slice(0, 3));
    }
  }
  const here = at(p.block_device_mapping_v2 ?? p.block_device_mapping ?? p.image, whole);
  if (!bootable) throw new HeatError('heat-validate', `Neither image nor bootable volume is specified for instance ${inp.name}`, here);
  if (v2.length && bootableDevs.filter((x) => x != null).length !== 1) throw new HeatError('heat-validate', `Multiple bootable sources for instance ${inp.name}.`, here);
}

/** Server.validate after the properties: block devices, networks, microversion gates, metadata. */
function validateServer(inp: ServerInput, p: Record<string, PVal | undefined>, whole: Span): void {
  validateBdm(inp, p, whole);
  const nets = p.networks?.list ?? [];
  const strNet = nets.find((n) => n.map?.allocate_network?.v);
  const netsAt = at(p.networks, whole);
  if (strNet) {
    if (nets.length !== 1) throw new HeatError('heat-validate', 'Property "allocate_network" can not be specified if multiple network interfaces set for server.', netsAt);
    if (!mvAtLeast(inp.microversion, '2.37')) throw new HeatError('heat-validate', 'Cannot use "allocate_network" property - compute service does not support the required api microversion.', netsAt);
  }
  const sg = p.security_groups?.v;
  if (nets.some((n) => n.map?.port?.v != null) && Array.isArray(sg) && sg.length) throw new HeatError('heat-validate', 'Cannot define the following properties at the same time: security_groups, networks/port.', at(p.security_groups, whole));
  if (nets.some((n) => n.map?.tag?.v) && !mvAtLeast(inp.microversion, '2.42')) throw new HeatError('heat-validate', '(\'Cannot use "%s" property in networks - nova does not support required api microversion.\', \'tag\')', netsAt);
  const tags = p.tags?.v;
  if (Array.isArray(tags) && tags.length && !mvAtLeast(inp.microversion, '2.26')) throw new HeatError('heat-validate', 'Cannot use "tags" property - nova does not support required api microversion.', at(p.tags, whole));
  const pers = p.personality?.v as Record<string, unknown> | undefined;
  if (pers && Object.keys(pers).length && mvAtLeast(inp.microversion, '2.57')) throw new HeatError('heat-validate', 'Cannot use the personality parameter as nova no longer supports it. Use user_data instead.', at(p.personality, whole));
  const meta = p.metadata?.v as Record<string, unknown> | undefined;
  if (meta && Object.keys(meta).length > 128) throw new HeatError('heat-validate', 'Instance metadata must not contain greater than 128 entries.  This is the maximum number allowed by your service provider', at(p.metadata, whole));
}

function place(out: HeatTranslation, path: BodyPath, v: PVal | undefined, whole: Span): void {
  const n = v?.node;
  out.places.set(JSON.stringify(path), n ? { key: n.keySpan, value: n.span, whole: n.keySpan ? { offset: n.keySpan.offset, length: n.span.offset + n.span.length - n.keySpan.offset } : n.span } : { whole });
}

/** handle_create and novaclient's servers.create/_boot: the body, in novaclient's key order. */
function buildBody(inp: ServerInput, p: Record<string, PVal | undefined>, out: HeatTranslation, whole: Span): NonNullable<HeatTranslation['body']> {
  const g = (k: string) => p[k]?.v;
  const s: Record<string, unknown> = {};
  const image = g('image') as string | undefined;
  const imageId = image ? standInId('image', image) : '';
  // Heat's physical name: <stack>-<resource>-<12 random letters>; the stack and letters are stand-ins
  s.name = g('name') || `${STACK_NAME}-${inp.name}-abcdefghijkl`;
  s.imageRef = imageId;
  // novaclient's flavorRef is the flavor Heat found ('' when it looked up nothing)
  s.flavorRef = g('flavor') ? standInId('flavor', String(g('flavor'))) : '';
  place(out, ['server', 'imageRef'], p.image, whole);
  place(out, ['server', 'flavorRef'], p.flavor, whole);
  place(out, ['server', 'name'], p.name, whole);
  userData(p, s);
  const meta = g('metadata') as Record<string, unknown>;
  // (a value that is no string: its json.dumps, a YAML float as Python writes it, `1.0` not `1`)
  const metaNode = p.metadata?.node;
  if (meta && Object.keys(meta).length) s.metadata = Object.fromEntries(Object.entries(meta).map(([k, v]) => {
    const child = metaNode?.kind === 'map' ? entry(metaNode, k) : undefined;
    // (json.dumps of a value bdm-lab does not evaluate: a stand-in text, with a note)
    const unknown = child && unresolvedIn(child);
    if (unknown) {
      const id = standInId('unresolved', `${unknown.span.offset}`);
      out.notes.push({ span: unknown.span, message: `metadata.${k}: ${unknown.why}; Heat sends json.dumps of it, bdm-lab the stand-in ${id}.` });
      return [k, id];
    }
    return [k, typeof v === 'string' ? v : child && child.value === v ? jsonOfNode(child) : pyJsonDumps(v)];
  }));
  if (g('reservation_id')) s.return_reservation_id = g('reservation_id');
  if (g('key_name')) s.key_name = g('key_name');
  const hints = g('scheduler_hints') as Record<string, unknown> | undefined;
  if (g('config_drive')) s.config_drive = true;
  if (g('admin_pass')) s.adminPass = g('admin_pass');
  s.min_count = 1;
  s.max_count = 1;
  const sg = g('security_groups') as unknown[];
  if (sg?.length) s.security_groups = sg.map((name) => ({ name }));
  const files = g('personality') as Record<string, unknown> | undefined;
  if (files && Object.keys(files).length) s.personality = Object.keys(files).sort().map((path) => ({ path, contents: base64(String(files[path] ?? '')) }));
  if (g('availability_zone')) s.availability_zone = g('availability_zone');
  bdms(inp, p, out, s, imageId, whole);
  const nics = buildNics(p.networks?.list ?? []);
  if (!nics && mvAtLeast(inp.microversion, '2.37')) throw new HeatError('novaclient', 'nics are required after microversion 2.36', at(p.networks, whole));
  if (nics) {
    s.networks = nics;
    place(out, ['server', 'networks'], p.networks, whole);
  }
  if (g('diskConfig') != null) s['OS-DCF:diskConfig'] = g('diskConfig');
  return hints && Object.keys(hints).length ? { server: s, 'os:scheduler_hints': hints } : { server: s };
}

function userData(p: Record<string, PVal | undefined>, s: Record<string, unknown>): void {
  const fmt = p.user_data_format?.v;
  const ud = String(p.user_data?.v ?? '');
  if (fmt === 'RAW' && ud === '') return;
  s.user_data = USER_DATA_STANDIN;
}

/** A list built as novaclient builds it: Python's TypeError there is novaclient's refusal, placed on the property. */
function asNovaclient<T>(build: () => T, prop: PVal | undefined, whole: Span): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof HeatTypeError) throw new HeatError('novaclient', e.message, at(prop, whole));
    throw e;
  }
}

function bdms(inp: ServerInput, p: Record<string, PVal | undefined>, out: HeatTranslation, s: Record<string, unknown>, imageId: string, whole: Span): void {
  const v1 = p.block_device_mapping?.list ?? [];
  const v2 = p.block_device_mapping_v2?.list ?? [];
  if (v1.length) {
    const built = asNovaclient(() => buildBdmV1(v1), p.block_device_mapping, whole);
    s.block_device_mapping = built.map((b) => b.entry);
    place(out, ['server', 'block_device_mapping'], p.block_device_mapping, whole);
    built.forEach((b, i) => placeEntry(out, ['server', 'block_device_mapping', i], b.src, b.keys, whole));
  } else if (v2.length) {
    const built = asNovaclient(() => buildBdmV2(v2), p.block_device_mapping_v2, whole);
    // every entry skipped (no source, a swap or ephemeral size of 0): Heat passes an empty list,
    // which novaclient's _boot takes as none (no key, no image root)
    if (!built.length) return;
    const list = built.map((b) => b.entry);
    place(out, ['server', 'block_device_mapping_v2'], p.block_device_mapping_v2, whole);
    const shift = imageId ? 1 : 0;
    if (imageId) {
      list.unshift({ uuid: imageId, source_type: 'image', destination_type: 'local', boot_index: 0, delete_on_termination: true });
      place(out, ['server', 'block_device_mapping_v2', 0], p.image, whole);
    }
    built.forEach((b, i) => placeEntry(out, ['server', 'block_device_mapping_v2', i + shift], b.src, b.keys, whole));
    s.block_device_mapping_v2 = list;
  }
  void inp;
}

/** each body key of an entry placed on the Heat key that writes it (else on the entry) */
function placeEntry(out: HeatTranslation, path: BodyPath, src: PVal, keys: Record<string, string>, whole: Span): void {
  place(out, path, src, whole);
  for (const [bodyKey, heatKey] of Object.entries(keys)) {
    const v = src.map?.[heatKey];
    if (v?.node) place(out, [...path, bodyKey], v, whole);
  }
}
